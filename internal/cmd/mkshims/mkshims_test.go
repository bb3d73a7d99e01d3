package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
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
		{"VOID with an out", "WINBASEAPI VOID WINAPI F(\n    LPDWORD a /* wincgo:out */\n);", "a VOID function takes no wincgo:out"},
		{"VOID keep-last-error", "/* wincgo:keep-last-error */\nWINBASEAPI VOID WINAPI F(\n    DWORD a\n);", "a VOID function has no value"},
		{"VOID fails-when", "/* wincgo:fails-when ret == 0 */\nWINBASEAPI VOID WINAPI F(\n    DWORD a\n);", "a VOID function has no value"},
		{"DWORD without its rule", "WINBASEAPI DWORD WINAPI F(\n    DWORD a\n);", "returns DWORD: say when it fails"},
		{"fails-when an expression", "/* wincgo:fails-when ret < 0 */\nWINBASEAPI int WINAPI F(\n    DWORD a\n);", `want "ret == VALUE"`},
		{"fails-when a cast", "/* wincgo:fails-when ret == (DWORD)-1 */\nWINBASEAPI DWORD WINAPI F(\n    DWORD a\n);", `want "ret == VALUE"`},
		{"fails-when with retcode", "/* wincgo:retcode */\n/* wincgo:fails-when ret == 1 */\nWINBASEAPI int WINAPI F(\n    DWORD a\n);", "wincgo:retcode fails when"},
		{"a parameter named ret", "WINBASEAPI BOOL WINAPI F(\n    DWORD ret\n);", "a parameter named ret"},
		{"keep-last-error with fails-when", "/* wincgo:keep-last-error */\n/* wincgo:fails-when never */\nWINBASEAPI DWORD WINAPI F(\n    DWORD a\n);", "wincgo:keep-last-error combines with no other"},
		{"noescape naming no parameter", "/* wincgo:noescape lpNmae: read */\nWINBASEAPI BOOL WINAPI F(\n    LPCWSTR lpName\n);", "names lpNmae, which is not a pointer parameter"},
		{"noescape naming a handle", "/* wincgo:noescape h lpName */\nWINBASEAPI BOOL WINAPI F(\n    HANDLE h,\n    LPCWSTR lpName\n);", "names h, which is not a pointer parameter"},
		{"noescape leaving a pointer out", "/* wincgo:noescape lpName: read during the call only */\nWINBASEAPI BOOL WINAPI F(\n    LPCWSTR lpName,\n    LPVOID lpBuffer\n);", "does not name lpBuffer"},
		{"noescape naming nothing", "/* wincgo:noescape */\nWINBASEAPI BOOL WINAPI F(\n    LPCWSTR lpName\n);", "names no pointer"},
		{"variant noescape leaving a pointer out", "/* wincgo:variant x b=NULL noescape=a */\nWINBASEAPI BOOL WINAPI F(\n    LPVOID a,\n    LPVOID b,\n    LPVOID c\n);", "wincgo_F_x: wincgo:noescape does not name c"},
		{"noescape with a callback", "/* wincgo:noescape a */\n/* wincgo:callback */\nWINBASEAPI BOOL WINAPI F(\n    LPVOID a\n);", "wincgo:callback and wincgo:noescape"},
		{"inout and out", "WINBASEAPI BOOL WINAPI F(\n    PSIZE_T a, /* wincgo:inout */\n    LPDWORD b /* wincgo:out */\n);", "more than one wincgo:out"},
		{"inout of a non-pointer", "WINBASEAPI BOOL WINAPI F(\n    DWORD a /* wincgo:inout */\n);", "cannot tell what DWORD points to"},
		{"inout of an unmapped type", "WINBASEAPI BOOL WINAPI F(\n    PFANCY a /* wincgo:inout */\n);", `no mapping for C type "FANCY"`},
		{"no-go-pointers on a handle", "WINBASEAPI BOOL WINAPI F(\n    HANDLE h /* wincgo:no-go-pointers */\n);", "wincgo:no-go-pointers is for a pointer the raw layer takes as unsafe.Pointer, not HANDLE"},
		{"no-go-pointers on a string", "WINBASEAPI BOOL WINAPI F(\n    LPCWSTR s /* wincgo:no-go-pointers */\n);", "wincgo:no-go-pointers is for a pointer the raw layer takes as unsafe.Pointer, not LPCWSTR"},
		{"no-go-pointers on a scalar", "WINBASEAPI BOOL WINAPI F(\n    DWORD n /* wincgo:no-go-pointers */\n);", "wincgo:no-go-pointers is for a pointer the raw layer takes as unsafe.Pointer, not DWORD"},
		{"address on a handle", "WINBASEAPI BOOL WINAPI F(\n    HANDLE h /* wincgo:address */\n);", "wincgo:address is for a pointer, not HANDLE"},
		{"address on a scalar", "WINBASEAPI BOOL WINAPI F(\n    DWORD n /* wincgo:address */\n);", "wincgo:address is for a pointer, not DWORD"},
		{"extension without its GUID", "/* wincgo:extension s */\nBOOL WINAPI F(\n    SOCKET s\n);", "want WSAID_NAME [SOCKETPARAM]"},
		{"extension asking no socket", "/* wincgo:extension WSAID_F h */\nBOOL WINAPI F(\n    HANDLE h\n);", "no SOCKET parameter named h"},
		{"extension with an out", "/* wincgo:extension WSAID_F s */\nBOOL WINAPI F(\n    SOCKET s,\n    LPDWORD n /* wincgo:out */\n);", "no wincgo:out, inout or local parameter"},
		{"extension with a variant", "/* wincgo:extension WSAID_F s */\n/* wincgo:variant x p=NULL */\nBOOL WINAPI F(\n    SOCKET s,\n    LPVOID p\n);", "wincgo:extension combines with wincgo:fails-when and wincgo:noescape only"},
		{"unknown enum", "WINBASEAPI BOOL WINAPI F(\n    FANCYINFOCLASS c\n);", `no mapping for C type "FANCYINFOCLASS"`},
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

