/* kernel32 event functions: kernel32/events.go. */
#ifndef WINCGO_KERNEL32_EVENTS_H
#define WINCGO_KERNEL32_EVENTS_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-createeventw */
/* wincgo:noescape lpEventAttributes lpName: read during the call only */
WINBASEAPI HANDLE WINAPI CreateEventW(
    LPSECURITY_ATTRIBUTES lpEventAttributes,
    BOOL                  bManualReset,
    BOOL                  bInitialState,
    LPCWSTR               lpName
);

/* https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-openeventw */
/* wincgo:noescape lpName: read during the call only */
WINBASEAPI HANDLE WINAPI OpenEventW(
    DWORD   dwDesiredAccess,
    BOOL    bInheritHandle,
    LPCWSTR lpName
);

/* https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-resetevent */
WINBASEAPI BOOL WINAPI ResetEvent(
    HANDLE hEvent
);

/* https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-setevent */
WINBASEAPI BOOL WINAPI SetEvent(
    HANDLE hEvent
);

#endif
