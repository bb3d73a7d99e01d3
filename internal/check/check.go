// Package check holds the input and result checks every wincgo wrapper uses
// (pywincffi's input_check and error_check): input is refused with an
// *errors.InputError before C sees it, and a failed call becomes an
// *errors.WindowsAPIError carrying the code read in the same C call.
package check

import (
	"fmt"
	"math"

	wincgoerrors "github.com/wincgo/wincgo/errors"
)

// NonNull refuses a zero (NULL) handle or socket for a parameter Windows
// requires: no Windows object is named by 0, and passing it on would only
// trade a clear message for ERROR_INVALID_HANDLE.
func NonNull[T ~uintptr](name string, h T) error {
	if h == 0 {
		return &wincgoerrors.InputError{Name: name, Value: h, Message: fmt.Sprintf("received a NULL %T, expected an open one", h)}
	}
	return nil
}

// OneOf refuses v unless it is one of allowed.
func OneOf[T comparable](name string, v T, allowed ...T) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	vals := make([]any, len(allowed))
	for i, a := range allowed {
		vals[i] = a
	}
	return &wincgoerrors.InputError{Name: name, Value: v, AllowedValues: vals}
}

// Flags refuses v if it has bits outside mask (the union of the flags the
// parameter documents).
func Flags(name string, v, mask uint32) error {
	if v&^mask != 0 {
		return &wincgoerrors.InputError{Name: name, Value: v,
			Message: fmt.Sprintf("received %#x, which has bits outside the documented flags %#x", v, mask)}
	}
	return nil
}

// Count checks a length C will trust against the Go buffer it describes: n
// must not be negative, must not exceed bufLen (C would read or write past
// the buffer) and must fit a DWORD (a larger one would wrap). unit names
// what the buffer holds, as n counts it ("bytes", "entries", "handles",
// "UTF-16 units"), for the message. It returns n as a DWORD.
func Count(name string, n int64, bufName string, bufLen int, unit string) (uint32, error) {
	switch {
	case n < 0:
		return 0, &wincgoerrors.InputError{Name: name, Value: n, Message: fmt.Sprintf("received %d, expected a count >= 0", n)}
	case n > int64(bufLen):
		return 0, &wincgoerrors.InputError{Name: name, Value: n,
			Message: fmt.Sprintf("received %d, more than the %d %s of %s", n, bufLen, unit, bufName)}
	case n > math.MaxUint32:
		return 0, &wincgoerrors.InputError{Name: name, Value: n,
			Message: fmt.Sprintf("received %d, which does not fit a DWORD", n)}
	}
	return uint32(n), nil
}

// OptionalCount is Count for wincgo's convention on a count that describes
// a Go slice (see the README's Conventions): nil means the whole slice,
// len(buf); otherwise *n is checked as Count does, unit as there.
func OptionalCount(name string, n *int, bufName string, bufLen int, unit string) (uint32, error) {
	count := bufLen
	if n != nil {
		count = *n
	}
	switch {
	case count < 0:
		return 0, &wincgoerrors.InputError{Name: name, Value: count, Message: fmt.Sprintf("received %d, expected a count >= 0", count)}
	case count > bufLen:
		return 0, &wincgoerrors.InputError{Name: name, Value: count,
			Message: fmt.Sprintf("received %d, more than the %d %s of %s", count, bufLen, unit, bufName)}
	case int64(count) > math.MaxUint32:
		if n == nil {
			return 0, &wincgoerrors.InputError{Name: bufName, Value: count,
				Message: fmt.Sprintf("received %d %s, more than a DWORD can count", count, unit)}
		}
		return 0, &wincgoerrors.InputError{Name: name, Value: count,
			Message: fmt.Sprintf("received %d, which does not fit a DWORD", count)}
	}
	return uint32(count), nil
}

// Len returns len(buf) as a DWORD, refusing a buffer too long for one (a
// truncated length would silently transfer fewer bytes than the caller
// meant); unit names what buf holds, as for Count.
func Len(name string, bufLen int, unit string) (uint32, error) {
	if int64(bufLen) > math.MaxUint32 {
		return 0, &wincgoerrors.InputError{Name: name, Value: bufLen,
			Message: fmt.Sprintf("received %d %s, more than a DWORD can count", bufLen, unit)}
	}
	return uint32(bufLen), nil
}

// BOOL converts a Go bool to a Windows BOOL.
func BOOL(b bool) int32 {
	if b {
		return 1
	}
	return 0
}
