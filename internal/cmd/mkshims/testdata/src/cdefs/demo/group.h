/* A small prototype set covering every form mkshims knows (golden test). */
#ifndef DEMO_GROUP_H
#define DEMO_GROUP_H
#include "wincgo.h"

/* Handles in and out: HANDLE becomes uintptr_t. */
WINBASEAPI HANDLE WINAPI OpenThing(
    DWORD   dwDesiredAccess,
    BOOL    bInheritHandle,
    LPCWSTR lpName
);

/* No parameters. */
WINBASEAPI HANDLE WINAPI GetCurrentThing(
    VOID
);

/* One out-parameter, after its comma; noescape. */
/* wincgo:noescape */
WINBASEAPI BOOL WINAPI CopyThing(
    HANDLE   hSource,
    LPHANDLE lpTarget, /* wincgo:out */
    DWORD    dwOptions
);

/* Two variants; a handle array; an out-parameter before its comma. */
/* wincgo:variant sync lpCount=out lpOverlapped=NULL noescape */
/* wincgo:variant all nCount=0 */
WINBASEAPI BOOL WINAPI ReadThings(
    DWORD         nCount,
    const HANDLE *pHandles,
    LPVOID        lpBuffer,
    LPDWORD       lpCount,
    LPOVERLAPPED  lpOverlapped
);

/* Winsock linkage. */
WINSOCK_API_LINKAGE int WSAAPI WSAThing(
    SOCKET   s,
    WSAEVENT hEventObject,
    long     lNetworkEvents
);

/* The error is the return value; a dropped struct local. */
/* wincgo:retcode */
WINSOCK_API_LINKAGE int WSAAPI WSAStartThing(
    WORD      wVersionRequested,
    LPWSADATA lpWSAData /* wincgo:local */
);

/* wincgo:plain */
WINSOCK_API_LINKAGE int WSAAPI WSAGetThing(void);

#endif
