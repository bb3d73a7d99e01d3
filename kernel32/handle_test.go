//go:build windows

package kernel32

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

// currentProcess is the pseudo-handle GetCurrentProcess returns: -1, which
// is also INVALID_HANDLE_VALUE's value (see its doc).
const currentProcess = INVALID_HANDLE_VALUE

func init() {
	// handle-close-twice closes an event twice and prints the second
	// close's function, code and expected return.
	testutil.Role("handle-close-twice", func([]string) error {
		// Between the two closes, the runtime may create a handle (a new
		// thread's, when a slow call makes it start one), and it would get
		// the freed value: Wine hands out the lowest free value, Windows
		// the most recently freed one. Free 16 other values that both
		// rules prefer: lower ones, freed after the target.
		holes := make([]wintypes.HANDLE, 16)
		for i := range holes {
			h, _, err := CreateEvent(true, false, nil, "")
			if err != nil {
				return err
			}
			holes[i] = h
		}
		h, _, err := CreateEvent(true, false, nil, "")
		if err != nil {
			return err
		}
		if err := CloseHandle(h); err != nil {
			return err
		}
		for _, hole := range holes {
			if err := CloseHandle(hole); err != nil {
				return err
			}
		}
		var apiErr *wincgoerrors.WindowsAPIError
		err = CloseHandle(h)
		if err == nil {
			return errors.New("second CloseHandle succeeded, expected a *WindowsAPIError")
		}
		if !errors.As(err, &apiErr) {
			return fmt.Errorf("second CloseHandle returned %w, expected a *WindowsAPIError", err)
		}
		fmt.Println(apiErr.Function, uint32(apiErr.Errno), apiErr.Returned)
		return nil
	})

	// handle-signal-inherited: args are handle values the parent made
	// inheritable before starting this process; the child tries SetEvent on
	// each and prints "ok" or the error code, one line each.
	testutil.Role("handle-signal-inherited", func(args []string) error {
		for _, a := range args {
			v, err := strconv.ParseUint(a, 0, 64)
			if err != nil {
				return err
			}
			if err := SetEvent(wintypes.HANDLE(v)); err != nil {
				fmt.Println(wincgoerrorsCode(err))
			} else {
				fmt.Println("ok")
			}
		}
		return nil
	})
}

// wincgoerrorsCode renders err's Windows code, for a child's report.
func wincgoerrorsCode(err error) string {
	if e := (*wincgoerrors.WindowsAPIError)(nil); errors.As(err, &e) {
		return fmt.Sprintf("error %d", uint32(e.Errno))
	}
	return err.Error()
}

func TestCloseHandleTwice(t *testing.T) {
	// Closing twice runs in a child process of its own: between the two
	// closes the handle's value may be handed out again (see
	// testutil.InvalidHandle), and the second close would then close
	// another handle of this test binary.
	out := testutil.Run(t, "handle-close-twice")
	assert.Equal(t, fmt.Sprintf("CloseHandle %d FALSE", uint32(ERROR_INVALID_HANDLE)), strings.TrimSpace(out))
}

func TestCloseHandleInvalid(t *testing.T) {
	err := CloseHandle(testutil.InvalidHandle)
	apiErr := testutil.APIErrorOf(t, err, "CloseHandle", ERROR_INVALID_HANDLE)
	assert.Equal(t, "FALSE", apiErr.Returned)
	assert.Contains(t, err.Error(), "CloseHandle returned FALSE: Windows error 6 (0x6): ")
}

func TestCloseHandleBadInput(t *testing.T) {
	testutil.RequireInputError(t, CloseHandle(0), "hObject")
}

func TestHandleFlagProtectFromClose(t *testing.T) {
	h, _, err := CreateEvent(true, false, nil, "")
	require.NoError(t, err)

	require.NoError(t, SetHandleInformation(h, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE))
	flags, err := GetHandleInformation(h)
	require.NoError(t, err)
	assert.Equal(t, HANDLE_FLAG_PROTECT_FROM_CLOSE, flags)

	assert.ErrorIs(t, CloseHandle(h), ERROR_INVALID_HANDLE, "Windows refuses to close a protected handle")
	// Still open: usable, and its flags readable.
	require.NoError(t, SetEvent(h))
	requireState(t, h, WAIT_OBJECT_0)

	require.NoError(t, SetHandleInformation(h, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0))
	require.NoError(t, CloseHandle(h), "closes once unprotected")
}

