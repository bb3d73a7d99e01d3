//go:build windows

package errors_test

import (
	"errors"
	"io/fs"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/sys/windows"

	wincgoerrors "github.com/wincgo/wincgo/errors"
)

func TestWindowsAPIErrorMatchesGoErrors(t *testing.T) {
	for _, c := range []struct {
		code   windows.Errno
		target error
		want   bool
	}{
		{windows.ERROR_FILE_NOT_FOUND, fs.ErrNotExist, true},
		{windows.ERROR_PATH_NOT_FOUND, fs.ErrNotExist, true},
		{windows.ERROR_ACCESS_DENIED, fs.ErrPermission, true},
		{windows.ERROR_ALREADY_EXISTS, fs.ErrExist, true},
		{windows.ERROR_INVALID_HANDLE, fs.ErrNotExist, false},
		{windows.ERROR_INVALID_HANDLE, windows.ERROR_INVALID_HANDLE, true},
	} {
		err := wincgoerrors.NewWindowsAPIError("F", c.code)
		assert.Equal(t, c.want, errors.Is(err, c.target), "%v is %v", c.code, c.target)
		// Go's own error for the code agrees.
		assert.Equal(t, errors.Is(error(c.code), c.target), errors.Is(err, c.target))
	}
}

func TestWindowsAPIErrorMessageIsWindows(t *testing.T) {
	err := wincgoerrors.NewWindowsAPIError("CloseHandle", windows.ERROR_INVALID_HANDLE)
	// FormatMessage's text for the code, whatever the system language.
	assert.Equal(t, wincgoerrors.Message(windows.ERROR_INVALID_HANDLE), err.Message)
	assert.Contains(t, windows.ERROR_INVALID_HANDLE.Error(), err.Message)
	assert.NotContains(t, err.Message, "winapi error", "Windows has a message for the code")
}
