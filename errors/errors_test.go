package errors_test

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	wincgoerrors "github.com/wincgo/wincgo/errors"
)

// Windows error codes, as numbers: this package is portable and its tests
// cannot take them from windows.h.
const (
	errorFileNotFound  = syscall.Errno(2)
	errorInvalidHandle = syscall.Errno(6)
)

func TestWindowsAPIErrorIs(t *testing.T) {
	err := fmt.Errorf("opening: %w", wincgoerrors.NewWindowsAPIError("OpenEventW", errorFileNotFound))

	var apiErr *wincgoerrors.WindowsAPIError
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, "OpenEventW", apiErr.Function)
	assert.True(t, errors.Is(err, errorFileNotFound))
	assert.False(t, errors.Is(err, errorInvalidHandle))

	var base wincgoerrors.Error
	assert.True(t, errors.As(err, &base), "every wincgo error is a wincgoerrors.Error")
	var input *wincgoerrors.InputError
	assert.False(t, errors.As(err, &input))
}

func TestWindowsAPIErrorFormat(t *testing.T) {
	e := wincgoerrors.NewWindowsAPIError("CloseHandle", errorInvalidHandle)
	e.Returned = "FALSE"
	want := fmt.Sprintf("CloseHandle returned FALSE: Windows error 6 (0x6): %s", e.Message)
	assert.Equal(t, want, e.Error())
	assert.NotEmpty(t, e.Message)
	assert.False(t, strings.HasSuffix(e.Message, "\n"), "Windows' trailing line break is trimmed")

	e = &wincgoerrors.WindowsAPIError{Function: "WSAEventSelect", Errno: 10038, Message: "not a socket"}
	assert.Equal(t, "WSAEventSelect: Windows error 10038 (0x2736): not a socket", e.Error(), "no Returned: no return part")
}

func TestInputErrorFormat(t *testing.T) {
	for _, c := range []struct {
		err  *wincgoerrors.InputError
		want string
	}{
		{&wincgoerrors.InputError{Name: "nStdHandle", Value: uint32(7), AllowedValues: []any{uint32(1), uint32(2)}},
			"invalid nStdHandle: received 0x7 (uint32), expected one of 0x1, 0x2"},
		{&wincgoerrors.InputError{Name: "conn", Value: 3, ExpectedTypes: []string{"syscall.Conn"}},
			"invalid conn: received 3 (int), expected type syscall.Conn"},
		{&wincgoerrors.InputError{Name: "lpName", Value: "a\x00b", Message: "contains a NUL"},
			"invalid lpName: contains a NUL"},
	} {
		assert.Equal(t, c.want, c.err.Error())
	}
}

func TestInternalErrorFamily(t *testing.T) {
	cause := errors.New("cause")
	for _, err := range []error{
		&wincgoerrors.InternalError{Message: "m", Err: cause},
		&wincgoerrors.ResourceNotFoundError{InternalError: wincgoerrors.InternalError{Message: "m", Err: cause}},
		&wincgoerrors.NotImplementedError{InternalError: wincgoerrors.InternalError{Message: "m", Err: cause}},
	} {
		var internal *wincgoerrors.InternalError
		assert.True(t, errors.As(err, &internal), "%T is an InternalError", err)
		assert.True(t, errors.Is(err, cause), "%T unwraps to its cause", err)
		var base wincgoerrors.Error
		assert.True(t, errors.As(err, &base))
	}
	got := []string{
		(&wincgoerrors.InternalError{Message: "m"}).Error(),
		(&wincgoerrors.ResourceNotFoundError{InternalError: wincgoerrors.InternalError{Message: "ntdll"}}).Error(),
		(&wincgoerrors.NotImplementedError{InternalError: wincgoerrors.InternalError{Message: "x", Err: cause}}).Error(),
	}
	want := []string{"wincgo internal error: m", "wincgo: resource not found: ntdll", "wincgo: not implemented: x: cause"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
	var rnf *wincgoerrors.ResourceNotFoundError
	assert.False(t, errors.As(&wincgoerrors.InternalError{}, &rnf), "the family is one-way")
}

// TestWindowsAPIErrorAllocations holds the error path's cost: making an
// error is one allocation (the error: Windows' message is cached per
// code), and printing it one more (the string), as for a syscall.Errno.
func TestWindowsAPIErrorAllocations(t *testing.T) {
	for _, code := range []syscall.Errno{errorFileNotFound, errorInvalidHandle, 10038, 0xDEAD} {
		first := wincgoerrors.NewWindowsAPIError("SetEvent", code)
		var e *wincgoerrors.WindowsAPIError
		assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() {
			e = wincgoerrors.NewWindowsAPIError("SetEvent", code)
		}), "code %d", code)
		assert.Equal(t, first.Message, e.Message, "the cached message is the one FormatMessage gave")
		assert.Equal(t, wincgoerrors.Message(code), strings.TrimRight(code.Error(), ". \r\n"))
		e.Returned = "FALSE"
		var s string
		assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() { s = e.Error() }), "code %d", code)
		assert.Equal(t, fmt.Sprintf("SetEvent returned FALSE: Windows error %d (0x%X): %s",
			uint32(code), uint32(code), e.Message), s)
	}
}

