//go:build windows

package kernel32

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf16"

	wincgoerrors "github.com/wincgo/wincgo/errors"
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
// must not contain a NUL. Each is refused with an *errors.InputError naming
// the variable. An empty map gives the empty block (two NULs): the child
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
		pairs[i] = envPair{name: fmt.Sprintf("env[%q]", k), key: k, value: env[k]}
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
		name := fmt.Sprintf("env[%d]", i)
		// A leading "=" belongs to the name ("=C:=C:\dir").
		eq := -1
		if len(kv) > 0 {
			if eq = strings.IndexByte(kv[1:], '='); eq >= 0 {
				eq++
			}
		}
		if eq < 0 {
			return nil, &wincgoerrors.InputError{Name: name, Value: kv,
				Message: fmt.Sprintf("received %q, expected key=value", kv)}
		}
		pairs[i] = envPair{name: name, key: kv[:eq], value: kv[eq+1:]}
	}
	return newEnvironmentBlock(pairs, true)
}

// envPair is one variable and the parameter name errors give it.
type envPair struct{ name, key, value string }

type envVar struct {
	key, upper, kv string
	upper16        []uint16
}

func newEnvironmentBlock(env []envPair, lastWins bool) (*EnvironmentBlock, error) {
	byUpper := map[string]int{}
	var vars []envVar
	for _, p := range env {
		name, key, kv := p.name, p.key, p.key+"="+p.value
		if err := checkEnvKey(name, key); err != nil {
			return nil, err
		}
		if j := strings.IndexByte(p.value, 0); j >= 0 {
			return nil, &wincgoerrors.InputError{Name: name, Value: p.value,
				Message: fmt.Sprintf("the value of %q has a NUL at byte %d, expected none", key, j)}
		}
		upper := strings.ToUpper(key)
		v := envVar{key: key, upper: upper, kv: kv, upper16: utf16.Encode([]rune(upper))}
		if j, dup := byUpper[upper]; dup {
			if !lastWins {
				return nil, &wincgoerrors.InputError{Name: name, Value: key,
					Message: fmt.Sprintf("received both %q and %q, which Windows treats as the same variable", vars[j].key, key)}
			}
			vars[j] = v
			continue
		}
		byUpper[upper] = len(vars)
		vars = append(vars, v)
	}
	slices.SortFunc(vars, func(a, b envVar) int { return slices.Compare(a.upper16, b.upper16) })
	b := &EnvironmentBlock{}
	for _, v := range vars {
		b.block = append(b.block, utf16.Encode([]rune(v.kv))...)
		b.block = append(b.block, 0)
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

// checkEnvKey refuses a variable name Windows cannot represent in a block.
func checkEnvKey(name, key string) error {
	switch {
	case key == "" || key == "=":
		return &wincgoerrors.InputError{Name: name, Value: key, Message: "received an empty variable name"}
	case strings.IndexByte(key, 0) >= 0:
		return &wincgoerrors.InputError{Name: name, Value: key,
			Message: fmt.Sprintf("the variable name %q has a NUL, expected none", key)}
	case strings.IndexByte(key[1:], '=') >= 0:
		return &wincgoerrors.InputError{Name: name, Value: key,
			Message: fmt.Sprintf("the variable name %q has \"=\" after its first character, expected none", key)}
	}
	return nil
}
