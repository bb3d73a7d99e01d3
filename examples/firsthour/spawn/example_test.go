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
	// Output: the child wrote "hello from the parent\r\n" and exited with code 3
}
