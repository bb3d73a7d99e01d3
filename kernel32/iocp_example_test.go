//go:build windows

package kernel32_test

import (
	"fmt"

	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// One goroutine waits on an event and a posted wake-up through one port.
func ExampleRegisterWaitForSingleObject() {
	port, err := kernel32.CreateIoCompletionPort(kernel32.INVALID_HANDLE_VALUE, 0, 0, 0)
	if err != nil {
		panic(err)
	}
	defer func() {
		if err := kernel32.CloseHandle(port); err != nil {
			panic(err)
		}
	}()
	event, _, err := kernel32.CreateEvent(false, false, nil, "")
	if err != nil {
		panic(err)
	}
	defer func() {
		if err := kernel32.CloseHandle(event); err != nil {
			panic(err)
		}
	}()

	// Each SetEvent becomes a packet with key 1.
	wait, err := kernel32.RegisterWaitForSingleObject(event, port, 1, kernel32.INFINITE, kernel32.WT_EXECUTEINWAITTHREAD)
	if err != nil {
		panic(err)
	}
	// Unregister before closing the event and the port it posts to.
	defer func() {
		if err := kernel32.UnregisterWaitEx(wait, kernel32.INVALID_HANDLE_VALUE); err != nil {
			panic(err)
		}
	}()

	if err := kernel32.SetEvent(event); err != nil {
		panic(err)
	}
	n, key, ov, err := kernel32.GetQueuedCompletionStatus(port, 10000)
	if err != nil {
		panic(err)
	}
	fmt.Println("key", key, "signalled", n == kernel32.WAIT_OBJECT_0, "no OVERLAPPED", ov == 0)
	// Output: key 1 signalled true no OVERLAPPED true
}

func ExampleGetQueuedCompletionStatusEx() {
	port, err := kernel32.CreateIoCompletionPort(kernel32.INVALID_HANDLE_VALUE, 0, 0, 0)
	if err != nil {
		panic(err)
	}
	defer func() {
		if err := kernel32.CloseHandle(port); err != nil {
			panic(err)
		}
	}()
	for key := uintptr(1); key <= 3; key++ {
		if err := kernel32.PostQueuedCompletionStatus(port, uint32(10*key), key, 0); err != nil {
			panic(err)
		}
	}
	// A buffer reused from call to call: dequeuing allocates nothing.
	entries := make([]wintypes.OVERLAPPED_ENTRY, 8)
	n, err := kernel32.GetQueuedCompletionStatusEx(port, entries, len(entries), 10000, false)
	if err != nil {
		panic(err)
	}
	for _, e := range entries[:n] {
		fmt.Println(e.LpCompletionKey, e.DwNumberOfBytesTransferred)
	}
	// Output:
	// 1 10
	// 2 20
	// 3 30
}
