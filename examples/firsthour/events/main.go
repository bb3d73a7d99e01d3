// Command events signals an event and waits for it, then shows the two
// kinds of error wincgo returns.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/kernel32"
)

func main() {
	// A manual-reset event, not signalled, unnamed.
	hEvent, _, err := kernel32.CreateEvent(true, false, nil, "")
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
	ev, err := kernel32.WaitForSingleObject(hEvent, kernel32.INFINITE)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("signalled:", ev == kernel32.WAIT_OBJECT_0)

	// A Windows failure: a *WindowsAPIError naming the function and the
	// code, which errors.Is matches with Windows' codes and io/fs's errors.
	// Its text adds Windows' message for the code, which Wine words
	// differently: this prints what is the same everywhere.
	_, err = kernel32.OpenEvent(kernel32.SYNCHRONIZE, false, "no-such-event")
	var apiErr *wincgoerrors.WindowsAPIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Function, "failed with Windows error", uint32(apiErr.Errno))
	}
	fmt.Println(errors.Is(err, kernel32.ERROR_FILE_NOT_FOUND), errors.Is(err, fs.ErrNotExist))

	// Bad input never reaches Windows: an *InputError names the parameter.
	_, _, err = kernel32.CreateEvent(true, false, nil, "a\x00b")
	fmt.Println(err)
}
