//go:build windows

package kernel32

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInjectFaultArmsOnlyTheNamedFunction(t *testing.T) {
	h := newEvent(t, true, false)
	disarm := injectFault("SetEvent", 0, ERROR_ACCESS_DENIED)
	assert.ErrorIs(t, SetEvent(h), ERROR_ACCESS_DENIED)
	assert.NoError(t, ResetEvent(h), "other functions are not affected")
	requireState(t, h, WAIT_TIMEOUT) // the faulted SetEvent did not reach Windows

	// Re-arming replaces the fault.
	disarmAgain := injectFault("SetEvent", 0, ERROR_INVALID_HANDLE)
	assert.ErrorIs(t, SetEvent(h), ERROR_INVALID_HANDLE)
	disarmAgain()
	disarm()

	require.NoError(t, SetEvent(h), "disarmed: Windows is called again")
	requireState(t, h, WAIT_OBJECT_0)
}

func TestInjectFaultTableFull(t *testing.T) {
	var disarms []func()
	defer func() {
		for _, d := range disarms {
			d()
		}
	}()
	for i := 0; i < 8; i++ {
		disarms = append(disarms, injectFault(string(rune('A'+i)), 0, ERROR_ACCESS_DENIED))
	}
	assert.Panics(t, func() { injectFault("one-too-many", 0, ERROR_ACCESS_DENIED) })
}
