//go:build windows

package user32

/*
#include <stdlib.h>
#include "wincgo.h"
*/
import "C"

import (
	"syscall"
	"unsafe"
)

// injectFault makes every call of the Windows function named function
// (as its shim names it: "MsgWaitForMultipleObjects") made through this
// package return ret with lastError left at code, without calling Windows,
// until the returned func is called. For tests: it drives each wrapper's
// failure paths with a chosen Windows code. It panics if more than
// WINCGO_MAX_FAULTS are armed at once.
func injectFault(function string, ret uintptr, code syscall.Errno) (disarm func()) {
	name := C.CString(function)
	if C.wincgo_fault_arm(name, C.uintptr_t(ret), C.uint32_t(code)) == 0 {
		C.free(unsafe.Pointer(name))
		panic("user32: cannot arm a fault for " + function)
	}
	return func() {
		C.wincgo_fault_disarm(name)
		C.free(unsafe.Pointer(name))
	}
}
