#!/usr/bin/env bash
# The project's run command: cross-compiles a main package for windows/amd64
# and runs it under Wine (natively on Windows). Its stdout, stderr and exit
# status are passed through.
#
#   bash build/demo.sh [PACKAGE_DIR] [--] [program args...]
#
# PACKAGE_DIR defaults to ./examples/demo (relative to the repo root); a
# directory given on the command line is relative to the current directory
# and may be any main package, even one in another module. An import path
# (github.com/wincgo/wincgo/examples/x) is built from the repo root.
set -euo pipefail

# shellcheck source=SCRIPTDIR/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

pkg="$WINCGO_ROOT/examples/demo"
if (($#)) && [[ "$1" != -* ]]; then
	pkg=$1
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

rc=0
if [[ "$WINCGO_NATIVE" == 1 ]]; then
	"$exe" "$@" || rc=$?
else
	# Not exec: the trap must remove the temporary directory afterwards.
	wincgo_wine_up || true
	wine "$exe" "$@" || rc=$?
fi
exit "$rc"
