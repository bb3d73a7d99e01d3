// Command sockets accepts a connection, reads a message and writes a reply
// with overlapped Winsock calls whose completions all arrive on one
// completion port.
package main

import (
	"errors"
	"fmt"
	"log"
	"net/netip"

	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
	"github.com/wincgo/wincgo/ws2_32"
)

// addrLen is an AcceptEx address slot's size.
const addrLen = ws2_32.AcceptExAddressLength

func main() {
	port, err := kernel32.CreateIoCompletionPort(kernel32.INVALID_HANDLE_VALUE, 0, 0, 0)
	check(err)
	defer closeHandle(port)
	loopback := netip.MustParseAddrPort("127.0.0.1:0") // port 0: Windows picks one

	// A listening socket, and the socket AcceptEx accepts into.
	listener := newSocket(port)
	defer closeSocket(listener)
	check(ws2_32.Bind(listener, loopback))
	addr, err := ws2_32.Getsockname(listener)
	check(err)
	check(ws2_32.Listen(listener, ws2_32.SOMAXCONN))
	server := newSocket(port)
	defer closeSocket(server)
	accepted := make([]byte, 2*addrLen) // no data: the two addresses only
	var acceptOv wintypes.OVERLAPPED
	_, err = ws2_32.AcceptEx(listener, server, accepted, 0, addrLen, addrLen, &acceptOv)
	started(err)

	// ConnectEx needs a bound socket.
	client := newSocket(port)
	check(ws2_32.Bind(client, loopback))
	var name wintypes.RawSockaddr
	check(name.SetAddrPort(addr))
	var connectOv wintypes.OVERLAPPED
	_, err = ws2_32.ConnectEx(client, &name, nil, &connectOv)
	started(err)

	// Both complete as packets, in either order.
	await(port, 2)
	result(listener, &acceptOv)
	result(client, &connectOv)
	// Without these, getpeername, shutdown and others fail on the sockets.
	check(ws2_32.SetsockoptSocket(server, ws2_32.SOL_SOCKET, ws2_32.SO_UPDATE_ACCEPT_CONTEXT, listener))
	check(ws2_32.Setsockopt(client, ws2_32.SOL_SOCKET, ws2_32.SO_UPDATE_CONNECT_CONTEXT, nil))
	_, remote, err := ws2_32.GetAcceptExSockaddrs(accepted, 0, addrLen, addrLen)
	check(err)
	clientAddr, err := ws2_32.Getsockname(client)
	check(err)
	fmt.Println("accepted the client's connection:", remote == clientAddr)

	// The server reads, the client writes. The buffers, the WSABUF arrays
	// and the flags are Windows' until the packets: wincgo pins them.
	recvBuf := make([]byte, 64)
	var recvBufs, sendBufs [1]wintypes.WSABUF
	check(recvBufs[0].Set(recvBuf))
	check(sendBufs[0].Set([]byte("hello through the port")))
	var flags uint32
	var recvOv, sendOv wintypes.OVERLAPPED
	_, err = ws2_32.WSARecv(server, recvBufs[:], 1, &flags, &recvOv)
	started(err)
	_, err = ws2_32.WSASend(client, sendBufs[:], 1, 0, &sendOv)
	started(err)
	await(port, 2)
	result(client, &sendOv)
	n := result(server, &recvOv)
	fmt.Printf("server read %q\n", recvBuf[:n])

	// The server writes the reply; the client reads it.
	reply := make([]byte, 64)
	check(sendBufs[0].Set(fmt.Appendf(nil, "%d bytes received", n)))
	check(recvBufs[0].Set(reply))
	_, err = ws2_32.WSASend(server, sendBufs[:], 1, 0, &sendOv)
	started(err)
	_, err = ws2_32.WSARecv(client, recvBufs[:], 1, &flags, &recvOv)
	started(err)
	await(port, 2)
	result(server, &sendOv)
	n = result(client, &recvOv)
	fmt.Printf("client read %q\n", reply[:n])

	// The client closes: the server's next read completes with 0 bytes,
	// the end of the stream.
	closeSocket(client)
	check(recvBufs[0].Set(recvBuf))
	_, err = ws2_32.WSARecv(server, recvBufs[:], 1, &flags, &recvOv)
	started(err)
	await(port, 1)
	fmt.Println("server read", result(server, &recvOv), "bytes: end of stream")
}

// newSocket creates an overlapped TCP socket and associates it with port
// (key 0: this program tells operations apart by their OVERLAPPED).
func newSocket(port wintypes.HANDLE) wintypes.SOCKET {
	s, err := ws2_32.WSASocket(ws2_32.AF_INET, ws2_32.SOCK_STREAM, ws2_32.IPPROTO_TCP,
		ws2_32.WSA_FLAG_OVERLAPPED|ws2_32.WSA_FLAG_NO_HANDLE_INHERIT)
	check(err)
	_, err = kernel32.CreateIoCompletionPort(wintypes.HANDLE(s), port, 0, 0)
	check(err)
	return s
}

// started checks an overlapped operation's start: nil (it completed at
// once) and WSA_IO_PENDING (it will) both mean that its packet comes.
func started(err error) {
	if err != nil && !errors.Is(err, ws2_32.WSA_IO_PENDING) {
		log.Fatal(err)
	}
}

// await dequeues n packets; the operations they complete are then done,
// and their memory released.
func await(port wintypes.HANDLE, n int) {
	entries := make([]wintypes.OVERLAPPED_ENTRY, n)
	for n > 0 {
		got, err := kernel32.GetQueuedCompletionStatusEx(port, entries, n, 30000, false)
		check(err) // ERROR_WAIT_TIMEOUT after 30 s
		n -= got
	}
}

// result returns the byte count of s's completed operation on ov.
func result(s wintypes.SOCKET, ov *wintypes.OVERLAPPED) int {
	n, _, err := ws2_32.WSAGetOverlappedResult(s, ov, false)
	check(err)
	return n
}

// closeSocket closes s, once; a failure is a bug worth stopping for.
func closeSocket(s wintypes.SOCKET) { check(ws2_32.Closesocket(s)) }

// closeHandle closes h, likewise.
func closeHandle(h wintypes.HANDLE) { check(kernel32.CloseHandle(h)) }

// check stops the program on any error.
func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
