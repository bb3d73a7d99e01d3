//go:build windows

package kernel32_test

import (
	"errors"
	"fmt"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/kernel32"
)

// A handle marked inheritable is passed to child processes created with
// handle inheritance.
func ExampleSetHandleInformation() {
	hEvent, _, _ := kernel32.CreateEvent(true, false, nil, "")
	defer kernel32.CloseHandle(hEvent)

	kernel32.SetHandleInformation(hEvent, kernel32.HANDLE_FLAG_INHERIT, kernel32.HANDLE_FLAG_INHERIT)
	flags, _ := kernel32.GetHandleInformation(hEvent)
	fmt.Println(flags&kernel32.HANDLE_FLAG_INHERIT != 0)
	// Output: true
}

// A failed call returns a *WindowsAPIError naming the function, the code
// and Windows' message.
func ExampleOpenEvent_error() {
	_, err := kernel32.OpenEvent(kernel32.SYNCHRONIZE, false, "wincgo-example-no-such-event")
	var apiErr *wincgoerrors.WindowsAPIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Function, uint32(apiErr.Errno))
	}
	// Output: OpenEventW 2
}

// Bad input never reaches Windows.
func ExampleGetStdHandle_inputError() {
	_, err := kernel32.GetStdHandle(42)
	var inputErr *wincgoerrors.InputError
	fmt.Println(errors.As(err, &inputErr), inputErr.Name)
	// Output: true nStdHandle
}
