//go:build windows

package kernel32_test

import (
	"fmt"

	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

func ExampleCreatePipe() {
	hRead, hWrite, err := kernel32.CreatePipe(nil, 0)
	if err != nil {
		panic(err)
	}
	defer kernel32.CloseHandle(hRead)
	defer kernel32.CloseHandle(hWrite)

	var n uint32
	if err := windows.WriteFile(hWrite.Windows(), []byte("ping"), &n, nil); err != nil {
		panic(err)
	}
	buf := make([]byte, 16)
	if err := windows.ReadFile(hRead.Windows(), buf, &n, nil); err != nil {
		panic(err)
	}
	fmt.Printf("%s\n", buf[:n])
	// Output: ping
}

func ExamplePeekNamedPipe() {
	hRead, hWrite, err := kernel32.CreatePipe(nil, 0)
	if err != nil {
		panic(err)
	}
	defer kernel32.CloseHandle(hRead)
	defer kernel32.CloseHandle(hWrite)

	var n uint32
	if err := windows.WriteFile(hWrite.Windows(), []byte("hello, pipe"), &n, nil); err != nil {
		panic(err)
	}
	// Peek at the first 5 bytes: they stay in the pipe.
	peek, err := kernel32.PeekNamedPipe(hRead, 5)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%q of %d bytes\n", peek.LpBuffer, peek.LpTotalBytesAvail)
	// Output: "hello" of 11 bytes
}

func ExampleSetNamedPipeHandleState() {
	hRead, hWrite, err := kernel32.CreatePipe(nil, 0)
	if err != nil {
		panic(err)
	}
	defer kernel32.CloseHandle(hRead)
	defer kernel32.CloseHandle(hWrite)

	// Non-blocking reads: an empty pipe fails at once instead of waiting.
	mode := uint32(kernel32.PIPE_READMODE_BYTE | kernel32.PIPE_NOWAIT)
	if err := kernel32.SetNamedPipeHandleState(hRead, &mode, nil, nil); err != nil {
		panic(err)
	}
	var n uint32
	err = windows.ReadFile(hRead.Windows(), make([]byte, 8), &n, nil)
	fmt.Println(err == kernel32.ERROR_NO_DATA)

	// Only the mode is set: nil leaves the other settings alone.
	err = kernel32.SetNamedPipeHandleState(hRead, wintypes.Opt[uint32](kernel32.PIPE_WAIT), nil, nil)
	fmt.Println(err)
	// Output:
	// true
	// <nil>
}
