/*
 * The Winsock extension functions of mswsock.h: ws2_32/mswsock.go. Each is
 * called through the pointer WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)
 * returns for its GUID (wincgo:extension WSAID_X SOCKETPARAM, see
 * cdefs/wincgo.h), the documented way: ConnectEx and DisconnectEx have no
 * DLL export. The generated shim checks each prototype against mswsock.h's
 * LPFN_ type. Buffers and OVERLAPPEDs stay pinned by the wrapper until the
 * operation is collected; the byte counts are NULL when there is an
 * OVERLAPPED (they come from it or the port's packet).
 */
#ifndef WINCGO_WS2_32_MSWSOCK_H
#define WINCGO_WS2_32_MSWSOCK_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/mswsock/nf-mswsock-acceptex */
/* wincgo:extension WSAID_ACCEPTEX sListenSocket */
BOOL WINAPI AcceptEx(
    SOCKET       sListenSocket,
    SOCKET       sAcceptSocket,
    PVOID        lpOutputBuffer, /* wincgo:no-go-pointers */
    DWORD        dwReceiveDataLength,
    DWORD        dwLocalAddressLength,
    DWORD        dwRemoteAddressLength,
    LPDWORD      lpdwBytesReceived,
    LPOVERLAPPED lpOverlapped /* wincgo:no-go-pointers */
);

/*
 * https://learn.microsoft.com/en-us/windows/win32/api/mswsock/nf-mswsock-getacceptexsockaddrs
 * It has no socket to ask for its pointer: a temporary one is asked. The
 * two addresses point into lpOutputBuffer; they cross as integers.
 */
/* wincgo:extension WSAID_GETACCEPTEXSOCKADDRS */
/* wincgo:noescape lpOutputBuffer LocalSockaddr LocalSockaddrLength RemoteSockaddr RemoteSockaddrLength: used during the call only */
VOID WINAPI GetAcceptExSockaddrs(
    PVOID           lpOutputBuffer, /* wincgo:no-go-pointers */
    DWORD           dwReceiveDataLength,
    DWORD           dwLocalAddressLength,
    DWORD           dwRemoteAddressLength,
    struct sockaddr **LocalSockaddr,
    LPINT           LocalSockaddrLength,
    struct sockaddr **RemoteSockaddr,
    LPINT           RemoteSockaddrLength
);

/* https://learn.microsoft.com/en-us/windows/win32/api/mswsock/nc-mswsock-lpfn_connectex */
/* wincgo:extension WSAID_CONNECTEX s */
BOOL WINAPI ConnectEx(
    SOCKET                s,
    const struct sockaddr *name, /* wincgo:no-go-pointers */
    int                   namelen,
    PVOID                 lpSendBuffer, /* wincgo:no-go-pointers */
    DWORD                 dwSendDataLength,
    LPDWORD               lpdwBytesSent,
    LPOVERLAPPED          lpOverlapped /* wincgo:no-go-pointers */
);

/* https://learn.microsoft.com/en-us/windows/win32/api/mswsock/nc-mswsock-lpfn_disconnectex */
/* wincgo:extension WSAID_DISCONNECTEX s */
BOOL WINAPI DisconnectEx(
    SOCKET       s,
    LPOVERLAPPED lpOverlapped, /* wincgo:no-go-pointers */
    DWORD        dwFlags,
    DWORD        dwReserved
);

/* https://learn.microsoft.com/en-us/windows/win32/api/mswsock/nf-mswsock-transmitfile */
/* wincgo:extension WSAID_TRANSMITFILE hSocket */
BOOL WINAPI TransmitFile(
    SOCKET                  hSocket,
    HANDLE                  hFile,
    DWORD                   nNumberOfBytesToWrite,
    DWORD                   nNumberOfBytesPerSend,
    LPOVERLAPPED            lpOverlapped, /* wincgo:no-go-pointers */
    LPTRANSMIT_FILE_BUFFERS lpTransmitBuffers,
    DWORD                   dwReserved
);

#endif
