#!/usr/bin/env bash
# Static checks, all of which run even when an earlier one fails:
#   gofmt      gofmt -l over tracked and untracked (not ignored) .go files
#   build      for windows/386 with CGO_ENABLED=1 and its mingw-w64 CC:
#              go build ./... (compiles every package and links the main
#              packages; examples/demo imports kernel32, user32 and ws2_32,
#              so a shim calling a function no DLL exports fails to link
#              here). The amd64 packages and test binaries are compiled and
#              linked by build/test.sh's go test, so lint does not build them
#              a second time (WINCGO_LINT_BUILD_AMD64=1 makes it, for lint
#              alone).
#   generated  the shims and raw layers (internal/cmd/mkshims) match the
#              cdefs/ prototypes: fails naming the stale files
#   goos       GOOS=linux go build fails, and go doc answers, naming the
#              environment (each package's nonwindows.go)
#   cc         CC=gcc (not mingw-w64) fails as build/README.md says
#   nocgo      GOOS=windows CGO_ENABLED=0 go build ./... fails with the one
#              sentence of the packages' nocgo_windows.go files (for 386,
#              after its build, whose standard library it reuses)
#   golangci-lint  for windows/amd64 and windows/386, each with CGO_ENABLED=1
#              and its mingw-w64 CC (without CC, every cgo file is skipped),
#              with .golangci.yml; any finding fails lint. It type-checks
#              everything, tests included (which runs the compile-time
#              layout assertions of wintypes), and its govet runs all of go
#              vet's analyzers, so there is no separate go vet: one type
#              check fewer per architecture. It caches its results in
#              $WINCGO_CACHE/golangci-lint. WINCGO_SKIP_GOLANGCI=1 runs go vet
#              ./... instead (a quicker lint; CI and the test command run
#              golangci-lint).
#   native   golangci-lint (go vet with WINCGO_SKIP_GOLANGCI=1) for this
#              machine itself on the packages test.sh tests natively, whose
#              !windows files the Windows checks never see (not on Windows)
#   crlf       a clone of the repository's HEAD with core.autocrlf=true
#              (Git for Windows' default, as on GitHub's Windows runners)
#              has no CR in any text file: scripts, headers, Go files,
#              mkshims' golden files (.gitattributes keeps them LF). About
#              a second; skipped outside a Git checkout.
#   actionlint on .github/workflows (with shellcheck when installed)
#   ShellCheck over the build/ and .ci/ scripts (when installed)
# Exits 1 if any check failed.
set -euo pipefail

# shellcheck source=SCRIPTDIR/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$WINCGO_ROOT"

if [[ "${WINCGO_SKIP_INSTALL:-0}" != 1 ]]; then
	bash build/install.sh
fi

failed=()

check() { # name command...
	local name=$1 t0=$SECONDS
	shift
	echo "--- lint: $name"
	if "$@"; then
		echo "--- lint: $name ok ($((SECONDS - t0))s)"
	else
		echo "--- lint: $name FAILED ($((SECONDS - t0))s)"
		failed+=("$name")
	fi
}

