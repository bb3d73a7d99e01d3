/* kernel32 file functions: kernel32/file.go. */
#ifndef WINCGO_KERNEL32_FILE_H
#define WINCGO_KERNEL32_FILE_H
#include "wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-createfilew */
WINBASEAPI HANDLE WINAPI CreateFileW(
    LPCWSTR               lpFileName,
    DWORD                 dwDesiredAccess,
    DWORD                 dwShareMode,
    LPSECURITY_ATTRIBUTES lpSecurityAttributes,
    DWORD                 dwCreationDisposition,
    DWORD                 dwFlagsAndAttributes,
    HANDLE                hTemplateFile
);
static inline wincgo_result wincgo_CreateFileW(
    LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
    LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
    DWORD dwFlagsAndAttributes, uintptr_t hTemplateFile) {
    WINCGO_CALL(CreateFileW, lpFileName, dwDesiredAccess, dwShareMode, lpSecurityAttributes,
                dwCreationDisposition, dwFlagsAndAttributes, (HANDLE)hTemplateFile);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-readfile */
WINBASEAPI BOOL WINAPI ReadFile(
    HANDLE       hFile,
    LPVOID       lpBuffer,
    DWORD        nNumberOfBytesToRead,
    LPDWORD      lpNumberOfBytesRead,
    LPOVERLAPPED lpOverlapped
);
static inline wincgo_result wincgo_ReadFile(
    uintptr_t hFile, void *lpBuffer, DWORD nNumberOfBytesToRead,
    LPDWORD lpNumberOfBytesRead, LPOVERLAPPED lpOverlapped) {
    WINCGO_CALL(ReadFile, (HANDLE)hFile, lpBuffer, nNumberOfBytesToRead, lpNumberOfBytesRead,
                lpOverlapped);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-writefile */
WINBASEAPI BOOL WINAPI WriteFile(
    HANDLE       hFile,
    LPCVOID      lpBuffer,
    DWORD        nNumberOfBytesToWrite,
    LPDWORD      lpNumberOfBytesWritten,
    LPOVERLAPPED lpOverlapped
);
static inline wincgo_result wincgo_WriteFile(
    uintptr_t hFile, const void *lpBuffer, DWORD nNumberOfBytesToWrite,
    LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped) {
    WINCGO_CALL(WriteFile, (HANDLE)hFile, lpBuffer, nNumberOfBytesToWrite, lpNumberOfBytesWritten,
                lpOverlapped);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-flushfilebuffers */
WINBASEAPI BOOL WINAPI FlushFileBuffers(
    HANDLE hFile
);
static inline wincgo_result wincgo_FlushFileBuffers(uintptr_t hFile) {
    WINCGO_CALL(FlushFileBuffers, (HANDLE)hFile);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-lockfileex */
WINBASEAPI BOOL WINAPI LockFileEx(
    HANDLE       hFile,
    DWORD        dwFlags,
    DWORD        dwReserved,
    DWORD        nNumberOfBytesToLockLow,
    DWORD        nNumberOfBytesToLockHigh,
    LPOVERLAPPED lpOverlapped
);
static inline wincgo_result wincgo_LockFileEx(
    uintptr_t hFile, DWORD dwFlags, DWORD dwReserved, DWORD nNumberOfBytesToLockLow,
    DWORD nNumberOfBytesToLockHigh, LPOVERLAPPED lpOverlapped) {
    WINCGO_CALL(LockFileEx, (HANDLE)hFile, dwFlags, dwReserved, nNumberOfBytesToLockLow,
                nNumberOfBytesToLockHigh, lpOverlapped);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-unlockfileex */
WINBASEAPI BOOL WINAPI UnlockFileEx(
    HANDLE       hFile,
    DWORD        dwReserved,
    DWORD        nNumberOfBytesToUnlockLow,
    DWORD        nNumberOfBytesToUnlockHigh,
    LPOVERLAPPED lpOverlapped
);
static inline wincgo_result wincgo_UnlockFileEx(
    uintptr_t hFile, DWORD dwReserved, DWORD nNumberOfBytesToUnlockLow,
    DWORD nNumberOfBytesToUnlockHigh, LPOVERLAPPED lpOverlapped) {
    WINCGO_CALL(UnlockFileEx, (HANDLE)hFile, dwReserved, nNumberOfBytesToUnlockLow,
                nNumberOfBytesToUnlockHigh, lpOverlapped);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-movefileexw */
WINBASEAPI BOOL WINAPI MoveFileExW(
    LPCWSTR lpExistingFileName,
    LPCWSTR lpNewFileName,
    DWORD   dwFlags
);
static inline wincgo_result wincgo_MoveFileExW(
    LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, DWORD dwFlags) {
    WINCGO_CALL(MoveFileExW, lpExistingFileName, lpNewFileName, dwFlags);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-getoverlappedresult */
WINBASEAPI BOOL WINAPI GetOverlappedResult(
    HANDLE       hFile,
    LPOVERLAPPED lpOverlapped,
    LPDWORD      lpNumberOfBytesTransferred,
    BOOL         bWait
);
static inline wincgo_result wincgo_GetOverlappedResult(
    uintptr_t hFile, LPOVERLAPPED lpOverlapped, LPDWORD lpNumberOfBytesTransferred, BOOL bWait) {
    WINCGO_CALL(GetOverlappedResult, (HANDLE)hFile, lpOverlapped, lpNumberOfBytesTransferred,
                bWait);
}

/*
 * STATUS_PENDING (winnt.h casts it to DWORD) as the integer type of
 * OVERLAPPED.Internal, which HasOverlappedIoCompleted compares with it.
 */
#define WINCGO_STATUS_PENDING ((uintptr_t)(DWORD)STATUS_PENDING)

#endif
