//go:build windows

package bench

import (
	"testing"

	"github.com/Microsoft/go-winio"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// TestMain runs the benchmarks with testutil's handle leak check around
// them, go-winio's process-wide completion port created before the
// baseline.
func TestMain(m *testing.M) { testutil.Main(m, testutil.WarmUp(warmUpWinio)) }

// warmUpWinio makes go-winio create what it keeps for the life of the
// process the first time it serves a handle: its completion port (never
// closed) and the goroutine dequeuing it. The handle leak check then does
// not count the port as the named-pipe benchmarks' leak.
func warmUpWinio() {
	h, err := kernel32.CreateNamedPipe(`\\.\pipe\`+testutil.UniqueName("winio-warm-up"),
		kernel32.PIPE_ACCESS_DUPLEX|kernel32.FILE_FLAG_OVERLAPPED, kernel32.PIPE_TYPE_BYTE, 1, 0, 0, 0, nil)
	if err != nil {
		panic(err)
	}
	f, err := winio.NewOpenFile(h.Windows())
	if err != nil {
		_ = kernel32.CloseHandle(h)
		panic(err)
	}
	// Closes h.
	if err := f.Close(); err != nil {
		panic(err)
	}
}

// newEvent returns a manual-reset event in the given state, closed when b
// ends.
func newEvent(b *testing.B, signalled bool) wintypes.HANDLE {
	b.Helper()
	h, _, err := kernel32.CreateEvent(true, signalled, nil, "")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { testutil.CloseWith(b, kernel32.CloseHandle, h) })
	return h
}