go_files() { # NUL-separated, existing .go files outside testdata
	local f
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files -z --cached --others --exclude-standard -- '*.go'
	else
		find . -name '*.go' -not -path './.git/*' -print0
	fi | while IFS= read -r -d '' f; do
		case "/$f" in */testdata/*) continue ;; esac
		[[ -f "$f" ]] && printf '%s\0' "$f"
	done
}

gofmt_check() {
	local out f rc=0
	# gofmt reports syntax errors on stderr and exits non-zero.
	out="$(go_files | xargs -0 -r gofmt -l)" || rc=1
	if [[ -n "$out" ]]; then
		echo "gofmt: these files need formatting (run: gofmt -w FILE...):"
		while IFS= read -r f; do echo "  $f"; done <<<"$out"
		rc=1
	fi
	return "$rc"
}

# go build first, the type check last: it then finds the cgo output in the
# build cache instead of running cgo (gcc on windows.h) once more.
go_arch_checks() { # goarch cc
	local arch=$1 cc=$2
	if [[ -z "$cc" ]]; then
		echo "--- lint: windows/$arch skipped: no i686-w64-mingw32-gcc on PATH"
		return 0
	fi
	# amd64 is built and linked by build/test.sh's go test right after,
	# under GOEXPERIMENT=cgocheck2 and -race (WINCGO_PLAIN=1: without
	# cgocheck2; WINCGO_SKIP_RACE=1: without -race): the amd64 type check
	# builds the same configuration, so that both share one build of every
	# package (the experiment and -race are part of the build cache key)
	# instead of compiling everything, cgo and gcc included, once more.
	local experiment=${GOEXPERIMENT:-} goflags=${GOFLAGS:-}
	if [[ "$arch" == amd64 && "${WINCGO_PLAIN:-0}" != 1 ]]; then
		experiment="${experiment:+$experiment,}cgocheck2"
	fi
	if [[ "$arch" == amd64 && "${WINCGO_SKIP_RACE:-0}" != 1 ]]; then
		goflags="${goflags:+$goflags }-race"
	fi
	if [[ "$arch" != amd64 || "${WINCGO_LINT_BUILD_AMD64:-0}" == 1 ]]; then
		check "go build windows/$arch" env GOARCH="$arch" CC="$cc" GOEXPERIMENT="$experiment" GOFLAGS="$goflags" go build ./...
	fi
	if [[ "${WINCGO_SKIP_GOLANGCI:-0}" == 1 ]]; then
		echo "--- lint: golangci-lint windows/$arch skipped (WINCGO_SKIP_GOLANGCI=1): go vet instead"
		check "go vet windows/$arch" env GOARCH="$arch" CC="$cc" GOEXPERIMENT="$experiment" GOFLAGS="$goflags" go vet ./...
	elif command -v golangci-lint >/dev/null 2>&1; then
		check "golangci-lint windows/$arch" env GOARCH="$arch" CC="$cc" GOEXPERIMENT="$experiment" GOFLAGS="$goflags" \
			GOLANGCI_LINT_CACHE="$WINCGO_CACHE/golangci-lint" \
			golangci-lint run --max-issues-per-linter=0 --max-same-issues=0 ./...
	else
		echo "--- lint: golangci-lint not installed (run build/install.sh)"
		failed+=("golangci-lint windows/$arch")
	fi
}

# The committed tree as a Windows checkout sees it: `git clone` with
# core.autocrlf=true into a temporary folder (a local clone hard-links the
# objects: about a second), then no tracked text file may hold a CR. What
# is checked is HEAD, not uncommitted edits: a missing or wrong
# .gitattributes shows up once committed.
crlf_check() {
	local tmp rc=0 files f
	if [[ ! -e "$WINCGO_ROOT/.git" ]]; then
		echo "crlf: not a Git checkout: skipped"
		return 0
	fi
	# A checkout git refuses (say "dubious ownership" in a container) must
	# not pass unchecked.
	git rev-parse --is-inside-work-tree >/dev/null || return 1
	tmp="$(mktemp -d)"
	if ! git -c core.autocrlf=true clone -q "$WINCGO_ROOT" "$tmp/clone"; then
		rm -rf "$tmp"
		return 1
	fi
	# -I: binary files (none are committed; .gitattributes marks them) are
	# not text and keep their bytes.
	files="$(cd "$tmp/clone" && git ls-files -z | xargs -0 -r grep -l -I $'\r')" || true
	if [[ -n "$files" ]]; then
		echo "crlf: a clone with core.autocrlf=true has CRs in these files (check .gitattributes):"
		while IFS= read -r f; do echo "  $f"; done <<<"$files"
		rc=1
	fi
	# The clone must have checked out the file kinds the check is about.
	local kind
	for kind in 'build/*.sh' '*.h' '*.go' 'internal/cmd/mkshims/testdata/golden/*'; do
		if [[ -z "$(cd "$tmp/clone" && git ls-files -- "$kind")" ]]; then
			echo "crlf: the clone has no file matching $kind"
			rc=1
		fi
	done
	rm -rf "$tmp"
	return "$rc"
}

# The generator runs on the host (GOOS/GOARCH from env.sh are for the
# library), with -check: it writes nothing and names what is stale.
generated_check() {
	env GOOS= GOARCH= CGO_ENABLED=0 go run ./internal/cmd/mkshims -check
}

# Go's default when cross-compiling is CGO_ENABLED=0: the build must then
# fail with the sentence naming the fix, not a list of undefined names.
nocgo_check() { # [goarch]
	local out
	if out="$(env GOARCH="${1:-$GOARCH}" CGO_ENABLED=0 go build ./... 2>&1)"; then
		echo "nocgo: CGO_ENABLED=0 go build ./... succeeded; it must fail with the cgo hint"
		return 1
	fi
	if ! grep -q 'undefined: wincgo_requires_cgo__build_with_CGO_ENABLED_1_and_CC_set_to_a_mingw_w64_gcc' <<<"$out"; then
		echo "nocgo: CGO_ENABLED=0 go build ./... failed without the cgo hint:"
		echo "$out"
		return 1
	fi
}

# The packages test.sh's native step tests (on Linux, not under Wine).
native_pkgs=(./examples/firsthour/ ./cmd/winexec/)
native_check() {
	if [[ "${WINCGO_SKIP_GOLANGCI:-0}" == 1 ]]; then
		env GOOS='' GOARCH='' CC='' CGO_ENABLED=0 go vet "${native_pkgs[@]}"
	else
		env GOOS='' GOARCH='' CC='' CGO_ENABLED=0 GOLANGCI_LINT_CACHE="$WINCGO_CACHE/golangci-lint" \
			golangci-lint run --max-issues-per-linter=0 --max-same-issues=0 "${native_pkgs[@]}"
	fi
}

# Another GOOS: each package's nonwindows.go makes the build fail with
# the sentence naming the environment, and go doc print it.
goos_check() {
	local out pkg
	for pkg in kernel32 user32 ws2_32 wintypes; do
		if out="$(env GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go build "./$pkg/" 2>&1)"; then
			echo "goos: GOOS=linux go build ./$pkg/ succeeded; it must fail with the GOOS hint"
			return 1
		fi
		if ! grep -q 'undefined: wincgo_needs_GOOS_windows__set_GOOS_windows_CGO_ENABLED_1_and_CC_x86_64_w64_mingw32_gcc' <<<"$out"; then
			echo "goos: GOOS=linux go build ./$pkg/ failed without the GOOS hint:"
			echo "$out"
			return 1
		fi
		if ! out="$(env GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go doc "./$pkg" 2>&1)" ||
			! grep -q 'GOOS=windows' <<<"$out"; then
			echo "goos: GOOS=linux go doc ./$pkg does not name the environment:"
			echo "$out"
			return 1
		fi
	done
}

# A CC that is not a mingw-w64 gcc (unset: the host's gcc): Go's own
# runtime/cgo fails first, before any wincgo file is compiled, so no
# wincgo message can come earlier; build/README.md names the fix for the
# message gcc prints, which this keeps true.
cc_check() {
	local out
	if ! command -v gcc >/dev/null 2>&1 || [[ "$WINCGO_NATIVE" == 1 ]]; then
		return 0
	fi
	if out="$(env CGO_ENABLED=1 CC=gcc go build ./kernel32/ 2>&1)"; then
		echo "cc: CC=gcc go build ./kernel32/ succeeded; it must fail"
		return 1
	fi
	if ! grep -q "unrecognized command-line option .-mthreads" <<<"$out"; then
		echo "cc: CC=gcc go build ./kernel32/ failed otherwise than build/README.md says:"
		echo "$out"
		return 1
	fi
}

check gofmt gofmt_check
check crlf crlf_check
check goos goos_check
check cc cc_check
check generated generated_check
# Native Windows keeps the CC from the environment (default gcc).
go_arch_checks amd64 "${CC:-gcc}"
cc386="$(wincgo_cc_386)"
go_arch_checks 386 "$cc386"
# For windows/386 when its build just ran: its standard library, which a
# build without cgo shares, is then compiled already (amd64's is not:
# its packages were built under cgocheck2 and -race).
if [[ -n "$cc386" ]]; then
	check nocgo nocgo_check 386
else
	check nocgo nocgo_check
fi

if [[ "$WINCGO_NATIVE" == 0 ]]; then
	check native native_check
fi

if [[ -d .github/workflows ]]; then
	if command -v actionlint >/dev/null 2>&1; then
		check actionlint actionlint
	else
		echo "--- lint: actionlint not installed (run build/install.sh)"
		failed+=(actionlint)
	fi
fi

if command -v shellcheck >/dev/null 2>&1; then
	mapfile -t scripts < <(find build .ci -type f \( -name '*.sh' -o -path 'build/bin/*' -o -path .ci/run \) 2>/dev/null | sort)
	if ((${#scripts[@]})); then
		check shellcheck shellcheck -x "${scripts[@]}"
	fi
else
	echo "--- lint: shellcheck not installed: skipping the shell script check"
fi

if ((${#failed[@]})); then
	msg="$(printf '%s, ' "${failed[@]}")"
	echo "lint: FAILED: ${msg%, }"
	exit 1
fi
echo "lint: all checks passed"
