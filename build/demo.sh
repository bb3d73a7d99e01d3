#!/usr/bin/env bash
# The project's run command: cross-compiles a main package for windows/amd64
# and runs it under Wine (natively on Windows). Its stdout, stderr and exit
# status are passed through.
#
#   bash build/demo.sh [PACKAGE_DIR] [--] [program args...]
#
# PACKAGE_DIR defaults to both ./examples/demo and ./examples/proactor
# (relative to the repo root), run one after the other; a directory given
# on the command line is relative to the current directory and may be any
# main package, even one in another module. An import path
# (github.com/wincgo/wincgo/examples/x) is built from the repo root.
set -euo pipefail

# shellcheck source=SCRIPTDIR/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# With no PACKAGE_DIR, both demos run, one after the other: examples/demo
# (a reactor on MsgWaitForMultipleObjects) then examples/proactor (one
# completion port); the exit status is non-zero if either failed.
pkgs=("$WINCGO_ROOT/examples/demo" "$WINCGO_ROOT/examples/proactor")
if (($#)) && [[ "$1" != -* ]]; then
	pkgs=("$1")
	shift
fi
if (($#)) && [[ "$1" == -- ]]; then
	shift
fi

if [[ "${WINCGO_SKIP_INSTALL:-0}" != 1 ]]; then
	bash "$WINCGO_ROOT/build/install.sh" --prefix-only
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

rc=0
for pkg in "${pkgs[@]}"; do
	name="$(basename "$pkg")"
	exe="$tmp/$name.exe"
	if [[ -d "$pkg" ]]; then
		(cd "$pkg" && go build -o "$exe" .)
	else
		case "$pkg" in
		. | .. | ./* | ../* | /*)
			echo "demo.sh: no such package directory: $pkg" >&2
			exit 2
			;;
		*) (cd "$WINCGO_ROOT" && go build -o "$exe" "$pkg") ;;
		esac
	fi
	if ((${#pkgs[@]} > 1)); then
		echo "== $name =="
	fi
	prc=0
	if [[ "$WINCGO_NATIVE" == 1 ]]; then
		"$exe" "$@" || prc=$?
	else
		# Not exec: the trap must remove the temporary directory afterwards.
		wincgo_winexec "$exe" "$@" || prc=$?
	fi
	if ((prc != 0)); then
		rc=$prc
	fi
done
exit "$rc"
