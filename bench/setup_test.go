//go:build windows

package bench

import (
	"testing"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

func TestMain(m *testing.M) { testutil.Main(m) }

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
