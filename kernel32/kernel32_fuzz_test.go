//go:build windows

package kernel32

// Fuzz targets for every kernel32 wrapper taking caller-supplied sizes,
// strings, slices or flags. The invariant, whatever the input: the result
// is nil, an *errors.InputError or an *errors.WindowsAPIError, never a
// panic (nor an *errors.InternalError); no byte outside the caller's buffer
// changes (canaries); every handle created is closed (checked with
// GetHandleInformation). `go test` replays the seeds in
// testdata/fuzz/FuzzX; build/fuzz.sh runs campaigns.

import (
	"bytes"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

const (
	canaryLen  = 16
	canaryByte = 0xA5
)

// canaried returns a buffer of n bytes inside a larger array whose bytes
// around it are canaries, and a check that none of them changed.
func canaried(t *testing.T, n int) (buf []byte, requireIntact func()) {
	arena := bytes.Repeat([]byte{canaryByte}, canaryLen+n+canaryLen)
	buf = arena[canaryLen : canaryLen+n : canaryLen+n]
	return buf, func() {
		t.Helper()
		for i, b := range arena[:canaryLen] {
			require.Equal(t, byte(canaryByte), b, "canary %d before the buffer overwritten", i)
		}
		for i, b := range arena[canaryLen+n:] {
			require.Equal(t, byte(canaryByte), b, "canary %d after the buffer overwritten", i)
		}
	}
}

// requireWrapperError fails unless err is nil, an *InputError or a
// *WindowsAPIError, and reports which.
func requireWrapperError(t *testing.T, err error) (input *wincgoerrors.InputError, api *wincgoerrors.WindowsAPIError) {
	t.Helper()
	if err == nil {
		return nil, nil
	}
	if errors.As(err, &input) {
		return input, nil
	}
	if errors.As(err, &api) {
		return nil, api
	}
	t.Fatalf("error of type %T: %v", err, err)
	return nil, nil
}

// markInheritable sets HANDLE_FLAG_INHERIT on h before it is closed, so
// that requireClosed can tell h from a new handle that reuses its value.
func markInheritable(t *testing.T, h wintypes.HANDLE) {
	t.Helper()
	require.NoError(t, SetHandleInformation(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT))
}

// requireClosed fails unless h, marked with markInheritable, is no longer
// open. Windows hands the value last freed to the next handle created, and
// the Go runtime creates handles on other threads (threads, timers), so the
// value may already name a new handle: never an inheritable one.
func requireClosed(t *testing.T, h wintypes.HANDLE) {
	t.Helper()
	flags, err := GetHandleInformation(h)
	if err == nil {
		require.Zero(t, flags&HANDLE_FLAG_INHERIT, "handle %#x is still open", h)
		return
	}
	testutil.RequireAPIError(t, err, "GetHandleInformation", ERROR_INVALID_HANDLE)
}

// closeAndCheck closes h and checks that it is closed.
func closeAndCheck(t *testing.T, h wintypes.HANDLE) {
	t.Helper()
	markInheritable(t, h)
	require.NoError(t, CloseHandle(h))
	requireClosed(t, h)
}

// fuzzPipe returns an anonymous pipe holding data, closed at the end.
func fuzzPipe(t *testing.T, data []byte) (r, w wintypes.HANDLE) {
	t.Helper()
	r, w, err := CreatePipe(nil, 0)
	require.NoError(t, err)
	t.Cleanup(func() { closeAndCheck(t, r); closeAndCheck(t, w) })
	if len(data) > 0 {
		n, err := WriteFile(w, data, nil, nil)
		require.NoError(t, err)
		require.Equal(t, len(data), n)
	}
	return r, w
}

// asInt converts a fuzzed int64 count to the int a caller passes, as Go
// converts it, and returns that int widened back (for comparisons). On 386
// (32-bit int) the conversion wraps: 4294967296 (MaxUint32+1) becomes 0, a
// valid count, and MaxUint32 becomes -1, a negative one. The targets'
// expectations follow the int actually passed, so the same seeds hold for
// both int sizes; the seeds above MaxInt32 test the "more than a DWORD"
// checks where an int can carry them (64-bit).
func asInt(n int64) (count int, wide int64) {
	count = int(n)
	return count, int64(count)
}

// fuzzData caps what a target writes to a pipe below its buffer, so that
// no write blocks.
func fuzzData(data []byte) []byte {
	if len(data) > 1024 {
		data = data[:1024]
	}
	return data
}

func FuzzReadFile(f *testing.F) {
	f.Add([]byte("hello"), uint16(16), int64(5))
	f.Add([]byte("hello"), uint16(16), int64(3))
	f.Add([]byte("hello"), uint16(4), int64(5))
	f.Add([]byte("hello"), uint16(16), int64(-1))
	f.Add([]byte("x"), uint16(0), int64(0))
	f.Add([]byte("x"), uint16(16), int64(math.MaxUint32))
	f.Add([]byte("x"), uint16(16), int64(math.MaxUint32+1))
	f.Add([]byte("x"), uint16(16), int64(math.MinInt64))
	f.Fuzz(func(t *testing.T, data []byte, bufLen uint16, n int64) {
		// A read on an empty pipe would wait for ever: there is always a
		// byte to read.
		data = fuzzData(append([]byte{'d'}, data...))
		r, _ := fuzzPipe(t, data)
		buf, requireIntact := canaried(t, int(bufLen%2048))
		count, passed := asInt(n)
		got, err := ReadFile(r, buf, wintypes.Opt(count), nil)
		requireIntact()
		input, api := requireWrapperError(t, err)
		valid := passed >= 0 && passed <= int64(len(buf))
		require.Nil(t, api, "a read of a pipe holding data succeeds")
		if !valid {
			require.NotNil(t, input, "count %d for %d bytes", passed, len(buf))
			require.Equal(t, "nNumberOfBytesToRead", input.Name)
			return
		}
		require.Nil(t, input)
		require.LessOrEqual(t, int64(got), passed)
		require.Equal(t, data[:got], buf[:got])
	})
}

func FuzzWriteFile(f *testing.F) {
	f.Add(uint16(5), true, int64(5))
	f.Add(uint16(5), false, int64(0))
	f.Add(uint16(5), true, int64(6))
	f.Add(uint16(5), true, int64(-1))
	f.Add(uint16(0), true, int64(0))
	f.Add(uint16(0), false, int64(0))
	f.Add(uint16(5), true, int64(math.MaxUint32))
	f.Add(uint16(5), true, int64(math.MaxUint32+1))
	f.Fuzz(func(t *testing.T, bufLen uint16, hasCount bool, n int64) {
		r, w := fuzzPipe(t, nil)
		buf, requireIntact := canaried(t, int(bufLen%1024))
		for i := range buf {
			buf[i] = byte(i)
		}
		var count *int
		want := int64(len(buf))
		if hasCount {
			var c int
			c, want = asInt(n)
			count = &c
		}
		got, err := WriteFile(w, buf, count, nil)
		requireIntact()
		input, api := requireWrapperError(t, err)
		require.Nil(t, api, "a write to an empty pipe succeeds")
		if want < 0 || want > int64(len(buf)) {
			require.NotNil(t, input, "count %d for %d bytes", want, len(buf))
			require.Equal(t, "nNumberOfBytesToWrite", input.Name)
			return
		}
		require.Nil(t, input)
		require.Equal(t, want, int64(got))
		peek, err := PeekNamedPipe(r, 0)
		require.NoError(t, err)
		require.Equal(t, got, peek.LpTotalBytesAvail, "the pipe holds what was written")
	})
}

func FuzzPeekNamedPipe(f *testing.F) {
	f.Add([]byte("hello"), uint16(16), int64(16))
	f.Add([]byte("hello"), uint16(2), int64(2))
	f.Add([]byte(""), uint16(0), int64(0))
	f.Add([]byte("hello"), uint16(0), int64(-1))
	f.Add([]byte("hello"), uint16(8), int64(math.MaxUint32))
	f.Add([]byte("hello"), uint16(8), int64(math.MaxUint32+1))
	f.Add([]byte("hello"), uint16(8), int64(math.MinInt64))
	f.Fuzz(func(t *testing.T, data []byte, bufLen uint16, nBufferSize int64) {
		data = fuzzData(data)
		r, _ := fuzzPipe(t, data)

		buf, requireIntact := canaried(t, int(bufLen%2048))
		res, err := PeekNamedPipeInto(r, buf, nil)
		requireIntact()
		require.NoError(t, err)
		require.Equal(t, min(len(buf), len(data)), res.LpBytesRead)
		require.Equal(t, len(data), res.LpTotalBytesAvail)
		require.True(t, bytes.Equal(data[:res.LpBytesRead], res.LpBuffer))

		size, passed := asInt(nBufferSize)
		valid := passed >= 0 && passed <= math.MaxUint32
		res, err = PeekNamedPipe(r, size)
		input, api := requireWrapperError(t, err)
		require.Nil(t, api)
		if !valid {
			require.NotNil(t, input, "nBufferSize %d", passed)
			require.Equal(t, "nBufferSize", input.Name)
			return
		}
		require.Nil(t, input)
		require.Equal(t, min(size, len(data)), res.LpBytesRead)
		require.True(t, bytes.Equal(data[:res.LpBytesRead], res.LpBuffer))
	})
}

func FuzzDuplicateHandle(f *testing.F) {
	f.Add(uint32(0), false, uint32(DUPLICATE_SAME_ACCESS))
	f.Add(uint32(SYNCHRONIZE), true, uint32(0))
	f.Add(uint32(EVENT_ALL_ACCESS), false, uint32(DUPLICATE_CLOSE_SOURCE|DUPLICATE_SAME_ACCESS))
	f.Add(uint32(math.MaxUint32), false, uint32(0))
	f.Add(uint32(0), false, uint32(math.MaxUint32))
	f.Add(uint32(0), false, uint32(4))
	f.Fuzz(func(t *testing.T, dwDesiredAccess uint32, bInheritHandle bool, dwOptions uint32) {
		src, _, err := CreateEvent(true, false, nil, "")
		require.NoError(t, err)
		markInheritable(t, src)
		self := GetCurrentProcess()
		dup, err := DuplicateHandle(self, src, self, dwDesiredAccess, bInheritHandle, dwOptions)
		input, _ := requireWrapperError(t, err)
		documented := dwOptions&^(DUPLICATE_CLOSE_SOURCE|DUPLICATE_SAME_ACCESS) == 0
		require.Equal(t, !documented, input != nil, "options %#x: %v", dwOptions, err)
		// The duplicate first: it may reuse the value of a source
		// DUPLICATE_CLOSE_SOURCE closed.
		if err == nil {
			require.NotZero(t, dup)
			closeAndCheck(t, dup)
		}
		if documented && dwOptions&DUPLICATE_CLOSE_SOURCE != 0 {
			// Closed by DuplicateHandle, even when it fails.
			requireClosed(t, src)
		} else {
			closeAndCheck(t, src)
		}
	})
}

func FuzzSetHandleInformation(f *testing.F) {
	f.Add(uint32(HANDLE_FLAG_INHERIT), uint32(HANDLE_FLAG_INHERIT))
	f.Add(uint32(HANDLE_FLAG_PROTECT_FROM_CLOSE), uint32(HANDLE_FLAG_PROTECT_FROM_CLOSE))
	f.Add(uint32(3), uint32(0))
	f.Add(uint32(4), uint32(0))
	f.Add(uint32(0), uint32(math.MaxUint32))
	f.Fuzz(func(t *testing.T, dwMask, dwFlags uint32) {
		h, _, err := CreateEvent(true, false, nil, "")
		require.NoError(t, err)
		err = SetHandleInformation(h, dwMask, dwFlags)
		input, api := requireWrapperError(t, err)
		const documented = HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE
		require.Equal(t, (dwMask|dwFlags)&^documented != 0, input != nil, "mask %#x flags %#x: %v", dwMask, dwFlags, err)
		require.Nil(t, api)
		if err == nil {
			got, err := GetHandleInformation(h)
			require.NoError(t, err)
			require.Equal(t, dwFlags&dwMask, got&dwMask)
		}
		// Unprotect, or the handle could not be closed.
		require.NoError(t, SetHandleInformation(h, documented, 0))
		closeAndCheck(t, h)
	})
}

// padUnits pads s with 'p' to n UTF-16 units (nothing when n is 0 or s is
// longer).
func padUnits(s string, n uint16) string {
	if have := len(windows.StringToUTF16(strings.ReplaceAll(s, "\x00", "_"))) - 1; int(n) > have {
		return s + strings.Repeat("p", int(n)-have)
	}
	return s
}

// plainName reports whether s is a name wincgo must pass to Windows: valid
// UTF-8 (WTF-8 aside), no NUL, at most limit UTF-16 units.
func plainName(s string, limit int) bool {
	return utf8.ValidString(s) && !strings.Contains(s, "\x00") && len(windows.StringToUTF16(s))-1 <= limit
}

// nameSeed is a name every string target starts from, padded to padTo
// UTF-16 units.
type nameSeed struct {
	s     string
	padTo uint16
}

// fuzzNameSeeds are the interesting names (testdata/fuzz holds them too):
// NUL, invalid UTF-8, WTF-8 surrogates, and the limit and one over it.
func fuzzNameSeeds(limit uint16) []nameSeed {
	var seeds []nameSeed
	for _, s := range []string{"a", "", "\x00", "a\x00b", "x\xff", "x\xfe", "\xed\xa0\x80", "a\xed\xbf\xbfz",
		"\xed\xa0\xbd\xed\xb8\x80", "😀", "é", "\xc0\x80", "back\\slash", "Local\\x",
		// Names Win32 path normalisation would change (a trailing space
		// or dot is stripped from a plain path), kept by \\?\ paths.
		" ", "."} {
		seeds = append(seeds, nameSeed{s, 0})
	}
	return append(seeds, nameSeed{"", limit}, nameSeed{"", limit + 1}, nameSeed{"😀", limit}, nameSeed{"\xed\xa0\x80", limit + 1})
}

func FuzzEventName(f *testing.F) {
	for _, seed := range fuzzNameSeeds(uint16(objectNameLimit.Max)) {
		f.Add(seed.s, seed.padTo)
	}
	f.Fuzz(func(t *testing.T, s string, padTo uint16) {
		// A unique prefix keeps fuzzed names away from other objects.
		name := padUnits(testutil.UniqueName("wf")+s, padTo)
		h, existed, err := CreateEvent(true, false, nil, name)
		input, api := requireWrapperError(t, err)
		if plainName(name, objectNameLimit.Max) {
			require.Nil(t, input, "%q: %v", name, err)
		}
		opened, openErr := OpenEvent(SYNCHRONIZE, false, name)
		openInput, _ := requireWrapperError(t, openErr)
		require.Equal(t, input != nil, openInput != nil, "CreateEvent and OpenEvent check names alike")
		if input != nil {
			require.Equal(t, "lpName", input.Name)
			return
		}
		if api != nil {
			require.Error(t, openErr, "no event was created under %q", name)
			return
		}
		require.False(t, existed)
		closeAndCheck(t, h)
		// The name opened exactly the event created, and nothing else.
		require.NoError(t, openErr)
		closeAndCheck(t, opened)
	})
}

// fuzzFileName makes s a file name inside dir: separators and ':' become
// '_' (a name must not climb out of the directory or name a stream), and
// the "f-" prefix keeps it from being a device (CON, COM1).
func fuzzFileName(dir, s string, padTo uint16) string {
	s = strings.NewReplacer(`\`, "_", "/", "_", ":", "_").Replace(s)
	return padUnits(`\\?\`+dir+`\f-`+s, padTo)
}

func FuzzCreateFileName(f *testing.F) {
	for _, seed := range fuzzNameSeeds(uint16(pathLimit.Max)) {
		f.Add(seed.s, seed.padTo)
	}
	f.Fuzz(func(t *testing.T, s string, padTo uint16) {
		dir := testutil.TempDir(t)
		path := fuzzFileName(dir, s, padTo)
		h, err := CreateFile(path, GENERIC_WRITE, nil, nil, wintypes.Opt[uint32](CREATE_NEW), nil, 0)
		input, _ := requireWrapperError(t, err)
		if plainName(path, pathLimit.Max) {
			require.Nil(t, input, "%q: %v", path, err)
		}
		if input != nil {
			require.Equal(t, "lpFileName", input.Name)
			return
		}
		if err == nil {
			closeAndCheck(t, h)
		}
	})
}

func FuzzMoveFileEx(f *testing.F) {
	for _, seed := range fuzzNameSeeds(uint16(pathLimit.Max)) {
		f.Add(seed.s, seed.padTo, false, uint32(0))
	}
	f.Add("moved", uint16(0), true, uint32(0))
	f.Add("moved", uint16(0), true, uint32(MOVEFILE_REPLACE_EXISTING|MOVEFILE_COPY_ALLOWED|MOVEFILE_WRITE_THROUGH))
	f.Add("moved", uint16(0), true, uint32(MOVEFILE_CREATE_HARDLINK|MOVEFILE_FAIL_IF_NOT_TRACKABLE))
	f.Add("moved", uint16(0), true, uint32(0x40))
	f.Add("moved", uint16(0), true, uint32(math.MaxUint32))
	f.Add("", uint16(0), true, uint32(MOVEFILE_DELAY_UNTIL_REBOOT))
	f.Fuzz(func(t *testing.T, s string, padTo uint16, hasFlags bool, dwFlags uint32) {
		dir := testutil.TempDir(t)
		src := filepath.Join(dir, "src")
		h, err := CreateFile(src, GENERIC_WRITE, nil, nil, nil, nil, 0)
		require.NoError(t, err)
		closeAndCheck(t, h)

		// Never MOVEFILE_DELAY_UNTIL_REBOOT: where it succeeds (Wine
		// writes it to the registry) it would outlive the test, in the
		// Wine prefix other tests share.
		dwFlags &^= MOVEFILE_DELAY_UNTIL_REBOOT
		var flags *uint32
		if hasFlags {
			flags = &dwFlags
		}
		dst := fuzzFileName(dir, s, padTo)
		err = MoveFileEx(src, dst, flags)
		moved := err == nil
		input, _ := requireWrapperError(t, err)
		const documented = MOVEFILE_REPLACE_EXISTING | MOVEFILE_COPY_ALLOWED | MOVEFILE_WRITE_THROUGH |
			MOVEFILE_CREATE_HARDLINK | MOVEFILE_FAIL_IF_NOT_TRACKABLE
		if plainName(dst, pathLimit.Max) && (!hasFlags || dwFlags&^documented == 0) {
			require.Nil(t, input, "%q flags %#x: %v", dst, dwFlags, err)
		}
		// The fuzzed name as the source: it names the file moved there,
		// or nothing.
		err = MoveFileEx(dst, filepath.Join(dir, "back"), nil)
		_, _ = requireWrapperError(t, err)
		if moved {
			require.NoError(t, err, "moving %q back", dst)
		}
	})
}

// validWTF8 reports whether s is UTF-8, or WTF-8 (surrogate halves as 3
// bytes), the strings wincgo passes Windows.
func validWTF8(s string) bool {
	for s != "" {
		r, n := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && n == 1 {
			if _, ok := check.WTF8Surrogate(s); !ok {
				return false
			}
			n = 3
		}
		s = s[n:]
	}
	return true
}

// FuzzEnvironmentBlock: an environment block built from a list (lines of
// the input) holds exactly the strings it was given, converted as every
// other string wincgo passes Windows (Go's WTF-8 conversion), or the call
// fails with an InputError naming one it refuses: never a variable
// silently changed (an invalid byte turned into U+FFFD) or made up.
func FuzzEnvironmentBlock(f *testing.F) {
	for _, s := range []string{"A=1\nb=2", "\xff=1", "a=\xff", "a=\xed\xa0\x80", "\xed\xa0\x80=1\n\xed\xb0\x80=2",
		"=C:=C:\\\nPATH=a\nPath=b", "a=1\x00", "novalue", "😀=\xed\xa0\xbd\xed\xb8\x80", "µ=1\nΜ=2", "a=\xc0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		env := strings.Split(s, "\n")
		b, err := NewEnvironmentBlockFromList(env)
		anyInvalid := false
		for _, kv := range env {
			anyInvalid = anyInvalid || !validWTF8(kv)
		}
		if err != nil {
			var input *wincgoerrors.InputError
			require.ErrorAs(t, err, &input)
			require.Regexp(t, `^env\[\d+\]$`, input.Name)
			return
		}
		require.False(t, anyInvalid, "%q: bytes that are neither UTF-8 nor WTF-8 were accepted", env)
		vars := b.Variables()
		block := b.UTF16()
		for _, v := range vars {
			require.Contains(t, env, v, "a variable nobody gave")
			want, err := windows.UTF16FromString(v)
			require.NoError(t, err)
			require.GreaterOrEqual(t, len(block), len(want))
			require.Equal(t, want, block[:len(want)], "%q in the block", v)
			block = block[len(want):]
		}
		if len(vars) == 0 {
			require.Equal(t, []uint16{0}, block[:1])
			block = block[1:]
		}
		require.Equal(t, []uint16{0}, block, "the block ends with one more NUL, and nothing else")
	})
}
