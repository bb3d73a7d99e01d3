#!/usr/bin/env bash
# Runs the benchmarks of every package under Wine (natively on Windows):
#
#   bash build/bench.sh [go test args...]
#
# = go test -run '^$' -bench . -benchmem ARGS. ARGS come after the defaults,
# so they override them (-bench BenchmarkFoo, -benchtime 3x); when none looks
# like a package pattern, ./... is appended:
#   bash build/bench.sh -bench Read ./kernel32/
set -euo pipefail

# shellcheck source=SCRIPTDIR/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$WINCGO_ROOT"

args=("$@")
wincgo_has_pkg_arg "$@" || args+=(./...)

if [[ "${WINCGO_SKIP_INSTALL:-0}" != 1 ]]; then
	bash build/install.sh --prefix-only
fi
if [[ "$WINCGO_NATIVE" == 0 ]]; then
	wincgo_wine_up || true
fi
go test -run '^$' -bench . -benchmem "${args[@]}"
