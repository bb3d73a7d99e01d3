/* Winsock event functions: ws2_32/events.go. */
#ifndef WINCGO_WS2_32_EVENTS_H
#define WINCGO_WS2_32_EVENTS_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsacreateevent */
WINSOCK_API_LINKAGE WSAEVENT WSAAPI WSACreateEvent(void);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsacloseevent */
WINSOCK_API_LINKAGE BOOL WSAAPI WSACloseEvent(
    WSAEVENT hEvent
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsaeventselect */
WINSOCK_API_LINKAGE int WSAAPI WSAEventSelect(
    SOCKET   s,
    WSAEVENT hEventObject,
    long     lNetworkEvents
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsaenumnetworkevents */
/* wincgo:noescape */
WINSOCK_API_LINKAGE int WSAAPI WSAEnumNetworkEvents(
    SOCKET             s,
    WSAEVENT           hEventObject,
    LPWSANETWORKEVENTS lpNetworkEvents
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-wsagetlasterror */
/* Read as is: no fault injection, no reset (wincgo:plain). */
/* wincgo:plain */
WINSOCK_API_LINKAGE int WSAAPI WSAGetLastError(void);
/* Reads the calling OS thread's Winsock error; no fault injection, no reset. */

#endif
