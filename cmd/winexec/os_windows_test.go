package main

import (
	"testing"

	"github.com/wincgo/wincgo/internal/testutil"
)

// testMain runs the tests with the handle leak check of every package.
func testMain(m *testing.M) { testutil.Main(m) }

// tempDir is testutil's: t.TempDir's removal fails under Wine 8.
func tempDir(t *testing.T) string { return testutil.TempDir(t) }
