/* Winsock initialisation: ws2_32/startup.go. */
#ifndef WINCGO_WS2_32_STARTUP_H
#define WINCGO_WS2_32_STARTUP_H
#include "wincgo.h"

/* The Winsock version wincgo asks for: 2.2, the only one current Windows provides. */
#define WINCGO_WINSOCK_VERSION MAKEWORD(2, 2)

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-wsastartup */
WINSOCK_API_LINKAGE int WSAAPI WSAStartup(
    WORD      wVersionRequested,
    LPWSADATA lpWSAData
);
/*
 * WSAStartup returns its error code rather than setting the last error
 * (WSAGetLastError is not usable before Winsock is initialised), so this
 * shim cannot use WINCGO_WSACALL: it reports the returned code as the
 * result's lastError. WSADATA stays in C: wincgo needs none of it.
 */
static inline wincgo_result wincgo_WSAStartup(WORD wVersionRequested) {
    wincgo_result r;
    WSADATA data;
    if (wincgo_fault_lookup("WSAStartup", &r)) {
        return r;
    }
    int code = WSAStartup(wVersionRequested, &data);
    r.ret = (uintptr_t)code;
    r.lastError = (uint32_t)code;
    return r;
}

#endif
