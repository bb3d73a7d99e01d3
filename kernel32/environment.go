//go:build windows

package kernel32

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	wincgoerrors "github.com/wincgo/wincgo/errors"
	"github.com/wincgo/wincgo/internal/check"
)

// EnvironmentBlock is a Unicode environment block for CreateProcess's
// lpEnvironment: "key=value" strings, each NUL-terminated, sorted as
// Windows expects, and a final NUL. Build it with NewEnvironmentBlock or
// NewEnvironmentBlockFromList, which check every variable; CreateProcess
// adds CREATE_UNICODE_ENVIRONMENT for it.
//
// See https://learn.microsoft.com/en-us/windows/win32/procthread/changing-environment-variables
type EnvironmentBlock struct {
	block []uint16
	vars  []string
}

// UTF16 returns a copy of the block, as Windows reads it (double-NUL
// terminated).
func (b *EnvironmentBlock) UTF16() []uint16 { return slices.Clone(b.block) }

// Variables returns the block's "key=value" strings, in the block's order.
func (b *EnvironmentBlock) Variables() []string { return slices.Clone(b.vars) }

// NewEnvironmentBlock builds an environment block from a map of variable
// names to values (pywincffi's environment_block).
//
// Windows wants the variables sorted by name, case-insensitively, in
// Unicode order without regard to locale: the block is sorted by the
// upper-cased names' UTF-16 code units, as CPython's _winapi does.
// Variable names are case-insensitive on Windows, so two names differing
// only in case are refused rather than one silently dropped.
//
// A name must not be empty, contain a NUL, or contain "=" except as its
// first character (Windows' per-drive current directories, "=C:"); a value
// must not contain a NUL. Names and values are UTF-8, or WTF-8 (an unpaired
// surrogate, as Go reads one from Windows, becomes that surrogate again),
// as every string wincgo passes Windows: other bytes would have to become
// U+FFFD, silently changing the child's environment. Each is refused with
// an *errors.InputError naming the variable. An empty map gives the empty block (two NULs): the child
// gets no variables at all.
func NewEnvironmentBlock(env map[string]string) (*EnvironmentBlock, error) {
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	// Map order is random: sort first so that errors name the same
	// variable on every run.
	slices.Sort(keys)
	pairs := make([]envPair, len(keys))
	for i, k := range keys {
		pairs[i] = envPair{key: k, value: env[k], kv: k + "=" + env[k]}
	}
	return newEnvironmentBlock(pairs, false)
}

// NewEnvironmentBlockFromList builds an environment block from "key=value"
// strings, as os.Environ returns them.
//
// The rules are NewEnvironmentBlock's, with os/exec's treatment of
// duplicates: when names repeat (case-insensitively), the last one wins. A
// string without "=" after its first character (so no value, not even an
// empty one) is an *errors.InputError.
func NewEnvironmentBlockFromList(env []string) (*EnvironmentBlock, error) {
	pairs := make([]envPair, len(env))
	for i, kv := range env {
		// A leading "=" belongs to the name ("=C:=C:\dir").
		eq := -1
		if len(kv) > 0 {
			if eq = strings.IndexByte(kv[1:], '='); eq >= 0 {
				eq++
			}
		}
		if eq < 0 {
			return nil, &wincgoerrors.InputError{Name: fmt.Sprintf("env[%d]", i), Value: kv,
				Message: fmt.Sprintf("received %q, expected key=value", kv)}
		}
		pairs[i] = envPair{index: i, key: kv[:eq], value: kv[eq+1:], kv: kv}
	}
	return newEnvironmentBlock(pairs, true)
}

// envPair is one variable: its key, value and "key=value" string, and, for
// a list, its index, which errors name.
type envPair struct {
	index          int
	key, value, kv string
}

// name is the parameter name errors give p: env[index] for a list
// (fromList), env["key"] for a map. Formatted only for an error.
func (p envPair) name(fromList bool) string {
	if fromList {
		return fmt.Sprintf("env[%d]", p.index)
	}
	return fmt.Sprintf("env[%q]", p.key)
}

type envVar struct {
	key, upper, kv string
	units          int // kv's UTF-16 units
}

