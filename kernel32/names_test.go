//go:build windows

package kernel32

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

// padName returns name padded with 'x' to n UTF-16 units.
func padName(name string, n int) string {
	return name + strings.Repeat("x", n-len(windows.StringToUTF16(name))+1)
}

// Two invalid UTF-8 names used to become the same "x\uFFFD" name: the
// second CreateEvent reported the first one's event as already existing.
func TestEventNameInvalidUTF8IsRefused(t *testing.T) {
	base := testutil.UniqueName("wincgo-utf8")
	for _, name := range []string{base + "\xff", base + "\xfe"} {
		_, _, err := CreateEvent(true, false, nil, name)
		e := testutil.InputErrorOf(t, err, "lpName")
		assert.Contains(t, e.Error(), "invalid UTF-8 at byte "+strconv.Itoa(len(base)))
		_, err = OpenEvent(EVENT_ALL_ACCESS, false, name)
		testutil.RequireInputError(t, err, "lpName")
	}
	// And nothing reached Windows under the U+FFFD spelling.
	_, err := OpenEvent(EVENT_ALL_ACCESS, false, base+"\uFFFD")
	testutil.RequireAPIError(t, err, "OpenEventW", ERROR_FILE_NOT_FOUND)
}

// An event x/sys created under a name holding unpaired surrogates is opened
// by the WTF-8 string Go decodes that name to.
func TestOpenEventWTF8NameFromXSys(t *testing.T) {
	name16 := windows.StringToUTF16(testutil.UniqueName("wincgo-wtf8"))
	name16 = append(name16[:len(name16)-1], 0xD800, 'z', 0xDFFF, 0)
	xh, err := windows.CreateEvent(nil, 1, 0, &name16[0])
	require.NoError(t, err)
	defer testutil.CloseWith(t, windows.CloseHandle, xh)

	wtf8 := windows.UTF16ToString(name16)
	require.Contains(t, wtf8, "\xed\xa0\x80z\xed\xbf\xbf", "Go decodes unpaired surrogates to WTF-8")
	h, err := OpenEvent(EVENT_ALL_ACCESS, false, wtf8)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, h)
	require.NoError(t, SetEvent(h))
	got, err := windows.WaitForSingleObject(xh, 0)
	require.NoError(t, err)
	assert.Equal(t, uint32(windows.WAIT_OBJECT_0), got, "the same event")

	h2, existed, err := CreateEvent(true, false, nil, wtf8)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, h2)
	assert.True(t, existed)
}

// Object names are limited to MAX_PATH (260) UTF-16 units, NUL excluded.
func TestEventNameLimit(t *testing.T) {
	at := padName(testutil.UniqueName("wincgo-limit"), 260)
	h, existed, err := CreateEvent(true, false, nil, at)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, h)
	require.False(t, existed)
	opened, err := OpenEvent(SYNCHRONIZE, false, at)
	require.NoError(t, err)
	require.NoError(t, CloseHandle(opened))

	// One more unit, and one more counted as two (a character outside the
	// BMP is a surrogate pair).
	for _, over := range []string{at + "x", at[:len(at)-1] + "😀"} {
		require.Len(t, windows.StringToUTF16(over), 262)
		_, _, err = CreateEvent(true, false, nil, over)
		e := testutil.InputErrorOf(t, err, "lpName")
		assert.Contains(t, e.Error(), "261 UTF-16 units, more than MAX_PATH (260)")
		_, err = OpenEvent(SYNCHRONIZE, false, over)
		testutil.RequireInputError(t, err, "lpName")
	}
	// The 40,028-character name Wine used to cut.
	_, _, err = CreateEvent(true, false, nil, strings.Repeat("n", 40028))
	testutil.RequireInputError(t, err, "lpName")
}

func TestNamesWithNUL(t *testing.T) {
	_, _, err := CreateEvent(true, false, nil, "a\x00b")
	assert.Contains(t, testutil.InputErrorOf(t, err, "lpName").Error(), "NUL at byte 1")
	_, err = OpenEvent(SYNCHRONIZE, false, "\x00")
	testutil.RequireInputError(t, err, "lpName")
	_, err = CreateFile("a\x00b", GENERIC_READ, nil, nil, nil, nil, 0)
	testutil.RequireInputError(t, err, "lpFileName")
}

