package fault

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
)

// cString reads the NUL-terminated string at p, as C would.
func cString(p *byte) string {
	var b []byte
	for q := p; *q != 0; q = (*byte)(unsafe.Add(unsafe.Pointer(q), 1)) {
		b = append(b, *q)
	}
	return string(b)
}

func TestInjectPassesOneNULTerminatedName(t *testing.T) {
	var armed, disarmed string
	var armedPtr *byte
	undo := Inject("pkg", "CloseHandle",
		func(name *byte) bool { armed, armedPtr = cString(name), name; return true },
		func(name *byte) {
			disarmed = cString(name)
			assert.Same(t, armedPtr, name, "disarm gets the name arm got")
		})
	assert.Equal(t, "CloseHandle", armed)
	assert.Empty(t, disarmed, "nothing disarmed before undo")
	undo()
	assert.Equal(t, "CloseHandle", disarmed)
}

func TestInjectPanicsWhenArmFails(t *testing.T) {
	assert.PanicsWithValue(t, "pkg: cannot arm a fault for F (table full, or name too long)", func() {
		Inject("pkg", "F", func(*byte) bool { return false }, func(*byte) { t.Error("disarm called") })
	})
}
