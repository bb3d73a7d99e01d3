/* kernel32 handle functions: kernel32/handle.go. */
#ifndef WINCGO_KERNEL32_HANDLE_H
#define WINCGO_KERNEL32_HANDLE_H
#include "wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-closehandle */
WINBASEAPI BOOL WINAPI CloseHandle(
    HANDLE hObject
);
static inline wincgo_result wincgo_CloseHandle(uintptr_t hObject) {
    WINCGO_CALL(CloseHandle, (HANDLE)hObject);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-duplicatehandle */
WINBASEAPI BOOL WINAPI DuplicateHandle(
    HANDLE   hSourceProcessHandle,
    HANDLE   hSourceHandle,
    HANDLE   hTargetProcessHandle,
    LPHANDLE lpTargetHandle,
    DWORD    dwDesiredAccess,
    BOOL     bInheritHandle,
    DWORD    dwOptions
);
static inline wincgo_result wincgo_DuplicateHandle(
    uintptr_t hSourceProcessHandle, uintptr_t hSourceHandle, uintptr_t hTargetProcessHandle,
    DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions) {
    HANDLE targetHandle = NULL;
    WINCGO_CALL_OUT(targetHandle, DuplicateHandle, (HANDLE)hSourceProcessHandle, (HANDLE)hSourceHandle,
                    (HANDLE)hTargetProcessHandle, &targetHandle, dwDesiredAccess, bInheritHandle, dwOptions);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-gethandleinformation */
WINBASEAPI BOOL WINAPI GetHandleInformation(
    HANDLE  hObject,
    LPDWORD lpdwFlags
);
static inline wincgo_result wincgo_GetHandleInformation(uintptr_t hObject) {
    DWORD flags = 0;
    WINCGO_CALL_OUT(flags, GetHandleInformation, (HANDLE)hObject, &flags);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/handleapi/nf-handleapi-sethandleinformation */
WINBASEAPI BOOL WINAPI SetHandleInformation(
    HANDLE hObject,
    DWORD  dwMask,
    DWORD  dwFlags
);
static inline wincgo_result wincgo_SetHandleInformation(uintptr_t hObject, DWORD dwMask, DWORD dwFlags) {
    WINCGO_CALL(SetHandleInformation, (HANDLE)hObject, dwMask, dwFlags);
}

/* https://learn.microsoft.com/en-us/windows/console/getstdhandle */
WINBASEAPI HANDLE WINAPI GetStdHandle(
    DWORD nStdHandle
);
static inline wincgo_result wincgo_GetStdHandle(DWORD nStdHandle) {
    WINCGO_CALL(GetStdHandle, nStdHandle);
}

#endif
