//go:build windows

package kernel32_test

import (
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/wincgo/wincgo/kernel32"
)

func ExamplePidExists() {
	exists, err := kernel32.PidExists(uint32(os.Getpid()), 0)
	fmt.Println(exists, err)
	// Output: true <nil>
}

func ExampleGetCurrentProcess() {
	self := kernel32.GetCurrentProcess()
	pid, err := kernel32.GetProcessId(self)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(pid == uint32(os.Getpid()))
	code, err := kernel32.GetExitCodeProcess(self)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(code == kernel32.STILL_ACTIVE)
	// Closing the pseudo-handle does nothing.
	fmt.Println(kernel32.CloseHandle(self))
	// Output:
	// true
	// true
	// <nil>
}

func ExampleOpenProcess_notFound() {
	_, err := kernel32.OpenProcess(kernel32.SYNCHRONIZE, false, 0xFFFFFFF0)
	fmt.Println(errors.Is(err, kernel32.ERROR_INVALID_PARAMETER))
	// Output: true
}

func ExampleCreateToolhelp32Snapshot() {
	snap, err := kernel32.CreateToolhelp32Snapshot(kernel32.TH32CS_SNAPPROCESS, 0)
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := kernel32.CloseHandle(snap); err != nil {
			log.Fatal(err)
		}
	}()

	found := false
	pe, err := kernel32.Process32First(snap)
	for ; err == nil; pe, err = kernel32.Process32Next(snap) {
		if pe.Th32ProcessID == uint32(os.Getpid()) {
			found = true
		}
	}
	// The walk ends with ERROR_NO_MORE_FILES.
	fmt.Println(found, errors.Is(err, kernel32.ERROR_NO_MORE_FILES))
	// Output: true true
}
