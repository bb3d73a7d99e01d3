//go:build windows

package kernel32

import (
	"runtime"
	"syscall"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Access rights of event objects, for OpenEvent's dwDesiredAccess.
//
// See https://learn.microsoft.com/en-us/windows/win32/sync/synchronization-object-security-and-access-rights
const (
	// EVENT_ALL_ACCESS: every right on an event object.
	EVENT_ALL_ACCESS uint32 = winconst.EVENT_ALL_ACCESS
	// EVENT_MODIFY_STATE: SetEvent and ResetEvent may be used.
	EVENT_MODIFY_STATE uint32 = winconst.EVENT_MODIFY_STATE
	// SYNCHRONIZE: the wait functions may be used.
	SYNCHRONIZE uint32 = winconst.SYNCHRONIZE
)

// objectNameLimit is the longest kernel object name: "The name is limited
// to MAX_PATH characters" (CreateEventW, OpenEventW), the NUL not being part
// of the name. Windows and Wine accept longer names, but Wine cuts them
// (OpenEvent on the first 32,766 characters of a 40,028-character name
// opens the same event), so a longer name is refused before C sees it.
var objectNameLimit = check.Limit{Max: winconst.MAX_PATH, Name: "MAX_PATH"}

// objectNameBuf holds a converted object name on the stack: every name
// within objectNameLimit fits, NUL included.
type objectNameBuf [winconst.MAX_PATH + 1]uint16

// CreateEvent creates or opens a named or unnamed event object, calling
// CreateEventW.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-createeventw
//
// bManualReset makes a manual-reset event, which stays signalled until
// ResetEvent; otherwise the event resets itself when a wait releases one
// waiter. bInitialState creates the event signalled. lpEventAttributes may
// be nil: the handle is then not inheritable. lpName names the event
// (case-sensitive); "" creates an unnamed event, as NULL does in C. lpName
// is UTF-8, or WTF-8 for a name holding an unpaired surrogate (the way Go's
// syscall and x/sys convert Windows names), and is at most MAX_PATH (260)
// UTF-16 units long, the NUL not counted, as MSDN documents.
//
// If an event named lpName exists already, CreateEvent opens it (with
// EVENT_ALL_ACCESS; bManualReset and bInitialState are then ignored) and
// reports alreadyExists true: Windows' ERROR_ALREADY_EXISTS on success is
// information, not an error.
//
// It returns an *errors.InputError for an lpName with a NUL, with bytes
// that are not UTF-8 (nor WTF-8), or longer than MAX_PATH UTF-16 units, and
// an *errors.WindowsAPIError when Windows refuses, such as ERROR_INVALID_HANDLE
// when lpName is used by an object of another type.
func CreateEvent(bManualReset, bInitialState bool, lpEventAttributes *wintypes.SECURITY_ATTRIBUTES, lpName string) (hEvent wintypes.HANDLE, alreadyExists bool, err error) {
	var buf objectNameBuf
	name, err := check.OptionalUTF16Into(buf[:], "lpName", lpName, objectNameLimit)
	if err != nil {
		return 0, false, err
	}
	r := rawCreateEventW(lpEventAttributes.Pointer(), check.BOOL(bManualReset), check.BOOL(bInitialState), utf16Ptr(name))
	runtime.KeepAlive(lpEventAttributes)
	if err := r.Err(); err != nil {
		return 0, false, err
	}
	return wintypes.HANDLE(r.Ret), syscall.Errno(r.LastError) == ERROR_ALREADY_EXISTS, nil
}

// OpenEvent opens an existing named event object, calling OpenEventW.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-openeventw
//
// dwDesiredAccess is the access wanted (EVENT_ALL_ACCESS,
// EVENT_MODIFY_STATE, SYNCHRONIZE, ...). bInheritHandle makes the handle
// inheritable by child processes. lpName is the event's name
// (case-sensitive), UTF-8 or WTF-8, at most MAX_PATH (260) UTF-16 units
// long (see CreateEvent).
//
// It returns an *errors.InputError for an empty lpName, one with a NUL,
// with bytes that are not UTF-8 (nor WTF-8) or longer than MAX_PATH UTF-16
// units, and an *errors.WindowsAPIError when Windows refuses: ERROR_FILE_NOT_FOUND
// (which errors.Is matches with fs.ErrNotExist) when no event has that name.
func OpenEvent(dwDesiredAccess uint32, bInheritHandle bool, lpName string) (wintypes.HANDLE, error) {
	if lpName == "" {
		return 0, &wincgoerrors.InputError{Name: "lpName", Value: lpName, Message: "received \"\", expected the name of an existing event"}
	}
	var buf objectNameBuf
	name, err := check.UTF16Into(buf[:], "lpName", lpName, objectNameLimit)
	if err != nil {
		return 0, err
	}
	r := rawOpenEventW(dwDesiredAccess, check.BOOL(bInheritHandle), utf16Ptr(name))
	if err := r.Err(); err != nil {
		return 0, err
	}
	return wintypes.HANDLE(r.Ret), nil
}

// ResetEvent sets an event object to the non-signalled state.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-resetevent
//
// hEvent is the event; it needs EVENT_MODIFY_STATE access.
//
// It returns an *errors.InputError for a NULL hEvent and an
// *errors.WindowsAPIError when Windows refuses (ERROR_INVALID_HANDLE,
// ERROR_ACCESS_DENIED).
func ResetEvent(hEvent wintypes.HANDLE) error {
	if err := check.NonNull("hEvent", hEvent); err != nil {
		return err
	}
	return rawResetEvent(uintptr(hEvent)).Err()
}

// SetEvent sets an event object to the signalled state.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-setevent
//
// hEvent is the event; it needs EVENT_MODIFY_STATE access.
//
// It returns an *errors.InputError for a NULL hEvent and an
// *errors.WindowsAPIError when Windows refuses (ERROR_INVALID_HANDLE,
// ERROR_ACCESS_DENIED).
func SetEvent(hEvent wintypes.HANDLE) error {
	if err := check.NonNull("hEvent", hEvent); err != nil {
		return err
	}
	return rawSetEvent(uintptr(hEvent)).Err()
}

// utf16Ptr passes a NUL-terminated UTF-16 string to C; nil gives NULL.
func utf16Ptr(s []uint16) *uint16 {
	if s == nil {
		return nil
	}
	return &s[0]
}
