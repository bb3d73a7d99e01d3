/* kernel32 process creation: kernel32/process_create.go. */
#ifndef WINCGO_KERNEL32_PROCESS_CREATE_H
#define WINCGO_KERNEL32_PROCESS_CREATE_H
#include "../wincgo.h"

/*
 * https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-createprocessw
 * Every pointer is Go memory holding no Go pointer (strings, the command
 * line copy wincgo owns, structures of integers), read or written only
 * during the call, so noescape: they stay on the Go stack (the attribute
 * list a STARTUPINFOEXW points at is C memory). lpStartupInfo may point at
 * a STARTUPINFOEXW.
 */
/* wincgo:noescape lpApplicationName lpCommandLine lpProcessAttributes lpThreadAttributes lpEnvironment lpCurrentDirectory lpStartupInfo lpProcessInformation: used during the call only */
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

#endif
