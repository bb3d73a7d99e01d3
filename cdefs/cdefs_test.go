package cdefs

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

var (
	// A prototype: "WINBASEAPI BOOL WINAPI CloseHandle(" (mingw-w64 omits
	// the linkage macro on some, such as tlhelp32.h's).
	prototypeRE = regexp.MustCompile(`(?m)^(?:(?:WINBASEAPI|WINUSERAPI|WINSOCK_API_LINKAGE)\s+)?\w+\s+(?:WINAPI|WSAAPI)\s+(\w+)\s*\(`)
	// A shim and its body: "static inline wincgo_result wincgo_CloseHandle(...) {...}".
	shimRE = regexp.MustCompile(`(?ms)^static inline \w+ wincgo_(\w+)\s*\((.*?)^}`)
)

// calls reports whether a shim's body calls function: through the
// WINCGO_*CALL* macros (the function is the first argument of the _VOID
// and _RETCODE ones, the second of WINCGO_CALL, after the failure rule,
// and the third of the _OUT ones; the extension forms' call the function
// by its name then the pointer, fn_) or directly.
func calls(body, function string) bool {
	f := regexp.QuoteMeta(function)
	return regexp.MustCompile(`WINCGO_(?:WSA)?CALL_(?:VOID|RETCODE)\(\s*`+f+`\s*[,)]`).MatchString(body) ||
		regexp.MustCompile(`WINCGO_(?:WSA)?CALL\(\s*[^,()]+,\s*`+f+`\s*[,)]`).MatchString(body) ||
		regexp.MustCompile(`WINCGO_(?:WSA)?CALL_OUT\(\s*[^,()]+,\s*[^,()]+,\s*`+f+`\s*[,)]`).MatchString(body) ||
		regexp.MustCompile(`WINCGO_WSAEXTCALL(?:_VOID\(|\(\s*[^,()]+,)\s*`+f+`\s*,\s*fn_\s*[,)]`).MatchString(body) ||
		regexp.MustCompile(`[^\w.]`+f+`\s*\(`).MatchString(body)
}

// TestEveryPrototypeHasItsShim keeps the headers honest where the compiler
// cannot: a prototype whose name is misspelled declares a new function and
// compiles, so each prototype in a hand-written header <group>.h must have
// a shim of the same name in the generated zshims_<group>.h (variants,
// wincgo_<Name>_<suffix>, are extra shims of a prototype), and each shim
// must call the function it is named after (a misspelled call fails to
// compile or link; a call of another function would not). The generator
// writes them so; this checks its output.
func TestEveryPrototypeHasItsShim(t *testing.T) {
	headers, err := filepath.Glob(filepath.Join("*", "*.h"))
	require.NoError(t, err)
	require.NotEmpty(t, headers)
	for _, h := range headers {
		if strings.HasPrefix(filepath.Base(h), "zshims_") {
			continue
		}
		src, err := os.ReadFile(h)
		require.NoError(t, err)
		var prototypes []string
		for _, m := range prototypeRE.FindAllSubmatch(src, -1) {
			prototypes = append(prototypes, string(m[1]))
		}
		generated := filepath.Join(filepath.Dir(h), "zshims_"+filepath.Base(h))
		gen, err := os.ReadFile(generated)
		if len(prototypes) == 0 {
			require.ErrorIs(t, err, fs.ErrNotExist, "%s: shims of a header without prototypes", generated)
			continue
		}
		require.NoError(t, err, "%s has prototypes but no generated shims: run go generate ./cdefs/", h)
		var shims []string
		for _, m := range shimRE.FindAllSubmatch(gen, -1) {
			name, body := string(m[1]), string(m[2])
			function := name
			for _, p := range prototypes {
				if strings.HasPrefix(name, p+"_") {
					function = p // a variant
				}
			}
			if function == name {
				shims = append(shims, name)
			}
			if !calls(body, function) {
				t.Errorf("%s: wincgo_%s does not call %s", generated, name, function)
			}
		}
		sort.Strings(prototypes)
		sort.Strings(shims)
		if diff := cmp.Diff(prototypes, shims); diff != "" {
			t.Errorf("%s: prototypes (-) and the shims of %s (+) differ:\n%s", h, generated, diff)
		}
	}
}
