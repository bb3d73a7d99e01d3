/* kernel32 completion ports, cancellation and registered waits: kernel32/iocp.go
 * (the registered waits' C callback: kernel32/iocp_bridge.h). */
#ifndef WINCGO_KERNEL32_IOCP_H
#define WINCGO_KERNEL32_IOCP_H
#include "../wincgo.h"
#include "iocp_bridge.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-createiocompletionport */
WINBASEAPI HANDLE WINAPI CreateIoCompletionPort(
    HANDLE    FileHandle,
    HANDLE    ExistingCompletionPort,
    ULONG_PTR CompletionKey,
    DWORD     NumberOfConcurrentThreads
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-setfilecompletionnotificationmodes */
WINBASEAPI BOOL WINAPI SetFileCompletionNotificationModes(
    HANDLE FileHandle,
    UCHAR  Flags
);

/* https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-getqueuedcompletionstatus */
/* wincgo:noescape lpNumberOfBytesTransferred lpCompletionKey lpOverlapped: written during the call only */
WINBASEAPI BOOL WINAPI GetQueuedCompletionStatus(
    HANDLE       CompletionPort,
    LPDWORD      lpNumberOfBytesTransferred,
    PULONG_PTR   lpCompletionKey,
    LPOVERLAPPED *lpOverlapped,
    DWORD        dwMilliseconds
);

/* https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-getqueuedcompletionstatusex */
/* wincgo:noescape lpCompletionPortEntries: written during the call only */
WINBASEAPI BOOL WINAPI GetQueuedCompletionStatusEx(
    HANDLE             CompletionPort,
    LPOVERLAPPED_ENTRY lpCompletionPortEntries, /* wincgo:no-go-pointers */
    ULONG              ulCount,
    PULONG             ulNumEntriesRemoved, /* wincgo:out */
    DWORD              dwMilliseconds,
    BOOL               fAlertable
);

/* https://learn.microsoft.com/en-us/windows/win32/api/ioapiset/nf-ioapiset-postqueuedcompletionstatus */
WINBASEAPI BOOL WINAPI PostQueuedCompletionStatus(
    HANDLE       CompletionPort,
    DWORD        dwNumberOfBytesTransferred,
    ULONG_PTR    dwCompletionKey,
    LPOVERLAPPED lpOverlapped /* wincgo:address */
);

/* https://learn.microsoft.com/en-us/windows/win32/fileio/cancelioex-func */
/* wincgo:noescape lpOverlapped: compared during the call only */
WINBASEAPI BOOL WINAPI CancelIoEx(
    HANDLE       hFile,
    LPOVERLAPPED lpOverlapped /* wincgo:no-go-pointers */
);

/* https://learn.microsoft.com/en-us/windows/win32/fileio/cancelio */
WINBASEAPI BOOL WINAPI CancelIo(
    HANDLE hFile
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-registerwaitforsingleobject
 * The variant "port" passes wincgo's callback, which posts a packet to the
 * port its context names (iocp_bridge.h). */
/* wincgo:variant port Callback=wincgo_port_wait_callback */
WINBASEAPI BOOL WINAPI RegisterWaitForSingleObject(
    PHANDLE             phNewWaitObject, /* wincgo:out */
    HANDLE              hObject,
    WAITORTIMERCALLBACK Callback,
    PVOID               Context, /* wincgo:address */
    ULONG               dwMilliseconds,
    ULONG               dwFlags
);

/* wincgo's own, not Windows' (no MSDN page): the table of the "port"
 * variant's waits, defined in iocp_bridge.h. */
/* wincgo:fails-when ret == 0 */
ULONG_PTR WINAPI PortWaitAdd(
    HANDLE    CompletionPort,
    ULONG_PTR dwCompletionKey
);

VOID WINAPI PortWaitRemove(
    ULONG_PTR id
);

/* wincgo:fails-when never */
ULONG_PTR WINAPI PortWaitCount(
    VOID
);

/* https://learn.microsoft.com/en-us/windows/win32/sync/unregisterwaitex */
WINBASEAPI BOOL WINAPI UnregisterWaitEx(
    HANDLE WaitHandle,
    HANDLE CompletionEvent
);

#endif
