//go:build windows

// Package user32 binds the functions of user32.dll that wincgo offers
// (pywincffi's pywincffi.user32): MsgWaitForMultipleObjects, the wait at the
// heart of an event loop such as Twisted's win32eventreactor, which waits on
// kernel objects (events, processes, WSAEVENTs from package ws2_32) and on
// the calling thread's message queue at once.
//
// As everywhere in wincgo (see the README's Conventions,
// https://github.com/wincgo/wincgo#conventions), parameters are MSDN's, in
// MSDN's order, and a count describing a Go slice is an optional *int, nil
// meaning len(slice): MsgWaitForMultipleObjects(nil, handles, ...). Handles
// are integers (wintypes.HANDLE), bad input is refused with an
// *errors.InputError before Windows sees it, and a failed call returns an
// *errors.WindowsAPIError carrying the code Windows left, read in the same
// C call. The QS_* flags are uint32, like dwWakeMask; the wait results
// (WAIT_OBJECT_0, ...), INFINITE and MAXIMUM_WAIT_OBJECTS are kernel32's,
// defined there once for every wait function.
package user32
