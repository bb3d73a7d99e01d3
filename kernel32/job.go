//go:build windows

package kernel32

import (
	"fmt"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Access rights of job objects, for OpenJobObject's dwDesiredAccess.
//
// See https://learn.microsoft.com/en-us/windows/win32/procthread/job-object-security-and-access-rights
const (
	// JOB_OBJECT_ASSIGN_PROCESS: AssignProcessToJobObject may be used.
	JOB_OBJECT_ASSIGN_PROCESS uint32 = winconst.JOB_OBJECT_ASSIGN_PROCESS
	// JOB_OBJECT_QUERY: QueryInformationJobObject may be used.
	JOB_OBJECT_QUERY uint32 = winconst.JOB_OBJECT_QUERY
	// JOB_OBJECT_SET_ATTRIBUTES: SetInformationJobObject may be used.
	JOB_OBJECT_SET_ATTRIBUTES uint32 = winconst.JOB_OBJECT_SET_ATTRIBUTES
	// JOB_OBJECT_TERMINATE: TerminateJobObject may be used.
	JOB_OBJECT_TERMINATE uint32 = winconst.JOB_OBJECT_TERMINATE
	// JOB_OBJECT_ALL_ACCESS: every right on a job object.
	JOB_OBJECT_ALL_ACCESS uint32 = winconst.JOB_OBJECT_ALL_ACCESS
)

// Limits of JOBOBJECT_BASIC_LIMIT_INFORMATION's LimitFlags.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winnt/ns-winnt-jobobject_basic_limit_information
const (
	// JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE: every process of the job ends
	// when the job's last handle is closed (including by the owning
	// process ending): the way to kill a process tree.
	JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE uint32 = winconst.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
	// JOB_OBJECT_LIMIT_ACTIVE_PROCESS: ActiveProcessLimit counts.
	JOB_OBJECT_LIMIT_ACTIVE_PROCESS uint32 = winconst.JOB_OBJECT_LIMIT_ACTIVE_PROCESS
	// JOB_OBJECT_LIMIT_BREAKAWAY_OK: a child created with
	// CREATE_BREAKAWAY_FROM_JOB leaves the job.
	JOB_OBJECT_LIMIT_BREAKAWAY_OK uint32 = winconst.JOB_OBJECT_LIMIT_BREAKAWAY_OK
	// JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK: children are never in the job.
	JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK uint32 = winconst.JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK
	// JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION: a process with an
	// unhandled exception ends without the error dialog.
	JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION uint32 = winconst.JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION
	// JOB_OBJECT_LIMIT_PROCESS_MEMORY: ProcessMemoryLimit counts
	// (extended information only).
	JOB_OBJECT_LIMIT_PROCESS_MEMORY uint32 = winconst.JOB_OBJECT_LIMIT_PROCESS_MEMORY
	// JOB_OBJECT_LIMIT_JOB_MEMORY: JobMemoryLimit counts (extended
	// information only).
	JOB_OBJECT_LIMIT_JOB_MEMORY uint32 = winconst.JOB_OBJECT_LIMIT_JOB_MEMORY
	// JOB_OBJECT_LIMIT_PRIORITY_CLASS: PriorityClass counts.
	JOB_OBJECT_LIMIT_PRIORITY_CLASS uint32 = winconst.JOB_OBJECT_LIMIT_PRIORITY_CLASS
	// JOB_OBJECT_LIMIT_PROCESS_TIME: PerProcessUserTimeLimit counts.
	JOB_OBJECT_LIMIT_PROCESS_TIME uint32 = winconst.JOB_OBJECT_LIMIT_PROCESS_TIME
	// JOB_OBJECT_LIMIT_JOB_TIME: PerJobUserTimeLimit counts.
	JOB_OBJECT_LIMIT_JOB_TIME uint32 = winconst.JOB_OBJECT_LIMIT_JOB_TIME
)

// The information classes QueryInformationJobObject and
// SetInformationJobObject take (JOBOBJECTINFOCLASS); wincgo has one typed
// function per class.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-queryinformationjobobject
const (
	// JobObjectBasicAccountingInformation:
	// JOBOBJECT_BASIC_ACCOUNTING_INFORMATION (query only).
	JobObjectBasicAccountingInformation int32 = winconst.JobObjectBasicAccountingInformation
	// JobObjectExtendedLimitInformation:
	// JOBOBJECT_EXTENDED_LIMIT_INFORMATION.
	JobObjectExtendedLimitInformation int32 = winconst.JobObjectExtendedLimitInformation
)

// CreateJobObject creates or opens a job object, calling CreateJobObjectW.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-createjobobjectw
//
// lpJobAttributes (may be nil) gives the handle's inheritance and security
// descriptor. lpName is the job's name, "" for an unnamed job; an existing
// job of that name is opened (with ERROR_ALREADY_EXISTS, which wincgo does
// not report: compare with OpenJobObject if it matters). Put processes in
// it with AssignProcessToJobObject or PROC_THREAD_ATTRIBUTE_JOB_LIST, set
// its limits with SetInformationJobObjectExtendedLimit.
//
// The caller closes the handle with CloseHandle; with
// JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE, closing the last handle ends every
// process in the job.
//
// It returns an *errors.InputError for a NUL in lpName, and an
// *errors.WindowsAPIError when Windows fails (ERROR_INVALID_HANDLE when
// the name belongs to another kind of object, ERROR_ACCESS_DENIED).
func CreateJobObject(lpJobAttributes *wintypes.SECURITY_ATTRIBUTES, lpName string) (wintypes.HANDLE, error) {
	var buf objectNameBuf // on the stack: the shim is noescape
	name, err := check.OptionalUTF16Into(buf[:], "lpName", lpName, objectNameLimit)
	if err != nil {
		return 0, err
	}
	r := rawCreateJobObjectW(lpJobAttributes.Pointer(), utf16Ptr(name))
	if err := r.Err(); err != nil {
		return 0, err
	}
	return wintypes.HANDLE(r.Ret), nil
}

// OpenJobObject opens an existing named job object, calling
// OpenJobObjectW.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-openjobobjectw
//
// dwDesiredAccess is a combination of JOB_OBJECT_* rights (and
// SYNCHRONIZE). bInheritHandle makes the handle inheritable. lpName is the
// job's name (required). The caller closes the handle with CloseHandle.
//
// It returns an *errors.InputError for an empty lpName or one with a NUL,
// and an *errors.WindowsAPIError when Windows fails (ERROR_FILE_NOT_FOUND
// when no job has that name, ERROR_ACCESS_DENIED).
func OpenJobObject(dwDesiredAccess uint32, bInheritHandle bool, lpName string) (wintypes.HANDLE, error) {
	if lpName == "" {
		return 0, &wincgoerrors.InputError{Name: "lpName", Value: lpName, Message: "received an empty name, expected a job's name"}
	}
	var buf objectNameBuf // on the stack: the shim is noescape
	name, err := check.UTF16Into(buf[:], "lpName", lpName, objectNameLimit)
	if err != nil {
		return 0, err
	}
	r := rawOpenJobObjectW(dwDesiredAccess, check.BOOL(bInheritHandle), utf16Ptr(name))
	if err := r.Err(); err != nil {
		return 0, err
	}
	return wintypes.HANDLE(r.Ret), nil
}

// AssignProcessToJobObject puts a process in a job.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-assignprocesstojobobject
//
// hJob needs JOB_OBJECT_ASSIGN_PROCESS access, hProcess
// PROCESS_SET_QUOTA and PROCESS_TERMINATE. The processes the process
// creates afterwards are in the job too (unless they break away). To have
// a child in the job before it runs any code, create it with
// CREATE_SUSPENDED, assign it, then ResumeThread its main thread (or give
// CreateProcess a PROC_THREAD_ATTRIBUTE_JOB_LIST).
//
// It returns an *errors.InputError for a NULL hJob or hProcess, and an
// *errors.WindowsAPIError when Windows fails (ERROR_INVALID_HANDLE,
// ERROR_ACCESS_DENIED, for instance when the process is already in a job
// that does not allow nesting).
func AssignProcessToJobObject(hJob, hProcess wintypes.HANDLE) error {
	if err := check.NonNull("hJob", hJob); err != nil {
		return err
	}
	if err := check.NonNull("hProcess", hProcess); err != nil {
		return err
	}
	return rawAssignProcessToJobObject(uintptr(hJob), uintptr(hProcess)).Err()
}

// SetInformationJobObjectExtendedLimit sets a job's limits: it calls
// SetInformationJobObject with JobObjectExtendedLimitInformation.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-setinformationjobobject
//
// hJob needs JOB_OBJECT_SET_ATTRIBUTES access. lpJobObjectInformation's
// BasicLimitInformation.LimitFlags says which limits apply (for a process
// tree that dies with its job: JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE);
// unlike C, the information class and cbJobObjectInformationLength follow
// from the type.
//
// It returns an *errors.InputError for a NULL hJob or a nil
// lpJobObjectInformation, and an *errors.WindowsAPIError when Windows
// fails (ERROR_INVALID_HANDLE, ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER
// for an undocumented flag or value).
func SetInformationJobObjectExtendedLimit(hJob wintypes.HANDLE, lpJobObjectInformation *wintypes.JOBOBJECT_EXTENDED_LIMIT_INFORMATION) error {
	if err := check.NonNull("hJob", hJob); err != nil {
		return err
	}
	if lpJobObjectInformation == nil {
		return &wincgoerrors.InputError{Name: "lpJobObjectInformation", Value: lpJobObjectInformation,
			Message: "received nil, expected the limits to set"}
	}
	return rawSetInformationJobObject(uintptr(hJob), int32(winconst.JobObjectExtendedLimitInformation),
		unsafe.Pointer(lpJobObjectInformation), uint32(unsafe.Sizeof(*lpJobObjectInformation))).Err()
}

// QueryInformationJobObjectExtendedLimit returns a job's limits: it calls
// QueryInformationJobObject with JobObjectExtendedLimitInformation.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-queryinformationjobobject
//
// hJob needs JOB_OBJECT_QUERY access. Unlike C, the information is
// returned rather than written through lpJobObjectInformation.
//
// It returns an *errors.InputError for a NULL hJob, an
// *errors.WindowsAPIError when Windows fails (ERROR_INVALID_HANDLE,
// ERROR_ACCESS_DENIED), and an *errors.InternalError when Windows returns
// fewer bytes than the structure holds.
func QueryInformationJobObjectExtendedLimit(hJob wintypes.HANDLE) (wintypes.JOBOBJECT_EXTENDED_LIMIT_INFORMATION, error) {
	var info wintypes.JOBOBJECT_EXTENDED_LIMIT_INFORMATION
	err := queryJob(hJob, int32(winconst.JobObjectExtendedLimitInformation), unsafe.Pointer(&info), unsafe.Sizeof(info))
	return info, err
}

// QueryInformationJobObjectBasicAccounting returns a job's accounting: it
// calls QueryInformationJobObject with JobObjectBasicAccountingInformation.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-queryinformationjobobject
//
// hJob needs JOB_OBJECT_QUERY access. Unlike C, the information is
// returned rather than written through lpJobObjectInformation.
//
// It returns an *errors.InputError for a NULL hJob, an
// *errors.WindowsAPIError when Windows fails (ERROR_INVALID_HANDLE,
// ERROR_ACCESS_DENIED), and an *errors.InternalError when Windows returns
// fewer bytes than the structure holds.
func QueryInformationJobObjectBasicAccounting(hJob wintypes.HANDLE) (wintypes.JOBOBJECT_BASIC_ACCOUNTING_INFORMATION, error) {
	var info wintypes.JOBOBJECT_BASIC_ACCOUNTING_INFORMATION
	err := queryJob(hJob, int32(winconst.JobObjectBasicAccountingInformation), unsafe.Pointer(&info), unsafe.Sizeof(info))
	return info, err
}

// queryJob calls QueryInformationJobObject for one class into info, a Go
// structure of integers of size bytes.
func queryJob(hJob wintypes.HANDLE, class int32, info unsafe.Pointer, size uintptr) error {
	if err := check.NonNull("hJob", hJob); err != nil {
		return err
	}
	r := rawQueryInformationJobObject(uintptr(hJob), class, info, uint32(size))
	if err := r.Err(); err != nil {
		return err
	}
	if r.Out != size {
		return &wincgoerrors.InternalError{Message: fmt.Sprintf(
			"QueryInformationJobObject(class %d) returned %d bytes, expected %d", class, r.Out, size)}
	}
	return nil
}

// TerminateJobObject ends every process in a job, with uExitCode as each
// one's exit code.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-terminatejobobject
//
// hJob needs JOB_OBJECT_TERMINATE access. As with TerminateProcess, the
// processes get no chance to clean up, and termination is asynchronous:
// wait on their handles to know they have ended. The job itself lives on.
//
// It returns an *errors.InputError for a NULL hJob, and an
// *errors.WindowsAPIError when Windows fails (ERROR_INVALID_HANDLE,
// ERROR_ACCESS_DENIED).
func TerminateJobObject(hJob wintypes.HANDLE, uExitCode uint32) error {
	if err := check.NonNull("hJob", hJob); err != nil {
		return err
	}
	return rawTerminateJobObject(uintptr(hJob), uExitCode).Err()
}
