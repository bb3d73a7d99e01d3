/* kernel32 job objects: kernel32/job.go. */
#ifndef WINCGO_KERNEL32_JOB_H
#define WINCGO_KERNEL32_JOB_H
#include "wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-createjobobjectw */
WINBASEAPI HANDLE WINAPI CreateJobObjectW(
    LPSECURITY_ATTRIBUTES lpJobAttributes,
    LPCWSTR               lpName
);
static inline wincgo_result wincgo_CreateJobObjectW(LPSECURITY_ATTRIBUTES lpJobAttributes, LPCWSTR lpName) {
    WINCGO_CALL(CreateJobObjectW, lpJobAttributes, lpName);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-openjobobjectw */
WINBASEAPI HANDLE WINAPI OpenJobObjectW(
    DWORD   dwDesiredAccess,
    BOOL    bInheritHandle,
    LPCWSTR lpName
);
static inline wincgo_result wincgo_OpenJobObjectW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName) {
    WINCGO_CALL(OpenJobObjectW, dwDesiredAccess, bInheritHandle, lpName);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-assignprocesstojobobject */
WINBASEAPI BOOL WINAPI AssignProcessToJobObject(
    HANDLE hJob,
    HANDLE hProcess
);
static inline wincgo_result wincgo_AssignProcessToJobObject(uintptr_t hJob, uintptr_t hProcess) {
    WINCGO_CALL(AssignProcessToJobObject, (HANDLE)hJob, (HANDLE)hProcess);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-setinformationjobobject */
WINBASEAPI BOOL WINAPI SetInformationJobObject(
    HANDLE             hJob,
    JOBOBJECTINFOCLASS JobObjectInformationClass,
    LPVOID             lpJobObjectInformation,
    DWORD              cbJobObjectInformationLength
);
static inline wincgo_result wincgo_SetInformationJobObject(uintptr_t hJob,
    JOBOBJECTINFOCLASS JobObjectInformationClass, LPVOID lpJobObjectInformation,
    DWORD cbJobObjectInformationLength) {
    WINCGO_CALL(SetInformationJobObject, (HANDLE)hJob, JobObjectInformationClass, lpJobObjectInformation,
                cbJobObjectInformationLength);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-queryinformationjobobject */
WINBASEAPI BOOL WINAPI QueryInformationJobObject(
    HANDLE             hJob,
    JOBOBJECTINFOCLASS JobObjectInformationClass,
    LPVOID             lpJobObjectInformation,
    DWORD              cbJobObjectInformationLength,
    LPDWORD            lpReturnLength
);
static inline wincgo_result wincgo_QueryInformationJobObject(uintptr_t hJob,
    JOBOBJECTINFOCLASS JobObjectInformationClass, LPVOID lpJobObjectInformation,
    DWORD cbJobObjectInformationLength) {
    DWORD returned = 0;
    WINCGO_CALL_OUT(returned, QueryInformationJobObject, (HANDLE)hJob, JobObjectInformationClass,
                    lpJobObjectInformation, cbJobObjectInformationLength, &returned);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-terminatejobobject */
WINBASEAPI BOOL WINAPI TerminateJobObject(
    HANDLE hJob,
    UINT   uExitCode
);
static inline wincgo_result wincgo_TerminateJobObject(uintptr_t hJob, UINT uExitCode) {
    WINCGO_CALL(TerminateJobObject, (HANDLE)hJob, uExitCode);
}

#endif
