//go:build windows

package kernel32

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

func TestWaitForSingleObjectSignalledLater(t *testing.T) {
	h := newEvent(t, false, false)
	go func() {
		time.Sleep(50 * time.Millisecond) // let the wait start first
		assert.NoError(t, SetEvent(h))
	}()
	got, err := WaitForSingleObject(h, INFINITE)
	require.NoError(t, err)
	assert.Equal(t, WAIT_OBJECT_0, got)
}

func TestWaitForSingleObjectTimeout(t *testing.T) {
	h := newEvent(t, true, false)
	start := time.Now()
	got, err := WaitForSingleObject(h, 100)
	require.NoError(t, err)
	assert.Equal(t, WAIT_TIMEOUT, got)
	assert.GreaterOrEqual(t, time.Since(start), 90*time.Millisecond, "the time-out is honoured, not returned early")
}

func TestWaitForSingleObjectFailure(t *testing.T) {
	_, err := WaitForSingleObject(testutil.InvalidHandle, 0)
	apiErr := testutil.APIErrorOf(t, err, "WaitForSingleObject", ERROR_INVALID_HANDLE)
	assert.Equal(t, "WAIT_FAILED", apiErr.Returned)
}

func TestWaitForSingleObjectAbandonedAndUndocumented(t *testing.T) {
	h := newEvent(t, true, false)
	// WAIT_ABANDONED needs a mutex whose owner thread died, which wincgo
	// does not bind; check the wrapper passes it through.
	disarm := injectFault("WaitForSingleObject", uintptr(WAIT_ABANDONED), 0)
	got, err := WaitForSingleObject(h, 0)
	disarm()
	require.NoError(t, err)
	assert.Equal(t, WAIT_ABANDONED, got)

	disarm = injectFault("WaitForSingleObject", 0x1234, 0)
	_, err = WaitForSingleObject(h, 0)
	disarm()
	var internal *wincgoerrors.InternalError
	require.ErrorAs(t, err, &internal, "an undocumented result is an error, not a guess")
	assert.Contains(t, err.Error(), "0x1234")
}

func TestWaitForSingleObjectBadInput(t *testing.T) {
	_, err := WaitForSingleObject(0, 0)
	testutil.RequireInputError(t, err, "hHandle")
}

func TestWaitForMultipleObjectsExitCodes(t *testing.T) {
	codes := []uint32{3, 5, 7}
	var handles []wintypes.HANDLE
	for _, c := range codes {
		pi, err := spawnRole("process-exit", []string{strconv.Itoa(int(c))}, nil, 0, "", nil)
		require.NoError(t, err)
		closeProcess(t, pi)
		handles = append(handles, pi.HProcess)
	}
	ev, err := WaitForMultipleObjects(handles, false, 60000, nil)
	require.NoError(t, err)
	require.Less(t, ev, uint32(len(handles)), "one of them exited")
	ev, err = WaitForMultipleObjects(handles, true, 60000, nil)
	require.NoError(t, err)
	require.Equal(t, uint32(WAIT_OBJECT_0), ev)
	for i, h := range handles {
		code, err := GetExitCodeProcess(h)
		require.NoError(t, err)
		assert.Equal(t, codes[i], code)
	}
}

func TestWaitForMultipleObjectsEventsAndTimeout(t *testing.T) {
	var evs []wintypes.HANDLE
	for range 3 {
		ev, _, err := CreateEvent(true, false, nil, "")
		require.NoError(t, err)
		defer testutil.CloseWith(t, CloseHandle, ev)
		evs = append(evs, ev)
	}
	ev, err := WaitForMultipleObjects(evs, false, 0, nil)
	require.NoError(t, err)
	assert.Equal(t, uint32(WAIT_TIMEOUT), ev)
	require.NoError(t, SetEvent(evs[2]))
	ev, err = WaitForMultipleObjects(evs, false, 0, nil)
	require.NoError(t, err)
	assert.Equal(t, uint32(WAIT_OBJECT_0+2), ev)
	two := 2
	ev, err = WaitForMultipleObjects(evs, false, 0, &two)
	require.NoError(t, err)
	assert.Equal(t, uint32(WAIT_TIMEOUT), ev, "nCount leaves the third out")
	ev, err = WaitForMultipleObjects(evs, true, 0, nil)
	require.NoError(t, err)
	assert.Equal(t, uint32(WAIT_TIMEOUT), ev, "not all are set")
	go func() {
		time.Sleep(50 * time.Millisecond)
		assert.NoError(t, SetEvent(evs[0]))
		assert.NoError(t, SetEvent(evs[1]))
	}()
	ev, err = WaitForMultipleObjects(evs, true, 30000, nil)
	require.NoError(t, err)
	assert.Equal(t, uint32(WAIT_OBJECT_0), ev)
}

func TestWaitForMultipleObjectsFailures(t *testing.T) {
	_, err := WaitForMultipleObjects([]wintypes.HANDLE{testutil.InvalidHandle}, false, 0, nil)
	testutil.RequireAPIError(t, err, "WaitForMultipleObjects", ERROR_INVALID_HANDLE)
	ev, _, err := CreateEvent(true, true, nil, "")
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, ev)
	disarm := injectFault("WaitForMultipleObjects", uintptr(WAIT_FAILED), ERROR_ACCESS_DENIED)
	_, err = WaitForMultipleObjects([]wintypes.HANDLE{ev}, false, 0, nil)
	disarm()
	testutil.RequireAPIError(t, err, "WaitForMultipleObjects", ERROR_ACCESS_DENIED)
	disarm = injectFault("WaitForMultipleObjects", 0x1234, 0)
	_, err = WaitForMultipleObjects([]wintypes.HANDLE{ev}, false, 0, nil)
	disarm()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "0x1234")
}

func TestWaitForMultipleObjectsBadInput(t *testing.T) {
	many := make([]wintypes.HANDLE, MAXIMUM_WAIT_OBJECTS+1)
	hs := []wintypes.HANDLE{1, 2}
	three, zero, neg := 3, 0, -1
	for _, c := range []struct {
		name    string
		handles []wintypes.HANDLE
		nCount  *int
		param   string
		message string // a part of the message, if checked
	}{
		{"lpHandles=nil", nil, nil, "lpHandles", ""},
		{"lpHandles=MAXIMUM_WAIT_OBJECTS+1", many, nil, "lpHandles", "64"},
		{"nCount=3", hs, &three, "nCount", "received 3, more than the 2 handles of lpHandles"},
		{"nCount=0", hs, &zero, "nCount", ""},
		{"nCount=-1", hs, &neg, "nCount", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := WaitForMultipleObjects(c.handles, false, 0, c.nCount)
			e := testutil.InputErrorOf(t, err, c.param)
			assert.Contains(t, e.Error(), c.message)
		})
	}
}
