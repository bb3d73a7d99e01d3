//go:build windows

package wintypes

import (
	"fmt"
	"math"
	"unsafe"

	wincgoerrors "github.com/wincgo/wincgo/errors"
)

// WSABUF describes one buffer of a scatter/gather send or receive
// (WSASend, WSASendTo, WSARecv, WSARecvFrom take an array of them).
//
// Its length and address are not Go fields: Set takes them from one Go
// slice, so the length Windows trusts can never exceed the Go buffer. The
// zero WSABUF is an empty buffer.
//
// A WSABUF array given to an overlapped WSARecv or WSASend, and the
// buffers it points to, must stay alive and unmoved until the operation
// completes, as Windows reads or writes them after the call returned;
// ws2_32 pins them (Pointer gives it each buffer's address).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/ws2def/ns-ws2def-wsabuf
type WSABUF struct {
	len uint32 // ULONG
	buf *byte
}

// Set points w at b: len is len(b), buf its first byte (NULL for an
// empty b, whose Bytes are then nil).
//
// It returns an *errors.InputError naming buf when len(b) exceeds
// math.MaxUint32, the largest ULONG; w is then unchanged.
func (w *WSABUF) Set(b []byte) error {
	n, err := ulongLen("buf", int64(len(b)))
	if err != nil {
		return err
	}
	w.len, w.buf = n, bufPtr(b)
	return nil
}

// Bytes returns the buffer w describes, the slice it was Set from
// (capacity len(b)); nil when unset or empty.
func (w *WSABUF) Bytes() []byte { return bytesAt(w.buf, w.len) }

// Len returns the length of w's buffer, in bytes.
func (w *WSABUF) Len() int { return int(w.len) }

// Pointer returns the address of the buffer's first byte (nil for an
// empty buffer), the pointer ws2_32 pins while an operation is in flight.
// It is not w's own address.
func (w *WSABUF) Pointer() unsafe.Pointer { return unsafe.Pointer(w.buf) }

// TRANSMIT_FILE_BUFFERS gives TransmitFile the data to send before and
// after the file. Like WSABUF's, its lengths and addresses are not Go
// fields: SetHead and SetTail take each pair from one Go slice. The head
// and tail buffers must stay alive and unmoved until TransmitFile
// completes; ws2_32 pins them.
//
// See https://learn.microsoft.com/en-us/windows/win32/api/mswsock/ns-mswsock-transmit_file_buffers
type TRANSMIT_FILE_BUFFERS struct {
	head       *byte
	headLength uint32 // DWORD
	tail       *byte
	tailLength uint32 // DWORD
}

// SetHead sets the data sent before the file (Head, HeadLength) to b; an
// empty b sends none.
//
// It returns an *errors.InputError naming Head when len(b) exceeds
// math.MaxUint32, the largest DWORD; t is then unchanged.
func (t *TRANSMIT_FILE_BUFFERS) SetHead(b []byte) error {
	n, err := ulongLen("Head", int64(len(b)))
	if err != nil {
		return err
	}
	t.headLength, t.head = n, bufPtr(b)
	return nil
}

// SetTail sets the data sent after the file (Tail, TailLength) to b; an
// empty b sends none.
//
// It returns an *errors.InputError naming Tail when len(b) exceeds
// math.MaxUint32, the largest DWORD; t is then unchanged.
func (t *TRANSMIT_FILE_BUFFERS) SetTail(b []byte) error {
	n, err := ulongLen("Tail", int64(len(b)))
	if err != nil {
		return err
	}
	t.tailLength, t.tail = n, bufPtr(b)
	return nil
}

// Head returns the data sent before the file, as SetHead was given it
// (nil when unset or empty).
func (t *TRANSMIT_FILE_BUFFERS) Head() []byte { return bytesAt(t.head, t.headLength) }

// Tail returns the data sent after the file, as SetTail was given it
// (nil when unset or empty).
func (t *TRANSMIT_FILE_BUFFERS) Tail() []byte { return bytesAt(t.tail, t.tailLength) }

// ulongLen returns a buffer's length n as a 32-bit ULONG or DWORD,
// refusing one too long for it: a truncated length would have Windows
// transfer less than the whole buffer, silently. n is an int64 so that the
// refusal can be tested without a 4 GiB buffer, on 386 too.
func ulongLen(name string, n int64) (uint32, error) {
	if n > math.MaxUint32 {
		return 0, &wincgoerrors.InputError{Name: name, Value: n,
			Message: fmt.Sprintf("received a %d-byte buffer, more than the %d bytes a 32-bit length can count", n, uint64(math.MaxUint32))}
	}
	return uint32(n), nil
}

// bufPtr returns the address of b's first byte, nil for an empty b (a
// zero-length slice may point past its array, which Windows must not be
// given).
func bufPtr(b []byte) *byte {
	if len(b) == 0 {
		return nil
	}
	return &b[0]
}

func bytesAt(p *byte, n uint32) []byte {
	if p == nil {
		return nil
	}
	return unsafe.Slice(p, n)
}
