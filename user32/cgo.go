//go:build windows

package user32

// The flags every cgo file of this package compiles with: the cdefs headers,
// this package's fault table (cdefs/wincgo.h), and errors, not warnings,
// for a call to an undeclared (misspelled) function; and user32.dll's
// import library.

/*
#cgo CFLAGS: -I${SRCDIR}/../cdefs -DWINCGO_PKG=user32 -Werror=implicit-function-declaration -Werror=incompatible-pointer-types -Werror=int-conversion
#cgo LDFLAGS: -luser32
*/
import "C"