// Paths are limited to UNICODE_STRING_MAX_CHARS - 1 (32,766) UTF-16 units,
// MSDN's limit with the \\?\ prefix with room for the NUL: at the limit the
// path reaches Windows, one over it is refused (and never reaches Wine 8,
// which corrupts its heap with it).
func TestPathLimit(t *testing.T) {
	dir := testutil.TempDir(t)
	prefix := `\\?\` + dir + `\`
	// Components of 200 characters, within every file system's limit.
	long := prefix
	for len(long) < 32766-200 {
		long += strings.Repeat("d", 199) + `\`
	}
	at := long + strings.Repeat("f", 32766-len(long))
	require.Len(t, at, 32766)

	_, err := CreateFile(at, GENERIC_READ, nil, nil, wintypes.Opt[uint32](OPEN_EXISTING), nil, 0)
	// At the limit the path reaches Windows, which walks it and misses
	// its first directory. (Wine 8 answered ERROR_BAD_PATHNAME for a path one unit longer: the one
	// whose NT form it builds with a wrapped length; see pathLimit.)
	wantCode := windows.ERROR_PATH_NOT_FOUND
	testutil.RequireAPIError(t, err, "CreateFileW", wantCode)
	err = MoveFileEx(at, filepath.Join(dir, "x"), nil)
	testutil.RequireAPIError(t, err, "MoveFileExW", wantCode)

	over := at + "f"
	_, err = CreateFile(over, GENERIC_READ, nil, nil, wintypes.Opt[uint32](OPEN_EXISTING), nil, 0)
	e := testutil.InputErrorOf(t, err, "lpFileName")
	assert.Contains(t, e.Error(), "32767 UTF-16 units, more than UNICODE_STRING_MAX_CHARS - 1 (32766)")
	err = MoveFileEx(over, filepath.Join(dir, "x"), nil)
	testutil.RequireInputError(t, err, "lpExistingFileName")
	err = MoveFileEx(filepath.Join(dir, "missing"), over, nil)
	testutil.RequireInputError(t, err, "lpNewFileName")
}

// A path longer than MAX_PATH without the \\?\ prefix is Windows' to accept
// (long paths enabled) or refuse; wincgo passes it on.
func TestPathOverMaxPathWithoutPrefix(t *testing.T) {
	dir := testutil.TempDir(t)
	sub := filepath.Join(dir, strings.Repeat("s", 150))
	path := filepath.Join(sub, strings.Repeat("f", 150))
	require.Greater(t, len(path), 260)
	if err := os.Mkdir(sub, 0o750); err != nil {
		t.Fatalf("Go's os.Mkdir adds the prefix itself: %v", err)
	}
	h, err := CreateFile(path, GENERIC_WRITE, nil, nil, wintypes.Opt[uint32](CREATE_NEW), nil, 0)
	if testutil.IsWine() {
		// Wine 8 does not apply MAX_PATH to CreateFileW's path.
		require.NoError(t, err)
	}
	if err != nil {
		// Windows without long paths enabled.
		var apiErr *wincgoerrors.WindowsAPIError
		require.ErrorAs(t, err, &apiErr)
		t.Logf("Windows refuses the path: %v", err)
		return
	}
	require.NoError(t, CloseHandle(h))
	moved := filepath.Join(sub, strings.Repeat("g", 150))
	require.NoError(t, MoveFileEx(path, moved, nil))
	_, err = os.Stat(moved)
	require.NoError(t, err)
}

// CREATE_NEW on an invalid UTF-8 name used to fail on a file named with
// U+FFFD the caller never created.
func TestCreateFileInvalidUTF8IsRefused(t *testing.T) {
	dir := testutil.TempDir(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x\uFFFD"), nil, 0o600))
	_, err := CreateFile(filepath.Join(dir, "x\xff"), GENERIC_WRITE, nil, nil, wintypes.Opt[uint32](CREATE_NEW), nil, 0)
	assert.Contains(t, testutil.InputErrorOf(t, err, "lpFileName").Error(), "invalid UTF-8")
	err = MoveFileEx(filepath.Join(dir, "x\uFFFD"), filepath.Join(dir, "y\xfe"), nil)
	testutil.RequireInputError(t, err, "lpNewFileName")
}
