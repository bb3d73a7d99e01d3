#!/usr/bin/env bash
# Installs (idempotently) everything the build/ scripts need:
#   - Debian packages (WINCGO_APT_PACKAGES in env.sh): mingw-w64 gcc for amd64
#     and 386, wine64, wine, shellcheck, python3
#     (apt-get when root; otherwise prints what to install and exits 1)
#   - actionlint, gotestsum and golangci-lint into $WINCGO_CACHE/bin (pinned,
#     via go install); benchstat too, with --bench
#   - cmd/winexec built into $WINCGO_CACHE/bin, and through it (winexec
#     -setup) the Wine prefix ($WINEPREFIX), with the ProcessPrng shim
#     installed when Wine lacks bcryptprimitives.dll
#   - for the windows/386 suite, only where this kernel runs i386 programs
#     (probed once per boot): wine32:i386 (apt, as root); winexec puts the
#     32-bit shim into the prefix's syswow64 when a 32-bit program first
#     runs. Elsewhere test.sh says "windows/386 suite NOT RUN: why".
# A second run only checks stamps and takes well under a second.
#
# Usage: build/install.sh [--prefix-only | --bench | --packages-only]
#   --prefix-only    skip the Go tools (used by the exec wrapper, demo)
#   --bench          the prefix and benchstat only (used by bench.sh)
#   --packages-only  only the Debian packages (for `sudo` in CI; see wine.yml)
set -euo pipefail

# shellcheck source=SCRIPTDIR/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

mode=all
case "${1:-}" in
"") ;;
--prefix-only) mode=prefix ;;
--bench) mode=bench ;;
--packages-only) mode=packages ;;
*)
	echo "usage: $0 [--prefix-only | --bench | --packages-only]" >&2
	exit 2
	;;
esac

log() { echo "install: $*" >&2; }
die() {
	echo "install: ERROR: $*" >&2
	exit 1
}

