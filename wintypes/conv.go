//go:build windows

package wintypes

import (
	"fmt"
	"os"
	"reflect"
	"syscall"

	wincgoerrors "github.com/wincgo/wincgo/errors"
)

// HandleFromFile returns the HANDLE behind f (pywincffi's
// handle_from_file).
//
// The handle is borrowed, not duplicated: f still owns it and closes it,
// so it is valid only while f is open, and must not be passed to
// CloseHandle. f's methods keep working.
//
// It returns an *errors.InputError for a nil or closed f.
func HandleFromFile(f *os.File) (HANDLE, error) {
	if f == nil {
		return 0, &wincgoerrors.InputError{Name: "file", Value: f, Message: "received a nil *os.File, expected an open file"}
	}
	raw, err := rawFromConn("file", f)
	return HANDLE(raw), err
}

// SocketFromConn returns the SOCKET behind conn (pywincffi's
// socket_from_object): anything implementing syscall.Conn, such as
// *net.TCPConn, *net.TCPListener or *net.UDPConn, including those returned
// as net.Conn or net.Listener by net.Dial, net.Listen and Accept.
//
// The socket is borrowed, not duplicated: conn still owns it and closes it
// (do not call closesocket on it), so it is valid only while conn is open.
// Note that Go's runtime already has the socket registered with its own I/O
// completion port; associating the socket with an event through
// WSAEventSelect also makes it non-blocking, which Go's sockets already are.
//
// It returns an *errors.InputError when conn does not implement
// syscall.Conn or is closed.
func SocketFromConn(conn any) (SOCKET, error) {
	sc, ok := conn.(syscall.Conn)
	if !ok {
		return 0, &wincgoerrors.InputError{Name: "conn", Value: conn, ExpectedTypes: []string{"syscall.Conn (such as *net.TCPConn or *net.TCPListener)"}}
	}
	// A nil *net.TCPConn is a non-nil syscall.Conn whose methods panic.
	if v := reflect.ValueOf(sc); v.Kind() == reflect.Pointer && v.IsNil() {
		return 0, &wincgoerrors.InputError{Name: "conn", Value: conn, Message: fmt.Sprintf("received a nil %T, expected an open connection", conn)}
	}
	raw, err := rawFromConn("conn", sc)
	return SOCKET(raw), err
}

func rawFromConn(name string, c syscall.Conn) (uintptr, error) {
	rc, err := c.SyscallConn()
	if err != nil {
		return 0, &wincgoerrors.InputError{Name: name, Value: c, Message: fmt.Sprintf("cannot reach its handle: %v", err)}
	}
	var raw uintptr
	if err := rc.Control(func(fd uintptr) { raw = fd }); err != nil {
		return 0, &wincgoerrors.InputError{Name: name, Value: c, Message: fmt.Sprintf("received a closed %T, expected an open one: %v", c, err)}
	}
	return raw, nil
}
