//go:build windows

package bench

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// roundTrip is the size of one pipe round trip: written whole by one
// goroutine, read whole by another.
const roundTrip = 64 << 10

// newPipe returns an anonymous pipe with a round trip's buffer, closed
// when b ends.
func newPipe(b *testing.B) (r, w wintypes.HANDLE) {
	b.Helper()
	r, w, err := kernel32.CreatePipe(nil, roundTrip)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		testutil.CloseWith(b, kernel32.CloseHandle, r)
		testutil.CloseWith(b, kernel32.CloseHandle, w)
	})
	return r, w
}

// pipeSide is one implementation of a round trip: a writer goroutine
// writes 64 KiB with write each time it is asked, while the benchmark's
// goroutine reads them with read. Writer and reader run at once, as on a
// real pipe, so no pipe buffer size can deadlock the benchmark.
func pipeSide(b *testing.B, name string, write func([]byte) (int, error), read func([]byte) (int, error)) side {
	out := make([]byte, roundTrip)
	in := make([]byte, roundTrip)
	ask := make(chan struct{})
	b.Cleanup(func() { close(ask) })
	go func() {
		for range ask {
			if m, err := write(out); err != nil || m != roundTrip {
				panic(fmt.Sprintf("%s: write: %d, %v", name, m, err))
			}
		}
	}()
	return side{name, func(b *testing.B, n int) {
		for range n {
			ask <- struct{}{}
			for got := 0; got < roundTrip; {
				m, err := read(in[got:])
				if err != nil || m == 0 {
					b.Fatal(name, m, err)
				}
				got += m
			}
		}
	}}
}

// BenchmarkPipeRoundTrip64KiB sends 64 KiB through an anonymous pipe: per
// side its own pipe of the same kind (os.File's wraps the handles with
// os.NewFile, as a program handed a pipe does).
func BenchmarkPipeRoundTrip64KiB(b *testing.B) {
	wr, ww := newPipe(b)
	fr, fw := newPipe(b)
	xr, xw := newPipe(b)
	or, ow, err := kernel32.CreatePipe(nil, roundTrip)
	if err != nil {
		b.Fatal(err)
	}
	osr, osw := os.NewFile(uintptr(or), "pipe-r"), os.NewFile(uintptr(ow), "pipe-w")
	b.Cleanup(func() {
		testutil.Close(b, osr)
		testutil.Close(b, osw)
	})
	paired(b,
		pipeSide(b, implWincgo,
			func(p []byte) (int, error) { return kernel32.WriteFile(ww, p, nil, nil) },
			func(p []byte) (int, error) { return kernel32.ReadFile(wr, p, nil, nil) }),
		pipeSide(b, implFloor,
			func(p []byte) (int, error) { return floorWriteFile(uintptr(fw), p), nil },
			func(p []byte) (int, error) { return floorReadFile(uintptr(fr), p), nil }),
		pipeSide(b, implXSys,
			func(p []byte) (int, error) {
				var done uint32
				err := windows.WriteFile(xw.Windows(), p, &done, nil)
				return int(done), err
			},
			func(p []byte) (int, error) {
				var done uint32
				err := windows.ReadFile(xr.Windows(), p, &done, nil)
				return int(done), err
			}),
		pipeSide(b, implOSFile, osw.Write, osr.Read),
	)
}

// BenchmarkReadFileAt4KiB reads the second 4 KiB of a file, at an offset
// (an OVERLAPPED on a synchronous handle), as its documentation allows:
// ReadFile returns the count of a read that completed at once, and only a
// pending read (ERROR_IO_PENDING) needs GetOverlappedResult.
func BenchmarkReadFileAt4KiB(b *testing.B) {
	const size, offset = 4096, 4096
	path := filepath.Join(testutil.TempDir(b), "bench.bin")
	if err := os.WriteFile(path, make([]byte, 2*size), 0o600); err != nil {
		b.Fatal(err)
	}
	h, err := kernel32.CreateFile(path, kernel32.GENERIC_READ, nil, nil, wintypes.Opt[uint32](kernel32.OPEN_EXISTING), nil, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { testutil.CloseWith(b, kernel32.CloseHandle, h) })
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { testutil.Close(b, f) })
	buf := make([]byte, size)
	ov := &wintypes.OVERLAPPED{}
	xov := &windows.Overlapped{}
	paired(b,
		side{implWincgo, func(b *testing.B, n int) {
			for range n {
				*ov = wintypes.OVERLAPPED{Offset: offset}
				m, err := kernel32.ReadFile(h, buf, nil, ov)
				if errors.Is(err, kernel32.ERROR_IO_PENDING) {
					// Pending: collect it (never, on a synchronous handle).
					m, err = kernel32.GetOverlappedResult(h, ov, true)
				}
				if err != nil || m != size {
					b.Fatal(m, err)
				}
			}
		}},
		side{implFloor, func(b *testing.B, n int) {
			for range n {
				if m := floorReadFileAt(uintptr(h), buf, offset); m != size {
					b.Fatal(m)
				}
			}
		}},
		side{implXSys, func(b *testing.B, n int) {
			var done uint32
			for range n {
				*xov = windows.Overlapped{Offset: offset}
				if err := windows.ReadFile(h.Windows(), buf, &done, xov); err != nil || done != size {
					b.Fatal(done, err)
				}
			}
		}},
		side{implOSFile, func(b *testing.B, n int) {
			for range n {
				if m, err := f.ReadAt(buf, offset); err != nil || m != size {
					b.Fatal(m, err)
				}
			}
		}},
	)
}
