//go:build windows

package kernel32

import (
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/testutil"
)

func TestSetGetLastError(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	SetLastError(ERROR_ACCESS_DENIED)
	assert.Equal(t, ERROR_ACCESS_DENIED, GetLastError())
	SetLastError(0x20000001) // an application-defined code (bit 29)
	assert.Equal(t, syscall.Errno(0x20000001), GetLastError())
	SetLastError(ERROR_SUCCESS)
	assert.Equal(t, ERROR_SUCCESS, GetLastError())
	// FormatMessage's text for any code: the errors package's.
	want := "Access is denied"
	if testutil.IsWine() {
		want = "Access denied" // Wine's message table words it so
	}
	assert.Equal(t, want, errors.Message(ERROR_ACCESS_DENIED))
}

func TestGetTempPath(t *testing.T) {
	dir := testutil.TempDir(t)
	t.Setenv("TMP", dir)
	got, err := GetTempPath()
	require.NoError(t, err)
	assert.Equal(t, dir+`\`, got)
	// A path longer than MAX_PATH: the buffer grows.
	long := filepath.Join(dir, string(make([]byte, 0)))
	for len(long) < 300 {
		long = filepath.Join(long, "abcdefghijklmnopqrstuvwxyz")
	}
	t.Setenv("TMP", long)
	got, err = GetTempPath()
	if testutil.IsWine() {
		// Wine 8 refuses a temporary path longer than MAX_PATH instead of
		// reporting the size it needs.
		testutil.RequireAPIError(t, err, "GetTempPathW", syscall.Errno(206)) // ERROR_FILENAME_EXCED_RANGE
	} else {
		require.NoError(t, err)
		assert.Equal(t, long+`\`, got)
	}
}

func TestGetTempPathFailure(t *testing.T) {
	disarm := injectFault("GetTempPathW", 0, ERROR_ACCESS_DENIED)
	_, err := GetTempPath()
	disarm()
	testutil.RequireAPIError(t, err, "GetTempPathW", ERROR_ACCESS_DENIED)
}
