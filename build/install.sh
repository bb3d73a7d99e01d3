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

# -------------------------------------------------------------------- main --
if [[ "$WINCGO_NATIVE" == 1 ]]; then
	command -v go >/dev/null 2>&1 || die "go is not on PATH"
	command -v "${CC:-gcc}" >/dev/null 2>&1 ||
		die "${CC:-gcc} not found: install MinGW-w64 gcc (e.g. MSYS2 mingw-w64-x86_64-gcc) and put it on PATH"
else
	install_packages
	[[ "$mode" != packages ]] || exit 0
	command -v go >/dev/null 2>&1 ||
		die "go is not on PATH (this module needs Go $(sed -n 's/^go //p' "$WINCGO_ROOT/go.mod" 2>/dev/null) or newer)"
	install_winexec
	# The prefix (created on first use, ~10-20 s) and a running wineserver.
	"$WINCGO_WINEXEC" -setup
fi
if [[ "$mode" == all ]]; then
	install_go_tool actionlint github.com/rhysd/actionlint/cmd/actionlint "$WINCGO_ACTIONLINT_VERSION"
	install_go_tool gotestsum gotest.tools/gotestsum "$WINCGO_GOTESTSUM_VERSION"
	# The first build takes minutes (many dependencies); cached after.
	# Not when lint.sh will skip it (WINCGO_SKIP_GOLANGCI=1, see lint.sh).
	[[ "${WINCGO_SKIP_GOLANGCI:-0}" == 1 ]] ||
		install_go_tool golangci-lint github.com/golangci/golangci-lint/v2/cmd/golangci-lint "$WINCGO_GOLANGCI_LINT_VERSION"
fi
if [[ "$mode" == bench ]]; then
	install_go_tool benchstat golang.org/x/perf/cmd/benchstat "$WINCGO_BENCHSTAT_VERSION"
fi
