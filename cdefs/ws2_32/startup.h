/* Winsock initialisation: ws2_32/startup.go. */
#ifndef WINCGO_WS2_32_STARTUP_H
#define WINCGO_WS2_32_STARTUP_H
#include "../wincgo.h"

/*
 * https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-wsastartup
 * WSAStartup returns its error code rather than setting the last error
 * (WSAGetLastError is not usable before Winsock is initialised): wincgo:retcode
 * reports the returned code as the result's lastError. WSADATA stays in C
 * (wincgo:local): wincgo needs none of it.
 */
/* wincgo:retcode */
WINSOCK_API_LINKAGE int WSAAPI WSAStartup(
    WORD      wVersionRequested,
    LPWSADATA lpWSAData /* wincgo:local */
);

#endif
