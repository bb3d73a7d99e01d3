/* kernel32 process and thread attribute lists: kernel32/attrlist.go. */
#ifndef WINCGO_KERNEL32_ATTRLIST_H
#define WINCGO_KERNEL32_ATTRLIST_H
#include "wincgo.h"

/*
 * The list and the values it points at live in C memory (malloc) that the
 * Go side owns through a ProcThreadAttributeList: Windows keeps pointers to
 * the values inside the list, so neither may be Go memory, which the
 * garbage collector could move or free while the list is still in use.
 */

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-initializeprocthreadattributelist */
WINBASEAPI BOOL WINAPI InitializeProcThreadAttributeList(
    LPPROC_THREAD_ATTRIBUTE_LIST lpAttributeList,
    DWORD                        dwAttributeCount,
    DWORD                        dwFlags,
    PSIZE_T                      lpSize
);
/* lpSize is in and out: the buffer's size in, the size needed out (result.out). */
static inline wincgo_result wincgo_InitializeProcThreadAttributeList(
    uintptr_t lpAttributeList, DWORD dwAttributeCount, DWORD dwFlags, SIZE_T size) {
    WINCGO_CALL_OUT(size, InitializeProcThreadAttributeList, (LPPROC_THREAD_ATTRIBUTE_LIST)lpAttributeList,
                    dwAttributeCount, dwFlags, &size);
}

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
/* lpValue is C memory that must outlive the list (see above). */
static inline wincgo_result wincgo_UpdateProcThreadAttribute(
    uintptr_t lpAttributeList, DWORD dwFlags, uintptr_t Attribute, uintptr_t lpValue, SIZE_T cbSize,
    PVOID lpPreviousValue, PSIZE_T lpReturnSize) {
    WINCGO_CALL(UpdateProcThreadAttribute, (LPPROC_THREAD_ATTRIBUTE_LIST)lpAttributeList, dwFlags,
                (DWORD_PTR)Attribute, (PVOID)lpValue, cbSize, lpPreviousValue, lpReturnSize);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-deleteprocthreadattributelist */
WINBASEAPI VOID WINAPI DeleteProcThreadAttributeList(
    LPPROC_THREAD_ATTRIBUTE_LIST lpAttributeList
);
/* DeleteProcThreadAttributeList returns nothing and cannot fail. */
static inline wincgo_result wincgo_DeleteProcThreadAttributeList(uintptr_t lpAttributeList) {
    wincgo_result r = {0, 0, 0};
    if (wincgo_fault_lookup("DeleteProcThreadAttributeList", &r)) {
        return r;
    }
    DeleteProcThreadAttributeList((LPPROC_THREAD_ATTRIBUTE_LIST)lpAttributeList);
    return r;
}

#endif
