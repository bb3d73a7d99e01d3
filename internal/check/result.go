package check

import (
	"syscall"

	wincgoerrors "github.com/wincgo/wincgo/errors"
)

// Func is what an error needs to know of a Windows function: its name, so
// that a wrapper never retypes it, and its failing return value as its
// documentation writes it. The raw layer (a package's generated
// zraw_windows.go) holds one per function, and every Result points to it.
type Func struct {
	Name     string // CreateEventW
	Returned string // FALSE, NULL, INVALID_HANDLE_VALUE
}

// Result is what a package's raw layer returns for one shim call: the
// function called, its return value widened to uintptr, the value of its
// out-parameter when it has one, the last error read in the same C call,
// and whether the call failed by the rule its prototype states
// (wincgo:fails-when, cdefs/README.md).
//
// Four fields of a word each, Status holding LastError and Failed: the
// compiler keeps a struct of at most four fields and four words in
// registers, and copies a bigger one through memory at each step (a
// 7-word Result cost about 13 ns on a 45 ns GetStdHandle, BenchmarkGetStdHandle).
type Result struct {
	Func *Func
	Ret  uintptr
	Out  uintptr
	Status
}

// Status is the part of a Result that says how the call went.
type Status struct {
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
	return newError(r.Func.Name, r.Func.Returned, r.LastError)
}

// newError is out of line: the success path stays a test and a return.
//
//go:noinline
func newError(function, returned string, lastError uint32) error {
	code := syscall.Errno(lastError)
	return &wincgoerrors.WindowsAPIError{Function: function, Returned: returned, Errno: code, Message: wincgoerrors.Message(code)}
}
