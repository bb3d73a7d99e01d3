package check

import (
	"sync/atomic"
	"syscall"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
)

// Failed errors are interned: a failure of the same function, with the
// same code, return value and expectation as a remembered one returns the
// remembered *WindowsAPIError. A fresh error costs an allocation on heap
// memory that is cold after a system call, and that was most of what an
// error path cost beyond the call (measured under Wine: 2–3% of an 18 µs
// SetEvent); x/sys's boxed Errno allocates nothing, and its errnoErr
// pre-boxes common codes for the same reason. Shared errors are read-only
// by contract (WindowsAPIError's documentation says so); one a caller
// changed anyway is noticed and never handed out again.

// internedErrorSlots bounds what is remembered: a program fails in a
// handful of ways, and a slot per way keeps the cache at a fixed 32 KiB
// even for one that fails in every way (fault injection, fuzzing); a
// colliding failure replaces the slot's error.
const internedErrorSlots = 256

// internedError is one remembered error and the fields it was made with,
// in one allocation: err is what callers get, made is the copy that
// tells whether a caller changed it.
type internedError struct {
	err, made wincgoerrors.WindowsAPIError
}

var internedErrors [internedErrorSlots]atomic.Pointer[internedError]

// internedSlot picks the slot of a failure. function is hashed by its
// address, not its bytes: wrappers pass string constants, one address
// each, and a function name built at run time only hashes elsewhere
// (the lookup compares by value).
func internedSlot(function string, ret uint64, code syscall.Errno) int {
	const fibonacci = 0x9E3779B97F4A7C15 // 2^64 / golden ratio: spreads nearby keys over the top bits
	h := uint64(uintptr(unsafe.Pointer(unsafe.StringData(function)))) ^ uint64(code)<<32 ^ ret
	return int((h * fibonacci) >> 56)
}

// interned returns the error of function having returned ret with code,
// where expected describes a successful return: the remembered one when
// its slot holds this failure unchanged, else a new one it remembers.
func interned(function string, ret uint64, code syscall.Errno, expected string) *wincgoerrors.WindowsAPIError {
	slot := &internedErrors[internedSlot(function, ret, code)]
	if e := slot.Load(); e != nil && e.made.Errno == code && e.made.ReturnCode == ret &&
		e.made.Function == function && e.made.Expected == expected && e.err == e.made {
		return &e.err
	}
	e := &internedError{err: wincgoerrors.WindowsAPIError{
		Function:   function,
		Errno:      code,
		Message:    wincgoerrors.Message(code),
		ReturnCode: ret,
		Expected:   expected,
	}}
	e.made = e.err
	slot.Store(e)
	return &e.err
}
