/* kernel32 job objects: kernel32/job.go. */
#ifndef WINCGO_KERNEL32_JOB_H
#define WINCGO_KERNEL32_JOB_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-createjobobjectw */
/* wincgo:noescape lpJobAttributes lpName: read during the call only */
WINBASEAPI HANDLE WINAPI CreateJobObjectW(
    LPSECURITY_ATTRIBUTES lpJobAttributes,
    LPCWSTR               lpName
);

/* https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-openjobobjectw */
/* wincgo:noescape lpName: read during the call only */
WINBASEAPI HANDLE WINAPI OpenJobObjectW(
    DWORD   dwDesiredAccess,
    BOOL    bInheritHandle,
    LPCWSTR lpName
);

/* https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-assignprocesstojobobject */
WINBASEAPI BOOL WINAPI AssignProcessToJobObject(
    HANDLE hJob,
    HANDLE hProcess
);

/* https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-setinformationjobobject */
/* wincgo:noescape lpJobObjectInformation: read during the call only */
WINBASEAPI BOOL WINAPI SetInformationJobObject(
    HANDLE             hJob,
    JOBOBJECTINFOCLASS JobObjectInformationClass,
    LPVOID             lpJobObjectInformation,
    DWORD              cbJobObjectInformationLength
);

/* https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-queryinformationjobobject */
/* wincgo:noescape lpJobObjectInformation: written during the call only */
WINBASEAPI BOOL WINAPI QueryInformationJobObject(
    HANDLE             hJob,
    JOBOBJECTINFOCLASS JobObjectInformationClass,
    LPVOID             lpJobObjectInformation,
    DWORD              cbJobObjectInformationLength,
    LPDWORD            lpReturnLength /* wincgo:out */
);

/* https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-terminatejobobject */
WINBASEAPI BOOL WINAPI TerminateJobObject(
    HANDLE hJob,
    UINT   uExitCode
);

#endif
