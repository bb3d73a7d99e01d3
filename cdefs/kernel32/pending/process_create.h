/* kernel32 process creation and thread suspension: kernel32/process_create.go. */
#ifndef WINCGO_KERNEL32_PROCESS_CREATE_H
#define WINCGO_KERNEL32_PROCESS_CREATE_H
#include "wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-createprocessw */
WINBASEAPI BOOL WINAPI CreateProcessW(
    LPCWSTR               lpApplicationName,
    LPWSTR                lpCommandLine,
    LPSECURITY_ATTRIBUTES lpProcessAttributes,
    LPSECURITY_ATTRIBUTES lpThreadAttributes,
    BOOL                  bInheritHandles,
    DWORD                 dwCreationFlags,
    LPVOID                lpEnvironment,
    LPCWSTR               lpCurrentDirectory,
    LPSTARTUPINFOW        lpStartupInfo,
    LPPROCESS_INFORMATION lpProcessInformation
);
/*
 * Every pointer is Go memory holding no Go pointer (strings, the command
 * line copy wincgo owns, structures of integers), read or written only
 * during the call. lpStartupInfo may point at a STARTUPINFOEXW.
 */
static inline wincgo_result wincgo_CreateProcessW(
    LPCWSTR lpApplicationName, LPWSTR lpCommandLine, LPSECURITY_ATTRIBUTES lpProcessAttributes,
    LPSECURITY_ATTRIBUTES lpThreadAttributes, BOOL bInheritHandles, DWORD dwCreationFlags,
    LPVOID lpEnvironment, LPCWSTR lpCurrentDirectory, LPSTARTUPINFOW lpStartupInfo,
    LPPROCESS_INFORMATION lpProcessInformation) {
    WINCGO_CALL(CreateProcessW, lpApplicationName, lpCommandLine, lpProcessAttributes, lpThreadAttributes,
                bInheritHandles, dwCreationFlags, lpEnvironment, lpCurrentDirectory, lpStartupInfo,
                lpProcessInformation);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-resumethread */
WINBASEAPI DWORD WINAPI ResumeThread(
    HANDLE hThread
);
static inline wincgo_result wincgo_ResumeThread(uintptr_t hThread) {
    WINCGO_CALL(ResumeThread, (HANDLE)hThread);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-suspendthread */
WINBASEAPI DWORD WINAPI SuspendThread(
    HANDLE hThread
);
static inline wincgo_result wincgo_SuspendThread(uintptr_t hThread) {
    WINCGO_CALL(SuspendThread, (HANDLE)hThread);
}

#endif
