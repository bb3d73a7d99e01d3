/* kernel32 process functions: kernel32/process.go. */
#ifndef WINCGO_KERNEL32_PROCESS_H
#define WINCGO_KERNEL32_PROCESS_H
#include "../wincgo.h"
#include <tlhelp32.h>

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-openprocess */
WINBASEAPI HANDLE WINAPI OpenProcess(
    DWORD dwDesiredAccess,
    BOOL  bInheritHandle,
    DWORD dwProcessId
);

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-getcurrentprocess */
/* wincgo:fails-when never */
WINBASEAPI HANDLE WINAPI GetCurrentProcess(
    VOID
);

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-getprocessid */
/* wincgo:fails-when ret == 0 */
WINBASEAPI DWORD WINAPI GetProcessId(
    HANDLE Process
);

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-getexitcodeprocess */
/* wincgo:noescape lpExitCode: written during the call only */
WINBASEAPI BOOL WINAPI GetExitCodeProcess(
    HANDLE  hProcess,
    LPDWORD lpExitCode
);

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-terminateprocess */
WINBASEAPI BOOL WINAPI TerminateProcess(
    HANDLE hProcess,
    UINT   uExitCode
);

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-getprocesshandlecount */
WINBASEAPI BOOL WINAPI GetProcessHandleCount(
    HANDLE hProcess,
    PDWORD pdwHandleCount /* wincgo:out */
);

/*
 * https://learn.microsoft.com/en-us/windows/win32/api/tlhelp32/nf-tlhelp32-createtoolhelp32snapshot
 * (tlhelp32.h declares the Tool Help functions without WINBASEAPI.)
 */
/* wincgo:fails-when ret == INVALID_HANDLE_VALUE */
HANDLE WINAPI CreateToolhelp32Snapshot(
    DWORD dwFlags,
    DWORD th32ProcessID
);

/* https://learn.microsoft.com/en-us/windows/win32/api/tlhelp32/nf-tlhelp32-process32firstw */
/* wincgo:noescape lppe: used during the call only */
BOOL WINAPI Process32FirstW(
    HANDLE            hSnapshot,
    LPPROCESSENTRY32W lppe
);

/* https://learn.microsoft.com/en-us/windows/win32/api/tlhelp32/nf-tlhelp32-process32nextw */
/* wincgo:noescape lppe: used during the call only */
BOOL WINAPI Process32NextW(
    HANDLE            hSnapshot,
    LPPROCESSENTRY32W lppe
);

#endif