# ---------------------------------------------------------------- packages --
install_packages() {
	local missing=() pkg
	if command -v dpkg-query >/dev/null 2>&1; then
		for pkg in "${WINCGO_APT_PACKAGES[@]}"; do
			if [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)" != ii* ]]; then
				missing+=("$pkg")
			fi
		done
	else
		local cmd
		for cmd in x86_64-w64-mingw32-gcc i686-w64-mingw32-gcc wine wineserver wineboot; do
			command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
		done
		if ((${#missing[@]})); then
			die "missing commands: ${missing[*]}. Install mingw-w64 gcc (x86_64 and i686) and Wine >= 8 (64-bit) with your package manager."
		fi
		return 0
	fi
	((${#missing[@]})) || return 0

	if [[ "$(id -u)" != 0 ]]; then
		die "missing Debian packages: ${missing[*]}
  install them as root, then re-run:
    sudo apt-get update && sudo apt-get install -y ${missing[*]}"
	fi
	log "installing ${missing[*]} (apt-get)"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq "${missing[@]}" >&2
}

# ---------------------------------------------------------------- go tools --
install_go_tool() { # name module version
	local name=$1 module=$2 version=$3
	local bin="$WINCGO_CACHE/bin/$name" stamp="$WINCGO_CACHE/bin/.$name.version"
	if [[ (-x "$bin" || -x "$bin.exe") && -f "$stamp" && "$(<"$stamp")" == "$version" ]]; then
		return 0
	fi
	command -v go >/dev/null 2>&1 || die "go is not on PATH"
	mkdir -p "$WINCGO_CACHE/bin"
	log "go install $module@$version"
	# A host binary: drop the windows cross-compilation settings.
	(cd "$WINCGO_CACHE" && env -u GOOS -u GOARCH -u CC CGO_ENABLED=0 GOBIN="$WINCGO_CACHE/bin" \
		go install "$module@$version") >&2
	echo "$version" >"$stamp"
}

# ----------------------------------------------------------------- winexec --
# cmd/winexec makes the Wine prefix (with the ProcessPrng shim where Wine
# lacks bcryptprimitives.dll) and runs every Windows program of the scripts
# (the exec wrapper, demo.sh). Built into $WINCGO_CACHE/bin when missing or
# older than its source: a `go run` per test binary would cost ~0.5 s more
# each. Built to a new file renamed over the old one, as test binaries may
# be running it.
install_winexec() {
	wincgo_winexec_stale || return 0
	local tmp
	log "building cmd/winexec into $WINCGO_WINEXEC"
	mkdir -p "$(dirname "$WINCGO_WINEXEC")"
	tmp="$(mktemp "$WINCGO_WINEXEC.XXXXXX")"
	# A host program: drop the windows cross-compilation settings.
	if ! (cd "$WINCGO_ROOT" && env -u GOOS -u GOARCH -u CC CGO_ENABLED=0 go build -o "$tmp" ./cmd/winexec) >&2; then
		rm -f "$tmp"
		die "building cmd/winexec failed"
	fi
	mv -f "$tmp" "$WINCGO_WINEXEC"
}

# ------------------------------------------------------ 32-bit Wine (WoW64) --
# The windows/386 suite runs under Wine's WoW64: Debian's wine32:i386 (the
# 32-bit loader and DLLs, multiarch), a prefix made while it was installed
# (a prefix made without it has an empty syswow64 and stays broken for
# 32-bit programs: "could not load kernel32.dll, status c0000135", which
# wineboot -u does not mend; cmd/winexec says so) and, on Wine < 9, the
# 32-bit ProcessPrng shim in syswow64 (cmd/winexec installs it). None of
# it where the kernel cannot execute i386 programs: wine32 cannot run
# there, and Debian's wine script would then pick its 32-bit loader for
# 64-bit programs too (cmd/winexec and wincgo_wine64_only in env.sh run
# the 64-bit loader instead).

# probe_i386: does this kernel execute i386 programs? A tiny linux/386 Go
# program, built (cached by Go) and run once per boot; the answer is kept in
# $WINCGO_CACHE/i386-probe for wincgo_i386_status.
probe_i386() {
	[[ -z "$(wincgo_i386_probe_result)" ]] || return 0
	local dir out result boot rc=0
	dir="$(mktemp -d)"
	printf 'package main\n\nfunc main() {}\n' >"$dir/main.go"
	if ! out="$(cd "$dir" && env -u GOFLAGS GOOS=linux GOARCH=386 CGO_ENABLED=0 \
		go build -o probe main.go 2>&1)"; then
		result="no: cannot build the linux/386 probe: ${out//$'\n'/ }"
	else
		out="$("$dir/probe" 2>&1)" || rc=$?
		if ((rc == 0)); then
			result=yes
		else
			out="${out##*: }" # bash's "...: cannot execute binary file: Exec format error"
			result="no: this kernel cannot execute 32-bit x86 programs (a linux/386 program: ${out:-exit status $rc}), so neither can wine32"
		fi
	fi
	rm -rf "$dir"
	boot="$(cat /proc/sys/kernel/random/boot_id 2>/dev/null || true)"
	mkdir -p "$WINCGO_CACHE"
	printf 'boot: %s\nresult: %s\n' "$boot" "$result" >"$WINCGO_CACHE/i386-probe"
}

# wow64_wanted: true when the kernel runs i386 programs; then wine32:i386 is
# installed (as root; otherwise says how). Where the kernel cannot, says so
# when wine32 is installed all the same (winexec and env.sh work around it).
wow64_wanted() {
	probe_i386
	local probe
	probe="$(wincgo_i386_probe_result)"
	if [[ "$probe" != yes ]]; then
		if [[ -x "$WINCGO_WINE32_LOADER" ]]; then
			log "wine32:i386 is installed but ${probe#no: }.
  Debian's /usr/bin/wine then runs the 32-bit loader and fails for 64-bit
  programs too; cmd/winexec and the build/ scripts run
  $WINCGO_WINE64_LOADER instead (WINELOADER set). For plain \`wine\`
  outside them: apt-get remove wine32:i386"
		fi
		return 1
	fi
	[[ ! -x "$WINCGO_WINE32_LOADER" ]] || return 0
	if ! command -v dpkg >/dev/null 2>&1; then
		log "windows/386 under Wine needs your distribution's 32-bit Wine (WoW64): not installed"
		return 1
	fi
	if [[ "$(id -u)" != 0 ]]; then
		log "windows/386 under Wine needs wine32:i386; as root:
    dpkg --add-architecture i386 && apt-get update && apt-get install -y wine32:i386"
		return 1
	fi
	log "installing wine32:i386 (apt-get) for the windows/386 suite"
	export DEBIAN_FRONTEND=noninteractive
	if ! dpkg --print-foreign-architectures | grep -qx i386; then
		dpkg --add-architecture i386
	fi
	apt-get update -qq >&2
	apt-get install -y -qq wine32:i386 >&2
	[[ -x "$WINCGO_WINE32_LOADER" ]] || die "wine32:i386 installed, but $WINCGO_WINE32_LOADER is missing"
}

# -------------------------------------------------------------------- main --
# One Go version everywhere: go.mod's toolchain line, which CI's setup-go
# installs. Another local Go still works (go.mod's go line is the minimum)
# but is said, since results may differ.
go_toolchain() { sed -n 's/^toolchain go//p' "$WINCGO_ROOT/go.mod" 2>/dev/null; }
check_go_version() {
	local want have
	want="$(go_toolchain)"
	have="$(go env GOVERSION 2>/dev/null)" || return 0
	if [[ -n "$want" && "$have" != "go$want" ]]; then
		log "note: go is $have; this repository is developed and tested with go$want (go.mod's toolchain line, used by CI)"
	fi
}

if [[ "$WINCGO_NATIVE" == 1 ]]; then
	command -v go >/dev/null 2>&1 || die "go is not on PATH"
	command -v "${CC:-gcc}" >/dev/null 2>&1 ||
		die "${CC:-gcc} not found: install MinGW-w64 gcc (e.g. MSYS2 mingw-w64-x86_64-gcc) and put it on PATH"
else
	install_packages
	[[ "$mode" != packages ]] || exit 0
	command -v go >/dev/null 2>&1 ||
		die "go is not on PATH (this module is developed and tested with Go $(go_toolchain), go.mod's toolchain line)"
	# Before the first Wine command: where wine32 is installed on a kernel
	# that cannot run it, Debian's wine script fails even for 64-bit
	# programs, and wincgo_wine64_only (env.sh) needs the probe's answer to
	# run the 64-bit loader instead. wine32 is installed where it can run.
	probe_i386
	wincgo_wine64_only
	wow64_wanted || true
	install_winexec
	# The prefix (created on first use, ~10-20 s) and a running wineserver.
	"$WINCGO_WINEXEC" -setup
fi
if [[ "$mode" == all ]]; then
	check_go_version
	install_go_tool gotestsum gotest.tools/gotestsum "$WINCGO_GOTESTSUM_VERSION"
	# Lint's tools only where lint runs (test.sh's WINCGO_SKIP_LINT=1, as on
	# the Windows CI legs, skips it): golangci-lint's first build takes
	# minutes (many dependencies; cached after), and not when lint.sh will
	# skip it (WINCGO_SKIP_GOLANGCI=1, see lint.sh).
	if [[ "${WINCGO_SKIP_LINT:-0}" != 1 ]]; then
		install_go_tool actionlint github.com/rhysd/actionlint/cmd/actionlint "$WINCGO_ACTIONLINT_VERSION"
		[[ "${WINCGO_SKIP_GOLANGCI:-0}" == 1 ]] ||
			install_go_tool golangci-lint github.com/golangci/golangci-lint/v2/cmd/golangci-lint "$WINCGO_GOLANGCI_LINT_VERSION"
	fi
fi
if [[ "$mode" == bench ]]; then
	install_go_tool benchstat golang.org/x/perf/cmd/benchstat "$WINCGO_BENCHSTAT_VERSION"
fi
