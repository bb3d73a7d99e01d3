//go:build windows

package main

import (
	"testing"

	"github.com/wincgo/wincgo/internal/testutil"
)

func TestMain(m *testing.M) {
	testutil.Main(m)
}

// The output README.md shows under this program.
func Example() {
	main()
	// Output:
	// signalled: true
	// OpenEventW failed with Windows error 2
	// true true
	// invalid lpName: received a string with a NUL at byte 1, expected none
}
