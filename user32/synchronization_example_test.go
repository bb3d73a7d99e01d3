//go:build windows

package user32_test

import (
	"fmt"
	"log"

	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/user32"
	"github.com/wincgo/wincgo/wintypes"
)

// Wait on several events at once; the result, one of kernel32's wait
// results, tells which one fired.
func ExampleMsgWaitForMultipleObjects() {
	var handles []wintypes.HANDLE
	for range 3 {
		h, _, err := kernel32.CreateEvent(true, false, nil, "")
		if err != nil {
			log.Fatal(err)
		}
		defer func() {
			if err := kernel32.CloseHandle(h); err != nil {
				log.Fatal(err)
			}
		}()
		handles = append(handles, h)
	}
	go func() {
		if err := kernel32.SetEvent(handles[2]); err != nil {
			log.Fatal(err)
		}
	}()

	// MSDN's order: nCount first; nil means len(handles).
	event, err := user32.MsgWaitForMultipleObjects(nil, handles, false, 10000, 0)
	if err != nil {
		log.Fatal(err)
	}
	switch {
	case event == kernel32.WAIT_TIMEOUT:
		fmt.Println("timed out")
	case event < kernel32.WAIT_OBJECT_0+uint32(len(handles)):
		fmt.Println("signalled: handle", event-kernel32.WAIT_OBJECT_0)
	case event == kernel32.WAIT_OBJECT_0+uint32(len(handles)):
		fmt.Println("input in the thread's queue")
	}
	// Output: signalled: handle 2
}
