/* Winsock event functions: ws2_32/events.go. */
#ifndef WINCGO_WS2_32_EVENTS_H
#define WINCGO_WS2_32_EVENTS_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsacreateevent */
/* wincgo:fails-when ret == WSA_INVALID_EVENT */
WINSOCK_API_LINKAGE WSAEVENT WSAAPI WSACreateEvent(void);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsacloseevent */
WINSOCK_API_LINKAGE BOOL WSAAPI WSACloseEvent(
    WSAEVENT hEvent
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsaeventselect */
/* wincgo:fails-when ret == SOCKET_ERROR */
WINSOCK_API_LINKAGE int WSAAPI WSAEventSelect(
    SOCKET   s,
    WSAEVENT hEventObject,
    long     lNetworkEvents
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsaenumnetworkevents */
/* wincgo:fails-when ret == SOCKET_ERROR */
/* wincgo:noescape lpNetworkEvents: written during the call only */
WINSOCK_API_LINKAGE int WSAAPI WSAEnumNetworkEvents(
    SOCKET             s,
    WSAEVENT           hEventObject,
    LPWSANETWORKEVENTS lpNetworkEvents
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-wsagetlasterror */
/* Read as it is: the usual call would clear it first. */
/* wincgo:keep-last-error */
WINSOCK_API_LINKAGE int WSAAPI WSAGetLastError(void);

#endif
