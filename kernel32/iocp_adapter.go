//go:build windows

package kernel32

import "github.com/wincgo/wincgo/wintypes"

// TEMPORARY: stands for the registry API of the overlapped collect-race fix
// until it lands on main; deleted at rebase.

// overlappedCompleted: Windows has finished with ov's operation; release
// its pins exactly once.
func overlappedCompleted(ov *wintypes.OVERLAPPED) { completeOverlapped(ov) }

// registeredOverlapped returns the OVERLAPPED registered at address addr,
// or nil: the registry is keyed by address, so a dequeued address is
// mapped back to the Go pointer wincgo holds, never converted.
func registeredOverlapped(addr uintptr) *wintypes.OVERLAPPED {
	overlappedOps.Lock()
	defer overlappedOps.Unlock()
	if op, ok := overlappedOps.m[addr]; ok {
		return op.ov
	}
	return nil
}
