/* kernel32 process and thread attribute lists: kernel32/attrlist.go. */
#ifndef WINCGO_KERNEL32_ATTRLIST_H
#define WINCGO_KERNEL32_ATTRLIST_H
#include "../wincgo.h"

/*
 * The list and the values it points at live in C memory (LocalAlloc) that
 * the Go side owns through a ProcThreadAttributeList: Windows keeps
 * pointers to the values inside the list, so neither may be Go memory,
 * which the garbage collector could move or free while the list is still
 * in use. LocalAlloc, not malloc, so that the memory comes through the
 * generated shims like every other call (no wrapper file imports "C") and
 * a test can make it fail (fault injection).
 */

/* https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-localalloc */
WINBASEAPI HLOCAL WINAPI LocalAlloc(
    UINT   uFlags,
    SIZE_T uBytes
);

/*
 * https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-localfree
 * NULL is success and the handle back is the failure, which a "ret ==" rule
 * cannot say; it fails only for an address LocalAlloc did not return, which
 * wincgo never passes, so freeC ignores the value.
 */
/* wincgo:fails-when never */
WINBASEAPI HLOCAL WINAPI LocalFree(
    HLOCAL hMem
);

/*
 * https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-initializeprocthreadattributelist
 * lpSize is in and out: the buffer's size in, the size needed out (result.out).
 */
WINBASEAPI BOOL WINAPI InitializeProcThreadAttributeList(
    LPPROC_THREAD_ATTRIBUTE_LIST lpAttributeList,
    DWORD                        dwAttributeCount,
    DWORD                        dwFlags,
    PSIZE_T                      lpSize /* wincgo:inout */
);

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-updateprocthreadattribute */
WINBASEAPI BOOL WINAPI UpdateProcThreadAttribute(
    LPPROC_THREAD_ATTRIBUTE_LIST lpAttributeList,
    DWORD                        dwFlags,
    DWORD_PTR                    Attribute,
    PVOID                        lpValue,
    SIZE_T                       cbSize,
    PVOID                        lpPreviousValue,
    PSIZE_T                      lpReturnSize
);

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-deleteprocthreadattributelist */
WINBASEAPI VOID WINAPI DeleteProcThreadAttributeList(
    LPPROC_THREAD_ATTRIBUTE_LIST lpAttributeList
);

#endif
