//go:build windows

package user32_test

import (
	"fmt"

	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/user32"
	"github.com/wincgo/wincgo/wintypes"
)

// Wait on several events at once; the result tells which one fired.
func ExampleMsgWaitForMultipleObjects() {
	var handles []wintypes.HANDLE
	for range 3 {
		h, _, err := kernel32.CreateEvent(true, false, nil, "")
		if err != nil {
			fmt.Println(err)
			return
		}
		defer kernel32.CloseHandle(h)
		handles = append(handles, h)
	}
	go kernel32.SetEvent(handles[2])

	event, err := user32.MsgWaitForMultipleObjects(handles, false, 10000, 0, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	switch {
	case event == user32.WAIT_TIMEOUT:
		fmt.Println("timed out")
	case event < user32.WAIT_OBJECT_0+uint32(len(handles)):
		fmt.Println("signalled: handle", event-user32.WAIT_OBJECT_0)
	case event == user32.WAIT_OBJECT_0+uint32(len(handles)):
		fmt.Println("input in the thread's queue")
	}
	// Output: signalled: handle 2
}
