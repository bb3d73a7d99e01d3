//go:build windows

package ws2_32

/*
#include "wincgo.h"
*/
import "C"

import (
	"syscall"
	"unsafe"

	"github.com/wincgo/wincgo/internal/fault"
)

// injectFault makes every call of the Windows function named function (as
// its shim names it: "WSAEventSelect", "WSAStartup") made through this package
// return ret with the last error left at code, without calling Windows,
// until the returned func is called. For tests: it drives each wrapper's
// failure paths with a chosen Windows code. It panics if more than
// WINCGO_MAX_FAULTS are armed at once.
func injectFault(function string, ret uintptr, code syscall.Errno) (disarm func()) {
	return fault.Inject("ws2_32", function,
		func(name *byte) bool {
			return C.wincgo_fault_arm((*C.char)(unsafe.Pointer(name)), C.uintptr_t(ret), C.uint32_t(code)) != 0
		},
		func(name *byte) { C.wincgo_fault_disarm((*C.char)(unsafe.Pointer(name))) })
}
