# shellcheck shell=bash
# Common environment for the build/ scripts. Source it, don't run it:
#   source build/env.sh
# After sourcing, a plain `go test ./...` in the repo builds for windows/amd64
# and (on Linux) runs each test binary under Wine via build/bin/go_windows_amd64_exec.
#
# Knobs (all optional, set before sourcing):
#   WINCGO_CACHE   cache dir (tools, winexec, Wine prefix);
#                  default ${XDG_CACHE_HOME:-$HOME/.cache}/wincgo
#   WINEPREFIX     Wine prefix to use; default $WINCGO_CACHE/wineprefix
#   WINEDEBUG      default -all (set e.g. WINEDEBUG=err+all to see Wine errors)
#   WINCGO_WINESERVER_PERSIST  seconds wineserver stays up when idle (default 300)

WINCGO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Go's build cache hashes the headers in a package's own directory, not
# those it includes from elsewhere, and every package includes cdefs/: fold
# a hash of cdefs/ into CGO_CFLAGS, which is part of the cache key, so that
# editing a header rebuilds what includes it. Added once, however often
# this file is sourced, so that every go command here shares one key.
if [[ "${CGO_CFLAGS:-}" != *WINCGO_CDEFS_HASH=* ]]; then
	WINCGO_CDEFS_HASH="$(cat "$WINCGO_ROOT"/cdefs/*.h "$WINCGO_ROOT"/cdefs/*/*.h 2>/dev/null | sha256sum | cut -c1-16)"
	export CGO_CFLAGS="${CGO_CFLAGS:--O2 -g} -DWINCGO_CDEFS_HASH=$WINCGO_CDEFS_HASH"
fi
export WINCGO_ROOT
export WINCGO_CACHE="${WINCGO_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/wincgo}"

# Versions of the Go tools that build/install.sh puts in $WINCGO_CACHE/bin.
export WINCGO_ACTIONLINT_VERSION="v1.7.12"
export WINCGO_GOTESTSUM_VERSION="v1.13.0"
export WINCGO_BENCHSTAT_VERSION="v0.0.0-20260908200009-22c9c6c9d4da"
export WINCGO_GOLANGCI_LINT_VERSION="v2.15.0"

# Debian packages needed on a Linux host.
# shellcheck disable=SC2034 # used by install.sh
WINCGO_APT_PACKAGES=(gcc gcc-mingw-w64-x86-64 gcc-mingw-w64-i686 wine64 wine shellcheck python3)

# Native Windows shell (Git Bash / MSYS2 / Cygwin): no Wine, native go test.
case "$(uname -s 2>/dev/null || true)" in
MINGW* | MSYS* | CYGWIN*) WINCGO_NATIVE=1 ;;
*) if [[ "${OS:-}" == "Windows_NT" ]]; then WINCGO_NATIVE=1; else WINCGO_NATIVE=0; fi ;;
esac
export WINCGO_NATIVE

# PATH: our exec wrappers and the cached Go tools (idempotent).
wincgo_path_prepend() {
	case ":$PATH:" in
	*":$1:"*) ;;
	*) PATH="$1:$PATH" ;;
	esac
}
wincgo_path_prepend "$WINCGO_CACHE/bin"
if [[ "$WINCGO_NATIVE" == 0 ]]; then
	wincgo_path_prepend "$WINCGO_ROOT/build/bin"
fi
export PATH

export GOOS=windows
# Cross-compiling from Linux: amd64 (the 386 build is lint.sh's). In a
# native Windows shell: the Go toolchain's own architecture (a 32-bit Go in
# MSYS2 MINGW32 tests windows/386 with its i686 gcc).
if [[ "$WINCGO_NATIVE" == 1 ]]; then
	GOARCH="$(env -u GOARCH go env GOHOSTARCH 2>/dev/null || echo amd64)"
	export GOARCH
else
	export GOARCH=amd64
fi
export CGO_ENABLED=1

if [[ "$WINCGO_NATIVE" == 0 ]]; then
	export CC=x86_64-w64-mingw32-gcc
	export WINEPREFIX="${WINEPREFIX:-$WINCGO_CACHE/wineprefix}"
	export WINEDEBUG="${WINEDEBUG:--all}"
	export WINEARCH=win64
	# No desktop menu entries in $HOME, no Mono/Gecko install prompts.
	export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-winemenubuilder.exe=d;mscoree,mshtml=}"
	export WINCGO_WINESERVER_PERSIST="${WINCGO_WINESERVER_PERSIST:-300}"
fi

# The 386 compiler, for lint.sh's build and type check and test.sh's
# windows/386 pass (run under Wine's WoW64 where wincgo_i386_status says
# yes).
wincgo_cc_386() {
	if [[ "$WINCGO_NATIVE" == 0 ]]; then
		echo i686-w64-mingw32-gcc
	elif command -v i686-w64-mingw32-gcc >/dev/null 2>&1; then
		echo i686-w64-mingw32-gcc
	fi
}

# ------------------------------------------------- 32-bit programs (WoW64) --
# Debian's 32-bit Wine loader (package wine32:i386) and the file where
# install.sh caches whether this kernel runs i386 programs at all (some
# kernels are built without IA32 emulation, or boot with it off: every
# i386 ELF then fails with "Exec format error", the 32-bit loader too).
WINCGO_WINE32_LOADER="${WINCGO_WINE32_LOADER:-/usr/lib/wine/wine}"
WINCGO_WINE64_LOADER="${WINCGO_WINE64_LOADER:-/usr/lib/wine/wine64}"

