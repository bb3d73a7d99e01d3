//go:build windows

package bench

import (
	"syscall"
	"testing"

	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/kernel32"
)

// stillActive is STILL_ACTIVE (STATUS_PENDING), a running process's code.
const stillActive = 259

// BenchmarkGetExitCodeProcess asks for this (running) process's exit
// code: a call with a scalar out-parameter.
func BenchmarkGetExitCodeProcess(b *testing.B) {
	h := kernel32.GetCurrentProcess()
	paired(b,
		side{implWincgo, func(b *testing.B, n int) {
			for range n {
				if code, err := kernel32.GetExitCodeProcess(h); err != nil || code != stillActive {
					b.Fatal(code, err)
				}
			}
		}},
		side{implFloor, func(b *testing.B, n int) {
			for range n {
				if code := floorGetExitCodeProcess(uintptr(h)); code != stillActive {
					b.Fatal(code)
				}
			}
		}},
		side{implXSys, func(b *testing.B, n int) {
			var code uint32
			for range n {
				if err := windows.GetExitCodeProcess(h.Windows(), &code); err != nil || code != stillActive {
					b.Fatal(code, err)
				}
			}
		}},
		side{implSyscall, func(b *testing.B, n int) {
			var code uint32
			for range n {
				if err := syscall.GetExitCodeProcess(syscall.Handle(h), &code); err != nil || code != stillActive {
					b.Fatal(code, err)
				}
			}
		}},
	)
}
