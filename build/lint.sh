#!/usr/bin/env bash
# Static checks, all of which run even when an earlier one fails:
#   gofmt      gofmt -l over tracked and untracked (not ignored) .go files
#   vet/build  for windows/amd64 and windows/386, each with CGO_ENABLED=1 and
#              its mingw-w64 CC (without CC, GOOS=windows go vet silently skips
#              every cgo file): go test -c (compiles and links every test
#              binary; for 386 the only link check, 386 tests are not run),
#              go build of the main packages, go vet ./... (everything,
#              tests included)
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
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

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

# Build-type commands first, go vet last: vet then finds the cgo output in
# the build cache instead of running cgo (gcc on windows.h) once more, and
# build/test.sh's go test reuses the amd64 compile. go build -o DIR/ ./...
# only builds the main packages; go test -c only the packages with tests;
# vet type-checks everything, tests included.
go_arch_checks() { # goarch cc
	local arch=$1 cc=$2 mains=()
	if [[ -z "$cc" ]]; then
		echo "--- lint: windows/$arch skipped: no i686-w64-mingw32-gcc on PATH"
		return 0
	fi
	check "go test -c windows/$arch" env GOARCH="$arch" CC="$cc" go test -c -o "$tmp/test-$arch/" ./...
	mapfile -t mains < <(env GOARCH="$arch" CC="$cc" go list -f '{{if eq .Name "main"}}{{.ImportPath}}{{end}}' ./... 2>/dev/null | grep .)
	if ((${#mains[@]})); then
		check "go build windows/$arch (main packages)" env GOARCH="$arch" CC="$cc" go build -o "$tmp/bin-$arch/" "${mains[@]}"
	fi
	check "go vet windows/$arch" env GOARCH="$arch" CC="$cc" go vet ./...
}

check gofmt gofmt_check
# Native Windows keeps the CC from the environment (default gcc).
go_arch_checks amd64 "${CC:-gcc}"
go_arch_checks 386 "$(wincgo_cc_386)"

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
