//go:build unix

package main

import (
	"os"
	"testing"
)

func testMain(m *testing.M) { os.Exit(m.Run()) }

func tempDir(t *testing.T) string { return t.TempDir() }
