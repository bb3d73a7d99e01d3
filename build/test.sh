#!/usr/bin/env bash
# The project's test command (also what .ci/run runs):
#
#   bash build/test.sh [go test args...]
#
# 1. build/install.sh   installs whatever is missing (fast when nothing is)
# 2. build/lint.sh      gofmt, golangci-lint (govet included) for windows/amd64 and 386, actionlint
# 3. GOEXPERIMENT=cgocheck2 go test -race -count=1 -timeout 8m ARGS
#                       every package, under Wine on Linux, with both
#                       checkers at once: cgo's full pointer checks (every
#                       pointer store is checked: no Go pointer may end up in
#                       C memory) and the race detector. Neither adds an
#                       allocation or changes a result (the allocation tests
#                       run under both), so separate plain, cgocheck2 and
#                       -race passes would only build and run everything
#                       three times; lint.sh's golangci-lint run builds this
#                       same configuration, which this step then reuses.
# 4. GOARCH=386 go test -count=1 -timeout 8m ARGS   under Wine (Linux only;
#    native Windows tests the Go toolchain's own architecture): windows/386
#    under Wine's WoW64, plain (the race detector has no 386), where
#    install.sh could set it up: the kernel runs i386 programs and wine32 is
#    installed. Elsewhere the summary says "windows/386 suite NOT RUN: why".
# 5. native tests    go test of the packages whose tests run on this
#    machine itself (Linux, full runs only), driving the cross-compile and
#    Wine themselves: examples/firsthour (README.md's programs built in a
#    module outside the repository and run under a fresh Wine prefix) and
#    cmd/winexec (a host command; one test makes a fresh prefix in a
#    temporary directory and runs a program through go test -exec,
#    directly and through go run -exec); and internal/overlapped (the
#    overlapped engine's state machine: no cgo, no build constraint) under
#    -race, with the host's C compiler.
# Every go test run replays each Fuzz target's seed corpus. Generating new
# inputs (build/fuzz.sh) is not part of this command: each fuzzed package is
# built once more with coverage instrumentation, about two and a half
# minutes for 30 inputs per target; CI runs it as a step of its own after
# this command (.github/workflows/wine.yml).
# then a timing summary. Exits 1 if any step failed; all steps run regardless.
#
# ARGS default to ./... . Extra args only change the two go test commands and
# come after the defaults, so they can override them (-timeout 20m, -count 3);
# when none looks like a package pattern, ./... is appended:
#   bash build/test.sh -run TestFoo ./kernel32/
#   bash build/test.sh -run TestFoo          (TestFoo in every package)
#
# Knobs: WINCGO_SKIP_LINT=1 (install.sh then builds no lint tool),
# WINCGO_SKIP_RACE=1 (step 3 without -race), WINCGO_PLAIN=1 (step 3 without
# cgocheck2: with WINCGO_SKIP_RACE=1, no rebuild of the standard library,
# for a quick local run), WINCGO_SKIP_386=1, WINCGO_SKIP_INSTALL=1,
# WINCGO_SKIP_NATIVE=1.
set -euo pipefail

# shellcheck source=SCRIPTDIR/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$WINCGO_ROOT"

args=("$@")
wincgo_has_pkg_arg "$@" || args+=(./...)

summary=()
failed=()
t_start=$SECONDS

step() { # name command...
	local name=$1 t0=$SECONDS rc=0
	shift
	"$@" || rc=$?
	if ((rc == 0)); then
		summary+=("$(printf '  %-22s %5ds  ok' "$name" $((SECONDS - t0)))")
	else
		summary+=("$(printf '  %-22s %5ds  FAILED (exit %d)' "$name" $((SECONDS - t0)) "$rc")")
		failed+=("$name")
	fi
	return "$rc"
}

# Commands run at exit (one trap for all of them).
cleanups=()
run_cleanups() {
	local c
	for c in "${cleanups[@]}"; do
		eval "$c" || true
	done
}
trap run_cleanups EXIT

jsondir="$(mktemp -d)"
cleanups+=("rm -rf '$jsondir'")

go_test() { # go test args...
	echo "=== go test $*"
	if command -v gotestsum >/dev/null 2>&1; then
		# Same output as go test (standard-quiet), plus the failures again and
		# a DONE line with counts; the JSON events are kept for the totals.
		gotestsum --format standard-quiet --hide-summary=skipped \
			--jsonfile "$jsondir/run$((++runs)).json" -- "$@"
	else
		go test "$@"
	fi
}
runs=0

# go_test with GOEXPERIMENT=cgocheck2 added to any experiments already set.
# GOEXPERIMENT is part of the build: the standard library and every package
# are compiled once more for it (cached afterwards).
go_test_cgocheck2() {
	local GOEXPERIMENT="${GOEXPERIMENT:+$GOEXPERIMENT,}cgocheck2"
	export GOEXPERIMENT
	go_test "$@"
}

# go_test for windows/386 with the i686 gcc; go runs each binary through
# build/bin/go_windows_386_exec (Wine, WoW64).
go_test_386() {
	local GOARCH=386 CC
	CC="$(wincgo_cc_386)"
	export GOARCH CC
	go_test "$@"
}

# Packages whose tests run natively (on Linux, not under Wine): step 6.
native_pkgs=(./examples/firsthour/ ./cmd/winexec/)

# go_test for this machine itself: GOOS, GOARCH and CC empty are Go's
# defaults (env.sh's are for Windows).
go_test_native() {
	GOOS='' GOARCH='' CC='' CGO_ENABLED=0 go_test "$@"
}

