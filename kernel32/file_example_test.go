//go:build windows

package kernel32_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// exampleDir makes a scratch directory; the returned func removes it and
// the files the example created in it.
func exampleDir() (string, func()) {
	dir, err := os.MkdirTemp("", "wincgo-file-example-*")
	if err != nil {
		panic(err)
	}
	return dir, func() {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			os.Remove(filepath.Join(dir, e.Name()))
		}
		os.Remove(dir)
	}
}

// With its defaults, CreateFile creates (or truncates) a file others may
// read; ReadFile reads into the caller's buffer.
func ExampleCreateFile() {
	dir, cleanup := exampleDir()
	defer cleanup()
	path := filepath.Join(dir, "hello.txt")

	hFile, err := kernel32.CreateFile(path, kernel32.GENERIC_WRITE, nil, nil, nil, nil, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	n, err := kernel32.WriteFile(hFile, []byte("hello, world"), nil, nil)
	fmt.Println(n, err)
	kernel32.CloseHandle(hFile)

	hFile, err = kernel32.CreateFile(path, kernel32.GENERIC_READ, nil, nil,
		wintypes.Opt[uint32](kernel32.OPEN_EXISTING), nil, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer kernel32.CloseHandle(hFile)
	buf := make([]byte, 64)
	n, err = kernel32.ReadFile(hFile, buf, len(buf), nil)
	fmt.Printf("%d %q %v\n", n, buf[:n], err)
	// Output:
	// 12 <nil>
	// 12 "hello, world" <nil>
}

// Overlapped I/O: a file opened with FILE_FLAG_OVERLAPPED, an OVERLAPPED
// with an event and an offset, and GetOverlappedResult to collect the
// count, whether the operation completed at once or went pending.
func ExampleReadFile_overlapped() {
	dir, cleanup := exampleDir()
	defer cleanup()
	hFile, err := kernel32.CreateFile(filepath.Join(dir, "data.bin"),
		kernel32.GENERIC_READ|kernel32.GENERIC_WRITE, nil, nil, nil,
		wintypes.Opt[uint32](kernel32.FILE_FLAG_OVERLAPPED), 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer kernel32.CloseHandle(hFile)
	hEvent, _, err := kernel32.CreateEvent(true, false, nil, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer kernel32.CloseHandle(hEvent)

	write := &wintypes.OVERLAPPED{HEvent: hEvent}
	if _, err := kernel32.WriteFile(hFile, []byte("0123456789"), nil, write); err != nil {
		fmt.Println(err)
		return
	}
	written, err := kernel32.GetOverlappedResult(hFile, write, true)
	fmt.Println("written:", written, err)

	kernel32.ResetEvent(hEvent)
	buf := make([]byte, 4)
	read := &wintypes.OVERLAPPED{HEvent: hEvent, Offset: 6}
	if _, err := kernel32.ReadFile(hFile, buf, len(buf), read); err != nil {
		fmt.Println(err)
		return
	}
	n, err := kernel32.GetOverlappedResult(hFile, read, true)
	fmt.Printf("read: %q %v\n", buf[:n], err)

	// Past the end, an overlapped read reports ERROR_HANDLE_EOF.
	kernel32.ResetEvent(hEvent)
	eof := &wintypes.OVERLAPPED{HEvent: hEvent, Offset: 100}
	_, err = kernel32.ReadFile(hFile, buf, len(buf), eof)
	if err == nil {
		_, err = kernel32.GetOverlappedResult(hFile, eof, true)
	}
	fmt.Println("end of file:", errors.Is(err, kernel32.ERROR_HANDLE_EOF))
	// Output:
	// written: 10 <nil>
	// read: "6789" <nil>
	// end of file: true
}

// A byte range locked through one handle is refused to another.
func ExampleLockFileEx() {
	dir, cleanup := exampleDir()
	defer cleanup()
	path := filepath.Join(dir, "locked.bin")
	share := wintypes.Opt[uint32](kernel32.FILE_SHARE_READ | kernel32.FILE_SHARE_WRITE)
	first, err := kernel32.CreateFile(path, kernel32.GENERIC_READ|kernel32.GENERIC_WRITE, share, nil, nil, nil, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer kernel32.CloseHandle(first)
	second, err := kernel32.CreateFile(path, kernel32.GENERIC_READ|kernel32.GENERIC_WRITE, share, nil,
		wintypes.Opt[uint32](kernel32.OPEN_EXISTING), nil, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer kernel32.CloseHandle(second)

	// Lock bytes 100 to 149.
	const flags = kernel32.LOCKFILE_EXCLUSIVE_LOCK | kernel32.LOCKFILE_FAIL_IMMEDIATELY
	fmt.Println(kernel32.LockFileEx(first, flags, 50, 0, &wintypes.OVERLAPPED{Offset: 100}))
	err = kernel32.LockFileEx(second, flags, 1, 0, &wintypes.OVERLAPPED{Offset: 120})
	fmt.Println(errors.Is(err, kernel32.ERROR_LOCK_VIOLATION))
	fmt.Println(kernel32.UnlockFileEx(first, 50, 0, &wintypes.OVERLAPPED{Offset: 100}))
	fmt.Println(kernel32.LockFileEx(second, flags, 1, 0, &wintypes.OVERLAPPED{Offset: 120}))
	// Output:
	// <nil>
	// true
	// <nil>
	// <nil>
}

// MoveFileEx replaces an existing target by default; with no flags, it
// refuses to.
func ExampleMoveFileEx() {
	dir, cleanup := exampleDir()
	defer cleanup()
	src, dst := filepath.Join(dir, "src.txt"), filepath.Join(dir, "dst.txt")
	os.WriteFile(src, []byte("new"), 0o644)
	os.WriteFile(dst, []byte("old"), 0o644)

	err := kernel32.MoveFileEx(src, dst, wintypes.Opt[uint32](0))
	fmt.Println(errors.Is(err, kernel32.ERROR_ALREADY_EXISTS))
	fmt.Println(kernel32.MoveFileEx(src, dst, nil))
	content, _ := os.ReadFile(dst)
	fmt.Println(string(content))
	// Output:
	// true
	// <nil>
	// new
}