func TestSetHandleInformationInherit(t *testing.T) {
	h := newEvent(t, true, false)
	require.NoError(t, SetHandleInformation(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT))
	flags, err := GetHandleInformation(h)
	require.NoError(t, err)
	assert.Equal(t, HANDLE_FLAG_INHERIT, flags)

	// The mask limits the change to the flags it names.
	require.NoError(t, SetHandleInformation(h, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0))
	flags, err = GetHandleInformation(h)
	require.NoError(t, err)
	assert.Equal(t, HANDLE_FLAG_INHERIT, flags)

	require.NoError(t, SetHandleInformation(h, HANDLE_FLAG_INHERIT, 0))
	flags, err = GetHandleInformation(h)
	require.NoError(t, err)
	assert.Zero(t, flags)
}

func TestHandleInformationFailures(t *testing.T) {
	h := wintypes.HANDLE(testutil.InvalidHandle)
	_, err := GetHandleInformation(h)
	assert.ErrorIs(t, err, ERROR_INVALID_HANDLE)
	err = SetHandleInformation(h, HANDLE_FLAG_INHERIT, 0)
	assert.ErrorIs(t, err, ERROR_INVALID_HANDLE)
}

func TestHandleInformationBadInput(t *testing.T) {
	h := newEvent(t, true, false)
	for _, c := range []struct {
		name, param string
		call        func() error
	}{
		{"GetHandleInformation/hObject=0", "hObject", func() error { _, err := GetHandleInformation(0); return err }},
		{"SetHandleInformation/hObject=0", "hObject", func() error { return SetHandleInformation(0, HANDLE_FLAG_INHERIT, 0) }},
		{"SetHandleInformation/dwMask=0x80", "dwMask", func() error { return SetHandleInformation(h, 0x80, 0) }},
		{"SetHandleInformation/dwFlags=0x80", "dwFlags", func() error { return SetHandleInformation(h, HANDLE_FLAG_INHERIT, 0x80) }},
	} {
		t.Run(c.name, func(t *testing.T) { testutil.RequireInputError(t, c.call(), c.param) })
	}
}

func TestDuplicateHandleInheritance(t *testing.T) {
	h := newEvent(t, true, false)
	inheritable, err := DuplicateHandle(currentProcess, h, currentProcess, 0, true, DUPLICATE_SAME_ACCESS)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, inheritable)
	private, err := DuplicateHandle(currentProcess, h, currentProcess, 0, false, DUPLICATE_SAME_ACCESS)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, private)

	flags, err := GetHandleInformation(inheritable)
	require.NoError(t, err)
	assert.Equal(t, HANDLE_FLAG_INHERIT, flags&HANDLE_FLAG_INHERIT)
	flags, err = GetHandleInformation(private)
	require.NoError(t, err)
	assert.Zero(t, flags&HANDLE_FLAG_INHERIT)

	// A child that inherits every inheritable handle can use the
	// inheritable duplicate, at the same value.
	child := testutil.StartInheritingAll(t, "handle-signal-inherited", fmt.Sprint(uintptr(inheritable)))
	code, out := child.Wait(t, 30*time.Second)
	require.Zero(t, code, out)
	assert.Equal(t, "ok", out)
	requireState(t, h, WAIT_OBJECT_0) // the child's SetEvent reached our event

	// Which handles a child holds is read from a suspended child, before
	// any of its code allocates handles at free values: the inheritable
	// duplicate is there, the other one is not.
	suspended := testutil.StartSuspendedInheritingAll(t)
	child2 := wintypes.HANDLE(suspended.Handle)
	inChild, err := DuplicateHandle(child2, inheritable, currentProcess, 0, false, DUPLICATE_SAME_ACCESS)
	require.NoError(t, err, "the inheritable duplicate is in the child")
	defer testutil.CloseWith(t, CloseHandle, inChild)
	require.NoError(t, ResetEvent(h))
	require.NoError(t, SetEvent(inChild))
	requireState(t, h, WAIT_OBJECT_0) // and it is our event

	_, err = DuplicateHandle(child2, private, currentProcess, 0, false, DUPLICATE_SAME_ACCESS)
	assert.ErrorIs(t, err, ERROR_INVALID_HANDLE, "the non-inheritable duplicate is not in the child")
}

