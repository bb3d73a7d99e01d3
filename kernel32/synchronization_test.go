//go:build windows

package kernel32

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/testutil"
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
	var apiErr *wincgoerrors.WindowsAPIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "WaitForSingleObject", apiErr.Function)
	assert.Equal(t, uint64(WAIT_FAILED), apiErr.ReturnCode)
	assert.ErrorIs(t, err, ERROR_INVALID_HANDLE)
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
	var inputErr *wincgoerrors.InputError
	require.ErrorAs(t, err, &inputErr)
	assert.Equal(t, "hHandle", inputErr.Name)
}
