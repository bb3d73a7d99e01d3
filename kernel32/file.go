//go:build windows

package kernel32

import (
	"runtime"
	"sync/atomic"
	"syscall"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/overlapped"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Generic access rights, for CreateFile's dwDesiredAccess.
//
// See https://learn.microsoft.com/en-us/windows/win32/secauthz/generic-access-rights
const (
	// GENERIC_READ: read access.
	GENERIC_READ uint32 = winconst.GENERIC_READ
	// GENERIC_WRITE: write access.
	GENERIC_WRITE uint32 = winconst.GENERIC_WRITE
	// GENERIC_EXECUTE: execute access.
	GENERIC_EXECUTE uint32 = winconst.GENERIC_EXECUTE
	// GENERIC_ALL: all possible access rights.
	GENERIC_ALL uint32 = winconst.GENERIC_ALL
)

// Share modes, for CreateFile's dwShareMode: which later opens of the same
// file (by any process) are allowed while this handle is open. 0 allows
// none.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-createfilew
const (
	// FILE_SHARE_READ lets others open the file for reading.
	FILE_SHARE_READ uint32 = winconst.FILE_SHARE_READ
	// FILE_SHARE_WRITE lets others open the file for writing.
	FILE_SHARE_WRITE uint32 = winconst.FILE_SHARE_WRITE
	// FILE_SHARE_DELETE lets others delete or rename the file.
	FILE_SHARE_DELETE uint32 = winconst.FILE_SHARE_DELETE
)

// Creation dispositions, for CreateFile's dwCreationDisposition: what to
// do when the file exists and when it does not.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-createfilew
const (
	// CREATE_NEW creates the file; fails with ERROR_FILE_EXISTS if it
	// exists.
	CREATE_NEW uint32 = winconst.CREATE_NEW
	// CREATE_ALWAYS creates the file, or truncates it if it exists.
	CREATE_ALWAYS uint32 = winconst.CREATE_ALWAYS
	// OPEN_EXISTING opens the file; fails with ERROR_FILE_NOT_FOUND if it
	// does not exist.
	OPEN_EXISTING uint32 = winconst.OPEN_EXISTING
	// OPEN_ALWAYS opens the file, or creates it if it does not exist.
	OPEN_ALWAYS uint32 = winconst.OPEN_ALWAYS
	// TRUNCATE_EXISTING opens the file and truncates it to zero bytes
	// (needs GENERIC_WRITE); fails with ERROR_FILE_NOT_FOUND if it does
	// not exist.
	TRUNCATE_EXISTING uint32 = winconst.TRUNCATE_EXISTING
)

// File attributes, for CreateFile's dwFlagsAndAttributes (the ones
// CreateFile documents; it ignores the others).
//
// See https://learn.microsoft.com/en-us/windows/win32/fileio/file-attribute-constants
const (
	FILE_ATTRIBUTE_READONLY  uint32 = winconst.FILE_ATTRIBUTE_READONLY
	FILE_ATTRIBUTE_HIDDEN    uint32 = winconst.FILE_ATTRIBUTE_HIDDEN
	FILE_ATTRIBUTE_SYSTEM    uint32 = winconst.FILE_ATTRIBUTE_SYSTEM
	FILE_ATTRIBUTE_ARCHIVE   uint32 = winconst.FILE_ATTRIBUTE_ARCHIVE
	FILE_ATTRIBUTE_NORMAL    uint32 = winconst.FILE_ATTRIBUTE_NORMAL
	FILE_ATTRIBUTE_TEMPORARY uint32 = winconst.FILE_ATTRIBUTE_TEMPORARY
	FILE_ATTRIBUTE_OFFLINE   uint32 = winconst.FILE_ATTRIBUTE_OFFLINE
	FILE_ATTRIBUTE_ENCRYPTED uint32 = winconst.FILE_ATTRIBUTE_ENCRYPTED
)

// File flags, for CreateFile's dwFlagsAndAttributes.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-createfilew
const (
	// FILE_FLAG_OVERLAPPED opens the file for overlapped (asynchronous)
	// I/O: ReadFile, WriteFile and LockFileEx then need an OVERLAPPED and
	// may return before the operation completes.
	FILE_FLAG_OVERLAPPED uint32 = winconst.FILE_FLAG_OVERLAPPED
	// FILE_FLAG_WRITE_THROUGH: writes go through the cache to disk.
	FILE_FLAG_WRITE_THROUGH uint32 = winconst.FILE_FLAG_WRITE_THROUGH
	// FILE_FLAG_NO_BUFFERING: no system caching; offsets and sizes must be
	// multiples of the sector size.
	FILE_FLAG_NO_BUFFERING uint32 = winconst.FILE_FLAG_NO_BUFFERING
	// FILE_FLAG_RANDOM_ACCESS hints random access to the cache.
	FILE_FLAG_RANDOM_ACCESS uint32 = winconst.FILE_FLAG_RANDOM_ACCESS
	// FILE_FLAG_SEQUENTIAL_SCAN hints sequential access to the cache.
	FILE_FLAG_SEQUENTIAL_SCAN uint32 = winconst.FILE_FLAG_SEQUENTIAL_SCAN
	// FILE_FLAG_DELETE_ON_CLOSE deletes the file when its last handle is
	// closed.
	FILE_FLAG_DELETE_ON_CLOSE uint32 = winconst.FILE_FLAG_DELETE_ON_CLOSE
	// FILE_FLAG_BACKUP_SEMANTICS opens for backup or restore; needed to
	// open a directory.
	FILE_FLAG_BACKUP_SEMANTICS uint32 = winconst.FILE_FLAG_BACKUP_SEMANTICS
	// FILE_FLAG_POSIX_SEMANTICS: case-sensitive access, where the file
	// system supports it.
	FILE_FLAG_POSIX_SEMANTICS uint32 = winconst.FILE_FLAG_POSIX_SEMANTICS
	// FILE_FLAG_SESSION_AWARE: the file or device is session aware.
	FILE_FLAG_SESSION_AWARE uint32 = winconst.FILE_FLAG_SESSION_AWARE
	// FILE_FLAG_OPEN_REPARSE_POINT opens a reparse point itself rather
	// than its target.
	FILE_FLAG_OPEN_REPARSE_POINT uint32 = winconst.FILE_FLAG_OPEN_REPARSE_POINT
	// FILE_FLAG_OPEN_NO_RECALL: remote data is not recalled to local
	// storage.
	FILE_FLAG_OPEN_NO_RECALL uint32 = winconst.FILE_FLAG_OPEN_NO_RECALL
)

// Flags of LockFileEx.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-lockfileex
const (
	// LOCKFILE_EXCLUSIVE_LOCK requests an exclusive lock; without it the
	// lock is shared.
	LOCKFILE_EXCLUSIVE_LOCK uint32 = winconst.LOCKFILE_EXCLUSIVE_LOCK
	// LOCKFILE_FAIL_IMMEDIATELY fails at once (ERROR_LOCK_VIOLATION)
	// rather than waiting when the range is locked by someone else.
	LOCKFILE_FAIL_IMMEDIATELY uint32 = winconst.LOCKFILE_FAIL_IMMEDIATELY
)

// Flags of MoveFileEx.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-movefileexw
const (
	// MOVEFILE_REPLACE_EXISTING replaces an existing lpNewFileName file.
	MOVEFILE_REPLACE_EXISTING uint32 = winconst.MOVEFILE_REPLACE_EXISTING
	// MOVEFILE_COPY_ALLOWED lets a move to another volume copy and delete.
	MOVEFILE_COPY_ALLOWED uint32 = winconst.MOVEFILE_COPY_ALLOWED
	// MOVEFILE_DELAY_UNTIL_REBOOT registers the move for the next restart
	// (administrators only); with an empty lpNewFileName, a deletion.
	MOVEFILE_DELAY_UNTIL_REBOOT uint32 = winconst.MOVEFILE_DELAY_UNTIL_REBOOT
	// MOVEFILE_WRITE_THROUGH returns only once the move is on disk.
	MOVEFILE_WRITE_THROUGH uint32 = winconst.MOVEFILE_WRITE_THROUGH
	// MOVEFILE_CREATE_HARDLINK is reserved for future use.
	MOVEFILE_CREATE_HARDLINK uint32 = winconst.MOVEFILE_CREATE_HARDLINK
	// MOVEFILE_FAIL_IF_NOT_TRACKABLE fails if the source is a link source
	// that cannot be tracked after the move.
	MOVEFILE_FAIL_IF_NOT_TRACKABLE uint32 = winconst.MOVEFILE_FAIL_IF_NOT_TRACKABLE
)

// Windows error codes of file operations.
//
// See https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--0-499-
const (
	// ERROR_SHARING_VIOLATION: the file is open elsewhere with a share
	// mode that does not allow this access.
	ERROR_SHARING_VIOLATION syscall.Errno = winconst.ERROR_SHARING_VIOLATION
	// ERROR_LOCK_VIOLATION: the byte range is locked by another handle or
	// process.
	ERROR_LOCK_VIOLATION syscall.Errno = winconst.ERROR_LOCK_VIOLATION
	// ERROR_HANDLE_EOF: an overlapped read started at or past the end of
	// the file.
	ERROR_HANDLE_EOF syscall.Errno = winconst.ERROR_HANDLE_EOF
	// ERROR_FILE_EXISTS: CREATE_NEW found the file existing.
	ERROR_FILE_EXISTS syscall.Errno = winconst.ERROR_FILE_EXISTS
	// ERROR_NOT_LOCKED: UnlockFileEx on a range that is not locked.
	ERROR_NOT_LOCKED syscall.Errno = winconst.ERROR_NOT_LOCKED
	// ERROR_NOT_SAME_DEVICE: MoveFileEx across volumes without
	// MOVEFILE_COPY_ALLOWED.
	ERROR_NOT_SAME_DEVICE syscall.Errno = winconst.ERROR_NOT_SAME_DEVICE
	// ERROR_OPERATION_ABORTED: an overlapped operation was cancelled (its
	// handle was closed, or CancelIo).
	ERROR_OPERATION_ABORTED syscall.Errno = winconst.ERROR_OPERATION_ABORTED
	// ERROR_IO_INCOMPLETE: GetOverlappedResult with bWait false on an
	// operation still in progress.
	ERROR_IO_INCOMPLETE syscall.Errno = winconst.ERROR_IO_INCOMPLETE
	// ERROR_IO_PENDING: an overlapped operation was started and is in
	// progress. ReadFile, WriteFile, LockFileEx and ConnectNamedPipe return
	// it as the bare syscall.Errno, not a *errors.WindowsAPIError: pending
	// is not a failure (see the package documentation, "Overlapped
	// operations").
	ERROR_IO_PENDING syscall.Errno = winconst.ERROR_IO_PENDING
)

// The defaults CreateFile and MoveFileEx use for a nil optional parameter
// (pywincffi's).
const (
	defaultShareMode           = FILE_SHARE_READ
	defaultCreationDisposition = CREATE_ALWAYS
	defaultFlagsAndAttributes  = FILE_ATTRIBUTE_NORMAL
	defaultMoveFileFlags       = MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH
)

// pathLimit is the longest path: MSDN's "approximately 32,767 wide
// characters" for a path with the \\?\ prefix, less the terminating NUL,
// which the path's NT form (a UNICODE_STRING, whose MaximumLength is a
// 16-bit byte count: at most UNICODE_STRING_MAX_CHARS units) must hold too.
// A 32,767-unit path is no path Windows can use, and Wine 8 wraps its
// MaximumLength to 0 and writes past the heap block it then allocates
// (RtlDosPathNameToNtPathName_U_WithStatus): the test binary died later,
// silently. MSDN's MAX_PATH default for a path without the prefix is left to
// Windows: since Windows 10 1607 a process opted in to long paths
// (LongPathsEnabled, and a long-path-aware manifest or Go's runtime, which
// sets the process's flag) may use longer ones, which only Windows knows,
// and Windows refuses a path too long for it rather than cutting it.
var pathLimit = check.Limit{Max: winconst.UNICODE_STRING_MAX_CHARS - 1, Name: "UNICODE_STRING_MAX_CHARS - 1"}

// pathBuf holds a converted path on the stack when it fits (MAX_PATH
// units, NUL included, as most paths do); a longer one costs one
// allocation.
type pathBuf [winconst.MAX_PATH]uint16

// CreateFile creates or opens a file or I/O device (a named pipe, a
// console, a volume, ...), calling CreateFileW. Its defaults make it
// behave like Go's os.Create: create or truncate, for this process's
// writing, others may read.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-createfilew
//
// See https://learn.microsoft.com/en-us/windows/win32/fileio/creating-and-opening-files
//
// lpFileName is the path of the file or device, UTF-8 or WTF-8 (a name
// holding an unpaired surrogate, as Go's syscall and x/sys encode it). It is
// at most UNICODE_STRING_MAX_CHARS - 1 (32,766) UTF-16 units: MSDN's limit
// for a path with the \\?\ prefix, the NUL counted. MSDN limits a
// path without the prefix to MAX_PATH (260, NUL included) unless the process
// opted in to long paths (Windows 10 1607 and later); only Windows knows
// that, so it is Windows that refuses such a path
// (ERROR_PATH_NOT_FOUND or ERROR_FILENAME_EXCED_RANGE), never cutting it.
// dwDesiredAccess is the access wanted: GENERIC_READ, GENERIC_WRITE, both, or 0 to query
// attributes only.
//
// The optional parameters whose default is not zero are pointers: nil uses
// the default, wintypes.Opt(v) passes v, including 0.
//
//   - dwShareMode (default FILE_SHARE_READ) is a combination of
//     FILE_SHARE_READ, FILE_SHARE_WRITE and FILE_SHARE_DELETE: the opens of
//     the file others may make while this handle is open. Opt(0) allows
//     none.
//   - lpSecurityAttributes may be nil: default security, handle not
//     inheritable.
//   - dwCreationDisposition (default CREATE_ALWAYS, which truncates an
//     existing file) is one of CREATE_NEW, CREATE_ALWAYS, OPEN_EXISTING,
//     OPEN_ALWAYS and TRUNCATE_EXISTING.
//   - dwFlagsAndAttributes (default FILE_ATTRIBUTE_NORMAL) combines
//     FILE_ATTRIBUTE_*, FILE_FLAG_* and SECURITY_* values; Windows checks
//     it. FILE_FLAG_OVERLAPPED opens the file for overlapped I/O (see
//     ReadFile).
//   - hTemplateFile, 0 for none, is a file opened with GENERIC_READ whose
//     attributes a new file takes.
//
// Unlike C, a successful CREATE_ALWAYS or OPEN_ALWAYS does not report
// whether the file existed (Windows' ERROR_ALREADY_EXISTS on success):
// use CREATE_NEW and OPEN_EXISTING to tell the two cases apart.
//
// The caller owns the handle and closes it with CloseHandle.
//
// It returns an *errors.InputError for an empty lpFileName, one with a NUL,
// with bytes that are not UTF-8 (nor WTF-8) or longer than
// UNICODE_STRING_MAX_CHARS - 1 UTF-16 units, an undocumented share mode or an unknown creation disposition, and
// an *errors.WindowsAPIError when Windows refuses (INVALID_HANDLE_VALUE):
// ERROR_FILE_NOT_FOUND or ERROR_PATH_NOT_FOUND (errors.Is(err,
// fs.ErrNotExist)), ERROR_FILE_EXISTS for CREATE_NEW on an existing file,
// ERROR_SHARING_VIOLATION when an open handle's share mode forbids this
// access, ERROR_ACCESS_DENIED, ...
func CreateFile(lpFileName string, dwDesiredAccess uint32, dwShareMode *uint32, lpSecurityAttributes *wintypes.SECURITY_ATTRIBUTES, dwCreationDisposition *uint32, dwFlagsAndAttributes *uint32, hTemplateFile wintypes.HANDLE) (wintypes.HANDLE, error) {
	if lpFileName == "" {
		return 0, &wincgoerrors.InputError{Name: "lpFileName", Value: lpFileName, Message: "received \"\", expected the path of a file or device"}
	}
	var buf pathBuf
	name, err := check.UTF16Into(buf[:], "lpFileName", lpFileName, pathLimit)
	if err != nil {
		return 0, err
	}
	shareMode := optional(dwShareMode, defaultShareMode)
	if err := check.Flags("dwShareMode", shareMode, FILE_SHARE_READ|FILE_SHARE_WRITE|FILE_SHARE_DELETE); err != nil {
		return 0, err
	}
	disposition := optional(dwCreationDisposition, defaultCreationDisposition)
	if err := check.OneOf("dwCreationDisposition", disposition,
		CREATE_NEW, CREATE_ALWAYS, OPEN_EXISTING, OPEN_ALWAYS, TRUNCATE_EXISTING); err != nil {
		return 0, err
	}
	flagsAndAttributes := optional(dwFlagsAndAttributes, defaultFlagsAndAttributes)
	r := rawCreateFileW(utf16Ptr(name), dwDesiredAccess, shareMode, lpSecurityAttributes.Pointer(),
		disposition, flagsAndAttributes, uintptr(hTemplateFile))
	runtime.KeepAlive(lpSecurityAttributes)
	if err := r.Err(); err != nil {
		return 0, err
	}
	return wintypes.HANDLE(r.Ret), nil
}

// ReadFile reads from a file or I/O device into lpBuffer.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-readfile
//
// hFile needs GENERIC_READ access. Unlike pywincffi, which returns new
// bytes, ReadFile reads into the caller's lpBuffer (Go's io.Reader idiom)
// and returns how many bytes it read; a reused buffer makes a synchronous
// read allocate nothing. nNumberOfBytesToRead is the most bytes to read:
// as for every count that describes a Go slice in wincgo, nil means
// len(lpBuffer) (fill the buffer, as io.Reader does), and wintypes.Opt(n)
// passes n, from 0 to len(lpBuffer); Windows never writes past it.
//
// lpOverlapped may be nil for a handle opened without
// FILE_FLAG_OVERLAPPED (and must not be for one opened with it): the read
// then starts at the file pointer, waits until it is done and returns the
// count, 0 at the end of a file. With a non-nil lpOverlapped the read
// starts at its Offset and OffsetHigh and is an overlapped operation (see
// the package documentation, "Overlapped operations"): ReadFile returns
// its count and a nil error if it completed at once, and 0 and
// ERROR_IO_PENDING (the bare syscall.Errno: test it with errors.Is) if it
// is pending, so that a read of 0 bytes done at once, which queues no
// packet in FILE_SKIP_COMPLETION_PORT_ON_SUCCESS mode, is not mistaken for
// a pending one, which does; collect a pending read with
// GetOverlappedResult (or its port packet) before reading lpBuffer. An
// overlapped read at or past the end of a file fails with
// ERROR_HANDLE_EOF.
//
// It returns an *errors.InputError for a NULL hFile, for an
// nNumberOfBytesToRead that is negative, larger than len(lpBuffer) or
// larger than a DWORD (with nil, an lpBuffer longer than a DWORD can
// count; only on 64-bit: on 386 an int, and so a slice's length, stops at
// math.MaxInt32, so every count from 0 to len(lpBuffer) fits a DWORD),
// or for an lpOverlapped already in use, and an
// *errors.WindowsAPIError when Windows refuses: ERROR_INVALID_HANDLE,
// ERROR_ACCESS_DENIED (no read access), ERROR_BROKEN_PIPE (a pipe whose
// other end is closed), ERROR_HANDLE_EOF, ... One error comes with a
// count: ERROR_MORE_DATA, a message-mode pipe read whose buffer held only
// the start of the message, returns how many bytes it read (all of
// nNumberOfBytesToRead); the rest of the message is read by the next
// reads (GetOverlappedResult and the completion port report it alike).
func ReadFile(hFile wintypes.HANDLE, lpBuffer []byte, nNumberOfBytesToRead *int, lpOverlapped *wintypes.OVERLAPPED) (int, error) {
	if err := check.NonNull("hFile", hFile); err != nil {
		return 0, err
	}
	n, err := check.OptionalCount("nNumberOfBytesToRead", nNumberOfBytesToRead, "lpBuffer", len(lpBuffer), "bytes")
	if err != nil {
		return 0, err
	}
	if lpOverlapped == nil {
		// The sync variant (cdefs/kernel32/file.h) is noescape and returns
		// the count in r.Out: Windows is done with the buffer when it
		// returns, so a read into a reused buffer allocates nothing. The
		// overlapped path's pointers escape (Windows keeps them while the
		// operation is pending; see overlapped.go).
		r := rawReadFileSync(uintptr(hFile), bufferPtr(lpBuffer), n)
		if err := r.Err(); err != nil {
			if syscall.Errno(r.LastError) == ERROR_MORE_DATA {
				// Part of a message was read: its count is valid.
				return int(uint32(r.Out)), err
			}
			return 0, err
		}
		return int(uint32(r.Out)), nil
	}
	op, err := beginOverlapped(lpOverlapped, lpBuffer)
	if err != nil {
		return 0, err
	}
	// With an OVERLAPPED, lpNumberOfBytesRead is NULL, as Microsoft
	// advises: the count is in lpOverlapped when the read completes.
	r := rawReadFile(uintptr(hFile), bufferPtr(lpBuffer), n, nil, unsafe.Pointer(lpOverlapped))
	count, err := op.End(r)
	if r.Ret == 0 && syscall.Errno(r.LastError) == ERROR_MORE_DATA {
		// Part of a message was read at once: Windows left its count in
		// the OVERLAPPED, as for a success.
		return int(uint32(atomic.LoadUintptr(&lpOverlapped.InternalHigh))), err
	}
	return count, err
}

// WriteFile writes lpBuffer to a file or I/O device.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-writefile
//
// hFile needs GENERIC_WRITE access. nNumberOfBytesToWrite is how many
// bytes of lpBuffer to write, from its start: as for every count that
// describes a Go slice in wincgo, nil means len(lpBuffer), all of it
// (pywincffi's default), and wintypes.Opt(n) writes its first n bytes (0
// to len(lpBuffer)). A 0-byte write is a valid call: on a file it writes
// nothing, on a message-mode pipe it sends an empty message.
//
// lpOverlapped may be nil for a handle opened without
// FILE_FLAG_OVERLAPPED (and must not be for one opened with it): the write
// starts at the file pointer (at the end for a file opened for appending),
// waits until it is done and returns the count. With a non-nil
// lpOverlapped the write starts at its Offset and OffsetHigh (both
// 0xFFFFFFFF: at the end of the file) and is an overlapped operation (see
// the package documentation, "Overlapped operations"): WriteFile returns
// its count and a nil error if it completed at once, and 0 and
// ERROR_IO_PENDING (the bare syscall.Errno) if it is pending, as ReadFile
// does and for the same reason; do not change lpBuffer before a pending
// write is collected.
//
// It returns an *errors.InputError for a NULL hFile, for an
// nNumberOfBytesToWrite that is negative, larger than len(lpBuffer) or
// larger than a DWORD (with nil, an lpBuffer longer than a DWORD can
// count; only on 64-bit, as for ReadFile: on 386 every count from 0 to
// len(lpBuffer) fits), or for an lpOverlapped already in use, and an
// *errors.WindowsAPIError when Windows refuses: ERROR_INVALID_HANDLE,
// ERROR_ACCESS_DENIED (no write access), ERROR_LOCK_VIOLATION (a range
// locked by another handle), ERROR_NO_DATA or ERROR_BROKEN_PIPE (a pipe
// whose reader is gone), ...
func WriteFile(hFile wintypes.HANDLE, lpBuffer []byte, nNumberOfBytesToWrite *int, lpOverlapped *wintypes.OVERLAPPED) (int, error) {
	if err := check.NonNull("hFile", hFile); err != nil {
		return 0, err
	}
	n, err := check.OptionalCount("nNumberOfBytesToWrite", nNumberOfBytesToWrite, "lpBuffer", len(lpBuffer), "bytes")
	if err != nil {
		return 0, err
	}
	if lpOverlapped == nil {
		// As in ReadFile: the sync variant keeps the buffer on its stack.
		r := rawWriteFileSync(uintptr(hFile), bufferPtr(lpBuffer), n)
		if err := r.Err(); err != nil {
			return 0, err
		}
		return int(uint32(r.Out)), nil
	}
	op, err := beginOverlapped(lpOverlapped, lpBuffer)
	if err != nil {
		return 0, err
	}
	r := rawWriteFile(uintptr(hFile), bufferPtr(lpBuffer), n, nil, unsafe.Pointer(lpOverlapped))
	return op.End(r)
}

// GetOverlappedResult returns the result of an overlapped operation
// ReadFile, WriteFile or LockFileEx started with lpOverlapped: the number
// of bytes it transferred, or its error. Seeing the operation complete, it
// also collects it (see the package documentation, "Overlapped
// operations"): the buffer and OVERLAPPED are unpinned.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-getoverlappedresult
//
// hFile is the handle the operation was started on and lpOverlapped the
// OVERLAPPED it was given. With bWait true, GetOverlappedResult waits until
// the operation completes (on lpOverlapped.HEvent, or on hFile when HEvent
// is 0); with bWait false it returns at once.
//
// Unlike C, the count is returned rather than written through
// lpNumberOfBytesTransferred (it means nothing for LockFileEx). Calling it
// again after the operation completed returns the same result.
//
// It returns an *errors.InputError for a NULL hFile or a nil lpOverlapped,
// and an *errors.WindowsAPIError when the operation is still in progress
// with bWait false (ERROR_IO_INCOMPLETE: nothing is released, call again
// later), when the operation failed (its own code: ERROR_HANDLE_EOF,
// ERROR_BROKEN_PIPE, ERROR_OPERATION_ABORTED when its handle was closed,
// ...), or when the wait itself fails.
func GetOverlappedResult(hFile wintypes.HANDLE, lpOverlapped *wintypes.OVERLAPPED, bWait bool) (int, error) {
	if err := check.NonNull("hFile", hFile); err != nil {
		return 0, err
	}
	if lpOverlapped == nil {
		return 0, &wincgoerrors.InputError{Name: "lpOverlapped", Value: lpOverlapped, Message: "received nil, expected the OVERLAPPED the operation was started with"}
	}
	// The operation registered now is the one this call collects: another
	// collector may release it meanwhile and the caller start the next one
	// on the same OVERLAPPED, which is not this call's to release.
	// (0 when none is: then whichever operation is registered once
	// Windows is done with it, if this call ends up waiting for it.)
	gen := overlapped.Generation(lpOverlapped.Address())
	var transferred uint32
	r := rawGetOverlappedResult(uintptr(hFile), unsafe.Pointer(lpOverlapped), &transferred, check.BOOL(bWait))
	// Released only when Windows is done with lpOverlapped, whatever the
	// call returned: a failed wait (say, on a closed hFile) says nothing
	// about the operation, which may still be writing into the buffer.
	overlapped.Collect(lpOverlapped.Address(), gen)
	if err := r.Err(); err != nil {
		if syscall.Errno(r.LastError) == ERROR_MORE_DATA {
			// A message-mode read got part of a message: the count of
			// what it read is valid.
			return int(transferred), err
		}
		return 0, err
	}
	return int(transferred), nil
}

// FlushFileBuffers writes all the buffered data of a file to disk.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-flushfilebuffers
//
// hFile needs GENERIC_WRITE access (a pipe end: waits until the other end
// has read everything written).
//
// It returns an *errors.InputError for a NULL hFile and an
// *errors.WindowsAPIError when Windows refuses: ERROR_INVALID_HANDLE,
// ERROR_ACCESS_DENIED for a handle without write access.
func FlushFileBuffers(hFile wintypes.HANDLE) error {
	if err := check.NonNull("hFile", hFile); err != nil {
		return err
	}
	return rawFlushFileBuffers(uintptr(hFile)).Err()
}

// LockFileEx locks a byte range of a file, for shared or exclusive access,
// against other handles and processes.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-lockfileex
//
// hFile needs GENERIC_READ or GENERIC_WRITE access. dwFlags is zero or
// more of LOCKFILE_EXCLUSIVE_LOCK (otherwise the lock is shared: others
// may read, no one may write) and LOCKFILE_FAIL_IMMEDIATELY (otherwise
// LockFileEx waits until the range is free). nNumberOfBytesToLockLow and
// nNumberOfBytesToLockHigh are the low and high 32 bits of the range's
// length (pywincffi's documentation calls them its start and end: they are
// not). The range starts at lpOverlapped's Offset and OffsetHigh and may
// extend past the end of the file. MSDN's dwReserved, which must be 0, is
// not a parameter.
//
// lpOverlapped nil locks from offset 0 with a zeroed OVERLAPPED
// (pywincffi's default) and, like a synchronous handle, waits for the lock
// to be granted even on a handle opened with FILE_FLAG_OVERLAPPED. With a
// non-nil lpOverlapped on an overlapped handle, a lock that must wait is
// an overlapped operation (see the package documentation, "Overlapped
// operations"): LockFileEx returns nil if the lock was granted at once,
// and ERROR_IO_PENDING (the bare syscall.Errno) if it must wait, the one
// case that queues a packet in FILE_SKIP_COMPLETION_PORT_ON_SUCCESS mode;
// GetOverlappedResult then waits for it and reports whether it was
// granted.
//
// Locks belong to the handle and the process: a range this handle locked
// is refused to other handles (of any process) for writing, and for
// reading too when the lock is exclusive. Unlock with UnlockFileEx, with
// the same offset and length; closing the handle or ending the process
// releases the locks too, eventually.
//
// It returns an *errors.InputError for a NULL hFile, an undocumented flag
// or an lpOverlapped in use, and an *errors.WindowsAPIError when Windows
// refuses: ERROR_LOCK_VIOLATION when the range is locked elsewhere and
// LOCKFILE_FAIL_IMMEDIATELY was given, ERROR_INVALID_HANDLE, ...
//
// Under Wine, a lock that must wait on a handle opened with
// FILE_FLAG_OVERLAPPED is not an overlapped operation: Wine's NtLockFile
// does not implement the asynchronous wait ("Async I/O lock wait not
// implemented, might deadlock") and does not fill lpOverlapped, so rely on
// that case on Windows only.
func LockFileEx(hFile wintypes.HANDLE, dwFlags uint32, nNumberOfBytesToLockLow, nNumberOfBytesToLockHigh uint32, lpOverlapped *wintypes.OVERLAPPED) error {
	if err := check.NonNull("hFile", hFile); err != nil {
		return err
	}
	if err := check.Flags("dwFlags", dwFlags, LOCKFILE_EXCLUSIVE_LOCK|LOCKFILE_FAIL_IMMEDIATELY); err != nil {
		return err
	}
	if lpOverlapped == nil {
		return lockFileWaiting(hFile, dwFlags, nNumberOfBytesToLockLow, nNumberOfBytesToLockHigh)
	}
	op, err := beginOverlapped(lpOverlapped, nil)
	if err != nil {
		return err
	}
	r := rawLockFileEx(uintptr(hFile), dwFlags, 0, nNumberOfBytesToLockLow, nNumberOfBytesToLockHigh, unsafe.Pointer(lpOverlapped))
	_, err = op.End(r)
	return err
}

// lockFileWaiting is LockFileEx with a zeroed OVERLAPPED of its own, which
// it waits on if the lock goes pending (an overlapped handle). The
// OVERLAPPED is registered like a caller's, so that it is pinned while
// Windows may write into it.
func lockFileWaiting(hFile wintypes.HANDLE, dwFlags, low, high uint32) error {
	ov := getInternalOverlapped()
	op, err := beginOverlapped(ov, nil)
	if err != nil {
		// Not in use: wincgo hands its own OVERLAPPEDs out one at a time.
		return err
	}
	r := rawLockFileEx(uintptr(hFile), dwFlags, 0, low, high, unsafe.Pointer(ov))
	_, err = op.End(r)
	return waitInternal(hFile, ov, err)
}

// waitInternal ends an operation started on ov, an OVERLAPPED of
// getInternalOverlapped, whose op.End returned err: if it is pending, it
// waits for it, collecting it. If the wait fails with the operation still
// pending, Windows keeps ov, and so does putInternalOverlapped.
func waitInternal(hFile wintypes.HANDLE, ov *wintypes.OVERLAPPED, err error) error {
	if err == overlapped.ErrPending { //nolint:errorlint // End returns the bare constant
		_, err = GetOverlappedResult(hFile, ov, true)
	}
	putInternalOverlapped(ov)
	return err
}

// UnlockFileEx unlocks a byte range LockFileEx locked.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-unlockfileex
//
// hFile is the handle that holds the lock. nNumberOfBytesToUnlockLow and
// nNumberOfBytesToUnlockHigh are the low and high 32 bits of the range's
// length, and lpOverlapped's Offset and OffsetHigh its start: they must be
// exactly those of a lock (unlocking part of a lock, or two locks at once,
// fails). lpOverlapped nil unlocks from offset 0 (a zeroed OVERLAPPED,
// pywincffi's default). MSDN's dwReserved, which must be 0, is not a
// parameter.
//
// An unlock is done in the call on the file systems we know of; should
// Windows ever leave one pending, UnlockFileEx returns ERROR_IO_PENDING
// (the bare syscall.Errno) for a caller's lpOverlapped, as LockFileEx
// does, and waits for it with its own.
//
// It returns an *errors.InputError for a NULL hFile or an lpOverlapped
// whose operation is pending, and an *errors.WindowsAPIError when Windows
// refuses: ERROR_NOT_LOCKED when no lock matches the range,
// ERROR_INVALID_HANDLE, ...
func UnlockFileEx(hFile wintypes.HANDLE, nNumberOfBytesToUnlockLow, nNumberOfBytesToUnlockHigh uint32, lpOverlapped *wintypes.OVERLAPPED) error {
	if err := check.NonNull("hFile", hFile); err != nil {
		return err
	}
	internal := lpOverlapped == nil
	if internal {
		lpOverlapped = getInternalOverlapped()
	}
	op, err := beginOverlapped(lpOverlapped, nil)
	if err != nil {
		return err
	}
	r := rawUnlockFileEx(uintptr(hFile), 0, nNumberOfBytesToUnlockLow, nNumberOfBytesToUnlockHigh, unsafe.Pointer(lpOverlapped))
	_, err = op.End(r)
	if internal {
		return waitInternal(hFile, lpOverlapped, err)
	}
	return err
}

// MoveFileEx moves (renames) a file or directory, calling MoveFileExW.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-movefileexw
//
// lpExistingFileName is the file or directory to move. lpNewFileName is
// its new name. Both are UTF-8 or WTF-8, and at most
// UNICODE_STRING_MAX_CHARS - 1 (32,766) UTF-16 units: as
// for CreateFile's lpFileName, MSDN's MAX_PATH default for a path without
// the \\?\ prefix is Windows' to enforce. lpNewFileName "" passes NULL,
// which MSDN allows only with MOVEFILE_DELAY_UNTIL_REBOOT: the file is then
// deleted at the next restart. dwFlags is a combination of MOVEFILE_*
// flags: nil uses pywincffi's default, MOVEFILE_REPLACE_EXISTING |
// MOVEFILE_WRITE_THROUGH (an existing lpNewFileName is replaced);
// wintypes.Opt[uint32](0) passes no flags (an existing lpNewFileName makes
// the move fail).
//
// It returns an *errors.InputError for an empty lpExistingFileName, a name
// with a NUL, with bytes that are not UTF-8 (nor WTF-8) or longer than
// UNICODE_STRING_MAX_CHARS - 1 UTF-16 units, an undocumented flag, or an empty
// lpNewFileName without MOVEFILE_DELAY_UNTIL_REBOOT, and an *errors.WindowsAPIError when Windows
// refuses: ERROR_FILE_NOT_FOUND (errors.Is(err, fs.ErrNotExist)),
// ERROR_ALREADY_EXISTS when lpNewFileName exists and may not be replaced,
// ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_NOT_SAME_DEVICE, ...
func MoveFileEx(lpExistingFileName string, lpNewFileName string, dwFlags *uint32) error {
	if lpExistingFileName == "" {
		return &wincgoerrors.InputError{Name: "lpExistingFileName", Value: lpExistingFileName, Message: "received \"\", expected the path of a file or directory"}
	}
	var existingBuf, newBuf pathBuf
	existing, err := check.UTF16Into(existingBuf[:], "lpExistingFileName", lpExistingFileName, pathLimit)
	if err != nil {
		return err
	}
	newName, err := check.OptionalUTF16Into(newBuf[:], "lpNewFileName", lpNewFileName, pathLimit)
	if err != nil {
		return err
	}
	flags := optional(dwFlags, defaultMoveFileFlags)
	const documented = MOVEFILE_REPLACE_EXISTING | MOVEFILE_COPY_ALLOWED | MOVEFILE_DELAY_UNTIL_REBOOT |
		MOVEFILE_WRITE_THROUGH | MOVEFILE_CREATE_HARDLINK | MOVEFILE_FAIL_IF_NOT_TRACKABLE
	if err := check.Flags("dwFlags", flags, documented); err != nil {
		return err
	}
	if newName == nil && flags&MOVEFILE_DELAY_UNTIL_REBOOT == 0 {
		return &wincgoerrors.InputError{Name: "lpNewFileName", Value: lpNewFileName,
			Message: "received \"\" (NULL), which MoveFileEx allows only with MOVEFILE_DELAY_UNTIL_REBOOT, expected a path"}
	}
	return rawMoveFileExW(utf16Ptr(existing), utf16Ptr(newName), flags).Err()
}

// optional returns *p, or def when p is nil.
func optional(p *uint32, def uint32) uint32 {
	if p == nil {
		return def
	}
	return *p
}

// bufferPtr passes b to C: NULL when it is empty (there is no b[0]).
func bufferPtr(b []byte) unsafe.Pointer {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Pointer(unsafe.SliceData(b))
}

// GetTempPath returns the directory for temporary files, calling
// GetTempPathW: the first of %TMP%, %TEMP%, %USERPROFILE% and the Windows
// directory that is set, with a trailing backslash. Windows does not check
// that the directory exists.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-gettemppathw
//
// Unlike C, wincgo sizes the buffer (nBufferLength, lpBuffer) itself and
// returns the path as a string.
//
// It returns an *errors.WindowsAPIError when Windows fails.
func GetTempPath() (string, error) {
	// On the stack (the shim is noescape): the returned string is the
	// only allocation unless the path is longer than MAX_PATH.
	var stack [winconst.MAX_PATH + 1]uint16
	buf := stack[:]
	for {
		r := rawGetTempPathW(uint32(len(buf)), &buf[0])
		n := int(uint32(r.Ret))
		if err := r.Err(); err != nil {
			return "", err
		}
		if n < len(buf) {
			// n excludes the NUL when the path fitted.
			return syscall.UTF16ToString(buf[:n]), nil
		}
		// Too small: n is the size needed, NUL included.
		buf = make([]uint16, n)
	}
}

// GetFileType's results. See https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-getfiletype
const (
	FILE_TYPE_UNKNOWN uint32 = winconst.FILE_TYPE_UNKNOWN // none of the others
	FILE_TYPE_DISK    uint32 = winconst.FILE_TYPE_DISK    // a disk file
	FILE_TYPE_CHAR    uint32 = winconst.FILE_TYPE_CHAR    // a character device: a console, NUL
	FILE_TYPE_PIPE    uint32 = winconst.FILE_TYPE_PIPE    // a pipe, named or anonymous, or a socket
)

// GetFileType returns the type of the file or device hFile is open on.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-getfiletype
//
// It returns a FILE_TYPE_ constant (unlike C, FILE_TYPE_UNKNOWN is never a
// failure), an *errors.InputError for a NULL hFile, and an
// *errors.WindowsAPIError when Windows fails (ERROR_INVALID_HANDLE).
func GetFileType(hFile wintypes.HANDLE) (uint32, error) {
	if err := check.NonNull("hFile", hFile); err != nil {
		return 0, err
	}
	r := rawGetFileType(uintptr(hFile))
	if r.Failed && r.LastError != 0 { // FILE_TYPE_UNKNOWN with NO_ERROR is an answer
		return 0, r.Err()
	}
	return uint32(r.Ret), nil
}

// GetFileSizeEx returns the size of the file hFile is open on, in bytes.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-getfilesizeex
//
// Unlike C, the size is returned, not written through lpFileSize.
//
// It returns an *errors.InputError for a NULL hFile, and an
// *errors.WindowsAPIError when Windows fails (ERROR_INVALID_HANDLE).
func GetFileSizeEx(hFile wintypes.HANDLE) (int64, error) {
	if err := check.NonNull("hFile", hFile); err != nil {
		return 0, err
	}
	var size int64 // the LARGE_INTEGER, on the stack (noescape)
	if err := rawGetFileSizeEx(uintptr(hFile), unsafe.Pointer(&size)).Err(); err != nil {
		return 0, err
	}
	return size, nil
}
