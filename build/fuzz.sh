#!/usr/bin/env bash
# Fuzzing campaigns over wincgo's Fuzz targets, one target at a time (go test
# -fuzz takes one target of one package):
#
#   bash build/fuzz.sh [target|all] [count]
#
# target  a Fuzz function (FuzzUTF16, FuzzReadFile, ...) or "all" (default)
# count   executions per target (default 20000)
#
# Each target runs as
#   go test -run '^$' -fuzz '^TARGET$' -fuzztime COUNTx ./PKG/
# under Wine on Linux (the exec wrapper runs the coordinator and its workers),
# natively on Windows. -fuzztime is always a count: a duration can fail
# spuriously with "context deadline exceeded" (golang/go#75804).
#
# A failing input is written to PKG/testdata/fuzz/TARGET/ and the run fails:
# fix the bug and commit the file, which every go test then replays. The
# corpus the fuzzer grows lives in $(go env GOCACHE)/fuzz. The first run
# builds the instrumented standard library (minutes); later runs reuse it.
# build/test.sh runs every target 30 times (bash build/fuzz.sh all 30).
set -euo pipefail

# shellcheck source=SCRIPTDIR/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$WINCGO_ROOT"

target=${1:-all}
count=${2:-20000}
if ! [[ "$count" =~ ^[0-9]+$ ]] || ((count == 0)); then
	echo "fuzz.sh: count must be a positive number of executions, got '$count'" >&2
	exit 2
fi

# "pkg target" lines for every Fuzz function in a _test.go file.
targets=()
while IFS= read -r line; do
	file=${line%%:*}
	fn=${line#*:func }
	fn=${fn%%(*}
	targets+=("./$(dirname "${file#./}")/ $fn")
done < <(grep -r --include='*_test.go' -o '^func Fuzz[A-Za-z0-9_]*(' . | sort)

selected=()
for t in "${targets[@]}"; do
	if [[ "$target" == all || "${t#* }" == "$target" ]]; then
		selected+=("$t")
	fi
done
if ((${#selected[@]} == 0)); then
	echo "fuzz.sh: no target '$target'; targets:" >&2
	printf '  %s\n' "${targets[@]#* }" >&2
	exit 2
fi

failed=()
t_start=$SECONDS
for t in "${selected[@]}"; do
	pkg=${t% *}
	fn=${t#* }
	t0=$SECONDS
	echo "=== fuzz $fn ($pkg) ${count}x"
	if go test -count=1 -run '^$' -fuzz "^${fn}\$" -fuzztime "${count}x" "$pkg"; then
		echo "--- ok $fn $((SECONDS - t0))s"
	else
		echo "--- FAILED $fn $((SECONDS - t0))s"
		failed+=("$fn")
	fi
done
echo "fuzz.sh: ${#selected[@]} targets, ${count}x each, $((SECONDS - t_start))s"
if ((${#failed[@]})); then
	echo "fuzz.sh: FAILED: ${failed[*]}" >&2
	exit 1
fi
