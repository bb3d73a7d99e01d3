/* kernel32 thread functions: kernel32/thread.go. */
#ifndef WINCGO_KERNEL32_THREAD_H
#define WINCGO_KERNEL32_THREAD_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-getcurrentthreadid */
WINBASEAPI DWORD WINAPI GetCurrentThreadId(
    VOID
);

#endif