// TestForms: each form the generator knows, by the shim and raw function
// it makes of one prototype (TestGolden shows them whole).
func TestForms(t *testing.T) {
	for _, tc := range []struct {
		name, header string
		shim, raw    []string // substrings of the shim header and of the raw layer
		notRaw       []string // not in the raw layer
	}{
		{
			name:   "VOID",
			header: "WINBASEAPI VOID WINAPI F(\n    HANDLE h\n);",
			shim:   []string{"static inline wincgo_result wincgo_F(uintptr_t h) {", "WINCGO_CALL_VOID(F, (HANDLE)h);"},
			raw:    []string{"func rawF(h uintptr) check.Result {", `var funcF = check.Func{Name: "F", Returned: ""}`, "check.Result{Func: &funcF, Ret: uintptr(r.ret)"},
		},
		{
			name:   "VOID Winsock",
			header: "WINSOCK_API_LINKAGE void WSAAPI F(\n    int iError\n);",
			shim:   []string{"WINCGO_WSACALL_VOID(F, iError);"},
			raw:    []string{"func rawF(iError int32) check.Result {", "C.wincgo_F(C.int(iError))"},
		},
		{
			name:   "VOID without parameters",
			header: "WINBASEAPI VOID WINAPI F(\n    VOID\n);",
			shim:   []string{"wincgo_F(void) {", "WINCGO_CALL_VOID(F, );"},
			raw:    []string{"func rawF() check.Result {"},
		},
		{
			name:   "enum parameter",
			header: "WINBASEAPI BOOL WINAPI F(\n    JOBOBJECTINFOCLASS c\n);",
			shim:   []string{"wincgo_F(JOBOBJECTINFOCLASS c) {", "WINCGO_CALL(ret == FALSE, F, c);"},
			raw:    []string{"func rawF(c int32) check.Result {", "C.JOBOBJECTINFOCLASS(c)"},
		},
		{
			name:   "inout",
			header: "WINBASEAPI BOOL WINAPI F(\n    LPVOID p,\n    PSIZE_T lpSize /* wincgo:inout */\n);",
			shim:   []string{"wincgo_F(LPVOID p, SIZE_T lpSize) {", "SIZE_T lpSize_ = lpSize;", "WINCGO_CALL_OUT(lpSize_, ret == FALSE, F, p, &lpSize_);"},
			raw:    []string{"func rawF(p unsafe.Pointer, lpSize uintptr) check.Result {", "C.SIZE_T(lpSize)"},
		},
		{
			name:   "inout handle",
			header: "WINBASEAPI BOOL WINAPI F(\n    LPHANDLE lpH /* wincgo:inout */\n);",
			shim:   []string{"wincgo_F(uintptr_t lpH) {", "HANDLE lpH_ = (HANDLE)lpH;", "WINCGO_CALL_OUT(lpH_, ret == FALSE, F, &lpH_);"},
			raw:    []string{"func rawF(lpH uintptr) check.Result {"},
		},
		{
			name:   "fails-when a value",
			header: "/* wincgo:fails-when ret == INVALID_HANDLE_VALUE */\nWINBASEAPI HANDLE WINAPI F(\n    DWORD n\n);",
			// Compared in C at the return type; spelled as documented for the error.
			shim: []string{"WINCGO_CALL(ret == INVALID_HANDLE_VALUE, F, n);"},
			raw:  []string{`check.Func{Name: "F", Returned: "INVALID_HANDLE_VALUE"}`, "Failed: bool(r.failed)}}"},
		},
		{
			name:   "BOOL and handle defaults",
			header: "WINBASEAPI BOOL WINAPI F(\n    DWORD n\n);\nWINBASEAPI HANDLE WINAPI G(\n    DWORD n\n);",
			shim:   []string{"WINCGO_CALL(ret == FALSE, F, n);", "WINCGO_CALL(ret == NULL, G, n);"},
			raw:    []string{`check.Func{Name: "F", Returned: "FALSE"}`, `check.Func{Name: "G", Returned: "NULL"}`},
		},
		{
			name:   "fails-when never",
			header: "/* wincgo:fails-when never */\nWINBASEAPI DWORD WINAPI F(\n    VOID\n);",
			shim:   []string{"WINCGO_CALL(0, F, );"},
			raw:    []string{`check.Func{Name: "F", Returned: ""}`},
		},
		{
			name:   "retcode",
			header: "/* wincgo:retcode */\nWINSOCK_API_LINKAGE int WSAAPI F(\n    WORD v\n);",
			shim:   []string{"WINCGO_CALL_RETCODE(F, v);"},
			raw:    []string{`check.Func{Name: "F", Returned: ""}`},
		},
		{
			name:   "noescape names its pointers",
			header: "/* wincgo:noescape lpName lpBuffer: used during the call only */\nWINBASEAPI BOOL WINAPI F(\n    HANDLE h,\n    LPCWSTR lpName,\n    LPVOID lpBuffer\n);",
			// nocallback only where cgo needs it for noescape.
			raw: []string{"#cgo nocallback wincgo_F\n", "#cgo noescape wincgo_F\n"},
		},
		{
			name:   "no nocallback without noescape",
			header: "WINBASEAPI BOOL WINAPI F(\n    LPVOID lpBuffer\n);",
			notRaw: []string{"#cgo nocallback", "#cgo noescape"},
		},
		{
			name:   "extension, asked of its socket",
			header: "/* wincgo:extension WSAID_CONNECTEX s */\nBOOL WINAPI ConnectEx(\n    SOCKET s,\n    const struct sockaddr *name,\n    int namelen\n);",
			shim: []string{
				"__builtin_types_compatible_p(__typeof__(&ConnectEx), LPFN_CONNECTEX)",
				"static const GUID id_ = WSAID_CONNECTEX;",
				"LPFN_CONNECTEX fn_ = (LPFN_CONNECTEX)wincgo_wsa_extension((SOCKET)s, &id_, &cache_);",
				"return wincgo_wsa_extension_failed();",
				"WINCGO_WSAEXTCALL(ret == FALSE, ConnectEx, fn_, (SOCKET)s, name, namelen);",
			},
			raw: []string{"func rawConnectEx(s uintptr, name unsafe.Pointer, namelen int32) check.Result {", "(*C.struct_sockaddr)(name)", `Returned: "FALSE"`},
		},
		{
			name:   "extension without a socket, VOID, address out",
			header: "/* wincgo:extension WSAID_GETACCEPTEXSOCKADDRS */\nVOID WINAPI GetAcceptExSockaddrs(\n    PVOID b,\n    struct sockaddr **L,\n    LPINT n\n);",
			shim:   []string{"wincgo_wsa_extension(INVALID_SOCKET, &id_, &cache_)", "WINCGO_WSAEXTCALL_VOID(GetAcceptExSockaddrs, fn_, b, (struct sockaddr **)L, n);", "uintptr_t *L"},
			raw:    []string{"L *uintptr, n *int32", "(*C.uintptr_t)(unsafe.Pointer(L))"},
		},
		{
			name:   "keep-last-error",
			header: "/* wincgo:keep-last-error */\nWINBASEAPI DWORD WINAPI F(\n    VOID\n);",
			shim:   []string{"static inline DWORD wincgo_F(void) {", "return F();"},
			raw:    []string{"func rawF() uint32 {", "return uint32(C.wincgo_F())"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fns, err := parseHeader(tc.header)
			require.NoError(t, err)
			shim, err := genHeader("p", "g", fns)
			require.NoError(t, err)
			raw, err := genRaw("p", []string{"g"}, map[string][]function{"g": fns})
			require.NoError(t, err)
			for _, want := range tc.shim {
				assert.Contains(t, string(shim), want)
			}
			for _, want := range tc.raw {
				assert.Contains(t, string(raw), want)
			}
			for _, unwanted := range tc.notRaw {
				assert.NotContains(t, string(raw), unwanted)
			}
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
