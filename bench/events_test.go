//go:build windows

package bench

import (
	"syscall"
	"testing"

	"golang.org/x/sys/windows"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// GetStdHandle stays in user space on Windows and under Wine: the
// benchmark of a call path's own cost.
func BenchmarkGetStdHandle(b *testing.B) {
	want := floorGetStdHandle(kernel32.STD_OUTPUT_HANDLE)
	paired(b,
		side{implWincgo, func(b *testing.B, n int) {
			for range n {
				if h, err := kernel32.GetStdHandle(kernel32.STD_OUTPUT_HANDLE); err != nil || uintptr(h) != want {
					b.Fatal(h, err)
				}
			}
		}},
		side{implFloor, func(b *testing.B, n int) {
			for range n {
				if h := floorGetStdHandle(kernel32.STD_OUTPUT_HANDLE); h != want {
					b.Fatal(h)
				}
			}
		}},
		side{implXSys, func(b *testing.B, n int) {
			for range n {
				if h, err := windows.GetStdHandle(windows.STD_OUTPUT_HANDLE); err != nil || uintptr(h) != want {
					b.Fatal(h, err)
				}
			}
		}},
		side{implSyscall, func(b *testing.B, n int) {
			for range n {
				if h, err := syscall.GetStdHandle(syscall.STD_OUTPUT_HANDLE); err != nil || uintptr(h) != want {
					b.Fatal(h, err)
				}
			}
		}},
	)
}

// WaitForSingleObject on a signalled event: the reactor's poll.
func BenchmarkWaitForSingleObjectSignalled(b *testing.B) {
	h := newEvent(b, true)
	paired(b,
		side{implWincgo, func(b *testing.B, n int) {
			for range n {
				if ev, err := kernel32.WaitForSingleObject(h, 0); err != nil || ev != kernel32.WAIT_OBJECT_0 {
					b.Fatal(ev, err)
				}
			}
		}},
		side{implFloor, func(b *testing.B, n int) {
			for range n {
				if ev := floorWaitForSingleObject(uintptr(h), 0); ev != kernel32.WAIT_OBJECT_0 {
					b.Fatal(ev)
				}
			}
		}},
		side{implXSys, func(b *testing.B, n int) {
			for range n {
				if ev, err := windows.WaitForSingleObject(h.Windows(), 0); err != nil || ev != windows.WAIT_OBJECT_0 {
					b.Fatal(ev, err)
				}
			}
		}},
		side{implSyscall, func(b *testing.B, n int) {
			for range n {
				if ev, err := syscall.WaitForSingleObject(syscall.Handle(h), 0); err != nil || ev != syscall.WAIT_OBJECT_0 {
					b.Fatal(ev, err)
				}
			}
		}},
	)
}

// SetEvent: the reactor's wake-up.
func BenchmarkSetEvent(b *testing.B) {
	h := newEvent(b, false)
	paired(b,
		side{implWincgo, func(b *testing.B, n int) {
			for range n {
				if err := kernel32.SetEvent(h); err != nil {
					b.Fatal(err)
				}
			}
		}},
		side{implFloor, func(b *testing.B, n int) {
			for range n {
				if !floorSetEvent(uintptr(h)) {
					b.Fatal("SetEvent failed")
				}
			}
		}},
		side{implXSys, func(b *testing.B, n int) {
			for range n {
				if err := windows.SetEvent(h.Windows()); err != nil {
					b.Fatal(err)
				}
			}
		}},
	)
}

// CreateEvent and CloseHandle: an object's life, two calls.
func BenchmarkCreateEventCloseHandle(b *testing.B) {
	paired(b,
		side{implWincgo, func(b *testing.B, n int) {
			for range n {
				h, _, err := kernel32.CreateEvent(true, false, nil, "")
				if err != nil {
					b.Fatal(err)
				}
				if err := kernel32.CloseHandle(h); err != nil {
					b.Fatal(err)
				}
			}
		}},
		side{implFloor, func(b *testing.B, n int) {
			for range n {
				h := floorCreateEvent()
				if h == 0 || !floorCloseHandle(h) {
					b.Fatal("CreateEvent or CloseHandle failed")
				}
			}
		}},
		side{implXSys, func(b *testing.B, n int) {
			for range n {
				h, err := windows.CreateEvent(nil, 1, 0, nil)
				if err != nil {
					b.Fatal(err)
				}
				if err := windows.CloseHandle(h); err != nil {
					b.Fatal(err)
				}
			}
		}},
	)
}

// openEventMissing returns the paired sides of OpenEvent on a name no
// object has: an error path that converts a name. With format, each side
// also formats its error, as a program that logs it would.
func openEventMissing(b *testing.B, format bool) []side {
	name := testutil.UniqueName("wincgo-bench-missing")
	utf16Name, err := windows.UTF16FromString(name)
	if err != nil {
		b.Fatal(err)
	}
	var sink int
	return []side{
		{implWincgo, func(b *testing.B, n int) {
			for range n {
				_, err := kernel32.OpenEvent(kernel32.SYNCHRONIZE, false, name)
				if e, ok := err.(*wincgoerrors.WindowsAPIError); !ok || e.Errno != kernel32.ERROR_FILE_NOT_FOUND { //nolint:errorlint // the bare error path is what is measured: wincgo returns the error unwrapped
					b.Fatal(err)
				}
				if format {
					sink += len(err.Error())
				}
			}
		}},
		{implFloor, func(b *testing.B, n int) {
			for range n {
				h, code := floorOpenEvent(kernel32.SYNCHRONIZE, utf16Name)
				if h != 0 || code != uint32(kernel32.ERROR_FILE_NOT_FOUND) {
					b.Fatal(h, code)
				}
				if format {
					sink += len(syscall.Errno(code).Error())
				}
			}
		}},
		{implXSys, func(b *testing.B, n int) {
			for range n {
				p, err := windows.UTF16PtrFromString(name)
				if err != nil {
					b.Fatal(err)
				}
				if _, err = windows.OpenEvent(windows.SYNCHRONIZE, false, p); err != windows.ERROR_FILE_NOT_FOUND { //nolint:errorlint // the bare error path is what is measured: x/sys returns the Errno unwrapped
					b.Fatal(err)
				}
				if format {
					sink += len(err.Error())
				}
			}
		}},
	}
}

// OpenEvent on a missing name: the error path as a program that only
// tests the error pays it.
func BenchmarkOpenEventMissing(b *testing.B) { paired(b, openEventMissing(b, false)...) }

// OpenEvent on a missing name, printing the error.
func BenchmarkOpenEventMissingPrinted(b *testing.B) { paired(b, openEventMissing(b, true)...) }

// SetEvent on a handle that is not open: the error path of a call that
// takes no name.
func BenchmarkSetEventBadHandle(b *testing.B) {
	const bad = wintypes.HANDLE(testutil.InvalidHandle)
	paired(b,
		side{implWincgo, func(b *testing.B, n int) {
			for range n {
				err := kernel32.SetEvent(bad)
				if e, ok := err.(*wincgoerrors.WindowsAPIError); !ok || e.Errno != kernel32.ERROR_INVALID_HANDLE { //nolint:errorlint // the bare error path is what is measured: wincgo returns the error unwrapped
					b.Fatal(err)
				}
			}
		}},
		side{implFloor, func(b *testing.B, n int) {
			for range n {
				if ok, code := floorSetEventError(uintptr(bad)); ok || code != uint32(kernel32.ERROR_INVALID_HANDLE) {
					b.Fatal(ok, code)
				}
			}
		}},
		side{implXSys, func(b *testing.B, n int) {
			for range n {
				if err := windows.SetEvent(bad.Windows()); err != windows.ERROR_INVALID_HANDLE { //nolint:errorlint // the bare error path is what is measured: x/sys returns the Errno unwrapped
					b.Fatal(err)
				}
			}
		}},
	)
}
