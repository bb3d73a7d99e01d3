//go:build windows

package wintypes

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
