//go:build windows

package kernel32_test

import (
	"errors"
	"fmt"
	"log"
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
		log.Fatal(err)
	}
	return dir, func() {
		// One os.Remove per file: os.RemoveAll fails under Wine 8 (see
		// testutil.TempDir).
		entries, err := os.ReadDir(dir)
		if err != nil {
			log.Fatal(err)
		}
		for _, e := range entries {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				log.Fatal(err)
			}
		}
		if err := os.Remove(dir); err != nil {
			log.Fatal(err)
		}
	}
}

// With its defaults, CreateFile creates (or truncates) a file others may
// read; ReadFile reads into the caller's buffer. Counts that describe a
// slice are optional: nil means all of it.
func ExampleCreateFile() {
	dir, cleanup := exampleDir()
	defer cleanup()
	path := filepath.Join(dir, "hello.txt")

	hFile, err := kernel32.CreateFile(path, kernel32.GENERIC_WRITE, nil, nil, nil, nil, 0)
	if err != nil {
		log.Fatal(err)
	}
	n, err := kernel32.WriteFile(hFile, []byte("hello, world"), nil, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("written:", n)
	if err := kernel32.CloseHandle(hFile); err != nil {
		log.Fatal(err)
	}

	// The constants are uint32, like the parameters: wintypes.Opt needs
	// no type argument.
	hFile, err = kernel32.CreateFile(path, kernel32.GENERIC_READ, nil, nil,
		wintypes.Opt(kernel32.OPEN_EXISTING), nil, 0)
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := kernel32.CloseHandle(hFile); err != nil {
			log.Fatal(err)
		}
	}()
	buf := make([]byte, 64)
	// snippet:begin counts (README.md shows these lines)
	n, err = kernel32.ReadFile(hFile, buf, wintypes.Opt(5), nil) // at most 5 bytes
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q\n", buf[:n])
	n, err = kernel32.ReadFile(hFile, buf, nil, nil) // up to len(buf)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q\n", buf[:n])
	// snippet:end counts

	// Output:
	// written: 12
	// "hello"
	// ", world"
}

// Overlapped I/O: a file opened with FILE_FLAG_OVERLAPPED, an OVERLAPPED
// with an event and an offset, and GetOverlappedResult to collect the
// count, whether the operation completed at once or went pending.
func ExampleReadFile_overlapped() {
	dir, cleanup := exampleDir()
	defer cleanup()
	hFile, err := kernel32.CreateFile(filepath.Join(dir, "data.bin"),
		kernel32.GENERIC_READ|kernel32.GENERIC_WRITE, nil, nil, nil,
		wintypes.Opt(kernel32.FILE_FLAG_OVERLAPPED), 0)
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := kernel32.CloseHandle(hFile); err != nil {
			log.Fatal(err)
		}
	}()
	hEvent, _, err := kernel32.CreateEvent(true, false, nil, "")
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := kernel32.CloseHandle(hEvent); err != nil {
			log.Fatal(err)
		}
	}()

	write := &wintypes.OVERLAPPED{HEvent: hEvent}
	// Started: done at once (nil) or pending (ERROR_IO_PENDING); either
	// way GetOverlappedResult gives the count.
	if _, err := kernel32.WriteFile(hFile, []byte("0123456789"), nil, write); err != nil && !errors.Is(err, kernel32.ERROR_IO_PENDING) {
		log.Fatal(err)
	}
	written, err := kernel32.GetOverlappedResult(hFile, write, true)
	fmt.Println("written:", written, err)

	if err := kernel32.ResetEvent(hEvent); err != nil {
		log.Fatal(err)
	}
	buf := make([]byte, 4)
	read := &wintypes.OVERLAPPED{HEvent: hEvent, Offset: 6}
	if _, err := kernel32.ReadFile(hFile, buf, nil, read); err != nil && !errors.Is(err, kernel32.ERROR_IO_PENDING) {
		log.Fatal(err)
	}
	n, err := kernel32.GetOverlappedResult(hFile, read, true)
	fmt.Printf("read: %q %v\n", buf[:n], err)

	// Past the end, an overlapped read reports ERROR_HANDLE_EOF.
	if err := kernel32.ResetEvent(hEvent); err != nil {
		log.Fatal(err)
	}
	eof := &wintypes.OVERLAPPED{HEvent: hEvent, Offset: 100}
	_, err = kernel32.ReadFile(hFile, buf, nil, eof)
	if errors.Is(err, kernel32.ERROR_IO_PENDING) {
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
	share := wintypes.Opt(kernel32.FILE_SHARE_READ | kernel32.FILE_SHARE_WRITE)
	first, err := kernel32.CreateFile(path, kernel32.GENERIC_READ|kernel32.GENERIC_WRITE, share, nil, nil, nil, 0)
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := kernel32.CloseHandle(first); err != nil {
			log.Fatal(err)
		}
	}()
	second, err := kernel32.CreateFile(path, kernel32.GENERIC_READ|kernel32.GENERIC_WRITE, share, nil,
		wintypes.Opt(kernel32.OPEN_EXISTING), nil, 0)
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := kernel32.CloseHandle(second); err != nil {
			log.Fatal(err)
		}
	}()

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
	if err := os.WriteFile(src, []byte("new"), 0o600); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(dst, []byte("old"), 0o600); err != nil {
		log.Fatal(err)
	}

	// Opt[uint32](0): an explicit zero needs the type, as any untyped 0.
	err := kernel32.MoveFileEx(src, dst, wintypes.Opt[uint32](0))
	fmt.Println(errors.Is(err, kernel32.ERROR_ALREADY_EXISTS))
	fmt.Println(kernel32.MoveFileEx(src, dst, nil))
	content, err := os.ReadFile(dst)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(content))
	// Output:
	// true
	// <nil>
	// new
}
