/* Socket life: ws2_32/socket.go. */
#ifndef WINCGO_WS2_32_SOCKET_H
#define WINCGO_WS2_32_SOCKET_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsasocketw */
/* wincgo:fails-when ret == INVALID_SOCKET */
WINSOCK_API_LINKAGE SOCKET WSAAPI WSASocketW(
    int                 af,
    int                 type,
    int                 protocol,
    LPWSAPROTOCOL_INFOW lpProtocolInfo,
    GROUP               g,
    DWORD               dwFlags
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-closesocket */
/* wincgo:fails-when ret == SOCKET_ERROR */
WINSOCK_API_LINKAGE int WSAAPI closesocket(
    SOCKET s
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-bind */
/* wincgo:fails-when ret == SOCKET_ERROR */
/* wincgo:noescape name: read during the call only */
WINSOCK_API_LINKAGE int WSAAPI bind(
    SOCKET                s,
    const struct sockaddr *name,
    int                   namelen
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-listen */
/* wincgo:fails-when ret == SOCKET_ERROR */
WINSOCK_API_LINKAGE int WSAAPI listen(
    SOCKET s,
    int    backlog
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-getsockname */
/* wincgo:fails-when ret == SOCKET_ERROR */
/* wincgo:noescape name namelen: written during the call only */
WINSOCK_API_LINKAGE int WSAAPI getsockname(
    SOCKET          s,
    struct sockaddr *name,
    int             *namelen
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-getpeername */
/* wincgo:fails-when ret == SOCKET_ERROR */
/* wincgo:noescape name namelen: written during the call only */
WINSOCK_API_LINKAGE int WSAAPI getpeername(
    SOCKET          s,
    struct sockaddr *name,
    int             *namelen
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-shutdown */
/* wincgo:fails-when ret == SOCKET_ERROR */
WINSOCK_API_LINKAGE int WSAAPI shutdown(
    SOCKET s,
    int    how
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-setsockopt */
/* wincgo:fails-when ret == SOCKET_ERROR */
/* wincgo:noescape optval: read during the call only */
WINSOCK_API_LINKAGE int WSAAPI setsockopt(
    SOCKET     s,
    int        level,
    int        optname,
    const char *optval, /* wincgo:no-go-pointers */
    int        optlen
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-getsockopt */
/* wincgo:fails-when ret == SOCKET_ERROR */
/* wincgo:noescape optval optlen: written during the call only */
WINSOCK_API_LINKAGE int WSAAPI getsockopt(
    SOCKET s,
    int    level,
    int    optname,
    char   *optval, /* wincgo:no-go-pointers */
    int    *optlen
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-ioctlsocket */
/* wincgo:fails-when ret == SOCKET_ERROR */
/* wincgo:noescape argp: read and written during the call only */
WINSOCK_API_LINKAGE int WSAAPI ioctlsocket(
    SOCKET s,
    long   cmd,
    u_long *argp
);

/*
 * https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsaioctl
 * wincgo calls it without an OVERLAPPED or a completion routine, so that
 * Windows is done with every buffer when it returns.
 */
/* wincgo:fails-when ret == SOCKET_ERROR */
/* wincgo:noescape lpvInBuffer lpvOutBuffer lpcbBytesReturned lpOverlapped lpCompletionRoutine: used during the call only (synchronous) */
WINSOCK_API_LINKAGE int WSAAPI WSAIoctl(
    SOCKET                             s,
    DWORD                              dwIoControlCode,
    LPVOID                             lpvInBuffer, /* wincgo:no-go-pointers */
    DWORD                              cbInBuffer,
    LPVOID                             lpvOutBuffer, /* wincgo:no-go-pointers */
    DWORD                              cbOutBuffer,
    LPDWORD                            lpcbBytesReturned,
    LPWSAOVERLAPPED                    lpOverlapped, /* wincgo:no-go-pointers */
    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine
);

#endif
