/* user32 message queue functions: user32/message.go. */
#ifndef WINCGO_USER32_MESSAGE_H
#define WINCGO_USER32_MESSAGE_H
#include "../wincgo.h"

/* https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-peekmessagew */
/* PeekMessage delivers sent messages to window procedures, which may be Go;
 * its return says whether a message was there, never a failure. */
/* wincgo:fails-when never */
/* wincgo:callback */
WINUSERAPI BOOL WINAPI PeekMessageW(
    LPMSG lpMsg,
    HWND  hWnd,
    UINT  wMsgFilterMin,
    UINT  wMsgFilterMax,
    UINT  wRemoveMsg
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-translatemessage */
/* Its return says whether the message was translated. */
/* wincgo:fails-when never */
/* wincgo:noescape lpMsg: read during the call only */
WINUSERAPI BOOL WINAPI TranslateMessage(
    const MSG *lpMsg
);

/* https://learn.microsoft.com/en-us/windows/win32/api/winuser/nf-winuser-dispatchmessagew */
/* Its return is the window procedure's. */
/* wincgo:fails-when never */
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
