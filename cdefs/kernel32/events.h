/* kernel32 event functions: kernel32/events.go. */
#ifndef WINCGO_KERNEL32_EVENTS_H
#define WINCGO_KERNEL32_EVENTS_H
#include "wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-createeventw */
WINBASEAPI HANDLE WINAPI CreateEventW(
    LPSECURITY_ATTRIBUTES lpEventAttributes,
    BOOL                  bManualReset,
    BOOL                  bInitialState,
    LPCWSTR               lpName
);
static inline wincgo_result wincgo_CreateEventW(
    LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset, BOOL bInitialState, LPCWSTR lpName) {
    WINCGO_CALL(CreateEventW, lpEventAttributes, bManualReset, bInitialState, lpName);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-openeventw */
WINBASEAPI HANDLE WINAPI OpenEventW(
    DWORD   dwDesiredAccess,
    BOOL    bInheritHandle,
    LPCWSTR lpName
);
static inline wincgo_result wincgo_OpenEventW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName) {
    WINCGO_CALL(OpenEventW, dwDesiredAccess, bInheritHandle, lpName);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-resetevent */
WINBASEAPI BOOL WINAPI ResetEvent(
    HANDLE hEvent
);
static inline wincgo_result wincgo_ResetEvent(uintptr_t hEvent) {
    WINCGO_CALL(ResetEvent, (HANDLE)hEvent);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/synchapi/nf-synchapi-setevent */
WINBASEAPI BOOL WINAPI SetEvent(
    HANDLE hEvent
);
static inline wincgo_result wincgo_SetEvent(uintptr_t hEvent) {
    WINCGO_CALL(SetEvent, (HANDLE)hEvent);
}

#endif