func TestDuplicateHandleCloseSource(t *testing.T) {
	// The handle value itself cannot show that the source was closed: the
	// duplicate may reuse the freed slot (Wine does). The object can: once
	// the duplicate, the only handle left, is closed, the named event is
	// gone.
	name := testutil.UniqueName("wincgo-event")
	h, _, err := CreateEvent(true, false, nil, name)
	require.NoError(t, err)
	dup, err := DuplicateHandle(currentProcess, h, currentProcess, 0, false, DUPLICATE_SAME_ACCESS|DUPLICATE_CLOSE_SOURCE)
	require.NoError(t, err)
	require.NoError(t, SetEvent(dup))
	requireState(t, dup, WAIT_OBJECT_0)
	require.NoError(t, CloseHandle(dup))

	_, err = OpenEvent(SYNCHRONIZE, false, name)
	assert.ErrorIs(t, err, ERROR_FILE_NOT_FOUND, "no handle left: DUPLICATE_CLOSE_SOURCE closed the source")
}

func TestDuplicateHandleReducedAccess(t *testing.T) {
	h := newEvent(t, true, false)
	waitOnly, err := DuplicateHandle(currentProcess, h, currentProcess, SYNCHRONIZE, false, 0)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, waitOnly)
	requireState(t, waitOnly, WAIT_TIMEOUT)
	assert.ErrorIs(t, SetEvent(waitOnly), ERROR_ACCESS_DENIED, "SetEvent needs EVENT_MODIFY_STATE")
}

func TestDuplicateHandleFailure(t *testing.T) {
	_, err := DuplicateHandle(currentProcess, testutil.InvalidHandle, currentProcess, 0, false, DUPLICATE_SAME_ACCESS)
	testutil.RequireAPIError(t, err, "DuplicateHandle", ERROR_INVALID_HANDLE)
}

func TestDuplicateHandleBadInput(t *testing.T) {
	h := newEvent(t, true, false)
	cases := []struct {
		param            string
		src, handle, dst wintypes.HANDLE
		options          uint32
	}{
		{"hSourceProcessHandle", 0, h, currentProcess, DUPLICATE_SAME_ACCESS},
		{"hSourceHandle", currentProcess, 0, currentProcess, DUPLICATE_SAME_ACCESS},
		{"hTargetProcessHandle", currentProcess, h, 0, DUPLICATE_SAME_ACCESS},
		{"dwOptions", currentProcess, h, currentProcess, 0x100},
	}
	for _, c := range cases {
		t.Run(c.param, func(t *testing.T) {
			_, err := DuplicateHandle(c.src, c.handle, c.dst, 0, false, c.options)
			testutil.RequireInputError(t, err, c.param)
		})
	}
}

func TestGetStdHandle(t *testing.T) {
	// Go's os.Stdout wraps the process's standard output handle.
	for _, c := range []struct {
		n    uint32
		want uintptr
	}{
		{STD_INPUT_HANDLE, osStdHandle(0)},
		{STD_OUTPUT_HANDLE, osStdHandle(1)},
		{STD_ERROR_HANDLE, osStdHandle(2)},
	} {
		h, err := GetStdHandle(c.n)
		require.NoError(t, err)
		assert.Equal(t, wintypes.HANDLE(c.want), h, "nStdHandle %d", int32(c.n))
	}
}

func TestGetStdHandleFailure(t *testing.T) {
	// GetStdHandle fails only on a broken process; drive the path.
	defer injectFault("GetStdHandle", uintptr(INVALID_HANDLE_VALUE), ERROR_INVALID_HANDLE)()
	_, err := GetStdHandle(STD_OUTPUT_HANDLE)
	apiErr := testutil.APIErrorOf(t, err, "GetStdHandle", ERROR_INVALID_HANDLE)
	assert.Equal(t, "INVALID_HANDLE_VALUE", apiErr.Returned, "printed as documented, not as 18446744073709551615")
	assert.Contains(t, err.Error(), "GetStdHandle returned INVALID_HANDLE_VALUE: Windows error 6 (0x6): ")
}

func TestGetStdHandleBadInput(t *testing.T) {
	for _, n := range []uint32{0, 1, STD_ERROR_HANDLE - 1, STD_INPUT_HANDLE + 1} {
		t.Run(fmt.Sprintf("nStdHandle=%d", int32(n)), func(t *testing.T) {
			_, err := GetStdHandle(n)
			testutil.RequireInputError(t, err, "nStdHandle")
		})
	}
}
