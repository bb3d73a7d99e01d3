/*
 * wincgo.h: the call path every wincgo shim shares.
 *
 * Each bound Windows function has, in the header of its operation group
 * (kernel32/handle.h, kernel32/events.h, ...):
 *
 *   1. its MSDN prototype, repeated verbatim after mingw-w64's own
 *      declaration, so that a prototype that disagrees with mingw-w64's
 *      is a "conflicting types" compile error;
 *   2. a shim, wincgo_<Name> (generated into <group>/zshims_<group>.h by
 *      internal/cmd/mkshims: see cdefs/README.md), that takes handles as uintptr_t (Go keeps
 *      handles as integers, never as Go pointers), calls <Name> and reads
 *      the thread's last error in the same C call.
 *
 * Go calls only shims. GetLastError is per OS thread and the Go runtime may
 * move a goroutine to another thread, or call Windows itself, between two
 * cgo calls: reading it in a second cgo call would read someone else's error.
 */
#ifndef WINCGO_H
#define WINCGO_H

#ifndef WINCGO_PKG
#error "compile wincgo headers with -DWINCGO_PKG=<go package name> (see cdefs/README.md)"
#endif

/*
 * WIN32_LEAN_AND_MEAN leaves out the parts of windows.h no bound function
 * needs (DDE, RPC, OLE, shell, ...), which halves the time gcc spends on
 * every cgo file. winsock2.h must come before windows.h, which otherwise
 * pulls in winsock 1 (lean mode leaves that out too).
 */
#define WIN32_LEAN_AND_MEAN
#include <winsock2.h>
#include <windows.h>
#include <mswsock.h>
#include <stdint.h>
#include <string.h>

/*
 * wincgo_result is what every shim returns: the API's return value widened
 * to uintptr_t (BOOL, DWORD, HANDLE and SOCKET all fit), the last error
 * Windows left on the calling thread right after the call, whether the
 * return value is the function's failure (the prototype's
 * wincgo:fails-when rule, compared in C at the function's own return type,
 * so that a DWORD's (DWORD)-1 or an int's SOCKET_ERROR needs no widening
 * in Go), and, for a function with one scalar out-parameter (a count,
 * flags, a handle), that value: returning it here rather than through a
 * pointer to a Go variable keeps the variable on the Go stack, so the call
 * allocates nothing.
 */
typedef struct wincgo_result {
    uintptr_t ret;
    uintptr_t out;
    uint32_t lastError;
    _Bool failed; /* a Go bool in cgo */
} wincgo_result;

/*
 * Fault injection, for tests: while a fault is armed for a function name,
 * that function's shim does not call Windows and returns the fault's return
 * value and last error instead, so that every failure path of a wrapper can
 * be driven with a chosen Windows error code. Nothing is armed unless a test
 * arms it; the disarmed cost is one load.
 *
 * Each Go package has its own table (C statics are per translation unit and
 * cgo symbols are per package), defined by WINCGO_DEFINE_FAULTS in the
 * package's generated zcgo_windows.go.
 */
#define WINCGO_MAX_FAULTS 8
#define WINCGO_FAULT_NAME_MAX 64

typedef struct wincgo_fault {
    char function[WINCGO_FAULT_NAME_MAX];
    uintptr_t ret;
    uint32_t lastError;
} wincgo_fault;

typedef struct wincgo_fault_table {
    volatile LONG armed; /* number of slots in use */
    SRWLOCK lock;
    wincgo_fault slot[WINCGO_MAX_FAULTS];
} wincgo_fault_table;

#define WINCGO_CAT_(a, b) a##_##b
#define WINCGO_CAT(a, b) WINCGO_CAT_(a, b)
#define WINCGO_FAULTS WINCGO_CAT(wincgo_faults, WINCGO_PKG)
#define WINCGO_DEFINE_FAULTS wincgo_fault_table WINCGO_FAULTS = {0, SRWLOCK_INIT, {{{0}}}}

