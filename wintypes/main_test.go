//go:build windows

package wintypes

import (
	"testing"

	"github.com/wincgo/wincgo/internal/testutil"
)

// TestMain runs the tests with testutil's handle leak check around them.
func TestMain(m *testing.M) { testutil.Main(m) }
