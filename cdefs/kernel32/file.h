/* kernel32 file functions: kernel32/file.go. */
#ifndef WINCGO_KERNEL32_FILE_H
#define WINCGO_KERNEL32_FILE_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-createfilew */
/* wincgo:fails-when ret == INVALID_HANDLE_VALUE */
/* wincgo:noescape lpFileName lpSecurityAttributes: read during the call only */
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
/* wincgo:variant sync lpNumberOfBytesRead=out lpOverlapped=NULL noescape=lpBuffer */
WINBASEAPI BOOL WINAPI ReadFile(
    HANDLE       hFile,
    LPVOID       lpBuffer, /* wincgo:no-go-pointers */
    DWORD        nNumberOfBytesToRead,
    LPDWORD      lpNumberOfBytesRead,
    LPOVERLAPPED lpOverlapped /* wincgo:no-go-pointers */
);

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-writefile */
/* wincgo:variant sync lpNumberOfBytesWritten=out lpOverlapped=NULL noescape=lpBuffer */
WINBASEAPI BOOL WINAPI WriteFile(
    HANDLE       hFile,
    LPCVOID      lpBuffer, /* wincgo:no-go-pointers */
    DWORD        nNumberOfBytesToWrite,
    LPDWORD      lpNumberOfBytesWritten,
    LPOVERLAPPED lpOverlapped /* wincgo:no-go-pointers */
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
    LPOVERLAPPED lpOverlapped /* wincgo:no-go-pointers */
);

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-unlockfileex */
WINBASEAPI BOOL WINAPI UnlockFileEx(
    HANDLE       hFile,
    DWORD        dwReserved,
    DWORD        nNumberOfBytesToUnlockLow,
    DWORD        nNumberOfBytesToUnlockHigh,
    LPOVERLAPPED lpOverlapped /* wincgo:no-go-pointers */
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-movefileexw */
/* wincgo:noescape lpExistingFileName lpNewFileName: read during the call only */
WINBASEAPI BOOL WINAPI MoveFileExW(
    LPCWSTR lpExistingFileName,
    LPCWSTR lpNewFileName,
    DWORD   dwFlags
);

/* https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-getoverlappedresult */
/* wincgo:noescape lpOverlapped lpNumberOfBytesTransferred: used during the call only */
WINBASEAPI BOOL WINAPI GetOverlappedResult(
    HANDLE       hFile,
    LPOVERLAPPED lpOverlapped, /* wincgo:no-go-pointers */
    LPDWORD      lpNumberOfBytesTransferred,
    BOOL         bWait
);

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-gettemppathw */
/* wincgo:fails-when ret == 0 */
/* wincgo:noescape lpBuffer: written during the call only */
WINBASEAPI DWORD WINAPI GetTempPathW(
    DWORD  nBufferLength,
    LPWSTR lpBuffer
);

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-getfiletype */
/* wincgo:fails-when ret == FILE_TYPE_UNKNOWN */
WINBASEAPI DWORD WINAPI GetFileType(HANDLE hFile);

/* https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-getfilesizeex */
/* wincgo:noescape lpFileSize: written during the call only */
WINBASEAPI BOOL WINAPI GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize);

#endif
