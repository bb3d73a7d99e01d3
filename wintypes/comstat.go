//go:build windows

package wintypes

/*
#include <winsock2.h>
#include <windows.h>
#include <string.h>

// The bit-fields of COMSTAT's first DWORD cannot be named from Go: these
// return that DWORD with one bit-field set by the C compiler, so that a
// test can check the accessors' bit positions against mingw-w64's layout.
static DWORD wincgo_comstat_bit(int i) {
    COMSTAT c;
    memset(&c, 0, sizeof c);
    switch (i) {
    case 0: c.fCtsHold = 1; break;
    case 1: c.fDsrHold = 1; break;
    case 2: c.fRlsdHold = 1; break;
    case 3: c.fXoffHold = 1; break;
    case 4: c.fXoffSent = 1; break;
    case 5: c.fEof = 1; break;
    case 6: c.fTxim = 1; break;
    case 7: c.fReserved = 0x1FFFFFF; break;
    }
    DWORD d;
    memcpy(&d, &c, sizeof d);
    return d;
}
*/
import "C"

import "unsafe"

// COMSTAT is the status of a communications device (ClearCommError).
//
// In C its first DWORD holds bit-fields (fCtsHold, fDsrHold, ...), which Go
// cannot declare: here that DWORD is the Flags field, and each bit-field is
// a method named after it (FCtsHold, FDsrHold, ...).
//
// See https://learn.microsoft.com/en-us/windows/win32/api/winbase/ns-winbase-comstat
type COMSTAT struct {
	// Flags is the DWORD of bit-fields; read it through the methods.
	Flags uint32
	// CbInQue is the number of bytes received but not yet read.
	CbInQue uint32
	// CbOutQue is the number of bytes of all write operations not yet
	// transmitted (0 for a non-overlapped write, which completes first).
	CbOutQue uint32
}

// The bit positions of COMSTAT's bit-fields, from the least significant
// bit, as C compilers for Windows allocate them.
const (
	comstatCtsHold  = 1 << 0
	comstatDsrHold  = 1 << 1
	comstatRlsdHold = 1 << 2
	comstatXoffHold = 1 << 3
	comstatXoffSent = 1 << 4
	comstatEof      = 1 << 5
	comstatTxim     = 1 << 6
	comstatReserved = 0x1FFFFFF << 7
)

// FCtsHold reports whether transmission is waiting for the CTS
// (clear-to-send) signal.
func (c COMSTAT) FCtsHold() bool { return c.Flags&comstatCtsHold != 0 }

// FDsrHold reports whether transmission is waiting for the DSR
// (data-set-ready) signal.
func (c COMSTAT) FDsrHold() bool { return c.Flags&comstatDsrHold != 0 }

// FRlsdHold reports whether transmission is waiting for the RLSD
// (receive-line-signal-detect) signal.
func (c COMSTAT) FRlsdHold() bool { return c.Flags&comstatRlsdHold != 0 }

// FXoffHold reports whether transmission is waiting because the XOFF
// character was received.
func (c COMSTAT) FXoffHold() bool { return c.Flags&comstatXoffHold != 0 }

// FXoffSent reports whether transmission is waiting because the XOFF
// character was transmitted.
func (c COMSTAT) FXoffSent() bool { return c.Flags&comstatXoffSent != 0 }

// FEof reports whether the end-of-file character has been received.
func (c COMSTAT) FEof() bool { return c.Flags&comstatEof != 0 }

// FTxim reports whether a character queued by TransmitCommChar is waiting
// to be transmitted.
func (c COMSTAT) FTxim() bool { return c.Flags&comstatTxim != 0 }

// FReserved returns the 25 reserved bits.
func (c COMSTAT) FReserved() uint32 { return (c.Flags & comstatReserved) >> 7 }

// comstatBitFromC returns COMSTAT's first DWORD with only the i-th
// bit-field (0 fCtsHold ... 6 fTxim, 7 fReserved all ones) set by C, for
// the layout test.
func comstatBitFromC(i int) uint32 { return uint32(C.wincgo_comstat_bit(C.int(i))) }

// COMSTAT's layout: see layout.go. The bit-fields cannot be named in Go
// (cgo omits them), so their DWORD is checked as the gap before cbInQue,
// and their bit positions by a test.
var (
	_ = [1]struct{}{}[unsafe.Sizeof(COMSTAT{})-C.sizeof_COMSTAT]
	_ = [1]struct{}{}[unsafe.Offsetof(COMSTAT{}.CbInQue)-unsafe.Offsetof(C.COMSTAT{}.cbInQue)]
	_ = [1]struct{}{}[unsafe.Offsetof(COMSTAT{}.CbOutQue)-unsafe.Offsetof(C.COMSTAT{}.cbOutQue)]
	_ = [1]struct{}{}[unsafe.Offsetof(C.COMSTAT{}.cbInQue)-unsafe.Sizeof(COMSTAT{}.Flags)]
)
