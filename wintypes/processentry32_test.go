//go:build windows

package wintypes

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPROCESSENTRY32Size(t *testing.T) {
	var pe PROCESSENTRY32
	assert.Zero(t, pe.dwSize)
	assert.NotNil(t, pe.Pointer())
	assert.Equal(t, pe.DwSize(), pe.dwSize, "Pointer sets dwSize")
	var nilPE *PROCESSENTRY32
	assert.Nil(t, nilPE.Pointer())
	copy(pe.SzExeFile[:], []uint16{'a', '.', 'e', 'x', 'e', 0, 'x'})
	assert.Equal(t, "a.exe", pe.ExeFile())
}
