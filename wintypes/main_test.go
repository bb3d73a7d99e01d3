//go:build windows

package wintypes

import (
	"testing"

	"github.com/wincgo/wincgo/internal/testutil"
)

// TestMain runs the tests with testutil's handle leak check around them;
// the tests convert sockets, so Winsock is set up before the baseline.
func TestMain(m *testing.M) { testutil.Main(m, testutil.WarmUpSockets()) }
