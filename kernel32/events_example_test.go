//go:build windows

package kernel32_test

import (
	"errors"
	"fmt"
	"io/fs"
	"log"

	"github.com/wincgo/wincgo/kernel32"
)

// An auto-reset event releases one wait per SetEvent.
func ExampleCreateEvent() {
	hEvent, _, err := kernel32.CreateEvent(false, false, nil, "")
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := kernel32.CloseHandle(hEvent); err != nil {
			log.Fatal(err)
		}
	}()

	if err := kernel32.SetEvent(hEvent); err != nil {
		log.Fatal(err)
	}
	first, err := kernel32.WaitForSingleObject(hEvent, 0)
	if err != nil {
		log.Fatal(err)
	}
	second, err := kernel32.WaitForSingleObject(hEvent, 0)
	if err != nil {
		log.Fatal(err)
	}
	// The constants are typed like the result: no conversion.
	fmt.Println(first == kernel32.WAIT_OBJECT_0, second == kernel32.WAIT_TIMEOUT)
	// Output: true true
}

// Creating a named event that exists opens it and says so.
func ExampleCreateEvent_named() {
	first, _, err := kernel32.CreateEvent(true, false, nil, "wincgo-example-named-event")
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := kernel32.CloseHandle(first); err != nil {
			log.Fatal(err)
		}
	}()
	second, alreadyExists, err := kernel32.CreateEvent(true, false, nil, "wincgo-example-named-event")
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := kernel32.CloseHandle(second); err != nil {
			log.Fatal(err)
		}
	}()
	fmt.Println("already exists:", alreadyExists)
	// Output: already exists: true
}

// Windows' error codes work with errors.Is, and io/fs's errors too.
func ExampleOpenEvent_notFound() {
	_, err := kernel32.OpenEvent(kernel32.SYNCHRONIZE, false, "wincgo-example-no-such-event")
	fmt.Println(errors.Is(err, kernel32.ERROR_FILE_NOT_FOUND), errors.Is(err, fs.ErrNotExist))
	// Output: true true
}