# wincgo_i386_probe_result: install.sh's cached answer for the running
# kernel ("yes" or "no: why"), empty when not probed since it booted.
wincgo_i386_probe_result() {
	local file="$WINCGO_CACHE/i386-probe" boot=""
	[[ -f "$file" ]] || return 0
	boot="$(cat /proc/sys/kernel/random/boot_id 2>/dev/null || true)"
	[[ "$(sed -n 1p "$file")" == "boot: $boot" ]] || return 0
	sed -n 's/^result: //p' "$file"
}

# wincgo_i386_status: "yes" when test.sh can run the windows/386 suite
# under Wine (a kernel that runs i386 programs, wine32 installed, a prefix
# with a 32-bit system; cmd/winexec adds the 32-bit ProcessPrng shim on the
# first 32-bit run), else "no: why".
wincgo_i386_status() {
	local probe
	probe="$(wincgo_i386_probe_result)"
	if [[ -z "$probe" ]]; then
		echo "no: not probed yet (build/install.sh probes the kernel)"
	elif [[ "$probe" != yes ]]; then
		echo "$probe"
	elif [[ ! -x "$WINCGO_WINE32_LOADER" ]]; then
		echo "no: wine32:i386 is not installed (build/install.sh installs it as root)"
	elif [[ -d "$WINEPREFIX/drive_c/windows" && ! -f "$WINEPREFIX/drive_c/windows/syswow64/kernel32.dll" ]]; then
		echo "no: the Wine prefix $WINEPREFIX was made without wine32 (its syswow64 is empty): remove it, and build/install.sh makes it again"
	else
		echo yes
	fi
}

# wincgo_wine64_only: when wine32 is installed on a kernel that cannot run
# i386 programs, Debian's wine script (/usr/bin/wine-stable, which wineboot
# and the other tools exec too) still prefers the 32-bit loader, so every
# Wine command fails with "Exec format error", 64-bit programs included.
# Then put a directory first on PATH whose wine and wine-stable run the
# 64-bit loader, with WINELOADER set, which is what Debian's script does
# when wine32 is absent. Nothing changes anywhere else.
wincgo_wine64_only() {
	[[ "$WINCGO_NATIVE" == 0 && -x "$WINCGO_WINE32_LOADER" && -x "$WINCGO_WINE64_LOADER" ]] || return 0
	local probe dir="$WINCGO_CACHE/wine64-only" name
	probe="$(wincgo_i386_probe_result)"
	[[ -n "$probe" && "$probe" != yes ]] || return 0
	if [[ ! -x "$dir/wine-stable" || "$(sed -n 2p "$dir/wine-stable")" != "exec '$WINCGO_WINE64_LOADER' \"\$@\"" ]]; then
		mkdir -p "$dir"
		for name in wine wine-stable; do
			printf '#!/bin/sh\nexec %s "$@"\n' "'$WINCGO_WINE64_LOADER'" >"$dir/$name.tmp"
			chmod +x "$dir/$name.tmp"
			mv -f "$dir/$name.tmp" "$dir/$name"
		done
	fi
	wincgo_path_prepend "$dir"
	export PATH WINELOADER="$WINCGO_WINE64_LOADER"
}
wincgo_wine64_only

# cmd/winexec, built by install.sh: it makes the Wine prefix and runs the
# Windows programs (the exec wrapper, demo.sh).
export WINCGO_WINEXEC="$WINCGO_CACHE/bin/winexec"

# wincgo_winexec_stale: true when $WINCGO_WINEXEC is missing or older than
# a file of cmd/winexec (install.sh then rebuilds it).
wincgo_winexec_stale() {
	local f
	[[ -x "$WINCGO_WINEXEC" ]] || return 0
	for f in "$WINCGO_ROOT"/cmd/winexec/*.go "$WINCGO_ROOT"/cmd/winexec/prng/*; do
		[[ "$f" -nt "$WINCGO_WINEXEC" ]] && return 0
	done
	return 1
}

# wincgo_wine_up: make the prefix ready and start a wineserver for it,
# persistent for $WINCGO_WINESERVER_PERSIST idle seconds, with Wine's
# background processes (services.exe, explorer.exe, ...) started with their
# stdio on /dev/null: see wineUp in cmd/winexec for why (go test would wait
# for them otherwise).
wincgo_wine_up() {
	wincgo_winexec -setup
}

# wincgo_winexec ARGS...: runs winexec, building it first when it is stale
# (install.sh --prefix-only, which also makes the prefix).
wincgo_winexec() {
	if wincgo_winexec_stale; then
		bash "$WINCGO_ROOT/build/install.sh" --prefix-only >&2 || return
	fi
	"$WINCGO_WINEXEC" "$@"
}

# wincgo_has_pkg_arg ARGS...: true if some argument looks like a package
# pattern (./x, ../x, /abs, anything with "...", or an import path
# github.com/...). test.sh and bench.sh add ./... when none does, so
# `build/test.sh -run TestFoo` runs TestFoo in every package. Give flag values
# that look like paths in -flag=value form (-coverprofile=./c.out).
wincgo_has_pkg_arg() {
	local a
	for a in "$@"; do
		case "$a" in
		./* | ../* | /* | *...* | github.com/*) return 0 ;;
		esac
	done
	return 1
}
