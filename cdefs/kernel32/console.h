/* kernel32 console functions: kernel32/console.go. */
#ifndef WINCGO_KERNEL32_CONSOLE_H
#define WINCGO_KERNEL32_CONSOLE_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/console/setconsoletextattribute */
WINBASEAPI BOOL WINAPI SetConsoleTextAttribute(
    HANDLE hConsoleOutput,
    WORD   wAttributes
);

/* https://learn.microsoft.com/en-us/windows/console/getconsolescreenbufferinfo */
/* wincgo:noescape lpConsoleScreenBufferInfo: written during the call only */
WINBASEAPI BOOL WINAPI GetConsoleScreenBufferInfo(
    HANDLE                      hConsoleOutput,
    PCONSOLE_SCREEN_BUFFER_INFO lpConsoleScreenBufferInfo
);

/* https://learn.microsoft.com/en-us/windows/console/createconsolescreenbuffer */
/* wincgo:fails-when ret == INVALID_HANDLE_VALUE */
/* wincgo:noescape lpSecurityAttributes lpScreenBufferData: read during the call only */
WINBASEAPI HANDLE WINAPI CreateConsoleScreenBuffer(
    DWORD                     dwDesiredAccess,
    DWORD                     dwShareMode,
    const SECURITY_ATTRIBUTES *lpSecurityAttributes,
    DWORD                     dwFlags,
    LPVOID                    lpScreenBufferData
);

/* https://learn.microsoft.com/en-us/windows/console/generateconsolectrlevent */
WINBASEAPI BOOL WINAPI GenerateConsoleCtrlEvent(
    DWORD dwCtrlEvent,
    DWORD dwProcessGroupId
);

#endif
