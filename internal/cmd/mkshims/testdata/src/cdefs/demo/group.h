/* A small prototype set covering every form mkshims knows (golden test). */
#ifndef DEMO_GROUP_H
#define DEMO_GROUP_H
#include "../wincgo.h"

/* Handles in and out: HANDLE becomes uintptr_t; a handle fails as NULL
 * unless told otherwise. */
/* wincgo:noescape lpName: read during the call only */
WINBASEAPI HANDLE WINAPI OpenThing(
    DWORD   dwDesiredAccess,
    BOOL    bInheritHandle,
    LPCWSTR lpName
);

/* No parameters; cannot fail. */
/* wincgo:fails-when never */
WINBASEAPI HANDLE WINAPI GetCurrentThing(
    VOID
);

/* One out-parameter, after its comma: no pointer left to mark noescape. */
WINBASEAPI BOOL WINAPI CopyThing(
    HANDLE   hSource,
    LPHANDLE lpTarget, /* wincgo:out */
    DWORD    dwOptions
);

/* Two variants; a handle array; an out-parameter before its comma; a
 * pointer to memory without Go pointers, which cgo need not check. */
/* wincgo:variant sync lpCount=out lpOverlapped=NULL noescape=pHandles,lpBuffer */
/* wincgo:variant all nCount=0 */
WINBASEAPI BOOL WINAPI ReadThings(
    DWORD         nCount,
    const HANDLE *pHandles,
    LPVOID        lpBuffer,
    LPDWORD       lpCount,
    LPOVERLAPPED  lpOverlapped /* wincgo:no-go-pointers */
);

/* An address Windows only carries, an integer in Go. */
WINBASEAPI BOOL WINAPI PostThing(
    HANDLE       hPort,
    LPOVERLAPPED lpOverlapped /* wincgo:address */
);

/* Winsock linkage; a failing value other than FALSE or NULL. */
/* wincgo:fails-when ret == SOCKET_ERROR */
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

/* The last error as it is: no fault injection, nothing cleared. */
/* wincgo:keep-last-error */
WINSOCK_API_LINKAGE int WSAAPI WSAGetThing(void);

/* VOID: result.ret is 0, the last error is still read. */
WINBASEAPI VOID WINAPI DropThing(
    HANDLE hThing
);

/* VOID with Winsock linkage. */
WINSOCK_API_LINKAGE void WSAAPI WSASetThing(
    int iThing
);

/* A C enumeration; an in-and-out parameter. */
WINBASEAPI BOOL WINAPI SizeThing(
    JOBOBJECTINFOCLASS Class,
    PSIZE_T            lpSize /* wincgo:inout */
);

/* A handle that fails as INVALID_HANDLE_VALUE. */
/* wincgo:fails-when ret == INVALID_HANDLE_VALUE */
WINBASEAPI HANDLE WINAPI GetStdThing(
    DWORD nStdThing
);

/* A DWORD that fails as (DWORD)-1. */
/* wincgo:fails-when ret == 0xFFFFFFFF */
WINBASEAPI DWORD WINAPI CountThing(
    HANDLE hThing
);

#endif
