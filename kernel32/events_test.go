//go:build windows

package kernel32

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

func init() {
	// event-set opens the named event args[0] and signals it.
	testutil.Role("events-set", func(args []string) (err error) {
		h, err := OpenEvent(EVENT_MODIFY_STATE, false, args[0])
		if err != nil {
			return err
		}
		defer testutil.CloseJoin(&err, CloseHandle, h)
		return SetEvent(h)
	})
}

// newEvent creates an unnamed event closed at the end of the test.
func newEvent(t *testing.T, bManualReset, bInitialState bool) wintypes.HANDLE {
	t.Helper()
	h, existed, err := CreateEvent(bManualReset, bInitialState, nil, "")
	require.NoError(t, err)
	require.False(t, existed)
	t.Cleanup(func() { testutil.CloseWith(t, CloseHandle, h) })
	return h
}

func requireState(t *testing.T, h wintypes.HANDLE, want uint32) {
	t.Helper()
	got, err := WaitForSingleObject(h, 0)
	require.NoError(t, err)
	require.Equal(t, want, got, "wait result (WAIT_OBJECT_0=%#x, WAIT_TIMEOUT=%#x)", WAIT_OBJECT_0, WAIT_TIMEOUT)
}

func TestCreateEventManualAndAutoReset(t *testing.T) {
	manual := newEvent(t, true, true)
	requireState(t, manual, WAIT_OBJECT_0)
	requireState(t, manual, WAIT_OBJECT_0) // a manual-reset event stays signalled
	require.NoError(t, ResetEvent(manual))
	requireState(t, manual, WAIT_TIMEOUT)

	auto := newEvent(t, false, false)
	requireState(t, auto, WAIT_TIMEOUT)
	require.NoError(t, SetEvent(auto))
	requireState(t, auto, WAIT_OBJECT_0)
	requireState(t, auto, WAIT_TIMEOUT) // the successful wait reset it
}

func TestCreateEventExistingNameReportsAlreadyExists(t *testing.T) {
	name := testutil.UniqueName("wincgo-event")
	first, existed, err := CreateEvent(true, false, nil, name)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, first)
	assert.False(t, existed, "a new name must not report ERROR_ALREADY_EXISTS")

	second, existed, err := CreateEvent(false, false, nil, name)
	require.NoError(t, err, "ERROR_ALREADY_EXISTS is information, not failure")
	defer testutil.CloseWith(t, CloseHandle, second)
	assert.True(t, existed)
	assert.NotEqual(t, first, second)

	// Both handles name one object: signalling through one is seen through
	// the other, and the first creator's manual-reset choice holds.
	require.NoError(t, SetEvent(second))
	requireState(t, first, WAIT_OBJECT_0)
	requireState(t, second, WAIT_OBJECT_0)
}

func TestCreateEventInheritableAttributes(t *testing.T) {
	sa := &wintypes.SECURITY_ATTRIBUTES{BInheritHandle: wintypes.BoolToBOOL(true)}
	h, _, err := CreateEvent(true, false, sa, "")
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, h)
	flags, err := GetHandleInformation(h)
	require.NoError(t, err)
	assert.Equal(t, HANDLE_FLAG_INHERIT, flags&HANDLE_FLAG_INHERIT)

	h2, _, err := CreateEvent(true, false, nil, "")
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, h2)
	flags, err = GetHandleInformation(h2)
	require.NoError(t, err)
	assert.Zero(t, flags&HANDLE_FLAG_INHERIT, "nil attributes: not inheritable")
}

func TestCreateEventNameOfAnotherObjectType(t *testing.T) {
	// A name held by an object of another type (here a mutex, created
	// through x/sys/windows since wincgo does not bind mutexes) makes
	// CreateEvent fail with ERROR_INVALID_HANDLE, as MSDN documents.
	name := testutil.UniqueName("wincgo-mutex")
	mutex, err := windows.CreateMutex(nil, false, windows.StringToUTF16Ptr(name))
	require.NoError(t, err)
	defer testutil.CloseWith(t, windows.CloseHandle, mutex)

	_, _, err = CreateEvent(true, false, nil, name)
	testutil.RequireAPIError(t, err, "CreateEventW", ERROR_INVALID_HANDLE)
}

func TestCreateEventBadInput(t *testing.T) {
	_, _, err := CreateEvent(true, false, nil, "bad\x00name")
	testutil.RequireInputError(t, err, "lpName")
}

func TestOpenEventSignalledFromAnotherProcess(t *testing.T) {
	name := testutil.UniqueName("wincgo-event")
	h, _, err := CreateEvent(true, false, nil, name)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, h)

	testutil.Run(t, "events-set", name)

	got, err := WaitForSingleObject(h, uint32((10 * time.Second).Milliseconds()))
	require.NoError(t, err)
	assert.Equal(t, WAIT_OBJECT_0, got, "the child's SetEvent must reach this process")
}

func TestOpenEventMissingName(t *testing.T) {
	_, err := OpenEvent(EVENT_ALL_ACCESS, false, testutil.UniqueName("wincgo-missing"))
	testutil.RequireAPIError(t, err, "OpenEventW", ERROR_FILE_NOT_FOUND)
	assert.True(t, errors.Is(err, fs.ErrNotExist), "ERROR_FILE_NOT_FOUND is fs.ErrNotExist, as for Go's own errors")
}

func TestOpenEventAccessIsEnforced(t *testing.T) {
	name := testutil.UniqueName("wincgo-event")
	h, _, err := CreateEvent(true, false, nil, name)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, h)

	waitOnly, err := OpenEvent(SYNCHRONIZE, false, name)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, waitOnly)
	requireState(t, waitOnly, WAIT_TIMEOUT)
	assert.ErrorIs(t, SetEvent(waitOnly), ERROR_ACCESS_DENIED, "SetEvent needs EVENT_MODIFY_STATE")
	assert.ErrorIs(t, ResetEvent(waitOnly), ERROR_ACCESS_DENIED, "ResetEvent needs EVENT_MODIFY_STATE")
}

func TestOpenEventBadInput(t *testing.T) {
	for _, name := range []string{"", "bad\x00name"} {
		t.Run(fmt.Sprintf("lpName=%q", name), func(t *testing.T) {
			_, err := OpenEvent(EVENT_ALL_ACCESS, false, name)
			testutil.RequireInputError(t, err, "lpName")
		})
	}
}

func TestSetResetEventFailures(t *testing.T) {
	h := wintypes.HANDLE(testutil.InvalidHandle)

	for name, fn := range map[string]func(wintypes.HANDLE) error{"SetEvent": SetEvent, "ResetEvent": ResetEvent} {
		t.Run(name, func(t *testing.T) {
			testutil.RequireAPIError(t, fn(h), name, ERROR_INVALID_HANDLE)
			testutil.RequireInputError(t, fn(0), "hEvent")
		})
	}
}
