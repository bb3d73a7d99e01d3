/* kernel32 process functions: kernel32/process.go. */
#ifndef WINCGO_KERNEL32_PROCESS_H
#define WINCGO_KERNEL32_PROCESS_H
#include "wincgo.h"
#include <tlhelp32.h>

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-openprocess */
WINBASEAPI HANDLE WINAPI OpenProcess(
    DWORD dwDesiredAccess,
    BOOL  bInheritHandle,
    DWORD dwProcessId
);
static inline wincgo_result wincgo_OpenProcess(DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwProcessId) {
    WINCGO_CALL(OpenProcess, dwDesiredAccess, bInheritHandle, dwProcessId);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-getcurrentprocess */
WINBASEAPI HANDLE WINAPI GetCurrentProcess(
    VOID
);
static inline wincgo_result wincgo_GetCurrentProcess(void) {
    WINCGO_CALL(GetCurrentProcess, );
}

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-getprocessid */
WINBASEAPI DWORD WINAPI GetProcessId(
    HANDLE Process
);
static inline wincgo_result wincgo_GetProcessId(uintptr_t Process) {
    WINCGO_CALL(GetProcessId, (HANDLE)Process);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-getexitcodeprocess */
WINBASEAPI BOOL WINAPI GetExitCodeProcess(
    HANDLE  hProcess,
    LPDWORD lpExitCode
);
static inline wincgo_result wincgo_GetExitCodeProcess(uintptr_t hProcess, LPDWORD lpExitCode) {
    WINCGO_CALL(GetExitCodeProcess, (HANDLE)hProcess, lpExitCode);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-terminateprocess */
WINBASEAPI BOOL WINAPI TerminateProcess(
    HANDLE hProcess,
    UINT   uExitCode
);
static inline wincgo_result wincgo_TerminateProcess(uintptr_t hProcess, UINT uExitCode) {
    WINCGO_CALL(TerminateProcess, (HANDLE)hProcess, uExitCode);
}

/*
 * https://learn.microsoft.com/en-us/windows/win32/api/tlhelp32/nf-tlhelp32-createtoolhelp32snapshot
 * (tlhelp32.h declares the Tool Help functions without WINBASEAPI.)
 */
HANDLE WINAPI CreateToolhelp32Snapshot(
    DWORD dwFlags,
    DWORD th32ProcessID
);
static inline wincgo_result wincgo_CreateToolhelp32Snapshot(DWORD dwFlags, DWORD th32ProcessID) {
    WINCGO_CALL(CreateToolhelp32Snapshot, dwFlags, th32ProcessID);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/tlhelp32/nf-tlhelp32-process32firstw */
BOOL WINAPI Process32FirstW(
    HANDLE            hSnapshot,
    LPPROCESSENTRY32W lppe
);
static inline wincgo_result wincgo_Process32FirstW(uintptr_t hSnapshot, LPPROCESSENTRY32W lppe) {
    WINCGO_CALL(Process32FirstW, (HANDLE)hSnapshot, lppe);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/tlhelp32/nf-tlhelp32-process32nextw */
BOOL WINAPI Process32NextW(
    HANDLE            hSnapshot,
    LPPROCESSENTRY32W lppe
);
static inline wincgo_result wincgo_Process32NextW(uintptr_t hSnapshot, LPPROCESSENTRY32W lppe) {
    WINCGO_CALL(Process32NextW, (HANDLE)hSnapshot, lppe);
}

#endif