extern wincgo_fault_table WINCGO_FAULTS;

/*
 * wincgo_fault_lookup_armed is the lookup while some fault is armed: out of
 * line and cold, so that a shim's fast path (nothing armed: one load and a
 * branch) keeps its small frame.
 */
static __attribute__((noinline, cold)) int wincgo_fault_lookup_armed(const char *function, wincgo_result *out) {
    int found = 0;
    AcquireSRWLockShared(&WINCGO_FAULTS.lock);
    for (LONG i = 0; i < WINCGO_FAULTS.armed; i++) {
        if (strcmp(WINCGO_FAULTS.slot[i].function, function) == 0) {
            out->ret = WINCGO_FAULTS.slot[i].ret;
            out->out = 0;
            out->lastError = WINCGO_FAULTS.slot[i].lastError;
            found = 1;
            break;
        }
    }
    ReleaseSRWLockShared(&WINCGO_FAULTS.lock);
    if (found) {
        /* Leave the thread as the failed call would have. */
        SetLastError(out->lastError);
    }
    return found;
}

static inline int wincgo_fault_lookup(const char *function, wincgo_result *out) {
    if (__builtin_expect(WINCGO_FAULTS.armed == 0, 1)) {
        return 0;
    }
    return wincgo_fault_lookup_armed(function, out);
}

/* wincgo_fault_arm arms (or re-arms) a fault; it returns 0 when the table is full. */
static inline int wincgo_fault_arm(const char *function, uintptr_t ret, uint32_t lastError) {
    int ok = 0;
    AcquireSRWLockExclusive(&WINCGO_FAULTS.lock);
    LONG n = WINCGO_FAULTS.armed;
    LONG i = 0;
    while (i < n && strcmp(WINCGO_FAULTS.slot[i].function, function) != 0) {
        i++;
    }
    if (i < WINCGO_MAX_FAULTS && strlen(function) < WINCGO_FAULT_NAME_MAX) {
        strcpy(WINCGO_FAULTS.slot[i].function, function);
        WINCGO_FAULTS.slot[i].ret = ret;
        WINCGO_FAULTS.slot[i].lastError = lastError;
        if (i == n) {
            InterlockedIncrement(&WINCGO_FAULTS.armed);
        }
        ok = 1;
    }
    ReleaseSRWLockExclusive(&WINCGO_FAULTS.lock);
    return ok;
}

/* wincgo_fault_disarm removes the fault armed for function, if any. */
static inline void wincgo_fault_disarm(const char *function) {
    AcquireSRWLockExclusive(&WINCGO_FAULTS.lock);
    LONG n = WINCGO_FAULTS.armed;
    for (LONG i = 0; i < n; i++) {
        if (strcmp(WINCGO_FAULTS.slot[i].function, function) == 0) {
            WINCGO_FAULTS.slot[i] = WINCGO_FAULTS.slot[n - 1];
            InterlockedDecrement(&WINCGO_FAULTS.armed);
            break;
        }
    }
    ReleaseSRWLockExclusive(&WINCGO_FAULTS.lock);
}

/*
 * The thread's last error lives in its TEB (LastErrorValue); GetLastError
 * and SetLastError only read and write that field. Reading and writing it
 * inline, as Go's runtime does (runtime.getlasterror: 0x68 from the TEB
 * at gs:[0x30] on amd64, fs:[0x34] on 386; TEB_error 0x68 on arm64), saves
 * the two kernel32 calls a shim would otherwise make around every call.
 * The offsets are the documented layout of Windows' TEB (Wine's TEB is the
 * same structure); TestTEBLastError proves them against GetLastError and
 * SetLastError. Other architectures fall back to the two calls.
 */
#if defined(__x86_64__) || defined(_M_X64)
#define WINCGO_TEB_LAST_ERROR_OFFSET 0x68
#elif defined(__i386__) || defined(_M_IX86)
#define WINCGO_TEB_LAST_ERROR_OFFSET 0x34
#endif

