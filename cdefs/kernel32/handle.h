/* kernel32 handle functions: kernel32/handle.go. */
#ifndef WINCGO_KERNEL32_HANDLE_H
#define WINCGO_KERNEL32_HANDLE_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-closehandle */
WINBASEAPI BOOL WINAPI CloseHandle(
    HANDLE hObject
);

/* https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-duplicatehandle */
WINBASEAPI BOOL WINAPI DuplicateHandle(
    HANDLE   hSourceProcessHandle,
    HANDLE   hSourceHandle,
    HANDLE   hTargetProcessHandle,
    LPHANDLE lpTargetHandle, /* wincgo:out */
    DWORD    dwDesiredAccess,
    BOOL     bInheritHandle,
    DWORD    dwOptions
);

/* https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-gethandleinformation */
WINBASEAPI BOOL WINAPI GetHandleInformation(
    HANDLE  hObject,
    LPDWORD lpdwFlags /* wincgo:out */
);

/* https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-sethandleinformation */
WINBASEAPI BOOL WINAPI SetHandleInformation(
    HANDLE hObject,
    DWORD  dwMask,
    DWORD  dwFlags
);

/* https://learn.microsoft.com/en-us/windows/console/getstdhandle */
/* wincgo:fails-when ret == INVALID_HANDLE_VALUE */
WINBASEAPI HANDLE WINAPI GetStdHandle(
    DWORD nStdHandle
);

#endif
