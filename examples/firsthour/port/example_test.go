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
	// key 1: process signalled true, exit code 3
	// key 2: process signalled true, exit code 5
	// key 3: event signalled true
}
