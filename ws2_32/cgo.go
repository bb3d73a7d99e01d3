//go:build windows

package ws2_32

// The flags every cgo file of this package compiles with: the cdefs headers,
// this package's fault table (cdefs/wincgo.h), and errors, not warnings,
// for a call to an undeclared (misspelled) function; and ws2_32.dll's
// import library.

/*
#cgo CFLAGS: -I${SRCDIR}/../cdefs -DWINCGO_PKG=ws2_32 -Werror=implicit-function-declaration -Werror=incompatible-pointer-types -Werror=int-conversion
#cgo LDFLAGS: -lws2_32
*/
import "C"