#ifdef WINCGO_TEB_LAST_ERROR_OFFSET
/* wincgo_last_error_slot is the calling thread's LastErrorValue. */
static inline volatile DWORD *wincgo_last_error_slot(void) {
    return (volatile DWORD *)((char *)NtCurrentTeb() + WINCGO_TEB_LAST_ERROR_OFFSET);
}
static inline DWORD wincgo_get_last_error(void) { return *wincgo_last_error_slot(); }
static inline void wincgo_set_last_error(DWORD code) { *wincgo_last_error_slot() = code; }
#else
static inline DWORD wincgo_get_last_error(void) { return GetLastError(); }
static inline void wincgo_set_last_error(DWORD code) { SetLastError(code); }
#endif

/*
 * WINCGO_SHIM_BODY is the body of every shim: honour an armed fault
 * (looked up by name, a string), clear the last error (so an
 * informational code such as ERROR_ALREADY_EXISTS is never stale), call
 * the function (call, with ret declared as the function's return type),
 * read the last error with lastErrorFn before anything else can run on
 * this thread, copy the out-parameter outExpr (0 when there is none), and
 * evaluate failsWhen, the prototype's failure rule over ret (an armed
 * fault's value goes through the same rule).
 */
#define WINCGO_SHIM_BODY(lastErrorFn, outExpr, failsWhen, name, call) \
    do {                                                               \
        wincgo_result r_;                                              \
        __typeof__(call) ret;                                          \
        if (wincgo_fault_lookup(#name, &r_)) {                         \
            ret = (__typeof__(call))r_.ret;                            \
        } else {                                                       \
            wincgo_set_last_error(0);                                  \
            ret = (call);                                              \
            r_.lastError = (uint32_t)lastErrorFn();                    \
            r_.out = (uintptr_t)(outExpr);                             \
            r_.ret = (uintptr_t)ret;                                   \
        }                                                              \
        r_.failed = (failsWhen) ? 1 : 0;                               \
        return r_;                                                     \
    } while (0)

/*
 * WINCGO_CALL(failsWhen, name, args...): for kernel32 and user32
 * functions, which report through GetLastError (read inline, above).
 * failsWhen is the prototype's rule, a C expression over ret
 * (ret == INVALID_HANDLE_VALUE), or 0 for a function that cannot fail.
 */
#define WINCGO_CALL(failsWhen, name, ...) \
    WINCGO_SHIM_BODY(wincgo_get_last_error, 0, failsWhen, name, name(__VA_ARGS__))

/*
 * WINCGO_CALL_OUT: the same, for a function with one scalar out-parameter:
 * the shim declares a C local, passes its address, and names it as out; Go
 * reads it from result.out.
 */
#define WINCGO_CALL_OUT(out, failsWhen, name, ...) \
    WINCGO_SHIM_BODY(wincgo_get_last_error, out, failsWhen, name, name(__VA_ARGS__))

/*
 * WINCGO_WSACALL: for Winsock functions, which report through
 * WSAGetLastError, as MSDN prescribes (it reads the same TEB field on
 * Windows and under Wine, see TestTEBLastError, but is not documented to).
 */
#define WINCGO_WSACALL(failsWhen, name, ...) \
    WINCGO_SHIM_BODY(WSAGetLastError, 0, failsWhen, name, name(__VA_ARGS__))

/* WINCGO_WSACALL_OUT: WINCGO_CALL_OUT for Winsock functions. */
#define WINCGO_WSACALL_OUT(out, failsWhen, name, ...) \
    WINCGO_SHIM_BODY(WSAGetLastError, out, failsWhen, name, name(__VA_ARGS__))

/*
 * The VOID forms (SetLastError, DeleteProcThreadAttributeList): result.ret
 * is 0, nothing fails, and the last error is still read in the same C
 * call, after the function, for the few that set it (SetLastError and
 * WSASetLastError set nothing else).
 */
#define WINCGO_CALL_VOID(name, ...) \
    WINCGO_SHIM_BODY(wincgo_get_last_error, 0, 0, name, ((void)name(__VA_ARGS__), (uintptr_t)0))
#define WINCGO_WSACALL_VOID(name, ...) \
    WINCGO_SHIM_BODY(WSAGetLastError, 0, 0, name, ((void)name(__VA_ARGS__), (uintptr_t)0))

/*
 * WINCGO_CALL_RETCODE: for a function that returns its error code instead
 * of setting the last error (WSAStartup, wincgo:retcode): the code is the
 * result's lastError, and the call failed when it is not 0.
 */
#define WINCGO_CALL_RETCODE(name, ...)                   \
    do {                                                 \
        wincgo_result r_;                                \
        if (wincgo_fault_lookup(#name, &r_)) {           \
            r_.failed = r_.ret != 0;                     \
            return r_;                                   \
        }                                                \
        __typeof__(name(__VA_ARGS__)) ret = name(__VA_ARGS__); \
        r_.ret = (uintptr_t)ret;                         \
        r_.out = 0;                                      \
        r_.lastError = (uint32_t)ret;                    \
        r_.failed = ret != 0;                            \
        return r_;                                       \
    } while (0)

/*
 * Winsock extension functions (AcceptEx, ConnectEx, DisconnectEx,
 * TransmitFile, GetAcceptExSockaddrs; wincgo:extension): reached the
 * documented way, through a pointer WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)
 * returns (ConnectEx and DisconnectEx have no DLL export), as Go's runtime,
 * libuv, CPython and Twisted do. The generated shim asks once, of the
 * call's own socket, keeps the pointer in its static *cache, and calls
 * through it with WINCGO_WSAEXTCALL. Like those loops, wincgo keeps one
 * pointer per function for the process: Windows' TCP and UDP providers
 * over IPv4 and IPv6 (MSAFD) all return the same one. A function with no
 * socket parameter (GetAcceptExSockaddrs) passes INVALID_SOCKET, and a
 * temporary TCP socket is asked, as libuv does. It returns NULL when
 * WSAIoctl fails, WSAGetLastError saying why (WSAENOTSOCK for a handle
 * that is not a socket).
 */
static inline void *wincgo_wsa_extension(SOCKET s, const GUID *id, void **cache) {
    void *fn = __atomic_load_n(cache, __ATOMIC_ACQUIRE);
    if (fn != NULL) {
        return fn;
    }
    SOCKET tmp = INVALID_SOCKET;
    if (s == INVALID_SOCKET) {
        tmp = s = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_NO_HANDLE_INHERIT);
        if (s == INVALID_SOCKET) {
            return NULL;
        }
    }
    DWORD n = 0;
    int rc = WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, (void *)id, sizeof *id, &fn, sizeof fn, &n, NULL, NULL);
    if (tmp != INVALID_SOCKET) {
        int err = WSAGetLastError();
        closesocket(tmp);
        WSASetLastError(err);
    }
    if (rc != 0) {
        return NULL;
    }
    __atomic_store_n(cache, fn, __ATOMIC_RELEASE);
    return fn;
}

/* The result of a shim whose extension function could not be had. */
static inline wincgo_result wincgo_wsa_extension_failed(void) {
    wincgo_result r_ = {0, 0, (uint32_t)WSAGetLastError(), 1};
    return r_;
}

/* WINCGO_WSACALL and WINCGO_WSACALL_VOID through the pointer fn. */
#define WINCGO_WSAEXTCALL(failsWhen, name, fn, ...) \
    WINCGO_SHIM_BODY(WSAGetLastError, 0, failsWhen, name, fn(__VA_ARGS__))
#define WINCGO_WSAEXTCALL_VOID(name, fn, ...) \
    WINCGO_SHIM_BODY(WSAGetLastError, 0, 0, name, ((void)fn(__VA_ARGS__), (uintptr_t)0))

#endif /* WINCGO_H */
