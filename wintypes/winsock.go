//go:build windows

package wintypes

import "github.com/wincgo/wincgo/internal/winconst"

// FD_MAX_EVENTS is the number of FD_* network events, and of error codes
// in WSANETWORKEVENTS.IErrorCode (an int, like the FD_*_BIT indexes).
const FD_MAX_EVENTS int = winconst.FD_MAX_EVENTS

// WSANETWORKEVENTS reports which network events fired on a socket and the
// error code of each (WSAEnumNetworkEvents).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/ns-winsock2-wsanetworkevents
type WSANETWORKEVENTS struct {
	// LNetworkEvents is the set of FD_* flags that fired. C declares it
	// long (32 bits on Windows); it is a uint32 here, like the FD_* flags
	// and WSAEventSelect's lNetworkEvents, so that LNetworkEvents&FD_READ
	// needs no conversion (same size and layout).
	LNetworkEvents uint32
	// IErrorCode holds, at index FD_<event>_BIT, the error code of that
	// event (0 when it succeeded).
	IErrorCode [FD_MAX_EVENTS]int32
}

// LINGER says what closesocket does with unsent data (SO_LINGER):
// with Onoff 0 it returns at once and the data is sent in the background;
// with Onoff non-zero it waits up to Linger seconds, and Linger 0 resets
// the connection instead of closing it gracefully.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock/ns-winsock-linger
type LINGER struct {
	// Onoff turns lingering on when non-zero (l_onoff).
	Onoff uint16
	// Linger is the time to linger, in seconds (l_linger).
	Linger uint16
}
