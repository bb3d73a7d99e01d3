// Package errors holds the errors wincgo returns: pywincffi's exception
// family as Go error types.
//
//	Error                  every wincgo error (pywincffi's PyWinCFFIError)
//	├── *InputError        bad input, refused before Windows saw it
//	├── *WindowsAPIError   Windows reported a failure
//	└── *InternalError     a wincgo bug or an unexpected situation
//	    ├── *ResourceNotFoundError
//	    └── *NotImplementedError
//
// They work with the standard library's errors.Is and errors.As. A
// *WindowsAPIError unwraps to its syscall.Errno, so
//
//	errors.Is(err, windows.ERROR_INVALID_HANDLE)
//	errors.Is(err, syscall.Errno(6))
//	errors.Is(err, fs.ErrNotExist) // ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND
//
// hold exactly where they hold for Go's own errors. Connection failures
// also match the names Go programs check them by, whichever of its codes
// Windows reported (see WindowsAPIError.Is):
//
//	errors.Is(err, syscall.ECONNRESET) // ERROR_NETNAME_DELETED, WSAECONNRESET
//
// The package is named after its directory; import it under another name
// when the standard library's errors is also needed:
//
//	import wincgoerrors "github.com/wincgo/wincgo/errors"
package errors

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// Error is implemented by every error wincgo returns (pywincffi's
// PyWinCFFIError), so that
//
//	var e wincgoerrors.Error
//	errors.As(err, &e)
//
// tells a wincgo error from any other.
type Error interface {
	error
	wincgoError()
}

// InputError reports input refused before it reached Windows: a wrong type
// or value, a length that does not match its buffer or does not fit a DWORD,
// a string with an embedded NUL. Failing early gives a message about the
// parameter instead of a crash or a confusing code from deep in Windows.
type InputError struct {
	// Name is the parameter, spelled as in MSDN (hFile, nNumberOfBytesToRead).
	Name string
	// Value is what the caller passed.
	Value any
	// ExpectedTypes names the accepted types, if the type was wrong.
	ExpectedTypes []string
	// AllowedValues lists the accepted values, if the value was not one.
	AllowedValues []any
	// Message, when set, replaces the generated explanation.
	Message string
}

func (*InputError) wincgoError() {}

// Error returns "invalid <Name>: <explanation>", where the explanation says
// what was received and what was expected.
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString("invalid ")
	b.WriteString(e.Name)
	b.WriteString(": ")
	if e.Message != "" {
		b.WriteString(e.Message)
		return b.String()
	}
	fmt.Fprintf(&b, "received %#v (%T)", e.Value, e.Value)
	if len(e.ExpectedTypes) > 0 {
		fmt.Fprintf(&b, ", expected type %s", strings.Join(e.ExpectedTypes, " or "))
	}
	if len(e.AllowedValues) > 0 {
		vals := make([]string, len(e.AllowedValues))
		for i, v := range e.AllowedValues {
			vals[i] = fmt.Sprintf("%#v", v)
		}
		fmt.Fprintf(&b, ", expected one of %s", strings.Join(vals, ", "))
	}
	return b.String()
}

// WindowsAPIError reports that a Windows function failed. Errno is the code
// the function left (GetLastError or WSAGetLastError, read in the same C
// call as the function) and Message is Windows' own text for it. Each
// failure returns its own error, as os.PathError does.
type WindowsAPIError struct {
	// Function is the Windows function, as MSDN names it (CreateEventW).
	Function string
	// Returned is the failing value Function returned, as its
	// documentation writes it: FALSE, NULL, INVALID_HANDLE_VALUE,
	// WAIT_FAILED, 0xFFFFFFFF. Empty when the function returns its error
	// code (WSAStartup) or the error was made without a call.
	Returned string
	// Errno is the Windows error code.
	Errno syscall.Errno
	// Message is Windows' description of Errno (FormatMessage).
	Message string
}

// NewWindowsAPIError returns the error for function failing with code,
// with Windows' message for code filled in. It makes one allocation, the
// error itself: messages are cached per code (see Message).
func NewWindowsAPIError(function string, code syscall.Errno) *WindowsAPIError {
	return &WindowsAPIError{Function: function, Errno: code, Message: Message(code)}
}

// maxCachedMessages bounds the message cache: a program sees a handful of
// distinct codes, and a bound keeps one that sees every code (fault
// injection, fuzzing) from growing it without end.
const maxCachedMessages = 1024

// messages caches Windows' text per code: FormatMessage costs a system
// call and an allocation (~0.4 µs), and its answer for a code does not
// change while the process runs, so an error path pays it once per code
// rather than once per error.
var messages struct {
	sync.RWMutex
	text map[syscall.Errno]string
}

// Message returns Windows' text for code (FormatMessage, system table),
// without the trailing period and line break Windows appends. Texts are
// cached per code, so after the first call for a code it allocates
// nothing.
func Message(code syscall.Errno) string {
	messages.RLock()
	text, ok := messages.text[code]
	messages.RUnlock()
	if ok {
		return text
	}
	text = strings.TrimRight(code.Error(), ". \r\n")
	messages.Lock()
	if messages.text == nil {
		messages.text = make(map[syscall.Errno]string)
	}
	if len(messages.text) < maxCachedMessages {
		messages.text[code] = text
	}
	messages.Unlock()
	return text
}

func (*WindowsAPIError) wincgoError() {}

