/* kernel32 thread functions: kernel32/thread.go. */
#ifndef WINCGO_KERNEL32_THREAD_H
#define WINCGO_KERNEL32_THREAD_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-getcurrentthreadid */
/* wincgo:fails-when never */
WINBASEAPI DWORD WINAPI GetCurrentThreadId(
    VOID
);

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-resumethread */
/* wincgo:fails-when ret == 0xFFFFFFFF */
WINBASEAPI DWORD WINAPI ResumeThread(
    HANDLE hThread
);

/* https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-suspendthread */
/* wincgo:fails-when ret == 0xFFFFFFFF */
WINBASEAPI DWORD WINAPI SuspendThread(
    HANDLE hThread
);

#endif
