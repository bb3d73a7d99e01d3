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
	// accepted the client's connection: true
	// server read "hello through the port"
	// client read "22 bytes received"
	// server read 0 bytes: end of stream
}
