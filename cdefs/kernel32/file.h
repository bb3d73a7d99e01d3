/* kernel32 file functions: kernel32/file.go. */
#ifndef WINCGO_KERNEL32_FILE_H
#define WINCGO_KERNEL32_FILE_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-createfilew */
/* wincgo:noescape */
WINBASEAPI HANDLE WINAPI CreateFileW(
    LPCWSTR               lpFileName,
    DWORD                 dwDesiredAccess,
    DWORD                 dwShareMode,
    LPSECURITY_ATTRIBUTES lpSecurityAttributes,
    DWORD                 dwCreationDisposition,
    DWORD                 dwFlagsAndAttributes,
    HANDLE                hTemplateFile
);

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-readfile */
/* wincgo:variant sync lpNumberOfBytesRead=out lpOverlapped=NULL noescape */
WINBASEAPI BOOL WINAPI ReadFile(
    HANDLE       hFile,
    LPVOID       lpBuffer, /* wincgo:bytes */
    DWORD        nNumberOfBytesToRead,
    LPDWORD      lpNumberOfBytesRead,
    LPOVERLAPPED lpOverlapped /* wincgo:bytes */
);

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-writefile */
/* wincgo:variant sync lpNumberOfBytesWritten=out lpOverlapped=NULL noescape */
WINBASEAPI BOOL WINAPI WriteFile(
    HANDLE       hFile,
    LPCVOID      lpBuffer, /* wincgo:bytes */
    DWORD        nNumberOfBytesToWrite,
    LPDWORD      lpNumberOfBytesWritten,
    LPOVERLAPPED lpOverlapped /* wincgo:bytes */
);

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-flushfilebuffers */
WINBASEAPI BOOL WINAPI FlushFileBuffers(
    HANDLE hFile
);

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-lockfileex */
WINBASEAPI BOOL WINAPI LockFileEx(
    HANDLE       hFile,
    DWORD        dwFlags,
    DWORD        dwReserved,
    DWORD        nNumberOfBytesToLockLow,
    DWORD        nNumberOfBytesToLockHigh,
    LPOVERLAPPED lpOverlapped /* wincgo:bytes */
);

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-unlockfileex */
WINBASEAPI BOOL WINAPI UnlockFileEx(
    HANDLE       hFile,
    DWORD        dwReserved,
    DWORD        nNumberOfBytesToUnlockLow,
    DWORD        nNumberOfBytesToUnlockHigh,
    LPOVERLAPPED lpOverlapped /* wincgo:bytes */
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-movefileexw */
/* wincgo:noescape */
WINBASEAPI BOOL WINAPI MoveFileExW(
    LPCWSTR lpExistingFileName,
    LPCWSTR lpNewFileName,
    DWORD   dwFlags
);

/* https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-getoverlappedresult */
/* wincgo:noescape */
WINBASEAPI BOOL WINAPI GetOverlappedResult(
    HANDLE       hFile,
    LPOVERLAPPED lpOverlapped, /* wincgo:bytes */
    LPDWORD      lpNumberOfBytesTransferred,
    BOOL         bWait
);

#endif
