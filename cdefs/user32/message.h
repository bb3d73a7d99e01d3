/* user32 message queue functions: user32/message.go. */
#ifndef WINCGO_USER32_MESSAGE_H
#define WINCGO_USER32_MESSAGE_H
#include "wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-peekmessagew */
WINUSERAPI BOOL WINAPI PeekMessageW(
    LPMSG lpMsg,
    HWND  hWnd,
    UINT  wMsgFilterMin,
    UINT  wMsgFilterMax,
    UINT  wRemoveMsg
);
static inline wincgo_result wincgo_PeekMessageW(
    LPMSG lpMsg, uintptr_t hWnd, UINT wMsgFilterMin, UINT wMsgFilterMax, UINT wRemoveMsg) {
    WINCGO_CALL(PeekMessageW, lpMsg, (HWND)hWnd, wMsgFilterMin, wMsgFilterMax, wRemoveMsg);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-translatemessage */
WINUSERAPI BOOL WINAPI TranslateMessage(
    const MSG *lpMsg
);
static inline wincgo_result wincgo_TranslateMessage(const MSG *lpMsg) {
    WINCGO_CALL(TranslateMessage, lpMsg);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-dispatchmessagew */
WINUSERAPI LRESULT WINAPI DispatchMessageW(
    const MSG *lpMsg
);
static inline wincgo_result wincgo_DispatchMessageW(const MSG *lpMsg) {
    WINCGO_CALL(DispatchMessageW, lpMsg);
}

/* https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-postthreadmessagew */
WINUSERAPI BOOL WINAPI PostThreadMessageW(
    DWORD  idThread,
    UINT   Msg,
    WPARAM wParam,
    LPARAM lParam
);
static inline wincgo_result wincgo_PostThreadMessageW(
    DWORD idThread, UINT Msg, uintptr_t wParam, uintptr_t lParam) {
    WINCGO_CALL(PostThreadMessageW, idThread, Msg, (WPARAM)wParam, (LPARAM)lParam);
}

#endif
