//go:build windows

package testutil

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"testing"
)

// Close closes c and reports a failure through t.Error, for the deferred
// and cleanup closes of tests: a close that fails (a handle closed twice,
// a socket already gone) is a defect the test must not hide. A Go file or
// connection the test closed itself already (net.ErrClosed,
// fs.ErrClosed) is not: Go makes a second Close harmless.
func Close(t testing.TB, c io.Closer) {
	t.Helper()
	if err := c.Close(); err != nil && !errors.Is(err, net.ErrClosed) && !errors.Is(err, fs.ErrClosed) {
		t.Errorf("closing %T: %v", c, err)
	}
}

// CloseWith calls closeFn(v), such as kernel32.CloseHandle(h), and
// reports a failure through t.Error: Close for the functions that close a
// handle, event or socket value rather than an io.Closer.
//
//	defer testutil.CloseWith(t, kernel32.CloseHandle, h)
func CloseWith[T any](t testing.TB, closeFn func(T) error, v T) {
	t.Helper()
	if err := closeFn(v); err != nil {
		t.Errorf("closing %v: %v", v, err)
	}
}

// CloseJoin calls closeFn(v) and joins its error into *err: the deferred
// close of a role or helper that returns its error instead of having a t.
//
//	func(args []string) (err error) {
//		...
//		defer testutil.CloseJoin(&err, kernel32.CloseHandle, h)
func CloseJoin[T any](err *error, closeFn func(T) error, v T) {
	*err = errors.Join(*err, closeFn(v))
}
