/* Winsock event functions: ws2_32/events.go. */
#ifndef WINCGO_WS2_32_EVENTS_H
#define WINCGO_WS2_32_EVENTS_H
#include "wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsacreateevent */
WINSOCK_API_LINKAGE WSAEVENT WSAAPI WSACreateEvent(void);
static inline wincgo_result wincgo_WSACreateEvent(void) {
    WINCGO_WSACALL(WSACreateEvent);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsacloseevent */
WINSOCK_API_LINKAGE BOOL WSAAPI WSACloseEvent(
    WSAEVENT hEvent
);
static inline wincgo_result wincgo_WSACloseEvent(uintptr_t hEvent) {
    WINCGO_WSACALL(WSACloseEvent, (WSAEVENT)hEvent);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsaeventselect */
WINSOCK_API_LINKAGE int WSAAPI WSAEventSelect(
    SOCKET   s,
    WSAEVENT hEventObject,
    long     lNetworkEvents
);
static inline wincgo_result wincgo_WSAEventSelect(uintptr_t s, uintptr_t hEventObject, long lNetworkEvents) {
    WINCGO_WSACALL(WSAEventSelect, (SOCKET)s, (WSAEVENT)hEventObject, lNetworkEvents);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsaenumnetworkevents */
WINSOCK_API_LINKAGE int WSAAPI WSAEnumNetworkEvents(
    SOCKET             s,
    WSAEVENT           hEventObject,
    LPWSANETWORKEVENTS lpNetworkEvents
);
static inline wincgo_result wincgo_WSAEnumNetworkEvents(uintptr_t s, uintptr_t hEventObject, LPWSANETWORKEVENTS lpNetworkEvents) {
    WINCGO_WSACALL(WSAEnumNetworkEvents, (SOCKET)s, (WSAEVENT)hEventObject, lpNetworkEvents);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-wsagetlasterror */
WINSOCK_API_LINKAGE int WSAAPI WSAGetLastError(void);
/* Reads the calling OS thread's Winsock error; no fault injection, no reset. */
static inline int wincgo_WSAGetLastError(void) {
    return WSAGetLastError();
}

#endif