// newEnvironmentBlock checks env and builds its block; lastWins is true
// for a list (NewEnvironmentBlockFromList), false for a map.
func newEnvironmentBlock(env []envPair, lastWins bool) (*EnvironmentBlock, error) {
	byUpper := make(map[string]int, len(env))
	vars := make([]envVar, 0, len(env))
	for _, p := range env {
		key, kv := p.key, p.kv
		name := func() string { return p.name(lastWins) }
		if err := checkEnvKey(name, key); err != nil {
			return nil, err
		}
		if j := strings.IndexByte(p.value, 0); j >= 0 {
			return nil, &wincgoerrors.InputError{Name: name(), Value: p.value,
				Message: fmt.Sprintf("the value of %q has a NUL at byte %d, expected none", key, j)}
		}
		units, err := check.UTF16Len("", kv)
		if err != nil {
			// Again with the variable's name, formatted only now: it
			// allocates.
			_, err = check.UTF16Len(name(), kv)
			return nil, err
		}
		upper := upperWTF8(key)
		v := envVar{key: key, upper: upper, kv: kv, units: units}
		if j, dup := byUpper[upper]; dup {
			if !lastWins {
				return nil, &wincgoerrors.InputError{Name: name(), Value: key,
					Message: fmt.Sprintf("received both %q and %q, which Windows treats as the same variable", vars[j].key, key)}
			}
			vars[j] = v
			continue
		}
		byUpper[upper] = len(vars)
		vars = append(vars, v)
	}
	slices.SortFunc(vars, func(a, b envVar) int { return compareUTF16(a.upper, b.upper) })
	// The block's exact size, so that it is allocated once.
	size := 2
	for _, v := range vars {
		size += v.units + 1
	}
	b := &EnvironmentBlock{block: make([]uint16, 0, size), vars: make([]string, 0, len(vars))}
	for _, v := range vars {
		b.block = append(check.AppendUTF16(b.block, v.kv, v.units), 0)
		b.vars = append(b.vars, v.kv)
	}
	if len(vars) == 0 {
		// An empty block is still two NULs: Windows reads up to the
		// first pair.
		b.block = append(b.block, 0)
	}
	b.block = append(b.block, 0)
	return b, nil
}

// compareUTF16 compares a and b as their UTF-16 encodings compare, unit
// by unit, without encoding them. A WTF-8 surrogate half counts as that
// surrogate, as the block has it (newEnvironmentBlock refuses other
// invalid UTF-8).
func compareUTF16(a, b string) int {
	for a != "" && b != "" {
		ra, na := decodeWTF8(a)
		rb, nb := decodeWTF8(b)
		if ra != rb {
			a1, a2 := utf16Units(ra)
			b1, b2 := utf16Units(rb)
			if c := cmp.Compare(a1, b1); c != 0 {
				return c
			}
			// Two characters beyond the plane with the same first unit.
			return cmp.Compare(a2, b2)
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

// utf16Units is r's UTF-16 encoding: one unit and 0, or a surrogate pair
// for a character beyond the Basic Multilingual Plane.
func utf16Units(r rune) (uint16, uint16) {
	if r >= 0x10000 {
		r1, r2 := utf16.EncodeRune(r)
		return uint16(r1), uint16(r2)
	}
	return uint16(r), 0
}

// decodeWTF8 is utf8.DecodeRuneInString, except that a WTF-8 surrogate
// half decodes to that surrogate, all 3 bytes.
func decodeWTF8(s string) (rune, int) {
	if r, ok := check.WTF8Surrogate(s); ok {
		return r, 3
	}
	return utf8.DecodeRuneInString(s)
}

// upperWTF8 is strings.ToUpper for a name in UTF-8 or WTF-8: it leaves a
// WTF-8 surrogate half as it is, where strings.ToUpper would turn each of
// its bytes into U+FFFD, so that two names differing in one would be the
// same variable.
func upperWTF8(s string) string {
	if utf8.ValidString(s) {
		return strings.ToUpper(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for s != "" {
		if _, ok := check.WTF8Surrogate(s); ok {
			b.WriteString(s[:3])
			s = s[3:]
			continue
		}
		r, n := utf8.DecodeRuneInString(s)
		b.WriteRune(unicode.ToUpper(r))
		s = s[n:]
	}
	return b.String()
}

// checkEnvKey refuses a variable name Windows cannot represent in a
// block; name gives the parameter's name, formatted only for an error.
func checkEnvKey(name func() string, key string) error {
	switch {
	case key == "" || key == "=":
		return &wincgoerrors.InputError{Name: name(), Value: key, Message: "received an empty variable name"}
	case strings.IndexByte(key, 0) >= 0:
		return &wincgoerrors.InputError{Name: name(), Value: key,
			Message: fmt.Sprintf("the variable name %q has a NUL, expected none", key)}
	case strings.IndexByte(key[1:], '=') >= 0:
		return &wincgoerrors.InputError{Name: name(), Value: key,
			Message: fmt.Sprintf("the variable name %q has \"=\" after its first character, expected none", key)}
	}
	return nil
}
