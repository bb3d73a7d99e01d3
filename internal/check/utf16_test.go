//go:build windows

package check

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"
)

var testLimit = Limit{Max: 8, Name: "TEST_MAX"}

func TestUTF16(t *testing.T) {
	got, err := UTF16("lpName", "héllo €", testLimit)
	require.NoError(t, err)
	want := []uint16{'h', 0xe9, 'l', 'l', 'o', ' ', 0x20ac, 0}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("UTF-16 (-want +got):\n%s", diff)
	}
	assert.Equal(t, len(want), cap(got), "exactly sized")

	// A character outside the BMP is a surrogate pair: 2 units.
	got, err = UTF16("lpName", "a😀", testLimit)
	require.NoError(t, err)
	assert.Equal(t, []uint16{'a', 0xd83d, 0xde00, 0}, got)

	_, err = UTF16("lpName", "a\x00b", testLimit)
	assert.Contains(t, inputErrorOf(t, err, "lpName").Error(), "NUL at byte 1")

	got, err = OptionalUTF16("lpName", "", testLimit)
	require.NoError(t, err)
	assert.Nil(t, got, `"" is NULL`)
	_, err = OptionalUTF16("lpName", "\x00", testLimit)
	requireInputError(t, err, "lpName")
	got, err = UTF16("lpName", "", testLimit)
	require.NoError(t, err)
	assert.Equal(t, []uint16{0}, got, `UTF16("") is an empty string, not NULL`)
}

// Bytes that are neither UTF-8 nor WTF-8 are refused, naming the offset:
// Go's conversion turns both of these into "x\uFFFD", the same name.
func TestUTF16InvalidUTF8(t *testing.T) {
	for _, s := range []string{"x\xff", "x\xfe", "x\xc3", "x\xe2\x82", "x\xed\xa0", "x\xf4\x90\x80\x80", "x\xc0\x80"} {
		_, err := UTF16("lpName", s, testLimit)
		e := inputErrorOf(t, err, "lpName")
		assert.Contains(t, e.Error(), "invalid UTF-8 at byte 1", "%q", s)
		assert.Equal(t, s, e.Value)
	}
	_, err := UTF16("lpName", "\xffx", testLimit)
	assert.Contains(t, inputErrorOf(t, err, "lpName").Error(), "byte 0 (0xff)")
}

// WTF-8 is converted as Go converts it: an encoded surrogate half becomes
// that surrogate, so a name Go read from Windows goes back unchanged.
func TestUTF16WTF8(t *testing.T) {
	name := []uint16{'a', 0xd800, 'b', 0xdfff, 0}
	s := windows.UTF16ToString(name)
	assert.Equal(t, "a\xed\xa0\x80b\xed\xbf\xbf", s)
	got, err := UTF16("lpName", s, testLimit)
	require.NoError(t, err)
	assert.Equal(t, name, got)

	// Two encoded halves that pair up give the pair, as in Go.
	got, err = UTF16("lpName", "\xed\xa0\xbd\xed\xb8\x80", testLimit)
	require.NoError(t, err)
	want, err := windows.UTF16FromString("\xed\xa0\xbd\xed\xb8\x80")
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.Equal(t, []uint16{0xd83d, 0xde00, 0}, got)
}

// AppendUTF16 writes what UTF16Len counted, after what dst holds, as
// UTF16 converts it (an environment block is built that way).
func TestAppendUTF16(t *testing.T) {
	for _, s := range []string{"", "K=v", "é€", "a😀", "a\xed\xa0\x80b"} {
		n, err := UTF16Len("env", s)
		require.NoError(t, err)
		one, err := UTF16("env", s, Limit{Max: 100, Name: "BIG"})
		require.NoError(t, err)
		got := AppendUTF16([]uint16{'X', 0}, s, n)
		if diff := cmp.Diff(append([]uint16{'X', 0}, one[:len(one)-1]...), got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", s, diff)
		}
	}
}

func TestUTF16Limit(t *testing.T) {
	at := strings.Repeat("é", testLimit.Max)
	got, err := UTF16("lpName", at, testLimit)
	require.NoError(t, err)
	assert.Len(t, got, testLimit.Max+1)

	_, err = UTF16("lpName", at+"a", testLimit)
	e := inputErrorOf(t, err, "lpName")
	assert.Contains(t, e.Error(), "9 UTF-16 units, more than TEST_MAX (8)")

	// The limit counts UTF-16 units, not bytes or runes: 4 emoji are 16
	// bytes, 4 runes and 8 units.
	_, err = UTF16("lpName", strings.Repeat("😀", 4), testLimit)
	require.NoError(t, err)
	_, err = UTF16("lpName", strings.Repeat("😀", 4)+"a", testLimit)
	requireInputError(t, err, "lpName")
}

func TestUTF16IntoUsesTheBufferWhenItFits(t *testing.T) {
	var arr [12]uint16
	for i := range arr {
		arr[i] = 0xCCCC
	}
	buf := arr[1:10] // canaries at 0 and 10, 11
	got, err := UTF16Into(buf, "lpName", "abcdefg€", testLimit)
	require.NoError(t, err)
	assert.Equal(t, []uint16{'a', 'b', 'c', 'd', 'e', 'f', 'g', 0x20ac, 0}, got)
	assert.Same(t, &arr[1], &got[0], "converted in place")
	assert.Equal(t, uint16(0xCCCC), arr[0])
	assert.Equal(t, uint16(0xCCCC), arr[10])

	// Too big for the buffer: one exactly sized allocation instead, buffer
	// untouched.
	long := Limit{Max: 100, Name: "L"}
	got, err = UTF16Into(arr[1:4], "lpName", "abcdefgh", long)
	require.NoError(t, err)
	assert.Equal(t, 9, cap(got))
	assert.NotSame(t, &arr[1], &got[0])

	got, err = OptionalUTF16Into(arr[:], "lpName", "", long)
	require.NoError(t, err)
	assert.Nil(t, got)
}

