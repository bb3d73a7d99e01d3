//go:build windows

package wintypes

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCOMSTATBitFields checks each accessor against the bit the C compiler
// sets for that bit-field, and that no accessor sees another's bit.
func TestCOMSTATBitFields(t *testing.T) {
	accessors := []func(COMSTAT) bool{
		COMSTAT.FCtsHold, COMSTAT.FDsrHold, COMSTAT.FRlsdHold, COMSTAT.FXoffHold,
		COMSTAT.FXoffSent, COMSTAT.FEof, COMSTAT.FTxim,
	}
	names := []string{"fCtsHold", "fDsrHold", "fRlsdHold", "fXoffHold", "fXoffSent", "fEof", "fTxim"}
	for i, name := range names {
		c := COMSTAT{Flags: comstatBitFromC(i)}
		for j, get := range accessors {
			assert.Equal(t, i == j, get(c), "%s set by C, accessor of %s", name, names[j])
		}
		assert.Zero(t, c.FReserved(), "%s set by C, FReserved", name)
	}
	reserved := COMSTAT{Flags: comstatBitFromC(7)}
	assert.Equal(t, uint32(0x1FFFFFF), reserved.FReserved())
	for j, get := range accessors {
		assert.False(t, get(reserved), "fReserved set by C, accessor of %s", names[j])
	}
}
