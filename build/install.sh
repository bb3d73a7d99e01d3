#!/usr/bin/env bash
# Installs (idempotently) everything the build/ scripts need:
#   - Debian packages (WINCGO_APT_PACKAGES in env.sh): mingw-w64 gcc for amd64
#     and 386, wine64, wine, shellcheck, python3
#     (apt-get when root; otherwise prints what to install and exits 1)
#   - actionlint, gotestsum and golangci-lint into $WINCGO_CACHE/bin (pinned,
#     via go install); benchstat too, with --bench
#   - the ProcessPrng shim DLL (build/prng) built into $WINCGO_CACHE/prng/<hash>/
#   - the Wine prefix ($WINEPREFIX), with the shim installed when Wine lacks
#     bcryptprimitives.dll
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

# ----------------------------------------------------------- ProcessPrng DLL --
prng_src="$WINCGO_ROOT/build/prng"
prng_hash() { cat "$prng_src/prng.c" "$prng_src/prng.def" | sha256sum | cut -c1-16; }

build_prng_dll() { # prints the DLL path
	local dir
	dir="$WINCGO_CACHE/prng/$(prng_hash)"
	if [[ ! -f "$dir/bcryptprimitives.dll" ]]; then
		log "building bcryptprimitives.dll (ProcessPrng shim)"
		mkdir -p "$dir"
		x86_64-w64-mingw32-gcc -shared -O2 -s -o "$dir/bcryptprimitives.dll.tmp" \
			"$prng_src/prng.c" "$prng_src/prng.def" -ladvapi32 >&2
		mv -f "$dir/bcryptprimitives.dll.tmp" "$dir/bcryptprimitives.dll"
	fi
	echo "$dir/bcryptprimitives.dll"
}

# --------------------------------------------------------------- Wine prefix --
# Bump when the prefix set-up below changes: prefixes of ours made by an
# older set-up (or another Wine version) are then recreated.
PREFIX_SETUP_REV=2

# Rule for the shim: Wine >= 9 ships bcryptprimitives.dll, so never install it
# there. On older Wine install it only when system32 has no
# bcryptprimitives.dll or has ours (recognised by its marker string, so a
# changed shim replaces the old one); any other file there is left alone.
#
# $WINEPREFIX/.wincgo-stamp holds three lines (Wine version, set-up revision,
# shim state); when they are as expected, nothing is done.
setup_prefix() {
	local wine_version major stamp head expected dll="" dll_state target ours=0
	wine_version="$(wine --version 2>/dev/null)" || die "wine --version failed"
	major="${wine_version#wine-}"
	major="${major%%.*}"
	[[ "$major" =~ ^[0-9]+$ ]] || die "cannot parse Wine version '$wine_version'"

	if ((major >= 9)); then
		dll_state="dll: wine-builtin"
	else
		dll="$(build_prng_dll)"
		dll_state="dll: shim-$(prng_hash)"
	fi
	stamp="$WINEPREFIX/.wincgo-stamp"
	head="wine: $wine_version"$'\n'"setup: $PREFIX_SETUP_REV"
	expected="$head"$'\n'"$dll_state"
	if [[ -f "$stamp" && "$(<"$stamp")" == "$expected" ]]; then
		return 0
	fi

	# Serialise with other install.sh / exec-wrapper runs.
	mkdir -p "$WINCGO_CACHE" "$(dirname "$WINEPREFIX")"
	exec 8>"$WINCGO_CACHE/prefix.lock"
	flock 8
	if [[ -f "$stamp" && "$(<"$stamp")" == "$expected" ]]; then
		exec 8>&-
		return 0
	fi

	case "$WINEPREFIX" in "$WINCGO_CACHE"/*) ours=1 ;; esac
	# Our own prefix, but unfinished (no stamp) or made by another Wine version
	# or set-up revision: start over. A user-supplied prefix is used as it is.
	if ((ours)) && [[ -e "$WINEPREFIX" ]] &&
		[[ ! -f "$stamp" || "$(head -n2 "$stamp")" != "$head" ]]; then
		log "recreating $WINEPREFIX (unfinished, or made by another Wine or set-up)"
		(cd / && wineserver -k </dev/null >/dev/null 2>&1 8>&-) || true
		rm -rf "$WINEPREFIX"
	fi

	local t0=$SECONDS bootlog
	bootlog="$(mktemp)"
	# Everything Wine starts here gets a log file as stdio, never our stdout
	# (see wincgo_wine_up in env.sh); the log is shown on failure.
	wine_quiet() {
		(cd / && "$@" </dev/null >>"$bootlog" 2>&1 8>&-) || {
			cat "$bootlog" >&2
			rm -f "$bootlog"
			die "$* failed"
		}
	}
	if [[ ! -f "$WINEPREFIX/system.reg" ]]; then
		log "creating Wine prefix $WINEPREFIX"
		WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree,mshtml=" wine_quiet wineboot -i
		# Go >= 1.21 supports Windows 10 and later: look like it.
		wine_quiet wine winecfg /v win10
		# Headless windows: the "null" graphics driver lets CreateWindow etc.
		# succeed without an X display (tests must not depend on $DISPLAY).
		wine_quiet wine reg add 'HKCU\Software\Wine\Drivers' /v Graphics /d null /f
		# Let the server write the registry to disk and exit; the exec wrapper
		# later starts a persistent one with detached stdio.
		(cd / && wineserver -w </dev/null >/dev/null 2>&1 8>&-) || true
	fi
	rm -f "$bootlog"

	if [[ -n "$dll" ]]; then
		target="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
		[[ -d "$(dirname "$target")" ]] || die "$WINEPREFIX has no drive_c/windows/system32"
		if [[ ! -e "$target" ]] || grep -aq wincgo-processprng-shim "$target"; then
			if ! cmp -s "$dll" "$target"; then
				log "installing ProcessPrng shim into $target"
				cp -f "$dll" "$target"
			fi
		else
			log "$target exists and is not ours: leaving it alone"
			expected="$head"$'\n'"dll: prefix-own"
		fi
	fi
	echo "$expected" >"$stamp"
	exec 8>&-
	if ((SECONDS - t0 > 0)); then
		log "Wine prefix ready in $((SECONDS - t0))s"
	fi
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
	setup_prefix
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
