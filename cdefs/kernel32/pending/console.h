/* kernel32 console functions: kernel32/console.go. */
#ifndef WINCGO_KERNEL32_CONSOLE_H
#define WINCGO_KERNEL32_CONSOLE_H
#include "wincgo.h"

/* https://learn.microsoft.com/en-us/windows/console/setconsoletextattribute */
WINBASEAPI BOOL WINAPI SetConsoleTextAttribute(
    HANDLE hConsoleOutput,
    WORD   wAttributes
);
static inline wincgo_result wincgo_SetConsoleTextAttribute(uintptr_t hConsoleOutput, WORD wAttributes) {
    WINCGO_CALL(SetConsoleTextAttribute, (HANDLE)hConsoleOutput, wAttributes);
}

/* https://learn.microsoft.com/en-us/windows/console/getconsolescreenbufferinfo */
WINBASEAPI BOOL WINAPI GetConsoleScreenBufferInfo(
    HANDLE                      hConsoleOutput,
    PCONSOLE_SCREEN_BUFFER_INFO lpConsoleScreenBufferInfo
);
static inline wincgo_result wincgo_GetConsoleScreenBufferInfo(uintptr_t hConsoleOutput,
    PCONSOLE_SCREEN_BUFFER_INFO lpConsoleScreenBufferInfo) {
    WINCGO_CALL(GetConsoleScreenBufferInfo, (HANDLE)hConsoleOutput, lpConsoleScreenBufferInfo);
}

/* https://learn.microsoft.com/en-us/windows/console/createconsolescreenbuffer */
WINBASEAPI HANDLE WINAPI CreateConsoleScreenBuffer(
    DWORD                     dwDesiredAccess,
    DWORD                     dwShareMode,
    const SECURITY_ATTRIBUTES *lpSecurityAttributes,
    DWORD                     dwFlags,
    LPVOID                    lpScreenBufferData
);
static inline wincgo_result wincgo_CreateConsoleScreenBuffer(DWORD dwDesiredAccess, DWORD dwShareMode,
    const SECURITY_ATTRIBUTES *lpSecurityAttributes, DWORD dwFlags, LPVOID lpScreenBufferData) {
    WINCGO_CALL(CreateConsoleScreenBuffer, dwDesiredAccess, dwShareMode, lpSecurityAttributes, dwFlags,
                lpScreenBufferData);
}

/* https://learn.microsoft.com/en-us/windows/console/generateconsolectrlevent */
WINBASEAPI BOOL WINAPI GenerateConsoleCtrlEvent(
    DWORD dwCtrlEvent,
    DWORD dwProcessGroupId
);
static inline wincgo_result wincgo_GenerateConsoleCtrlEvent(DWORD dwCtrlEvent, DWORD dwProcessGroupId) {
    WINCGO_CALL(GenerateConsoleCtrlEvent, dwCtrlEvent, dwProcessGroupId);
}

#endif