func TestUTF16Allocations(t *testing.T) {
	var arr [64]uint16
	buf := arr[:]
	for _, s := range []string{"Local\\wincgo-some-event-name", "héllo wörld 😀", "a\xed\xa0\x80b"} {
		allocs := testing.AllocsPerRun(100, func() {
			if _, err := UTF16Into(buf, "lpName", s, Limit{Max: 260, Name: "MAX_PATH"}); err != nil {
				panic(err)
			}
		})
		assert.Zero(t, allocs, "%q into a buffer that fits", s)
		allocs = testing.AllocsPerRun(100, func() {
			if _, err := UTF16("lpName", s, Limit{Max: 260, Name: "MAX_PATH"}); err != nil {
				panic(err)
			}
		})
		assert.Equal(t, 1.0, allocs, "%q without a buffer", s)
	}
}

// checkUTF16 is the property every string must satisfy: either an
// *InputError, or exactly what Go's own conversion gives.
func checkUTF16(t *testing.T, s string, limit Limit) {
	var arr [40]uint16
	for i := range arr {
		arr[i] = 0xCCCC
	}
	got, err := UTF16Into(arr[4:36], "lpName", s, limit)
	for _, i := range []int{0, 1, 2, 3, 36, 37, 38, 39} {
		require.Equal(t, uint16(0xCCCC), arr[i], "canary %d overwritten", i)
	}
	goConv, goErr := windows.UTF16FromString(s)
	if err != nil {
		e := inputErrorOf(t, err, "lpName")
		switch msg := e.Error(); {
		case strings.Contains(msg, "NUL"):
			require.Error(t, goErr, "Go refuses a NUL too")
		case strings.Contains(msg, "invalid UTF-8"):
			require.False(t, utf8.ValidString(s))
			require.NotEqual(t, s, windows.UTF16ToString(goConv), "Go's conversion of %q is lossy", s)
		case strings.Contains(msg, "more than "+limit.Name):
			require.NoError(t, goErr)
			require.Greater(t, len(goConv)-1, limit.Max)
		default:
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	require.NoError(t, goErr)
	require.Equal(t, goConv, got)
	require.LessOrEqual(t, len(got)-1, limit.Max)
}

func FuzzUTF16(f *testing.F) {
	for _, s := range []string{"", "a", "\x00", "a\x00", "x\xff", "x\xfe", "\xed\xa0\x80", "\xed\xbf\xbf",
		"\xed\xa0\xbd\xed\xb8\x80", "😀", "\xef\xbf\xbd", strings.Repeat("a", 8), strings.Repeat("a", 9),
		strings.Repeat("é", 8), "é😀\xed\xb0\x80", "\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xc0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkUTF16(t, s, testLimit)
		checkUTF16(t, s, Limit{Max: 1 << 20, Name: "BIG"})
	})
}

func FuzzCount(f *testing.F) {
	f.Add(int64(0), 0)
	f.Add(int64(-1), 5)
	f.Add(int64(6), 5)
	f.Add(int64(1<<32-1), math.MaxInt) // a buffer beyond a DWORD where int allows it
	f.Add(int64(1<<32), math.MaxInt)
	f.Add(int64(-1<<63), 0)
	f.Fuzz(func(t *testing.T, n int64, bufLen int) {
		if bufLen < 0 {
			t.Skip("a Go buffer's length is never negative")
		}
		got, err := Count("n", n, "lpBuffer", bufLen, "bytes")
		if err != nil {
			requireInputError(t, err, "n")
			require.True(t, n < 0 || n > int64(bufLen) || n > 1<<32-1)
			return
		}
		require.Equal(t, uint64(n), uint64(got))
		require.LessOrEqual(t, n, int64(bufLen))
	})
}

func FuzzFlags(f *testing.F) {
	f.Add(uint32(0), uint32(0))
	f.Add(uint32(1<<32-1), uint32(7))
	f.Add(uint32(8), uint32(7))
	f.Fuzz(func(t *testing.T, v, mask uint32) {
		err := Flags("dwFlags", v, mask)
		if v&^mask != 0 {
			requireInputError(t, err, "dwFlags")
		} else {
			require.NoError(t, err)
		}
	})
}

func BenchmarkUTF16(b *testing.B) {
	for _, tc := range []struct{ name, s string }{
		{"event-name", "Local\\wincgo-event-0123456789abcdef"},
		{"path-non-ascii", `C:\Users\wincgo\Documents\résumé-übersicht-文件.txt`},
	} {
		limit := Limit{Max: 260, Name: "MAX_PATH"}
		b.Run(tc.name+"/wincgo-into-buffer", func(b *testing.B) {
			b.ReportAllocs()
			var buf [261]uint16
			for b.Loop() {
				if _, err := UTF16Into(buf[:], "lpName", tc.s, limit); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(tc.name+"/wincgo", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := UTF16("lpName", tc.s, limit); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(tc.name+"/x-sys", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := windows.UTF16PtrFromString(tc.s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
