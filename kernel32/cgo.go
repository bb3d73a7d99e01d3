//go:build windows

package kernel32

// The flags every cgo file of this package compiles with: the cdefs headers,
// this package's fault table (cdefs/wincgo.h), and errors, not warnings,
// for a call to an undeclared (misspelled) function.

/*
#cgo CFLAGS: -I${SRCDIR}/../cdefs -DWINCGO_PKG=kernel32 -Werror=implicit-function-declaration -Werror=incompatible-pointer-types -Werror=int-conversion
*/
import "C"
