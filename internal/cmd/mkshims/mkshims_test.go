package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the generator's output")

// TestGolden generates from testdata/src, a small header using every form
// mkshims knows, and compares with testdata/golden (go test -update
// rewrites it: review the diff).
func TestGolden(t *testing.T) {
	files, err := generate(os.DirFS(filepath.Join("testdata", "src")))
	require.NoError(t, err)
	require.ElementsMatch(t, []string{"cdefs/demo/zshims_group.h", "demo/zraw_windows.go", "demo/zcgo_windows.go"}, keys(files))
	for name, content := range files {
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(name))
		if *update {
			require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755)) //nolint:gosec // G301: golden files are committed, readable by all
			require.NoError(t, os.WriteFile(golden, content, 0o644))     //nolint:gosec // G306: golden files are committed, readable by all
			continue
		}
		want, err := os.ReadFile(golden)
		require.NoError(t, err)
		if diff := cmp.Diff(string(want), string(content)); diff != "" {
			t.Errorf("%s differs from %s (-want +got):\n%s", name, golden, diff)
		}
	}
}

// TestRepositoryIsFresh is the staleness gate inside go test: the
// committed shims and raw layers are what the generator makes of the
// committed prototypes (build/lint.sh runs the same check with -check).
func TestRepositoryIsFresh(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	files, err := generate(os.DirFS(root))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	stale, err := staleFiles(root, files)
	require.NoError(t, err)
	require.Empty(t, stale, "stale generated files: run go generate ./cdefs/ and commit them")
}

// TestErrors: what the generator refuses, with a message naming the cause.
func TestErrors(t *testing.T) {
	for _, tc := range []struct{ name, header, want string }{
		{"unknown type", "WINBASEAPI BOOL WINAPI F(\n    FANCY x\n);", `no mapping for C type "FANCY"`},
		{"two outs", "WINBASEAPI BOOL WINAPI F(\n    LPDWORD a, /* wincgo:out */\n    LPDWORD b /* wincgo:out */\n);", "more than one wincgo:out"},
		{"unknown annotation", "/* wincgo:fast */\nWINBASEAPI BOOL WINAPI F(\n    DWORD a\n);", "unknown annotation wincgo:fast"},
		{"unknown param annotation", "WINBASEAPI BOOL WINAPI F(\n    DWORD a /* wincgo:in */\n);", "unknown parameter annotation wincgo:in"},
		{"out of a non-pointer", "WINBASEAPI BOOL WINAPI F(\n    DWORD a /* wincgo:out */\n);", "cannot tell what DWORD points to"},
		{"variant of no parameter", "/* wincgo:variant x b=NULL */\nWINBASEAPI BOOL WINAPI F(\n    LPVOID a\n);", "sets b, which is not a parameter"},
		{"unclosed", "WINBASEAPI BOOL WINAPI F(\n    DWORD a\n", "without its closing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fns, err := parseHeader(tc.header)
			if err == nil {
				_, err = genHeader("p", "g", fns)
			}
			if err == nil {
				_, err = genRaw("p", []string{"g"}, map[string][]function{"g": fns})
			}
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.want)
		})
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
