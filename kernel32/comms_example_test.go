//go:build windows

package kernel32_test

import (
	"errors"
	"fmt"
	"log"

	"github.com/wincgo/wincgo/kernel32"
)

func ExampleClearCommError() {
	// A serial port would be opened with CreateFile(`\\.\COM1`, ...); an
	// event is no communications device, and Windows says so.
	ev, _, err := kernel32.CreateEvent(true, false, nil, "")
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := kernel32.CloseHandle(ev); err != nil {
			log.Fatal(err)
		}
	}()
	lpErrors, lpStat, err := kernel32.ClearCommError(ev)
	fmt.Println(lpErrors, lpStat.CbInQue, errors.Is(err, kernel32.ERROR_INVALID_HANDLE))
	// Output: 0 0 true
}
