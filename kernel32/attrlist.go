//go:build windows

package kernel32

import (
	"fmt"
	"slices"
	"sync"
	"syscall"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Attributes UpdateProcThreadAttribute sets, each taking an array of
// handles.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-updateprocthreadattribute
const (
	// PROC_THREAD_ATTRIBUTE_HANDLE_LIST: the handles the child inherits,
	// and no others (CreateProcess's bInheritHandles must be true). Each
	// must be inheritable.
	PROC_THREAD_ATTRIBUTE_HANDLE_LIST uintptr = winconst.PROC_THREAD_ATTRIBUTE_HANDLE_LIST
	// PROC_THREAD_ATTRIBUTE_JOB_LIST: job objects the child is put in
	// before it runs any code (Windows 10 and later), in order.
	PROC_THREAD_ATTRIBUTE_JOB_LIST uintptr = winconst.PROC_THREAD_ATTRIBUTE_JOB_LIST
)

// ERROR_INSUFFICIENT_BUFFER is what InitializeProcThreadAttributeList
// reports when asked for the size it needs.
const ERROR_INSUFFICIENT_BUFFER syscall.Errno = winconst.ERROR_INSUFFICIENT_BUFFER

// ProcThreadAttributeList is an attribute list for CreateProcess's
// STARTUPINFOEX (C's LPPROC_THREAD_ATTRIBUTE_LIST), with the values its
// attributes point at.
//
// Windows keeps, inside the list, pointers to the attribute values, and
// reads both when CreateProcess runs: so the list and the values live in C
// memory that wincgo allocates (LocalAlloc) and that does not move, never
// in Go memory. The list owns that memory until DeleteProcThreadAttributeList
// (or Close) frees it, exactly once; the list may serve several
// CreateProcess calls first. A list that is never deleted leaks its
// memory.
//
// The list's address never leaves it: a STARTUPINFOEX holds the list
// itself, and CreateProcess reads the address from it while holding the
// list, so a deleted list is refused (an *errors.InputError), never read.
// Its methods and functions are safe for concurrent use: a delete or
// update waits for every CreateProcess using the list to return.
type ProcThreadAttributeList struct {
	// mu guards the fields below. CreateProcess holds it shared for the
	// whole call (Windows reads the list and its values then), so that
	// concurrent spawns share a list; UpdateProcThreadAttribute and
	// DeleteProcThreadAttributeList hold it exclusively, waiting for
	// those calls to return.
	mu     sync.RWMutex
	list   uintptr   // C memory (LocalAlloc), 0 once deleted
	values []uintptr // C memory (LocalAlloc), one per attribute set
	// inline backs values: each of the two attributes wincgo sets may be
	// set once per list, so UpdateProcThreadAttribute allocates no Go
	// memory.
	inline  [2]uintptr
	count   uint32
	deleted bool
}

// lptr is LocalAlloc's LPTR: fixed (the handle is the address) and zeroed
// memory.
const lptr = winconst.LPTR

// allocC allocates size bytes of zeroed C memory and returns its address,
// or 0 with the *errors.WindowsAPIError of LocalAlloc.
func allocC(size uintptr) (uintptr, error) {
	r := rawLocalAlloc(lptr, size)
	if err := r.Err(); err != nil {
		return 0, err
	}
	return r.Ret, nil
}

// freeC frees C memory from allocC; a variable so that a test can count
// the frees. LocalFree fails only for an address LocalAlloc did not
// return, which wincgo never passes.
var freeC = func(addr uintptr) { rawLocalFree(addr) }

// cMem is the pointer a raw call takes for the address of C memory from
// allocC. The garbage collector never sees that memory (Go neither moves
// nor frees it), so the uintptr round trip that unsafe.Pointer's rules
// forbid for Go memory is sound here; wincgo keeps these addresses as
// integers so that no Go pointer to C memory outlives its free. unsafe.Add
// from nil states that it is an address, not a Go pointer smuggled through
// an integer (which go vet's unsafeptr looks for in a conversion).
func cMem(addr uintptr) unsafe.Pointer { return unsafe.Add(nil, addr) }

// InitializeProcThreadAttributeList allocates and initializes an attribute
// list with room for dwAttributeCount attributes.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-initializeprocthreadattributelist
//
// Unlike C, wincgo asks Windows for the size (lpSize), allocates the list
// itself and returns it; dwFlags, reserved, is always 0. Set attributes
// with UpdateProcThreadAttribute, put the list in a STARTUPINFOEX's
// AttributeList, and free it with DeleteProcThreadAttributeList (or Close)
// after CreateProcess.
//
// It returns an *errors.InputError for a dwAttributeCount of 0, and an
// *errors.WindowsAPIError when Windows fails (InitializeProcThreadAttributeList
// with ERROR_INVALID_PARAMETER for too many attributes, LocalAlloc with
// ERROR_NOT_ENOUGH_MEMORY).
func InitializeProcThreadAttributeList(dwAttributeCount uint32) (*ProcThreadAttributeList, error) {
	if dwAttributeCount == 0 {
		return nil, &wincgoerrors.InputError{Name: "dwAttributeCount", Value: dwAttributeCount,
			Message: "received 0, expected at least one attribute"}
	}
	// First call: no list, to learn its size; Windows fails it with
	// ERROR_INSUFFICIENT_BUFFER by design.
	r := rawInitializeProcThreadAttributeList(nil, dwAttributeCount, 0, 0)
	if r.Ret == 0 && r.LastError != uint32(ERROR_INSUFFICIENT_BUFFER) {
		return nil, r.Err()
	}
	size := r.Out
	if size == 0 {
		return nil, &wincgoerrors.InternalError{Message: "InitializeProcThreadAttributeList reported a size of 0"}
	}
	mem, err := allocC(size)
	if err != nil {
		return nil, err
	}
	r = rawInitializeProcThreadAttributeList(cMem(mem), dwAttributeCount, 0, size)
	if err := r.Err(); err != nil {
		freeC(mem)
		return nil, err
	}
	l := &ProcThreadAttributeList{list: mem, count: dwAttributeCount}
	l.values = l.inline[:0]
	return l, nil
}

// UpdateProcThreadAttribute sets one attribute of an attribute list to a
// list of handles.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-updateprocthreadattribute
//
// lpAttributeList is a list from InitializeProcThreadAttributeList, not
// deleted. Attribute is PROC_THREAD_ATTRIBUTE_HANDLE_LIST or
// PROC_THREAD_ATTRIBUTE_JOB_LIST, the attributes whose value is an array
// of handles. lpValue is that array; unlike C, wincgo copies it into C
// memory the list keeps until it is deleted (so the caller's slice may be
// reused at once), and cbSize is its size. dwFlags (reserved, 0),
// lpPreviousValue and lpReturnSize (reserved, NULL) are not parameters.
//
// For PROC_THREAD_ATTRIBUTE_HANDLE_LIST every handle must be inheritable
// (HANDLE_FLAG_INHERIT, see SetHandleInformation), as CreateProcess
// requires; wincgo checks each with GetHandleInformation first. The same
// handle may not appear twice.
//
// It returns an *errors.InputError for a nil or deleted list, another
// Attribute, an empty lpValue, a NULL handle, a repeated handle, or a
// handle that is not inheritable (naming it); an *errors.WindowsAPIError
// when GetHandleInformation refuses a handle (ERROR_INVALID_HANDLE) or
// Windows fails (ERROR_GEN_FAILURE or ERROR_INVALID_PARAMETER when the
// list has no room left or already has the attribute; LocalAlloc's
// ERROR_NOT_ENOUGH_MEMORY for the value's copy). It waits for any
// CreateProcess using the list to return.
func UpdateProcThreadAttribute(lpAttributeList *ProcThreadAttributeList, Attribute uintptr, lpValue []wintypes.HANDLE) error {
	if lpAttributeList == nil {
		return &wincgoerrors.InputError{Name: "lpAttributeList", Value: lpAttributeList, Message: "received nil, expected a list from InitializeProcThreadAttributeList"}
	}
	if err := check.OneOf("Attribute", Attribute, uintptr(PROC_THREAD_ATTRIBUTE_HANDLE_LIST), uintptr(PROC_THREAD_ATTRIBUTE_JOB_LIST)); err != nil {
		return err
	}
	if len(lpValue) == 0 {
		// A copy: lpValue itself would then escape, and every caller's
		// slice be moved to the heap.
		return &wincgoerrors.InputError{Name: "lpValue", Value: slices.Clone(lpValue), Message: "received no handle, expected at least one"}
	}
	// Repeats are found by comparing with the handles before, which
	// allocates nothing, up to a list of smallList handles; a longer one
	// uses a map.
	const smallList = 32
	var seen map[wintypes.HANDLE]bool
	if len(lpValue) > smallList {
		seen = make(map[wintypes.HANDLE]bool, len(lpValue))
	}
	for i, h := range lpValue {
		if h == 0 {
			return check.NonNull(valueName(i), h)
		}
		var repeated bool
		if seen != nil {
			repeated = seen[h]
			seen[h] = true
		} else {
			repeated = slices.Contains(lpValue[:i], h)
		}
		if repeated {
			return &wincgoerrors.InputError{Name: valueName(i), Value: h, Message: fmt.Sprintf("%v appears twice", h)}
		}
		if Attribute != uintptr(PROC_THREAD_ATTRIBUTE_HANDLE_LIST) {
			continue
		}
		flags, err := GetHandleInformation(h)
		if err != nil {
			return err
		}
		if flags&HANDLE_FLAG_INHERIT == 0 {
			return &wincgoerrors.InputError{Name: valueName(i), Value: h,
				Message: fmt.Sprintf("%v is not inheritable, which PROC_THREAD_ATTRIBUTE_HANDLE_LIST requires (SetHandleInformation with HANDLE_FLAG_INHERIT)", h)}
		}
	}
	// Exclusive: a CreateProcess using the list returns first.
	lpAttributeList.mu.Lock()
	defer lpAttributeList.mu.Unlock()
	if lpAttributeList.deleted {
		return &wincgoerrors.InputError{Name: "lpAttributeList", Value: lpAttributeList, Message: "received a deleted list"}
	}
	cbSize := uintptr(len(lpValue)) * unsafe.Sizeof(wintypes.HANDLE(0))
	value, err := allocC(cbSize)
	if err != nil {
		return err
	}
	copy(unsafe.Slice((*wintypes.HANDLE)(cMem(value)), len(lpValue)), lpValue)
	r := rawUpdateProcThreadAttribute(cMem(lpAttributeList.list), 0, Attribute, cMem(value), cbSize, nil, nil)
	if err := r.Err(); err != nil {
		freeC(value)
		return err
	}
	lpAttributeList.values = append(lpAttributeList.values, value)
	return nil
}

// valueName names lpValue[i] in an error; formatted only then, since
// formatting allocates.
func valueName(i int) string { return fmt.Sprintf("lpValue[%d]", i) }

// DeleteProcThreadAttributeList deletes an attribute list and frees its
// memory and its values' (Close does the same).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-deleteprocthreadattributelist
//
// A CreateProcess using the list when it is called returns first: the
// delete waits for it. Afterwards CreateProcess refuses a STARTUPINFOEX
// holding the list, and UpdateProcThreadAttribute the list, with an
// *errors.InputError. Deleting a nil or already deleted list does nothing,
// so the memory is freed exactly once however often it is called. It
// cannot fail.
func DeleteProcThreadAttributeList(lpAttributeList *ProcThreadAttributeList) {
	if lpAttributeList == nil {
		return
	}
	l := lpAttributeList
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.deleted {
		return
	}
	l.deleted = true
	rawDeleteProcThreadAttributeList(cMem(l.list))
	freeC(l.list)
	l.list = 0
	for _, v := range l.values {
		freeC(v)
	}
	l.values = nil
}

// Close is DeleteProcThreadAttributeList(l), for defer and io.Closer; it
// always returns nil.
func (l *ProcThreadAttributeList) Close() error {
	DeleteProcThreadAttributeList(l)
	return nil
}
