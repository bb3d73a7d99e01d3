#!/usr/bin/env bash
# Runs the paired benchmarks of package bench (wincgo against a bare cgo
# call, golang.org/x/sys/windows and the standard library) under Wine
# (natively on Windows) and prints the comparison table, the machine, and
# benchstat's summary of the raw numbers:
#
#   bash build/bench.sh [go test args...]
#
# = go test -run '^$' -bench . -benchmem -count 1 ARGS, run 3 times, each a
# new process (WINCGO_BENCH_RUNS=N: N times): where a process's code and
# data land in memory shifts a ~50 ns call's ratio by a few percent for the
# whole process (measured: BenchmarkGetStdHandle's wincgo/floor agreed to
# 0.5% between the -count runs of one process, and spread from 1.007 to
# 1.046 over five processes), so the table's medians are taken over
# processes, not over runs of one. ARGS come after the defaults, so they
# override them (-bench GetStdHandle, -count 2, -benchtime 200x: b.N counts
# rounds of ~2 ms chunks per implementation); when none looks like a
# package pattern, ./bench/ is appended (the other packages' own
# benchmarks: bash build/bench.sh ./kernel32/).
# WINCGO_BENCH_CHUNK=500us shortens the chunks (see bench/paired_test.go).
# The raw output is kept in $WINCGO_CACHE/bench/<time>-<pid>.txt.
set -euo pipefail

# shellcheck source=SCRIPTDIR/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$WINCGO_ROOT"

args=("$@")
wincgo_has_pkg_arg "$@" || args+=(./bench/)

if [[ "${WINCGO_SKIP_INSTALL:-0}" != 1 ]]; then
	bash build/install.sh --bench
fi
if [[ "$WINCGO_NATIVE" == 0 ]]; then
	wincgo_wine_up || true
fi

mkdir -p "$WINCGO_CACHE/bench"
raw="$WINCGO_CACHE/bench/$(date -u +%Y%m%dT%H%M%SZ)-$$.txt"
: >"$raw"
for ((run = 1; run <= ${WINCGO_BENCH_RUNS:-3}; run++)); do
	go test -run '^$' -bench . -benchmem -count 1 -timeout 30m "${args[@]}" | tee -a "$raw"
done

# The machine: the numbers mean little without it.
if [[ "$WINCGO_NATIVE" == 1 ]]; then
	cpus="${NUMBER_OF_PROCESSORS:-?}"
	model="${PROCESSOR_IDENTIFIER:-unknown CPU}"
	wine_version="none (native Windows)"
	load=""
else
	cpus="$(nproc)"
	model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
	wine_version="$(wine --version 2>/dev/null || echo unknown)"
	load=", load average $(cut -d' ' -f1-3 /proc/loadavg)"
fi
echo
echo "## wincgo against its peers ($(date -u +%Y-%m-%d), $(go env GOVERSION) $(go env GOOS)/$(go env GOARCH))"
echo
echo "Machine: ${cpus} × ${model}; Wine: ${wine_version}${load}."
echo "Paired medians (implementations alternated in ${WINCGO_BENCH_CHUNK:-2ms} chunks; see bench/doc.go)."
echo
# benchtable and benchstat are host programs: drop the cross-compilation
# settings.
env -u GOOS -u GOARCH -u CC CGO_ENABLED=0 go run ./bench/benchtable <"$raw"

benchstat="$WINCGO_CACHE/bin/benchstat"
[[ -x "$benchstat" || ! -x "$benchstat.exe" ]] || benchstat="$benchstat.exe"
if [[ -x "$benchstat" ]]; then
	echo
	echo "## benchstat: wincgo's numbers (every metric is in $raw)"
	"$benchstat" -filter '.unit:(sec/op OR B/op OR allocs/op)' "$raw"
fi
