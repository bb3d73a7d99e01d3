package check

import (
	"fmt"
	"slices"
	"unicode/utf16"
	"unicode/utf8"

	wincgoerrors "github.com/wincgo/wincgo/errors"
)

// Limit is the longest string a parameter takes, as its MSDN page documents
// it, counted in UTF-16 units (WCHARs) without the terminating NUL: a
// character outside the Basic Multilingual Plane counts 2, as it does for
// Windows.
type Limit struct {
	// Max is the most UTF-16 units allowed, NUL excluded.
	Max int
	// Name names the limit in the error, spelled as MSDN does (MAX_PATH,
	// UNICODE_STRING_MAX_CHARS).
	Name string
}

// UTF16 converts s to the NUL-terminated UTF-16 string a W function takes,
// in one allocation of exactly the needed size. See UTF16Into for the
// rules; UTF16 is UTF16Into without a buffer.
func UTF16(name, s string, limit Limit) ([]uint16, error) {
	return UTF16Into(nil, name, s, limit)
}

// OptionalUTF16 is UTF16 for a parameter that may be NULL: "" gives nil.
func OptionalUTF16(name, s string, limit Limit) ([]uint16, error) {
	return OptionalUTF16Into(nil, name, s, limit)
}

// OptionalUTF16Into is UTF16Into for a parameter that may be NULL: "" gives
// nil.
func OptionalUTF16Into(buf []uint16, name, s string, limit Limit) ([]uint16, error) {
	if s == "" {
		return nil, nil
	}
	return UTF16Into(buf, name, s, limit)
}

// UTF16Into converts s to the NUL-terminated UTF-16 string a W function
// takes, writing it into buf when it fits (NUL included) and otherwise
// into one allocation of exactly the needed size; it returns the slice
// holding the result. A wrapper passes a stack array
// (var buf [C.MAX_PATH + 1]uint16; UTF16Into(buf[:], ...)), so that a name
// that fits costs no allocation as long as the pointer does not escape
// through the C call (a shim declared with #cgo noescape).
//
// The conversion is Go's own (syscall.UTF16FromString,
// windows.UTF16FromString): s is UTF-8, or WTF-8, in which an unpaired
// surrogate half of a Windows name is encoded as the 3 bytes UTF-8 would
// give it (ED A0..BF 80..BF) and becomes that surrogate, so that a name
// read from Windows through Go converts back to the same name. Unlike Go,
// bytes that are neither UTF-8 nor WTF-8 are refused instead of becoming
// U+FFFD: two different invalid strings would otherwise name the same
// object.
//
// It returns an *errors.InputError naming the parameter for an embedded
// NUL (Windows would cut the string there) or for invalid UTF-8, both
// with the byte offset, and for a string longer than limit.Max UTF-16
// units, naming the limit.
func UTF16Into(buf []uint16, name, s string, limit Limit) ([]uint16, error) {
	n, ascii, err := utf16Len(name, s)
	if err != nil {
		return nil, err
	}
	if n > limit.Max {
		return nil, &wincgoerrors.InputError{Name: name, Value: s,
			Message: fmt.Sprintf("received a string of %d UTF-16 units, more than %s (%d), the longest this parameter takes", n, limit.Name, limit.Max)}
	}
	if n+1 <= len(buf) {
		buf = buf[:n+1]
	} else {
		buf = make([]uint16, n+1)
	}
	if ascii {
		for i := 0; i < len(s); i++ {
			buf[i] = uint16(s[i])
		}
	} else {
		encodeWTF16(buf, s)
	}
	buf[n] = 0
	return buf, nil
}

// UTF16Len validates s as UTF16Into does, with no length limit, and
// returns the number of UTF-16 units it converts to (NUL excluded).
func UTF16Len(name, s string) (int, error) {
	n, _, err := utf16Len(name, s)
	return n, err
}

// AppendUTF16 appends the n UTF-16 units of s to dst, without a
// terminating NUL, and returns the extended slice. s and n are a string
// UTF16Len accepted and its answer: the strings Windows takes inside a
// larger block (an environment block's variables) are all checked, and
// the block sized, before the first is appended.
func AppendUTF16(dst []uint16, s string, n int) []uint16 {
	dst = slices.Grow(dst, n)
	encodeWTF16(dst[len(dst):len(dst)+n], s)
	return dst[:len(dst)+n]
}

// WTF8Surrogate reports whether s starts with the WTF-8 encoding of a
// surrogate half (U+D800..U+DFFF, 3 bytes), which package utf8 rejects,
// and returns the surrogate.
func WTF8Surrogate(s string) (rune, bool) {
	if !wtf8Surrogate(s) {
		return 0, false
	}
	return rune(s[0]&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), true
}

// wtf8Surrogate reports whether s starts with the WTF-8 encoding of a
// surrogate half (U+D800..U+DFFF), which utf8 rejects.
func wtf8Surrogate(s string) bool {
	return len(s) >= 3 && s[0] == 0xED && 0xA0 <= s[1] && s[1] <= 0xBF && 0x80 <= s[2] && s[2] <= 0xBF
}

// utf16Len validates s and counts its UTF-16 units, NUL excluded; ascii
// reports that every byte is ASCII (each is then one unit).
func utf16Len(name, s string) (n int, ascii bool, err error) {
	ascii = true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == 0 {
				return 0, false, &wincgoerrors.InputError{Name: name, Value: s,
					Message: fmt.Sprintf("received a string with a NUL at byte %d, expected none", i)}
			}
			n++
			i++
			continue
		}
		ascii = false
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case size > 1 && r >= 0x10000:
			n += 2
		case size > 1:
			n++
		case wtf8Surrogate(s[i:]):
			n++
			size = 3
		default:
			return 0, false, &wincgoerrors.InputError{Name: name, Value: s,
				Message: fmt.Sprintf("received a string with invalid UTF-8 at byte %d (%#02x), expected UTF-8 or WTF-8", i, c)}
		}
		i += size
	}
	return n, ascii, nil
}

// encodeWTF16 writes the UTF-16 of s, validated by utf16Len, into buf,
// which holds exactly its units.
func encodeWTF16(buf []uint16, s string) {
	j := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			buf[j] = uint16(c)
			i++
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case size == 1: // a WTF-8 surrogate half, as utf16Len found
			buf[j] = uint16(rune(s[i]&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F))
			size = 3
			j++
		case r >= 0x10000:
			r1, r2 := utf16.EncodeRune(r)
			buf[j], buf[j+1] = uint16(r1), uint16(r2)
			j += 2
		default:
			buf[j] = uint16(r)
			j++
		}
		i += size
	}
}
