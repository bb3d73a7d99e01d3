/* Overlapped Winsock I/O: ws2_32/overlapped.go. */
#ifndef WINCGO_WS2_32_OVERLAPPED_H
#define WINCGO_WS2_32_OVERLAPPED_H
#include "../wincgo.h"

/*
 * The buffers, the WSABUF array (it holds Go pointers: cgo checks they are
 * pinned), the flags, WSARecvFrom's address and the OVERLAPPED stay pinned
 * by the wrapper until the operation is collected (internal/overlapped);
 * the byte count is NULL when there is an OVERLAPPED, as MSDN advises (it
 * comes from the OVERLAPPED or the port's packet).
 */

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsarecv */
/* wincgo:fails-when ret == SOCKET_ERROR */
WINSOCK_API_LINKAGE int WSAAPI WSARecv(
    SOCKET                             s,
    LPWSABUF                           lpBuffers,
    DWORD                              dwBufferCount,
    LPDWORD                            lpNumberOfBytesRecvd,
    LPDWORD                            lpFlags,
    LPWSAOVERLAPPED                    lpOverlapped, /* wincgo:no-go-pointers */
    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsarecvfrom */
/* wincgo:fails-when ret == SOCKET_ERROR */
WINSOCK_API_LINKAGE int WSAAPI WSARecvFrom(
    SOCKET                             s,
    LPWSABUF                           lpBuffers,
    DWORD                              dwBufferCount,
    LPDWORD                            lpNumberOfBytesRecvd,
    LPDWORD                            lpFlags,
    struct sockaddr                    *lpFrom, /* wincgo:no-go-pointers */
    LPINT                              lpFromlen,
    LPWSAOVERLAPPED                    lpOverlapped, /* wincgo:no-go-pointers */
    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsasend */
/* wincgo:fails-when ret == SOCKET_ERROR */
WINSOCK_API_LINKAGE int WSAAPI WSASend(
    SOCKET                             s,
    LPWSABUF                           lpBuffers,
    DWORD                              dwBufferCount,
    LPDWORD                            lpNumberOfBytesSent,
    DWORD                              dwFlags,
    LPWSAOVERLAPPED                    lpOverlapped, /* wincgo:no-go-pointers */
    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsasendto */
/* wincgo:fails-when ret == SOCKET_ERROR */
WINSOCK_API_LINKAGE int WSAAPI WSASendTo(
    SOCKET                             s,
    LPWSABUF                           lpBuffers,
    DWORD                              dwBufferCount,
    LPDWORD                            lpNumberOfBytesSent,
    DWORD                              dwFlags,
    const struct sockaddr              *lpTo, /* wincgo:no-go-pointers */
    int                                iTolen,
    LPWSAOVERLAPPED                    lpOverlapped, /* wincgo:no-go-pointers */
    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winsock2/nf-winsock2-wsagetoverlappedresult */
/* wincgo:noescape lpOverlapped lpcbTransfer lpdwFlags: used during the call only (the OVERLAPPED is pinned by the operation's wrapper) */
WINSOCK_API_LINKAGE BOOL WSAAPI WSAGetOverlappedResult(
    SOCKET          s,
    LPWSAOVERLAPPED lpOverlapped, /* wincgo:no-go-pointers */
    LPDWORD         lpcbTransfer,
    BOOL            fWait,
    LPDWORD         lpdwFlags
);

#endif
