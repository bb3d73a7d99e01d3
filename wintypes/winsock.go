//go:build windows

package wintypes

/*
#include <winsock2.h>
*/
import "C"

// FD_MAX_EVENTS is the number of FD_* network events, and of error codes
// in WSANETWORKEVENTS.IErrorCode.
const FD_MAX_EVENTS = C.FD_MAX_EVENTS

// WSANETWORKEVENTS reports which network events fired on a socket and the
// error code of each (WSAEnumNetworkEvents).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock2/ns-winsock2-wsanetworkevents
type WSANETWORKEVENTS struct {
	// LNetworkEvents is the set of FD_* flags that fired.
	LNetworkEvents int32
	// IErrorCode holds, at index FD_<event>_BIT, the error code of that
	// event (0 when it succeeded).
	IErrorCode [FD_MAX_EVENTS]int32
}
