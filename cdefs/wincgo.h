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
#include <stdint.h>
#include <string.h>

/*
 * wincgo_result is what every shim returns: the API's return value widened
 * to uintptr_t (BOOL, DWORD, HANDLE and SOCKET all fit), the last error
 * Windows left on the calling thread right after the call, and, for a
 * function with one scalar out-parameter (a count, flags, a handle), that
 * value: returning it here rather than through a pointer to a Go variable
 * keeps the variable on the Go stack, so the call allocates nothing.
 */
typedef struct wincgo_result {
    uintptr_t ret;
    uintptr_t out;
    uint32_t lastError;
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
 * WINCGO_SHIM_BODY is the body of every shim but the scalar ones: honour
 * an armed fault (looked up by name, a string), clear the last error (so
 * an informational code such as ERROR_ALREADY_EXISTS is never stale),
 * evaluate call (the API call, as a uintptr_t), read the last error with
 * lastErrorFn before anything else can run on this thread, and copy the
 * out-parameter outExpr (0 when there is none).
 */
#define WINCGO_SHIM_BODY(lastErrorFn, outExpr, name, call)       \
    do {                                                          \
        wincgo_result r_;                                         \
        if (wincgo_fault_lookup(name, &r_)) {                     \
            return r_;                                            \
        }                                                         \
        wincgo_set_last_error(0);                                 \
        r_.ret = (call);                                          \
        r_.lastError = (uint32_t)lastErrorFn();                   \
        r_.out = (uintptr_t)(outExpr);                            \
        return r_;                                                \
    } while (0)

/* WINCGO_CALL_BODY: the body for a function returning a value. */
#define WINCGO_CALL_BODY(lastErrorFn, outExpr, name, ...) \
    WINCGO_SHIM_BODY(lastErrorFn, outExpr, #name, (uintptr_t)(name(__VA_ARGS__)))

/*
 * WINCGO_CALL: for kernel32 and user32 functions, which report through
 * GetLastError (read inline, above).
 */
#define WINCGO_CALL(name, ...) WINCGO_CALL_BODY(wincgo_get_last_error, 0, name, __VA_ARGS__)

/*
 * WINCGO_CALL_OUT: the same, for a function with one scalar out-parameter:
 * the shim declares a C local, passes its address, and names it as out; Go
 * reads it from result.out.
 */
#define WINCGO_CALL_OUT(out, name, ...) WINCGO_CALL_BODY(wincgo_get_last_error, out, name, __VA_ARGS__)

/*
 * WINCGO_WSACALL: for Winsock functions, which report through
 * WSAGetLastError, as MSDN prescribes (it reads the same TEB field on
 * Windows and under Wine, see TestTEBLastError, but is not documented to).
 */
#define WINCGO_WSACALL(name, ...) WINCGO_CALL_BODY(WSAGetLastError, 0, name, __VA_ARGS__)

/* WINCGO_WSACALL_OUT: WINCGO_CALL_OUT for Winsock functions. */
#define WINCGO_WSACALL_OUT(out, name, ...) WINCGO_CALL_BODY(WSAGetLastError, out, name, __VA_ARGS__)

/*
 * WINCGO_CALL_VOID_BODY is WINCGO_CALL_BODY for a function returning VOID
 * (SetLastError, DeleteProcThreadAttributeList): result.ret is 0 and the
 * last error is still read in the same C call, after the function, for
 * the few that set it (SetLastError and WSASetLastError set nothing else).
 */
#define WINCGO_CALL_VOID_BODY(lastErrorFn, name, ...) \
    WINCGO_SHIM_BODY(lastErrorFn, 0, #name, ((void)name(__VA_ARGS__), (uintptr_t)0))

/* WINCGO_CALL_VOID and WINCGO_WSACALL_VOID: the VOID forms. */
#define WINCGO_CALL_VOID(name, ...) WINCGO_CALL_VOID_BODY(wincgo_get_last_error, name, __VA_ARGS__)
#define WINCGO_WSACALL_VOID(name, ...) WINCGO_CALL_VOID_BODY(WSAGetLastError, name, __VA_ARGS__)

/*
 * wincgo_scalar is what a wincgo:scalar shim returns: the value, and the
 * last error only when the value is the function's failure value (0
 * otherwise). Two words and no pointer: cgo passes it back without
 * touching the Go heap, and Go keeps it in registers. lastError is a
 * word, not a uint32_t, so that the struct has no padding: cgo would
 * render that padding as a `_ [4]byte` field, and a Go struct holding
 * an array of more than one element is copied through memory (16 bytes
 * out of cgo's result slot, 16 bytes back) instead of read field by field.
 */
typedef struct wincgo_scalar {
    uintptr_t ret;
    uintptr_t lastError;
} wincgo_scalar;

/*
 * WINCGO_CALL_SCALAR_BODY is the body of a wincgo:scalar shim, the
 * lightest call path, for a function that always sets the last error when
 * it returns its failure value fail (GetStdHandle and
 * INVALID_HANDLE_VALUE) and whose last error means nothing otherwise: no
 * clearing before the call, and the last error read, still in the same C
 * call, only when the value is fail.
 */
#define WINCGO_CALL_SCALAR_BODY(lastErrorFn, fail, name, ...)    \
    do {                                                          \
        wincgo_scalar s_ = {0, 0};                                \
        wincgo_result f_;                                         \
        if (wincgo_fault_lookup(#name, &f_)) {                    \
            s_.ret = f_.ret;                                      \
            s_.lastError = f_.lastError;                          \
            return s_;                                            \
        }                                                         \
        __typeof__(name(__VA_ARGS__)) v_ = name(__VA_ARGS__);     \
        s_.ret = (uintptr_t)v_;                                   \
        if (__builtin_expect(v_ == (fail), 0)) {                  \
            s_.lastError = (uint32_t)lastErrorFn();               \
        }                                                         \
        return s_;                                                \
    } while (0)

/*
 * WINCGO_CALL_VALUE is the body of a wincgo:scalar function's first shim:
 * the value alone, one word, returned the way cgo returns a bare call's
 * (a two-word result costs about 2% of GetStdHandle's 50 ns: bench/,
 * BenchmarkGetStdHandle), or an armed fault's. It reads no last error:
 * when the value is the failure value, the wrapper calls the function
 * again through its second shim, <shim>_checked (WINCGO_CALL_SCALAR),
 * which reads the last error in that same call and whose result the
 * wrapper returns. Right only for a function without side effects, which
 * wincgo:scalar requires.
 */
#define WINCGO_CALL_VALUE(name, ...)                       \
    do {                                                   \
        wincgo_result f_;                                  \
        if (wincgo_fault_lookup(#name, &f_)) {             \
            return f_.ret;                                 \
        }                                                  \
        return (uintptr_t)name(__VA_ARGS__);               \
    } while (0)

/* WINCGO_CALL_SCALAR and WINCGO_WSACALL_SCALAR: the scalar forms. */
#define WINCGO_CALL_SCALAR(fail, name, ...) WINCGO_CALL_SCALAR_BODY(wincgo_get_last_error, fail, name, __VA_ARGS__)
#define WINCGO_WSACALL_SCALAR(fail, name, ...) WINCGO_CALL_SCALAR_BODY(WSAGetLastError, fail, name, __VA_ARGS__)

#endif /* WINCGO_H */
