//go:build windows

package wintypes_test

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/netip"
	"os"

	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
	"github.com/wincgo/wincgo/ws2_32"
)

// A Go *os.File's HANDLE, borrowed: wincgo writes through it, the file
// sees the write, and the file, which owns the handle, closes it.
func ExampleHandleFromFile() {
	f, err := os.CreateTemp("", "wincgo-example-*.txt")
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := os.Remove(f.Name()); err != nil {
			log.Fatal(err)
		}
	}()

	hFile, err := wintypes.HandleFromFile(f) // f still owns the handle
	if err != nil {
		log.Fatal(err)
	}
	if _, err := kernel32.WriteFile(hFile, []byte("written through the HANDLE"), nil, nil); err != nil {
		log.Fatal(err)
	}
	if err := kernel32.FlushFileBuffers(hFile); err != nil {
		log.Fatal(err)
	}

	// The same handle, so the same file pointer: rewind, read with Go.
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		log.Fatal(err)
	}
	content, err := io.ReadAll(f)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(content))
	// Close the *os.File, never the borrowed HANDLE.
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	// Output: written through the HANDLE
}

// A HANDLE wincgo created, handed to Go's os package: os.NewFile takes it
// over, and closing the *os.File closes the handle.
func ExampleHANDLE_osNewFile() {
	hRead, hWrite, err := kernel32.CreatePipe(nil, 0)
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := kernel32.CloseHandle(hRead); err != nil {
			log.Fatal(err)
		}
	}()

	w := os.NewFile(hWrite.Uintptr(), "pipe-write") // w owns hWrite now
	if _, err := io.WriteString(w, "via *os.File"); err != nil {
		log.Fatal(err)
	}
	if err := w.Close(); err != nil { // closes hWrite
		log.Fatal(err)
	}

	buf := make([]byte, 64)
	n, err := kernel32.ReadFile(hRead, buf, nil, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q\n", buf[:n])
	// Every write end is closed: the pipe reports its end.
	_, err = kernel32.ReadFile(hRead, buf, nil, nil)
	fmt.Println(errors.Is(err, kernel32.ERROR_BROKEN_PIPE))
	// Output:
	// "via *os.File"
	// true
}

// golang.org/x/sys/windows handles and wincgo HANDLEs are the same
// integers: convert with FromWindows and HANDLE.Windows (or plain
// conversions) and mix the two libraries freely.
func ExampleFromWindows() {
	xEvent, err := windows.CreateEvent(nil, 1, 0, nil) // x/sys creates it
	if err != nil {
		log.Fatal(err)
	}
	hEvent := wintypes.FromWindows(xEvent)
	if err := kernel32.SetEvent(hEvent); err != nil { // wincgo sets it
		log.Fatal(err)
	}
	event, err := windows.WaitForSingleObject(hEvent.Windows(), 0) // x/sys waits
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(event == windows.WAIT_OBJECT_0, event == kernel32.WAIT_OBJECT_0)
	if err := windows.CloseHandle(hEvent.Windows()); err != nil {
		log.Fatal(err)
	}
	// Output: true true
}

// A net.Conn's SOCKET, borrowed: Winsock signals an event when data
// arrives, and Go's own Read still reads it. The same works for a
// net.Listener (FD_ACCEPT, see ws2_32.WSAEventSelect).
func ExampleSocketFromConn() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := ln.Close(); err != nil {
			log.Fatal(err)
		}
	}()
	client, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := client.Close(); err != nil {
			log.Fatal(err)
		}
	}()
	server, err := ln.Accept()
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := server.Close(); err != nil {
			log.Fatal(err)
		}
	}()

	s, err := wintypes.SocketFromConn(server) // server still owns and closes it
	if err != nil {
		log.Fatal(err)
	}
	ev, err := ws2_32.WSACreateEvent()
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		if err := ws2_32.WSAEventSelect(s, 0, 0); err != nil { // detach before closing
			log.Fatal(err)
		}
		if err := ws2_32.WSACloseEvent(ev); err != nil {
			log.Fatal(err)
		}
	}()
	if err := ws2_32.WSAEventSelect(s, ev, ws2_32.FD_READ); err != nil {
		log.Fatal(err)
	}

	if _, err := client.Write([]byte("hi")); err != nil {
		log.Fatal(err)
	}
	event, err := kernel32.WaitForSingleObject(ev.Handle(), 10000)
	if err != nil {
		log.Fatal(err)
	}
	ne, err := ws2_32.WSAEnumNetworkEvents(s, ev)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(event == kernel32.WAIT_OBJECT_0, ne.LNetworkEvents&ws2_32.FD_READ != 0)

	buf := make([]byte, 2)
	if _, err := io.ReadFull(server, buf); err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(buf))
	// Output:
	// true true
	// hi
}

// Opt passes an explicit value to an optional parameter whose default is
// not zero. wincgo's constants are typed like their parameters, so Opt
// infers the right pointer type from them; an untyped literal needs the
// type argument.
func ExampleOpt() {
	disposition := wintypes.Opt(kernel32.OPEN_EXISTING)
	noFlags := wintypes.Opt[uint32](0)
	count := wintypes.Opt(5) // a count (ReadFile's nNumberOfBytesToRead) is an int
	fmt.Printf("%T %T %T\n", disposition, noFlags, count)
	// Output: *uint32 *uint32 *int
}

// A netip.AddrPort as the sockaddr and length bind and connect take, and
// back: an IPv4 address is a 16-byte sockaddr_in, an IPv6 one (with its
// scope id as the zone) a 28-byte sockaddr_in6.
func ExampleSockaddrFromAddrPort() {
	for _, s := range []string{"127.0.0.1:8080", "[fe80::1%12]:443"} {
		sa, namelen, err := wintypes.SockaddrFromAddrPort(netip.MustParseAddrPort(s))
		if err != nil {
			log.Fatal(err)
		}
		back, err := sa.AddrPort()
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(sa.Family == wintypes.AF_INET6, namelen, back)
	}
	// Output:
	// false 16 127.0.0.1:8080
	// true 28 [fe80::1%12]:443
}
