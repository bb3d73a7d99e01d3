//go:build windows

package kernel32_test

import (
	"errors"
	"fmt"
	"log"

	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// newExamplePipe creates an anonymous pipe; the returned func closes both
// ends.
func newExamplePipe() (hRead, hWrite wintypes.HANDLE, closeBoth func()) {
	hRead, hWrite, err := kernel32.CreatePipe(nil, 0)
	if err != nil {
		log.Fatal(err)
	}
	return hRead, hWrite, func() {
		for _, h := range []wintypes.HANDLE{hRead, hWrite} {
			if err := kernel32.CloseHandle(h); err != nil {
				log.Fatal(err)
			}
		}
	}
}

func ExampleCreatePipe() {
	hRead, hWrite, err := kernel32.CreatePipe(nil, 0)
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := kernel32.CloseHandle(hRead); err != nil {
			log.Fatal(err)
		}
	}()
	defer func() {
		if err := kernel32.CloseHandle(hWrite); err != nil {
			log.Fatal(err)
		}
	}()

	if _, err := kernel32.WriteFile(hWrite, []byte("ping"), nil, nil); err != nil {
		log.Fatal(err)
	}
	buf := make([]byte, 16)
	n, err := kernel32.ReadFile(hRead, buf, nil, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s\n", buf[:n])
	// Output: ping
}

func ExamplePeekNamedPipe() {
	hRead, hWrite, closeBoth := newExamplePipe()
	defer closeBoth()

	if _, err := kernel32.WriteFile(hWrite, []byte("hello, pipe"), nil, nil); err != nil {
		log.Fatal(err)
	}
	// Peek at the first 5 bytes: they stay in the pipe.
	peek, err := kernel32.PeekNamedPipe(hRead, 5)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q of %d bytes\n", peek.LpBuffer, peek.LpTotalBytesAvail)
	// Output: "hello" of 11 bytes
}

// PeekNamedPipeInto peeks into the caller's buffer; nBufferSize nil means
// all of it.
func ExamplePeekNamedPipeInto() {
	hRead, hWrite, closeBoth := newExamplePipe()
	defer closeBoth()

	if _, err := kernel32.WriteFile(hWrite, []byte("hello, pipe"), nil, nil); err != nil {
		log.Fatal(err)
	}
	buf := make([]byte, 8)
	peek, err := kernel32.PeekNamedPipeInto(hRead, buf, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q of %d bytes\n", peek.LpBuffer, peek.LpTotalBytesAvail)
	peek, err = kernel32.PeekNamedPipeInto(hRead, buf, wintypes.Opt(2))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q\n", peek.LpBuffer)
	// Output:
	// "hello, p" of 11 bytes
	// "he"
}

func ExampleSetNamedPipeHandleState() {
	hRead, _, closeBoth := newExamplePipe()
	defer closeBoth()

	// Non-blocking reads: an empty pipe fails at once instead of waiting.
	mode := kernel32.PIPE_READMODE_BYTE | kernel32.PIPE_NOWAIT
	if err := kernel32.SetNamedPipeHandleState(hRead, &mode, nil, nil); err != nil {
		log.Fatal(err)
	}
	var n uint32
	err := windows.ReadFile(hRead.Windows(), make([]byte, 8), &n, nil)
	fmt.Println(errors.Is(err, kernel32.ERROR_NO_DATA))

	// Only the mode is set: nil leaves the other settings alone.
	err = kernel32.SetNamedPipeHandleState(hRead, wintypes.Opt(kernel32.PIPE_WAIT), nil, nil)
	fmt.Println(err)
	// Output:
	// true
	// <nil>
}
