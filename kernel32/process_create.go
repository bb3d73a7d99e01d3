//go:build windows

package kernel32

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"syscall"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Process creation flags, for CreateProcess's dwCreationFlags.
//
// See https://learn.microsoft.com/en-us/windows/win32/procthread/process-creation-flags
const (
	// CREATE_BREAKAWAY_FROM_JOB: the child is not in the parent's job
	// (if the job allows breaking away).
	CREATE_BREAKAWAY_FROM_JOB uint32 = winconst.CREATE_BREAKAWAY_FROM_JOB
	// CREATE_DEFAULT_ERROR_MODE: the child does not inherit the error mode.
	CREATE_DEFAULT_ERROR_MODE uint32 = winconst.CREATE_DEFAULT_ERROR_MODE
	// CREATE_NEW_CONSOLE: the child gets a new console instead of the
	// parent's.
	CREATE_NEW_CONSOLE uint32 = winconst.CREATE_NEW_CONSOLE
	// CREATE_NEW_PROCESS_GROUP: the child is the root of a new process
	// group, whose identifier is its process identifier
	// (GenerateConsoleCtrlEvent).
	CREATE_NEW_PROCESS_GROUP uint32 = winconst.CREATE_NEW_PROCESS_GROUP
	// CREATE_NO_WINDOW: a console child runs without a console window.
	CREATE_NO_WINDOW uint32 = winconst.CREATE_NO_WINDOW
	// CREATE_SUSPENDED: the child's main thread starts suspended, until
	// ResumeThread.
	CREATE_SUSPENDED uint32 = winconst.CREATE_SUSPENDED
	// CREATE_UNICODE_ENVIRONMENT: lpEnvironment is Unicode; CreateProcess
	// adds it whenever it is given an EnvironmentBlock.
	CREATE_UNICODE_ENVIRONMENT uint32 = winconst.CREATE_UNICODE_ENVIRONMENT
	// DETACHED_PROCESS: a console child gets no console at all.
	DETACHED_PROCESS uint32 = winconst.DETACHED_PROCESS
	// EXTENDED_STARTUPINFO_PRESENT: lpStartupInfo is a STARTUPINFOEX;
	// CreateProcess adds it whenever it is given one.
	EXTENDED_STARTUPINFO_PRESENT uint32 = winconst.EXTENDED_STARTUPINFO_PRESENT
	// INHERIT_PARENT_AFFINITY: the child inherits the parent's processor
	// affinity.
	INHERIT_PARENT_AFFINITY uint32 = winconst.INHERIT_PARENT_AFFINITY
	// ABOVE_NORMAL_PRIORITY_CLASS, BELOW_NORMAL_PRIORITY_CLASS,
	// HIGH_PRIORITY_CLASS, IDLE_PRIORITY_CLASS, NORMAL_PRIORITY_CLASS and
	// REALTIME_PRIORITY_CLASS set the child's priority class.
	ABOVE_NORMAL_PRIORITY_CLASS uint32 = winconst.ABOVE_NORMAL_PRIORITY_CLASS
	BELOW_NORMAL_PRIORITY_CLASS uint32 = winconst.BELOW_NORMAL_PRIORITY_CLASS
	HIGH_PRIORITY_CLASS         uint32 = winconst.HIGH_PRIORITY_CLASS
	IDLE_PRIORITY_CLASS         uint32 = winconst.IDLE_PRIORITY_CLASS
	NORMAL_PRIORITY_CLASS       uint32 = winconst.NORMAL_PRIORITY_CLASS
	REALTIME_PRIORITY_CLASS     uint32 = winconst.REALTIME_PRIORITY_CLASS
)

// STARTUPINFO's dwFlags: which of its fields CreateProcess uses.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/ns-processthreadsapi-startupinfow
const (
	// STARTF_USESTDHANDLES: hStdInput, hStdOutput and hStdError are the
	// child's standard handles.
	STARTF_USESTDHANDLES uint32 = winconst.STARTF_USESTDHANDLES
	// STARTF_USESHOWWINDOW: wShowWindow counts.
	STARTF_USESHOWWINDOW uint32 = winconst.STARTF_USESHOWWINDOW
	// STARTF_USESIZE: dwXSize and dwYSize count.
	STARTF_USESIZE uint32 = winconst.STARTF_USESIZE
	// STARTF_USEPOSITION: dwX and dwY count.
	STARTF_USEPOSITION uint32 = winconst.STARTF_USEPOSITION
	// STARTF_USECOUNTCHARS: dwXCountChars and dwYCountChars count.
	STARTF_USECOUNTCHARS uint32 = winconst.STARTF_USECOUNTCHARS
	// STARTF_USEFILLATTRIBUTE: dwFillAttribute counts.
	STARTF_USEFILLATTRIBUTE uint32 = winconst.STARTF_USEFILLATTRIBUTE
)

