//go:build windows

package errors_test

import (
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// missingPath returns a path in a fresh directory that does not exist, and
// a func removing the directory.
func missingPath() (string, func()) {
	dir, err := os.MkdirTemp("", "wincgo-errors-example-*")
	if err != nil {
		log.Fatal(err)
	}
	return filepath.Join(dir, "missing.txt"), func() {
		if err := os.Remove(dir); err != nil {
			log.Fatal(err)
		}
	}
}

// A *WindowsAPIError unwraps to its syscall.Errno: errors.Is matches it
// with io/fs's errors, with golang.org/x/sys/windows' ERROR_* codes and
// with wincgo's own, even through a wrapping fmt.Errorf.
func ExampleWindowsAPIError_is() {
	path, cleanup := missingPath()
	defer cleanup()

	_, err := kernel32.CreateFile(path, kernel32.GENERIC_READ, nil, nil, wintypes.Opt(kernel32.OPEN_EXISTING), nil, 0)
	err = fmt.Errorf("opening the configuration: %w", err)

	fmt.Println(errors.Is(err, fs.ErrNotExist))
	fmt.Println(errors.Is(err, windows.ERROR_FILE_NOT_FOUND))
	fmt.Println(errors.Is(err, kernel32.ERROR_FILE_NOT_FOUND))
	fmt.Println(errors.Is(err, windows.ERROR_ACCESS_DENIED), errors.Is(err, fs.ErrPermission))
	// Output:
	// true
	// true
	// true
	// false false
}

// errors.As finds the *WindowsAPIError: which function failed, and the
// code Windows left (read in the same C call as the function).
func ExampleWindowsAPIError_as() {
	path, cleanup := missingPath()
	defer cleanup()

	_, err := kernel32.CreateFile(path, kernel32.GENERIC_READ, nil, nil, wintypes.Opt(kernel32.OPEN_EXISTING), nil, 0)
	var apiErr *wincgoerrors.WindowsAPIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Function)
		fmt.Println(apiErr.Errno == windows.ERROR_FILE_NOT_FOUND, uint32(apiErr.Errno))
	}
	// Output:
	// CreateFileW
	// true 2
}

// Bad input is refused before Windows sees it, with an *InputError naming
// the parameter as MSDN does. Every wincgo error is also an errors.Error,
// which tells wincgo's errors from others.
func ExampleInputError() {
	_, err := kernel32.CreateFile("", kernel32.GENERIC_READ, nil, nil, nil, nil, 0)

	var inputErr *wincgoerrors.InputError
	if errors.As(err, &inputErr) {
		fmt.Println(inputErr.Name)
	}
	var apiErr *wincgoerrors.WindowsAPIError
	fmt.Println(errors.As(err, &apiErr))
	var wincgoErr wincgoerrors.Error
	fmt.Println(errors.As(err, &wincgoErr))
	// Output:
	// lpFileName
	// false
	// true
}
