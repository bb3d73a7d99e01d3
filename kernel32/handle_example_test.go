//go:build windows

package kernel32_test

import (
	"errors"
	"fmt"
	"log"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/kernel32"
)

// A handle marked inheritable is passed to child processes created with
// handle inheritance.
func ExampleSetHandleInformation() {
	hEvent, _, err := kernel32.CreateEvent(true, false, nil, "")
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := kernel32.CloseHandle(hEvent); err != nil {
			log.Fatal(err)
		}
	}()

	if err := kernel32.SetHandleInformation(hEvent, kernel32.HANDLE_FLAG_INHERIT, kernel32.HANDLE_FLAG_INHERIT); err != nil {
		log.Fatal(err)
	}
	flags, err := kernel32.GetHandleInformation(hEvent)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(flags&kernel32.HANDLE_FLAG_INHERIT != 0)
	// Output: true
}

// A failed call returns a *WindowsAPIError naming the function, the code
// and Windows' message.
func ExampleOpenEvent_error() {
	_, err := kernel32.OpenEvent(kernel32.SYNCHRONIZE, false, "wincgo-example-no-such-event")
	var apiErr *wincgoerrors.WindowsAPIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Function, apiErr.Errno == kernel32.ERROR_FILE_NOT_FOUND)
	}
	// Output: OpenEventW true
}

// Bad input never reaches Windows.
func ExampleGetStdHandle_inputError() {
	_, err := kernel32.GetStdHandle(42)
	var inputErr *wincgoerrors.InputError
	if errors.As(err, &inputErr) {
		fmt.Println(inputErr.Name)
	}
	// Output: nStdHandle
}
