/* ws2_32 last-error function: ws2_32/lasterror.go. */
#ifndef WINCGO_WS2_32_LASTERROR_H
#define WINCGO_WS2_32_LASTERROR_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-wsasetlasterror */
WINSOCK_API_LINKAGE void WSAAPI WSASetLastError(
    int iError
);

#endif
