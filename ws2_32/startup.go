//go:build windows

package ws2_32

import (
	"sync"

	"github.com/wincgo/wincgo/internal/winconst"
)

// winsockVersion is the Winsock version wincgo asks for: 2.2
// (MAKEWORD(2, 2), see cdefs/ws2_32/startup.h).
const winsockVersion uint16 = winconst.WINCGO_WINSOCK_VERSION

// startup initialises Winsock for this process once, before the first
// Winsock call of any wrapper, and returns WSAStartup's error, if any, to
// every later caller. See the package documentation.
var startup = sync.OnceValue(wsaStartup)

// wsaStartup calls WSAStartup. Each successful call counts one more use of
// Winsock, which wincgo never ends (no WSACleanup): startup calls it once.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-wsastartup
func wsaStartup() error {
	return rawWSAStartup(winsockVersion).Err()
}