// Error returns, in one stable format,
//
//	<Function> returned <Returned>: Windows error <code> (0x<code>): <Message>
//
// or, without a Returned, "<Function>: Windows error ...".
func (e *WindowsAPIError) Error() string {
	// Appended into a stack buffer: the returned string is the only
	// allocation, as for a syscall.Errno's Error().
	var buf [192]byte
	b := append(buf[:0], e.Function...)
	if e.Returned != "" {
		b = append(b, " returned "...)
		b = append(b, e.Returned...)
	}
	b = append(b, ": Windows error "...)
	b = strconv.AppendUint(b, uint64(uint32(e.Errno)), 10)
	b = append(b, " (0x"...)
	b = appendUpperHex(b, uint32(e.Errno))
	b = append(b, "): "...)
	b = append(b, e.Message...)
	return string(b)
}

// appendUpperHex appends v in upper-case hexadecimal, as %X formats it.
func appendUpperHex(b []byte, v uint32) []byte {
	const digits = "0123456789ABCDEF"
	var tmp [8]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = digits[v&0xF]
		v >>= 4
		if v == 0 {
			break
		}
	}
	return append(b, tmp[i:]...)
}

// Unwrap returns the Windows error code, which makes errors.Is work with
// syscall.Errno, golang.org/x/sys/windows' ERROR_* values and io/fs's
// ErrNotExist, ErrExist and ErrPermission.
func (e *WindowsAPIError) Unwrap() error { return e.Errno }

// connErrors are the connection failures one event reports under several
// codes: the Windows status a completion port's packet carries
// (ERROR_NETNAME_DELETED for a reset connection), the Winsock code
// WSAGetOverlappedResult and the synchronous calls give (WSAECONNRESET,
// which Go's net package returns on Windows), and the portable errno Go
// code checks (syscall.ECONNRESET, which no Windows call returns). Each
// code of a row matches the row's Winsock code and errno with errors.Is.
// Numbers, not names: syscall has no WSAE* names and x/sys no ERROR_*
// names outside Windows, and this package builds everywhere.
var connErrors = [...]struct{ status, winsock, errno syscall.Errno }{
	// ERROR_NETNAME_DELETED, WSAECONNRESET: the peer reset the connection.
	{64, 10054, syscall.ECONNRESET},
	// ERROR_CONNECTION_ABORTED, WSAECONNABORTED: the connection was
	// aborted on this side.
	{1236, 10053, syscall.ECONNABORTED},
	// ERROR_CONNECTION_REFUSED, WSAECONNREFUSED: nothing listens there.
	{1225, 10061, syscall.ECONNREFUSED},
}

// Is makes errors.Is match a connection failure the way Go programs check
// it, whichever code Windows reported (Unwrap already matches the code
// itself):
//
//	ERROR_NETNAME_DELETED (64), WSAECONNRESET (10054)  -> WSAECONNRESET, syscall.ECONNRESET
//	ERROR_CONNECTION_ABORTED (1236), WSAECONNABORTED (10053) -> WSAECONNABORTED, syscall.ECONNABORTED
//	ERROR_CONNECTION_REFUSED (1225), WSAECONNREFUSED (10061) -> WSAECONNREFUSED, syscall.ECONNREFUSED
//
// so that errors.Is(err, syscall.ECONNRESET) holds for a reset reported by
// a completion port's packet (64) as for one reported by Winsock (10054).
// It matches nothing else.
func (e *WindowsAPIError) Is(target error) bool {
	t, ok := target.(syscall.Errno)
	if !ok {
		return false
	}
	for _, c := range &connErrors {
		if (e.Errno == c.status || e.Errno == c.winsock) && (t == c.winsock || t == c.errno) {
			return true
		}
	}
	return false
}

// InternalError reports a situation wincgo did not expect: most likely a bug
// in wincgo, possibly an unusual use. Err, when set, is the cause.
type InternalError struct {
	Message string
	Err     error
}

func (*InternalError) wincgoError() {}

// Error returns "wincgo internal error: <Message>[: <Err>]".
func (e *InternalError) Error() string {
	return withCause("wincgo internal error: "+e.Message, e.Err)
}

// Unwrap returns the cause, if any.
func (e *InternalError) Unwrap() error { return e.Err }

// ResourceNotFoundError reports that a resource wincgo needs (a file, a
// module, an export) could not be located. errors.As also finds it as an
// *InternalError.
type ResourceNotFoundError struct {
	InternalError
}

// Error returns "wincgo: resource not found: <Message>[: <Err>]".
func (e *ResourceNotFoundError) Error() string {
	return withCause("wincgo: resource not found: "+e.Message, e.Err)
}

// Unwrap returns the embedded *InternalError, so errors.As finds it.
func (e *ResourceNotFoundError) Unwrap() error { return &e.InternalError }

// NotImplementedError reports a situation wincgo cannot handle yet; its
// message says what would be needed to. errors.As also finds it as an
// *InternalError.
type NotImplementedError struct {
	InternalError
}

// Error returns "wincgo: not implemented: <Message>[: <Err>]".
func (e *NotImplementedError) Error() string {
	return withCause("wincgo: not implemented: "+e.Message, e.Err)
}

// Unwrap returns the embedded *InternalError, so errors.As finds it.
func (e *NotImplementedError) Unwrap() error { return &e.InternalError }

func withCause(s string, cause error) string {
	if cause != nil {
		return s + ": " + cause.Error()
	}
	return s
}
