//go:build windows

package kernel32

import (
	"testing"

	"github.com/wincgo/wincgo/internal/testutil"
)

// TestMain lets the test binary run as a child process in a registered
// role (testutil.Role) for the tests that need another process, and runs
// the tests with testutil's handle leak check around them.
func TestMain(m *testing.M) { testutil.Main(m) }
