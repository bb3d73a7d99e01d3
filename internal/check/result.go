package check

import (
	"syscall"

	wincgoerrors "github.com/wincgo/wincgo/errors"
)

// Result is what a package's raw layer (its generated zraw_windows.go)
// returns for one shim call: the Windows function's name, so that a
// wrapper never retypes it, its return value widened to uintptr, the value
// of its out-parameter when it has one, the last error read in the same C
// call, and whether the call failed by the rule its prototype states
// (wincgo:fails-when, cdefs/README.md), with the failing value as the
// function's documentation writes it.
type Result struct {
	Function  string // CreateEventW
	Returned  string // the failing return value as documented: FALSE, NULL, INVALID_HANDLE_VALUE
	Ret       uintptr
	Out       uintptr
	LastError uint32
	Failed    bool
}

// Err returns nil when the call succeeded, otherwise a new
// *errors.WindowsAPIError for it. A wrapper that treats some failure as
// success (ERROR_IO_PENDING, ERROR_PIPE_CONNECTED) looks at Failed and
// LastError first.
func (r Result) Err() error {
	if !r.Failed {
		return nil
	}
	return r.newError()
}

// newError is out of line: the success path stays a test and a return.
//
//go:noinline
func (r Result) newError() error {
	code := syscall.Errno(r.LastError)
	return &wincgoerrors.WindowsAPIError{Function: r.Function, Returned: r.Returned, Errno: code, Message: wincgoerrors.Message(code)}
}
