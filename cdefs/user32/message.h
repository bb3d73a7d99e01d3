/* user32 message queue functions: user32/message.go. */
#ifndef WINCGO_USER32_MESSAGE_H
#define WINCGO_USER32_MESSAGE_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-peekmessagew */
/* PeekMessage delivers sent messages to window procedures, which may be Go. */
/* wincgo:noescape */
/* wincgo:callback */
WINUSERAPI BOOL WINAPI PeekMessageW(
    LPMSG lpMsg,
    HWND  hWnd,
    UINT  wMsgFilterMin,
    UINT  wMsgFilterMax,
    UINT  wRemoveMsg
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-translatemessage */
/* wincgo:noescape */
WINUSERAPI BOOL WINAPI TranslateMessage(
    const MSG *lpMsg
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-dispatchmessagew */
/* wincgo:callback */
WINUSERAPI LRESULT WINAPI DispatchMessageW(
    const MSG *lpMsg
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-postthreadmessagew */
WINUSERAPI BOOL WINAPI PostThreadMessageW(
    DWORD  idThread,
    UINT   Msg,
    WPARAM wParam,
    LPARAM lParam
);

#endif