// ERROR_BAD_EXE_FORMAT is what CreateProcess reports for a file that is not
// a valid Windows executable.
//
// See https://learn.microsoft.com/en-us/windows/win32/debug/system-error-codes--0-499-
const ERROR_BAD_EXE_FORMAT syscall.Errno = winconst.ERROR_BAD_EXE_FORMAT

// MAX_COMMAND_LINE is the most UTF-16 characters CreateProcess's
// lpCommandLine may have, the terminating NUL not counted: Microsoft
// documents "32,767 characters, including the Unicode terminating null
// character", UNICODE_STRING_MAX_CHARS (the child's command line is a
// UNICODE_STRING). pywincffi 0.5.0 allowed 32,768; wincgo keeps to
// Microsoft's limit, since one unit more is no line Windows can pass on,
// and Wine 8 writes past a heap block with it (its 16-bit length wraps).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-createprocessw
const MAX_COMMAND_LINE int = winconst.UNICODE_STRING_MAX_CHARS - 1

// currentDirectoryLimit is CreateProcess's limit on lpCurrentDirectory:
// SetCurrentDirectory's MAX_PATH, NUL included.
var currentDirectoryLimit = check.Limit{Max: winconst.MAX_PATH - 1, Name: "MAX_PATH - 1"}

// commandLineLimit is CreateProcess's limit on lpCommandLine.
var commandLineLimit = check.Limit{Max: MAX_COMMAND_LINE, Name: "MAX_COMMAND_LINE"}

// commandLineBuf holds a converted command line on the stack when it fits
// (4 KiB: an executable's path and a few arguments); a longer one, up to
// MAX_COMMAND_LINE (64 KiB, too large a frame for every call), costs one
// allocation of exactly its size.
type commandLineBuf [2048]uint16

// STARTUPINFOEX is a STARTUPINFO with an attribute list, for
// CreateProcess (which then adds EXTENDED_STARTUPINFO_PRESENT): Windows'
// STARTUPINFOEXW.
//
// Unlike C, it holds the list itself, not its address: CreateProcess
// reads the address from the list while holding it (a delete waits for
// the call), and refuses, with an *errors.InputError naming lpStartupInfo,
// a STARTUPINFOEX whose list is nil or deleted, so that neither a child
// inheriting every inheritable handle (what a NULL list would mean) nor a
// read of freed memory can come from a list deleted too early. It is not
// the C structure: CreateProcess builds that, with cb set.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winbase/ns-winbase-startupinfoexw
type STARTUPINFOEX struct {
	// StartupInfo is the STARTUPINFO part; its cb is set for you.
	StartupInfo wintypes.STARTUPINFO
	// AttributeList is the attribute list, from
	// InitializeProcThreadAttributeList: required, and not deleted
	// before CreateProcess returns.
	AttributeList *ProcThreadAttributeList
}

// startupInfoExW is the C STARTUPINFOEXW CreateProcess passes Windows: the
// STARTUPINFO, and the list's address right after it (wintypes/layout.go
// checks both against C's).
type startupInfoExW struct {
	startupInfo     wintypes.STARTUPINFO
	lpAttributeList uintptr
}

// startupInfoExW has C's layout when Go lays it out as wintypes/layout.go
// checks C does: the address right after the STARTUPINFO, nothing after.
var (
	_ = [1]struct{}{}[unsafe.Offsetof(startupInfoExW{}.lpAttributeList)-unsafe.Sizeof(wintypes.STARTUPINFO{})]
	_ = [1]struct{}{}[unsafe.Sizeof(startupInfoExW{})-unsafe.Sizeof(wintypes.STARTUPINFO{})-unsafe.Sizeof(uintptr(0))]
)

// Cb returns the value the C structure's StartupInfo.cb takes: the size of
// the whole STARTUPINFOEXW.
func (si *STARTUPINFOEX) Cb() uint32 { return uint32(unsafe.Sizeof(startupInfoExW{})) }

// Extended reports true: a STARTUPINFOEX has an attribute list.
func (si *STARTUPINFOEX) Extended() bool { return true }

