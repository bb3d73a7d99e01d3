//go:build windows && !386

package wintypes

// JOBOBJECT_BASIC_LIMIT_INFORMATION is a job's basic limits
// (JobObjectBasicLimitInformation, and the first part of
// JOBOBJECT_EXTENDED_LIMIT_INFORMATION). LimitFlags says which of the other
// fields apply: JOB_OBJECT_LIMIT_* flags.
//
// (Declared per architecture: on 386, C aligns the LARGE_INTEGERs to 8
// bytes and so pads the structure's end, which Go, aligning int64 to 4
// there, must do by hand.)
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winnt/ns-winnt-jobobject_basic_limit_information
type JOBOBJECT_BASIC_LIMIT_INFORMATION struct {
	// PerProcessUserTimeLimit is each process's user-mode time limit, in
	// 100-nanosecond ticks (JOB_OBJECT_LIMIT_PROCESS_TIME).
	PerProcessUserTimeLimit int64
	// PerJobUserTimeLimit is the job's user-mode time limit
	// (JOB_OBJECT_LIMIT_JOB_TIME).
	PerJobUserTimeLimit int64
	// LimitFlags is a combination of JOB_OBJECT_LIMIT_* flags.
	LimitFlags uint32
	// MinimumWorkingSetSize and MaximumWorkingSetSize bound each process's
	// working set (JOB_OBJECT_LIMIT_WORKINGSET).
	MinimumWorkingSetSize uintptr
	MaximumWorkingSetSize uintptr
	// ActiveProcessLimit is the most processes the job may hold
	// (JOB_OBJECT_LIMIT_ACTIVE_PROCESS).
	ActiveProcessLimit uint32
	// Affinity is the processors the job's processes run on
	// (JOB_OBJECT_LIMIT_AFFINITY).
	Affinity uintptr
	// PriorityClass is the job's processes' priority class
	// (JOB_OBJECT_LIMIT_PRIORITY_CLASS).
	PriorityClass uint32
	// SchedulingClass is the job's scheduling class, 0 to 9
	// (JOB_OBJECT_LIMIT_SCHEDULING_CLASS).
	SchedulingClass uint32
}
