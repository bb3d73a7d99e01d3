//go:build windows

package wintypes

// POINT is a point's x and y coordinates.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/windef/ns-windef-point
type POINT struct {
	X int32
	Y int32
}

// MSG is a message from a thread's message queue (PeekMessage).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winuser/ns-winuser-msg
//
// Hwnd is the window the message is for, 0 for a thread message
// (PostThreadMessage); like every handle it is an integer.
type MSG struct {
	// Hwnd is the window whose window procedure receives the message, 0
	// for a thread message.
	Hwnd HANDLE
	// Message is the message identifier (WM_*, or WM_USER and up for an
	// application's own).
	Message uint32
	// WParam and LParam are the message's parameters.
	WParam uintptr
	LParam uintptr
	// Time is when the message was posted (GetTickCount's clock).
	Time uint32
	// Pt is the cursor position, in screen coordinates, when the message
	// was posted.
	Pt POINT
}
