//go:build windows

package kernel32

import (
	"io"
	"path/filepath"
	"testing"

	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

// benchFile returns a file of size bytes open for reading and writing.
func benchFile(b *testing.B, size int) wintypes.HANDLE {
	b.Helper()
	h, err := CreateFile(filepath.Join(testutil.TempDir(b), "bench.bin"), GENERIC_READ|GENERIC_WRITE, nil, nil, nil, nil, 0)
	if err != nil {
		b.Fatal(err)
	}
	closeAtCleanup(b, h)
	if _, err := WriteFile(h, make([]byte, size), nil, nil); err != nil {
		b.Fatal(err)
	}
	return h
}

// BenchmarkReadFile reads 4 KiB into a reused buffer, synchronously: the
// wrapper must allocate nothing (0 allocs/op).
func BenchmarkReadFile(b *testing.B) {
	h := benchFile(b, 4096)
	buf := make([]byte, 4096)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := windows.Seek(h.Windows(), 0, io.SeekStart); err != nil {
			b.Fatal(err)
		}
		if n, err := ReadFile(h, buf, nil, nil); err != nil || n != len(buf) {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkWriteFile writes 4 KiB from a reused buffer, synchronously:
// 0 allocs/op.
func BenchmarkWriteFile(b *testing.B) {
	h := benchFile(b, 0)
	buf := make([]byte, 4096)
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := windows.Seek(h.Windows(), 0, io.SeekStart); err != nil {
			b.Fatal(err)
		}
		if n, err := WriteFile(h, buf, nil, nil); err != nil || n != len(buf) {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkReadFileOverlappedAtOnce reads 4 KiB at an offset through an
// OVERLAPPED on a synchronous handle: the overlapped path (registry,
// pinning), completing at once, collected with GetOverlappedResult.
func BenchmarkReadFileOverlappedAtOnce(b *testing.B) {
	h := benchFile(b, 8192)
	buf := make([]byte, 4096)
	ov := &wintypes.OVERLAPPED{Offset: 4096}
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadFile(h, buf, nil, ov); err != nil && err != error(ERROR_IO_PENDING) { //nolint:errorlint // the bare constant
			b.Fatal(err)
		}
		if n, err := GetOverlappedResult(h, ov, true); err != nil || n != len(buf) {
			b.Fatal(n, err)
		}
	}
}