// TestWindowsAPIErrorIsConnectionError: the connection failures' table,
// every code against every target (Windows codes as numbers: this test
// runs anywhere).
func TestWindowsAPIErrorIsConnectionError(t *testing.T) {
	const (
		errorNetnameDeleted    = syscall.Errno(64)
		errorConnectionRefused = syscall.Errno(1225)
		errorConnectionAborted = syscall.Errno(1236)
		wsaeconnaborted        = syscall.Errno(10053)
		wsaeconnreset          = syscall.Errno(10054)
		wsaeconnrefused        = syscall.Errno(10061)
		errorOperationAborted  = syscall.Errno(995)
		errorHandlesClosed     = syscall.Errno(676)
		wsaenotsock            = syscall.Errno(10038)
		errorInvalidParameter  = syscall.Errno(87)
	)
	targets := []syscall.Errno{wsaeconnreset, syscall.ECONNRESET, wsaeconnaborted, syscall.ECONNABORTED,
		wsaeconnrefused, syscall.ECONNREFUSED}
	for _, c := range []struct {
		name string
		code syscall.Errno
		// matches are the targets (of targets) errors.Is matches, besides
		// the code itself.
		matches []syscall.Errno
	}{
		{"ERROR_NETNAME_DELETED", errorNetnameDeleted, []syscall.Errno{wsaeconnreset, syscall.ECONNRESET}},
		{"WSAECONNRESET", wsaeconnreset, []syscall.Errno{wsaeconnreset, syscall.ECONNRESET}},
		{"ERROR_CONNECTION_ABORTED", errorConnectionAborted, []syscall.Errno{wsaeconnaborted, syscall.ECONNABORTED}},
		{"WSAECONNABORTED", wsaeconnaborted, []syscall.Errno{wsaeconnaborted, syscall.ECONNABORTED}},
		{"ERROR_CONNECTION_REFUSED", errorConnectionRefused, []syscall.Errno{wsaeconnrefused, syscall.ECONNREFUSED}},
		{"WSAECONNREFUSED", wsaeconnrefused, []syscall.Errno{wsaeconnrefused, syscall.ECONNREFUSED}},
		{"ERROR_OPERATION_ABORTED", errorOperationAborted, nil},
		{"ERROR_HANDLES_CLOSED", errorHandlesClosed, nil},
		{"WSAENOTSOCK", wsaenotsock, nil},
		{"ERROR_INVALID_PARAMETER", errorInvalidParameter, nil},
		{"ERROR_FILE_NOT_FOUND", errorFileNotFound, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := fmt.Errorf("receiving: %w", wincgoerrors.NewWindowsAPIError("WSARecv", c.code))
			assert.True(t, errors.Is(err, c.code), "the code itself")
			for _, target := range targets {
				want := target == c.code
				for _, m := range c.matches {
					want = want || m == target
				}
				assert.Equal(t, want, errors.Is(err, target), "errors.Is(%d, %d (%v))", c.code, target, target)
			}
			assert.False(t, errors.Is(err, errors.New("connection reset")), "only syscall.Errno targets")
		})
	}
}