# Totals over the go test runs' JSON events: tests passed, failed, skipped.
# A package that failed without a failing test (build error, crash) counts
# as one failure.
count_tests() {
	local files=("$jsondir"/*.json)
	[[ -e "${files[0]}" ]] || files=(/dev/null)
	awk '
		function field(name,   re) {
			re = "\"" name "\":\"[^\"]*\""
			if (!match($0, re)) return ""
			return substr($0, RSTART + length(name) + 4, RLENGTH - length(name) - 5)
		}
		{ action = field("Action"); test = field("Test"); pkg = field("Package") }
		test != "" && action == "pass" { pass++ }
		test != "" && action == "skip" { skip++ }
		test != "" && action == "fail" { fail++; pkgfails[FILENAME pkg]++ }
		test == "" && action == "fail" && !pkgfails[FILENAME pkg] { fail++ }
		END { printf "%d passed, %d failed, %d skipped\n", pass, fail, skip }' "${files[@]}"
}

if [[ "${WINCGO_SKIP_INSTALL:-0}" != 1 ]]; then
	# Nothing else can run without the toolchain: stop on failure.
	step install bash build/install.sh || {
		echo "test.sh: install failed" >&2
		exit 1
	}
	# install.sh has just probed the kernel: where wine32 is installed but
	# cannot run, use the 64-bit loader (see env.sh).
	wincgo_wine64_only
fi

if [[ "${WINCGO_SKIP_LINT:-0}" != 1 ]]; then
	step lint env WINCGO_SKIP_INSTALL=1 bash build/lint.sh || true
fi

if [[ "$WINCGO_NATIVE" == 0 ]]; then
	t0=$SECONDS
	# Start wineserver + Wine's background processes once for the whole run
	# (see wincgo_wine_up in env.sh). They are not stopped at the end: another
	# run may share the prefix; they exit after $WINCGO_WINESERVER_PERSIST idle
	# seconds and hold no descriptor of ours.
	wincgo_wine_up || true
	summary+=("$(printf '  %-22s %5ds' "wineserver start" $((SECONDS - t0)))")
	# Two serial ports joined by a null-modem cable, for ClearCommError.
	# shellcheck source=SCRIPTDIR/serial-pair.sh
	source build/serial-pair.sh
	wincgo_serial_up
	cleanups+=(wincgo_serial_down)
fi

# Step 3: the go test flags and name follow the knobs.
checks=()
[[ "${WINCGO_SKIP_RACE:-0}" == 1 ]] || checks+=(-race)
if [[ "${WINCGO_PLAIN:-0}" == 1 ]]; then
	step "go test ${checks[*]}" go_test -count=1 -timeout 8m "${checks[@]}" "${args[@]}" || true
else
	step "go test ${checks[*]} cgocheck2" go_test_cgocheck2 -count=1 -timeout 8m "${checks[@]}" "${args[@]}" || true
fi

# internal/overlapped natively, under -race (which needs cgo: the host's C
# compiler), is the last step; under Wine it ran with ./... already. Its
# build, the host's standard library race-instrumented (~40 s of gcc and
# compile on 2 cores), is made in the background while Wine runs the 386
# suite, which keeps about one core busy, and waited for before the native
# tests, so that their fresh Wine prefixes are made on a quiet machine.
run_native=0
if [[ "$WINCGO_NATIVE" == 0 && "${WINCGO_SKIP_NATIVE:-0}" != 1 && $# -eq 0 ]]; then
	run_native=1
fi
prebuild=""
if ((run_native)); then
	GOOS='' GOARCH='' CC='' CGO_ENABLED=1 go test -race -count=1 -run '^$' ./internal/overlapped/ >/dev/null 2>&1 &
	prebuild=$!
fi

# windows/386 under Wine's WoW64, when this machine can run it; said
# loudly at the end when it cannot (a 386 regression would go unseen).
not_run_386=""
if [[ "$WINCGO_NATIVE" == 0 && "${WINCGO_SKIP_386:-0}" != 1 ]]; then
	status_386="$(wincgo_i386_status)"
	if [[ "$status_386" == yes ]]; then
		step "go test windows/386" go_test_386 -count=1 -timeout 8m "${args[@]}" || true
	else
		not_run_386="${status_386#no: }"
	fi
fi

# A failed prebuild is the overlapped step's to report.
[[ -z "$prebuild" ]] || wait "$prebuild" || true

# They build modules and a Wine prefix of their own: on a full run only.
if ((run_native)); then
	step "native tests" go_test_native -count=1 -timeout 20m "${native_pkgs[@]}" || true
	GOOS='' GOARCH='' CC='' CGO_ENABLED=1 step "overlapped (native -race)" go_test -race -count=1 ./internal/overlapped/ || true
fi

echo
echo "test.sh timings (windows/$GOARCH, $(if [[ "$WINCGO_NATIVE" == 1 ]]; then echo native; else wine --version 2>/dev/null; fi)):"
printf '%s\n' "${summary[@]}"
printf '  %-22s %5ds\n' total $((SECONDS - t_start))
if [[ -n "$not_run_386" ]]; then
	echo
	echo "!!! windows/386 suite NOT RUN: $not_run_386"
	echo "!!! (windows/386 was built and linted only; .github/workflows/windows.yml runs it natively)"
	echo
elif [[ "$WINCGO_NATIVE" == 0 && "${WINCGO_SKIP_386:-0}" == 1 ]]; then
	echo "windows/386 suite skipped (WINCGO_SKIP_386=1)"
fi
if ((${#failed[@]})); then
	msg="$(printf '%s, ' "${failed[@]}")"
	echo "test.sh: FAILED: ${msg%, }"
else
	echo "test.sh: all steps passed"
fi
if ((runs)); then
	echo "(test counts below add up all $runs go test runs)"
	echo "tests: $(count_tests)"
fi
if ((${#failed[@]})); then
	exit 1
fi
