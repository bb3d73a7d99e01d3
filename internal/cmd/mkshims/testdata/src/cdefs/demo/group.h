/* A small prototype set covering every form mkshims knows (golden test). */
#ifndef DEMO_GROUP_H
#define DEMO_GROUP_H
#include "../wincgo.h"

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

/* Two variants; a handle array; an out-parameter before its comma; a
 * pointer to memory without Go pointers, which cgo need not check. */
/* wincgo:variant sync lpCount=out lpOverlapped=NULL noescape */
/* wincgo:variant all nCount=0 */
WINBASEAPI BOOL WINAPI ReadThings(
    DWORD         nCount,
    const HANDLE *pHandles,
    LPVOID        lpBuffer,
    LPDWORD       lpCount,
    LPOVERLAPPED  lpOverlapped /* wincgo:bytes */
);

/* An address Windows only carries, an integer in Go. */
WINBASEAPI BOOL WINAPI PostThing(
    HANDLE       hPort,
    LPOVERLAPPED lpOverlapped /* wincgo:address */
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

/* The scalar form: the value alone, the last error only on failure. */
/* wincgo:scalar INVALID_HANDLE_VALUE */
WINBASEAPI HANDLE WINAPI GetStdThing(
    DWORD nStdThing
);

#endif
