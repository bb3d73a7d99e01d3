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
	} {
		_, err := NewEnvironmentBlockFromList(tc.env)
		testutil.RequireInputError(t, err, tc.name)
	}
}
