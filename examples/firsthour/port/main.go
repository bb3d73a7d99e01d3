// Command port waits for two processes and an event with one goroutine and
// one completion port.
package main

import (
	"fmt"
	"log"

	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

func main() {
	port, err := kernel32.CreateIoCompletionPort(kernel32.INVALID_HANDLE_VALUE, 0, 0, 0)
	if err != nil {
		log.Fatal(err)
	}
	defer closeHandle(port)

	// Two children that exit with codes 3 and 5; their packets carry the
	// completion keys 1 and 2, the event's 3.
	var processes []wintypes.HANDLE
	for _, exitCode := range []string{"3", "5"} {
		pi, err := kernel32.CreateProcess("", kernel32.CommandLine("cmd.exe", "/c", "exit", exitCode),
			nil, nil, false, 0, nil, "", &wintypes.STARTUPINFO{})
		if err != nil {
			log.Fatal(err)
		}
		closeHandle(pi.HThread)
		defer closeHandle(pi.HProcess)
		processes = append(processes, pi.HProcess)
		// WT_EXECUTEONLYONCE: an exited process stays signalled (packets
		// would keep coming).
		wait, err := kernel32.RegisterWaitForSingleObject(pi.HProcess, port, uintptr(len(processes)),
			kernel32.INFINITE, kernel32.WT_EXECUTEONLYONCE|kernel32.WT_EXECUTEINWAITTHREAD)
		if err != nil {
			log.Fatal(err)
		}
		// Unregister every wait, even one that fired, before its handle
		// and the port close (deferred calls run last-in, first-out).
		defer unregister(wait)
	}

	// An auto-reset event: each SetEvent gives one packet.
	event, _, err := kernel32.CreateEvent(false, false, nil, "")
	if err != nil {
		log.Fatal(err)
	}
	defer closeHandle(event)
	wait, err := kernel32.RegisterWaitForSingleObject(event, port, 3, kernel32.INFINITE, kernel32.WT_EXECUTEINWAITTHREAD)
	if err != nil {
		log.Fatal(err)
	}
	defer unregister(wait)
	if err := kernel32.SetEvent(event); err != nil {
		log.Fatal(err)
	}

	// One goroutine dequeues everything into a reused buffer.
	entries := make([]wintypes.OVERLAPPED_ENTRY, 8)
	signalled := map[uintptr]bool{}
	for pending := 3; pending > 0; {
		n, err := kernel32.GetQueuedCompletionStatusEx(port, entries, len(entries), 30000, false)
		if err != nil {
			log.Fatal(err) // ERROR_WAIT_TIMEOUT after 30 s
		}
		for _, e := range entries[:n] {
			// The byte count is the wait's result.
			signalled[e.LpCompletionKey] = e.DwNumberOfBytesTransferred == kernel32.WAIT_OBJECT_0
			pending--
		}
	}

	// In key order, whatever order the packets came in.
	for i, h := range processes {
		code, err := kernel32.GetExitCodeProcess(h)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("key %d: process signalled %v, exit code %d\n", i+1, signalled[uintptr(i+1)], code)
	}
	fmt.Printf("key 3: event signalled %v\n", signalled[3])
}

// unregister frees a registered wait; no packet of it comes after.
func unregister(wait wintypes.HANDLE) {
	if err := kernel32.UnregisterWaitEx(wait, kernel32.INVALID_HANDLE_VALUE); err != nil {
		log.Fatal(err)
	}
}

// closeHandle closes h; a failure is a bug worth stopping for.
func closeHandle(h wintypes.HANDLE) {
	if err := kernel32.CloseHandle(h); err != nil {
		log.Fatal(err)
	}
}
