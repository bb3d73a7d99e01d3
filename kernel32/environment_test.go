//go:build windows

package kernel32

import (
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wincgo/wincgo/internal/testutil"
)

func TestNewEnvironmentBlockSorted(t *testing.T) {
	b, err := NewEnvironmentBlock(map[string]string{"b": "2", "A": "1", "_x": "u", "=C:": `C:\dir`, "µ": "mu", "a_": "3"})
	require.NoError(t, err)
	// By upper-cased name, in UTF-16 code-unit order: "=" (0x3D) < "A"
	// (0x41) < "A_" < "B" < "_X" (0x5F) < "Μ" (U+039C, µ upper-cased).
	want := []string{`=C:=C:\dir`, "A=1", "a_=3", "b=2", "_x=u", "µ=mu"}
	if diff := cmp.Diff(want, b.Variables()); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	var block []uint16
	for _, kv := range want {
		block = append(block, utf16.Encode([]rune(kv))...)
		block = append(block, 0)
	}
	block = append(block, 0)
	assert.Equal(t, block, b.UTF16(), "NUL-separated, double-NUL terminated")

	empty, err := NewEnvironmentBlock(nil)
	require.NoError(t, err)
	assert.Equal(t, []uint16{0, 0}, empty.UTF16())
}

func TestNewEnvironmentBlockFromList(t *testing.T) {
	b, err := NewEnvironmentBlockFromList([]string{"PATH=a", "x=", "Path=b", "=D:=D:\\"})
	require.NoError(t, err)
	assert.Equal(t, []string{`=D:=D:\`, "Path=b", "x="}, b.Variables(), "the last of PATH/Path wins; empty values stay")
}

func TestNewEnvironmentBlockBadInput(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		name string
	}{
		{map[string]string{"": "x"}, `env[""]`},
		{map[string]string{"a=b": "x"}, `env["a=b"]`},
		{map[string]string{"=C:=": "x"}, `env["=C:="]`},
		{map[string]string{"a\x00": "x"}, "env[\"a\\x00\"]"},
		{map[string]string{"a": "x\x00y"}, `env["a"]`},
		{map[string]string{"path": "1", "PATH": "2"}, `env["path"]`},
		{map[string]string{"\xff": "1"}, `env["\xff"]`},
		{map[string]string{"a": "1\xc3"}, `env["a"]`},
	} {
		_, err := NewEnvironmentBlock(tc.env)
		testutil.RequireInputError(t, err, tc.name)
	}
	for _, tc := range []struct {
		env  []string
		name string
	}{
		{[]string{"ok=1", "novalue"}, "env[1]"},
		{[]string{"=C:"}, "env[0]"},
		{[]string{""}, "env[0]"},
		{[]string{"=x"}, "env[0]"},
		{[]string{"a\x00=1"}, "env[0]"},
		{[]string{"a=1\x00"}, "env[0]"},
		// Neither UTF-8 nor WTF-8: U+FFFD in the block would change the
		// child's environment silently.
		{[]string{"ok=1", "\xff=1"}, "env[1]"},
		{[]string{"a=\x80"}, "env[0]"},
		{[]string{"a=\xed\xa0"}, "env[0]"}, // a surrogate's first 2 bytes only
		{[]string{"a=\xf0\x9f\x98"}, "env[0]"},
	} {
		_, err := NewEnvironmentBlockFromList(tc.env)
		testutil.RequireInputError(t, err, tc.name)
	}
	_, err := NewEnvironmentBlockFromList([]string{"ok=1", "\xff=1"})
	e := testutil.InputErrorOf(t, err, "env[1]")
	assert.Contains(t, e.Error(), "invalid UTF-8 at byte 0 (0xff), expected UTF-8 or WTF-8")
}

// TestNewEnvironmentBlockWTF8: an unpaired surrogate in WTF-8 (as Go reads
// one from Windows) becomes that surrogate in the block; two names that
// differ only in one are two variables, sorted by their UTF-16 units.
func TestNewEnvironmentBlockWTF8(t *testing.T) {
	hi, lo := "\xed\xa0\x80", "\xed\xb0\x80" // U+D800, U+DC00
	b, err := NewEnvironmentBlockFromList([]string{"K" + lo + "=v" + hi, "K" + hi + "=1", "K\uffff=2", "K\U0001F600=3"})
	require.NoError(t, err)
	// UTF-16 order: U+D800 < U+D83D (the emoji's first unit) < U+DC00 < U+FFFF.
	assert.Equal(t, []string{"K" + hi + "=1", "K\U0001F600=3", "K" + lo + "=v" + hi, "K\uffff=2"}, b.Variables())
	want := []uint16{'K', 0xD800, '=', '1', 0, 'K', 0xD83D, 0xDE00, '=', '3', 0, 'K', 0xDC00, '=', 'v', 0xD800, 0, 'K', 0xFFFF, '=', '2', 0, 0}
	assert.Equal(t, want, b.UTF16())
}
