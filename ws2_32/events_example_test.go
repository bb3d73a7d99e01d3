//go:build windows

package ws2_32_test

import (
	"errors"
	"fmt"
	"log"
	"net"

	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
	"github.com/wincgo/wincgo/ws2_32"
)

// Learn through an event that a listening socket has a connection to
// accept, then accept it with Go's own Accept.
func ExampleWSAEventSelect() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := ln.Close(); err != nil {
			log.Fatal(err)
		}
	}()
	s, err := wintypes.SocketFromConn(ln) // ln still owns and closes it
	if err != nil {
		log.Fatal(err)
	}
	ev, err := ws2_32.WSACreateEvent()
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		// Cancel the association before closing the event (see
		// WSACloseEvent).
		if err := ws2_32.WSAEventSelect(s, 0, 0); err != nil {
			log.Fatal(err)
		}
		if err := ws2_32.WSACloseEvent(ev); err != nil {
			log.Fatal(err)
		}
	}()
	if err := ws2_32.WSAEventSelect(s, ev, ws2_32.FD_ACCEPT); err != nil {
		log.Fatal(err)
	}

	client, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := client.Close(); err != nil {
			log.Fatal(err)
		}
	}()

	if event, err := kernel32.WaitForSingleObject(ev.Handle(), 10000); err != nil || event != kernel32.WAIT_OBJECT_0 {
		log.Fatal(event, err)
	}
	events, err := ws2_32.WSAEnumNetworkEvents(s, ev) // also resets ev
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("FD_ACCEPT:", events.LNetworkEvents&ws2_32.FD_ACCEPT != 0,
		"error:", events.IErrorCode[ws2_32.FD_ACCEPT_BIT])
	conn, err := ln.Accept()
	if err != nil {
		log.Fatal(err)
	}
	if err := conn.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Println("accepted")
	// Output:
	// FD_ACCEPT: true error: 0
	// accepted
}

// A failing Winsock call's error carries Winsock's code.
func ExampleWSAEnumNetworkEvents_error() {
	_, err := ws2_32.WSAEnumNetworkEvents(wintypes.SOCKET(0x7ffffff1), 0)
	fmt.Println(err != nil, errors.Is(err, ws2_32.WSAENOTSOCK))
	// Output: true true
}
