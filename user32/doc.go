//go:build windows

// Package user32 binds the functions of user32.dll that wincgo offers
// (pywincffi's pywincffi.user32): MsgWaitForMultipleObjects, the wait at the
// heart of an event loop such as Twisted's win32eventreactor, which waits on
// kernel objects (events, processes, WSAEVENTs from package ws2_32) and on
// the calling thread's message queue at once.
//
// As everywhere in wincgo, handles are integers (wintypes.HANDLE), bad input
// is refused with an *errors.InputError before Windows sees it, and a failed
// call returns an *errors.WindowsAPIError carrying the code Windows left,
// read in the same C call.
package user32
