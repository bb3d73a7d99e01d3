package check

import (
	"errors"
	"math"
	"strconv"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	wincgoerrors "github.com/wincgo/wincgo/errors"
)

func requireInputError(t *testing.T, err error, name string) {
	t.Helper()
	_ = inputErrorOf(t, err, name)
}

// inputErrorOf is requireInputError returning the error, for the tests
// that check more of it.
func inputErrorOf(t *testing.T, err error, name string) *wincgoerrors.InputError {
	t.Helper()
	var inputErr *wincgoerrors.InputError
	require.ErrorAs(t, err, &inputErr)
	assert.Equal(t, name, inputErr.Name)
	return inputErr
}

func TestCount(t *testing.T) {
	n, err := Count("nNumberOfBytesToWrite", 3, "lpBuffer", 5, "bytes")
	require.NoError(t, err)
	assert.Equal(t, uint32(3), n)
	n, err = Count("nNumberOfBytesToWrite", 5, "lpBuffer", 5, "bytes")
	require.NoError(t, err)
	assert.Equal(t, uint32(5), n)

	// The message counts in the buffer's unit, one case per unit wincgo
	// passes.
	for _, unit := range []string{"bytes", "entries", "handles", "UTF-16 units"} {
		e := inputErrorOf(t, func() error { _, err := Count("n", 6, "lpBuffer", 5, unit); return err }(), "n")
		assert.Contains(t, e.Error(), "received 6, more than the 5 "+unit+" of lpBuffer")
	}
	e := inputErrorOf(t, func() error { _, err := Count("n", -1, "lpBuffer", 5, "bytes"); return err }(), "n")
	assert.Contains(t, e.Error(), ">= 0")
	// A count that fits the buffer but not a DWORD (a buffer this large
	// cannot be allocated in a test; the length is what is checked). Only
	// 64-bit ints can describe such a buffer.
	tooBig := int64(math.MaxUint32) + 1
	if int64(int(tooBig)) != tooBig {
		t.Logf("%d-bit int: no buffer can exceed a DWORD", strconv.IntSize)
		return
	}
	e = inputErrorOf(t, func() error { _, err := Count("n", tooBig, "lpBuffer", int(tooBig), "bytes"); return err }(), "n")
	assert.Contains(t, e.Error(), "does not fit a DWORD")
	_, err = Len("lpBuffer", int(tooBig), "entries")
	e = inputErrorOf(t, err, "lpBuffer")
	assert.Contains(t, e.Error(), "received 4294967296 entries, more than a DWORD can count")
	n, err = Len("lpBuffer", 7, "bytes")
	require.NoError(t, err)
	assert.Equal(t, uint32(7), n)
}

func TestOptionalCount(t *testing.T) {
	n, err := OptionalCount("nCount", nil, "pHandles", 3, "handles")
	require.NoError(t, err)
	assert.Equal(t, uint32(3), n, "nil means the whole slice")
	for _, c := range []int{0, 2, 3} {
		n, err = OptionalCount("nCount", &c, "pHandles", 3, "handles")
		require.NoError(t, err)
		assert.Equal(t, uint32(c), n)
	}
	n, err = OptionalCount("nCount", nil, "pHandles", 0, "handles")
	require.NoError(t, err)
	assert.Zero(t, n, "an empty slice counts 0")

	four, minus := 4, -1
	_, err = OptionalCount("nCount", &four, "pHandles", 3, "handles")
	assert.Contains(t, inputErrorOf(t, err, "nCount").Error(), "received 4, more than the 3 handles of pHandles")
	_, err = OptionalCount("nCount", &minus, "pHandles", 3, "handles")
	assert.Contains(t, inputErrorOf(t, err, "nCount").Error(), ">= 0")

	// Beyond a DWORD: an explicit count is named; with nil, the slice is
	// what is too long. Only 64-bit ints can describe such a slice (its
	// length is what is checked; none is allocated).
	tooBig := int64(math.MaxUint32) + 1
	if int64(int(tooBig)) != tooBig {
		t.Logf("%d-bit int: no slice can exceed a DWORD", strconv.IntSize)
		return
	}
	big := int(tooBig)
	_, err = OptionalCount("nNumberOfBytesToWrite", &big, "lpBuffer", big, "bytes")
	assert.Contains(t, inputErrorOf(t, err, "nNumberOfBytesToWrite").Error(), "does not fit a DWORD")
	_, err = OptionalCount("nNumberOfBytesToWrite", nil, "lpBuffer", big, "bytes")
	assert.Contains(t, inputErrorOf(t, err, "lpBuffer").Error(), "more than a DWORD can count")
}

func TestNonNullOneOfFlags(t *testing.T) {
	type handle uintptr
	requireInputError(t, NonNull("hObject", handle(0)), "hObject")
	assert.NoError(t, NonNull("hObject", handle(4)))

	assert.NoError(t, OneOf[uint32]("n", 2, 1, 2, 3))
	e := inputErrorOf(t, OneOf[uint32]("n", 4, 1, 2, 3), "n")
	assert.Equal(t, []any{uint32(1), uint32(2), uint32(3)}, e.AllowedValues)

	assert.NoError(t, Flags("dwFlags", 0x3, 0x7))
	requireInputError(t, Flags("dwFlags", 0x8, 0x7), "dwFlags")
}

func TestResultErr(t *testing.T) {
	ok := Result{Func: &Func{Name: "SetEvent", Returned: "FALSE"}, Ret: 1, Status: Status{LastError: 6}}
	assert.NoError(t, ok.Err(), "not Failed: no error, whatever the last error")
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = ok.Err() }), "success allocates nothing")

	failed := Result{Func: &Func{Name: "WaitForSingleObject", Returned: "WAIT_FAILED"}, Ret: 0xFFFFFFFF, Status: Status{LastError: 6, Failed: true}}
	err := failed.Err()
	var apiErr *wincgoerrors.WindowsAPIError
	require.ErrorAs(t, err, &apiErr)
	want := wincgoerrors.WindowsAPIError{Function: "WaitForSingleObject", Returned: "WAIT_FAILED", Errno: 6, Message: wincgoerrors.Message(6)}
	assert.Equal(t, want, *apiErr)
	assert.True(t, errors.Is(err, syscall.Errno(6)))
	assert.Equal(t, "WaitForSingleObject returned WAIT_FAILED: Windows error 6 (0x6): "+want.Message, err.Error())

	// Each failure has its own error: one a caller changes is nobody else's.
	apiErr.Function = "mine"
	var again *wincgoerrors.WindowsAPIError
	require.ErrorAs(t, failed.Err(), &again)
	assert.NotSame(t, apiErr, again)
	assert.Equal(t, want, *again)
	assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() { _ = failed.Err() }), "a failure: the error, its message cached per code")

	closeHandle := &Func{Name: "CloseHandle", Returned: "FALSE"}
	assert.NoError(t, Result{Func: closeHandle, Ret: 1, Status: Status{LastError: 6}}.Err())
	require.ErrorAs(t, Result{Func: closeHandle, Ret: 0, Status: Status{LastError: 6, Failed: true}}.Err(), &apiErr)
	assert.Equal(t, wincgoerrors.WindowsAPIError{Function: "CloseHandle", Returned: "FALSE", Errno: 6, Message: wincgoerrors.Message(6)}, *apiErr)

	assert.Equal(t, int32(1), BOOL(true))
	assert.Equal(t, int32(0), BOOL(false))
}