// CreateProcess creates a process and its main thread, calling
// CreateProcessW.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-createprocessw
//
// lpApplicationName is the executable's path, or "" (NULL) to take it
// from the command line's first token (searched for on the PATH, with
// ".exe" appended); when given it may have at most MAX_PATH characters.
// lpCommandLine is the full command line, executable first (quote each
// argument as the child's runtime parses it, e.g. with
// syscall.EscapeArg); unlike C it is required, it may have at most
// MAX_COMMAND_LINE characters, and wincgo passes Windows a copy it owns,
// since CreateProcessW may write into the buffer (on the stack up to
// 2,048 units, otherwise one allocation). lpProcessAttributes and
// lpThreadAttributes (may be nil) make the new process and thread handles
// inheritable and give them a security descriptor.
//
// bInheritHandles lets the child inherit handles: with a plain STARTUPINFO
// it inherits every inheritable handle of this process, including those
// other goroutines are creating at the same moment for other children
// (two children spawned concurrently then hold each other's pipe ends, and
// a reader never sees EOF). To inherit only chosen handles, pass a
// *STARTUPINFOEX whose attribute list has PROC_THREAD_ATTRIBUTE_HANDLE_LIST
// (see ProcThreadAttributeList).
//
// dwCreationFlags is a combination of the CREATE_* and *_PRIORITY_CLASS
// flags. Unlike C, CREATE_UNICODE_ENVIRONMENT is added when lpEnvironment
// is given, and EXTENDED_STARTUPINFO_PRESENT when lpStartupInfo is a
// *STARTUPINFOEX. lpEnvironment is the child's environment, from
// NewEnvironmentBlock; nil gives it this process's environment.
// lpCurrentDirectory is the child's current directory, "" for this
// process's; at most MAX_PATH - 1 characters, the trailing backslash
// Windows adds included (Microsoft: a current directory longer than
// MAX_PATH makes CreateProcessW fail). lpStartupInfo is a
// *wintypes.STARTUPINFO or a *STARTUPINFOEX (required; its cb is set for
// you). A STARTUPINFOEX's attribute list is held for the call: a
// DeleteProcThreadAttributeList or UpdateProcThreadAttribute on it waits
// until CreateProcess returns.
//
// The caller owns the returned PROCESS_INFORMATION's HProcess and HThread
// and closes both with CloseHandle (closing them does not end the process;
// waiting on HProcess tells when it ends, GetExitCodeProcess with what
// code).
//
// It returns an *errors.InputError for a missing or too long
// lpCommandLine, a too long lpApplicationName or lpCurrentDirectory, a NUL
// in any string, a nil lpStartupInfo or one of another type, a
// STARTUPINFOEX whose AttributeList is nil or deleted (naming
// lpStartupInfo), or EXTENDED_STARTUPINFO_PRESENT with a plain STARTUPINFO;
// and an *errors.WindowsAPIError when Windows fails: ERROR_FILE_NOT_FOUND
// or ERROR_PATH_NOT_FOUND for a missing executable or directory,
// ERROR_BAD_EXE_FORMAT for a file that is not an executable,
// ERROR_INVALID_PARAMETER for a bad attribute list or flags,
// ERROR_DIRECTORY for a current directory that is not one.
func CreateProcess(lpApplicationName, lpCommandLine string, lpProcessAttributes, lpThreadAttributes *wintypes.SECURITY_ATTRIBUTES,
	bInheritHandles bool, dwCreationFlags uint32, lpEnvironment *EnvironmentBlock, lpCurrentDirectory string,
	lpStartupInfo wintypes.LPSTARTUPINFO) (wintypes.PROCESS_INFORMATION, error) {
	// pi and the converted strings stay on the stack: the shim is
	// noescape (cdefs/kernel32/process_create.h).
	var pi wintypes.PROCESS_INFORMATION
	var appBuf objectNameBuf // MAX_PATH units and the NUL: every name allowed
	var dirBuf pathBuf
	var cmdBuf commandLineBuf
	appName, err := check.OptionalUTF16Into(appBuf[:], "lpApplicationName", lpApplicationName, pathLimit)
	if err != nil {
		return pi, err
	}
	if n := len(appName) - 1; n > wintypes.MAX_PATH {
		return pi, &wincgoerrors.InputError{Name: "lpApplicationName", Value: lpApplicationName,
			Message: fmt.Sprintf("received %d UTF-16 units, more than MAX_PATH (%d)", n, wintypes.MAX_PATH)}
	}
	if lpCommandLine == "" {
		return pi, &wincgoerrors.InputError{Name: "lpCommandLine", Value: lpCommandLine,
			Message: "received an empty command line, expected the executable and its arguments"}
	}
	// A fresh UTF-16 copy: CreateProcessW may write into it, and nothing
	// else sees it.
	cmdLine, err := check.UTF16Into(cmdBuf[:], "lpCommandLine", lpCommandLine, commandLineLimit)
	if err != nil {
		return pi, err
	}
	curDir, err := check.OptionalUTF16Into(dirBuf[:], "lpCurrentDirectory", lpCurrentDirectory, currentDirectoryLimit)
	if err != nil {
		return pi, err
	}
	// The concrete types, not the interface's methods: a method called
	// through the interface could keep the structure, so escape analysis
	// would move every caller's STARTUPINFO to the heap. Errors hold no
	// lpStartupInfo, for the same reason.
	var si unsafe.Pointer
	var six startupInfoExW // the C STARTUPINFOEXW, on the stack
	var list *ProcThreadAttributeList
	switch lpsi := lpStartupInfo.(type) {
	case *wintypes.STARTUPINFO:
		si = lpsi.Pointer()
	case *STARTUPINFOEX:
		if lpsi == nil {
			break
		}
		if list = lpsi.AttributeList; list == nil {
			return pi, &wincgoerrors.InputError{Name: "lpStartupInfo", Value: nil,
				Message: "received a *STARTUPINFOEX whose AttributeList is nil, expected a list from InitializeProcThreadAttributeList (or a *wintypes.STARTUPINFO)"}
		}
		six.startupInfo = lpsi.StartupInfo
		// cb, the STARTUPINFO's first field (wintypes/layout.go), is the
		// whole STARTUPINFOEXW's size.
		*(*uint32)(unsafe.Pointer(&six)) = lpsi.Cb()
		si = unsafe.Pointer(&six)
	case nil:
	default:
		return pi, &wincgoerrors.InputError{Name: "lpStartupInfo", Value: reflect.TypeOf(lpStartupInfo).String(),
			Message: "received another type, expected a *wintypes.STARTUPINFO or *kernel32.STARTUPINFOEX"}
	}
	if si == nil {
		return pi, &wincgoerrors.InputError{Name: "lpStartupInfo", Value: nil,
			Message: "received nil, expected a *wintypes.STARTUPINFO or *kernel32.STARTUPINFOEX"}
	}
	if list != nil {
		dwCreationFlags |= EXTENDED_STARTUPINFO_PRESENT
	} else if dwCreationFlags&EXTENDED_STARTUPINFO_PRESENT != 0 {
		// Windows would read a STARTUPINFOEX past the STARTUPINFO's end.
		return pi, &wincgoerrors.InputError{Name: "dwCreationFlags", Value: dwCreationFlags,
			Message: "has EXTENDED_STARTUPINFO_PRESENT, but lpStartupInfo is a *wintypes.STARTUPINFO, not a *kernel32.STARTUPINFOEX"}
	}
	var env unsafe.Pointer
	if lpEnvironment != nil {
		dwCreationFlags |= CREATE_UNICODE_ENVIRONMENT
		env = unsafe.Pointer(&lpEnvironment.block[0])
	}
	// Every pointer below is Go memory holding no Go pointer, read (or,
	// for the command line and pi, written) only during the call; cgo pins
	// each for its duration, and, the shim being noescape, leaves the
	// stack buffers and pi where they are.
	if list != nil {
		// Held shared until Windows is done with the list: a delete or
		// update waits, and a list deleted before is refused here rather
		// than read (a NULL list would let the child inherit every
		// inheritable handle, a freed one is a use after free).
		list.mu.RLock()
		defer list.mu.RUnlock()
		if list.deleted {
			return pi, &wincgoerrors.InputError{Name: "lpStartupInfo", Value: nil,
				Message: "received a *STARTUPINFOEX whose AttributeList was deleted (DeleteProcThreadAttributeList), expected a live list"}
		}
		six.lpAttributeList = list.list
	}
	r := rawCreateProcessW(utf16Ptr(appName), utf16Ptr(cmdLine),
		lpProcessAttributes.Pointer(), lpThreadAttributes.Pointer(),
		check.BOOL(bInheritHandles), dwCreationFlags, env, utf16Ptr(curDir),
		si, unsafe.Pointer(&pi))
	runtime.KeepAlive(lpEnvironment)
	if err := r.Err(); err != nil {
		return wintypes.PROCESS_INFORMATION{}, err
	}
	return pi, nil
}

// CommandLine joins args into a command line for CreateProcess, quoting
// each as the C runtime (and Go's os.Args) parse it back, as os/exec does.
//
// It allocates the string it returns, and, for each argument that needs
// quoting (empty, or with a space, a tab or a double quote), what
// syscall.EscapeArg does; up to 16 arguments, nothing else.
func CommandLine(args ...string) string {
	var stack [16]string // the quoted arguments, on the stack when they fit
	quoted := stack[:0]
	for _, a := range args {
		// EscapeArg returns any other argument unchanged (a backslash
		// matters only before a double quote or a closing quote), but
		// copies one with a backslash, as every Windows path has.
		if a != "" && !strings.ContainsAny(a, "\" \t") {
			quoted = append(quoted, a)
			continue
		}
		quoted = append(quoted, syscall.EscapeArg(a))
	}
	return strings.Join(quoted, " ")
}
