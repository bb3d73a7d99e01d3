package main

import (
	"fmt"
	"regexp"
	"strings"
)

// A header's prototypes: the linkage macro, the return type, the calling
// convention and the name (mingw-w64 omits the linkage macro on some, such
// as tlhelp32.h's).
var prototypeRE = regexp.MustCompile(`(?m)^(?:(WINBASEAPI|WINUSERAPI|WINSOCK_API_LINKAGE)\s+)?(\w+)\s+(?:WINAPI|WSAAPI)\s+(\w+)\s*\(`)

// An annotation: /* wincgo:word args... */.
var annotationRE = regexp.MustCompile(`/\*\s*wincgo:(\w+)([^*]*)\*/`)

// Any C comment.
var commentRE = regexp.MustCompile(`(?s)/\*.*?\*/`)

// An annotation alone on its line, above a prototype.
var annotationLineRE = regexp.MustCompile(`^\s*/\*\s*wincgo:(\w+)([^*]*)\*/\s*$`)

// param is one parameter of a prototype.
type param struct {
	typ  string // C type as written, normalised ("const HANDLE *")
	name string
	// mode: "" (passed through), "out" (a C local whose value is returned
	// in result.out), "inout" (the same, initialised from a shim parameter
	// of the pointed-to type), "local" (a C local whose value is dropped)
	// or "fixed" (a variant passes expr).
	mode    string
	subType string // pointee type of an out or local parameter
	expr    string // fixed value
	// bytes: a pointer to memory that holds no Go pointers (wincgo:bytes),
	// passed as uint8_t * so that cgo does not check it.
	bytes bool
	// address: a pointer Windows only carries back (wincgo:address),
	// passed as uintptr_t, an integer in Go.
	address bool
}

// variant is a second shim for a function, with some parameters fixed.
type variant struct {
	suffix   string
	noescape bool
	set      map[string]string // parameter → "out", "local" or a C expression
}

// function is one annotated prototype.
type function struct {
	name     string
	ret      string
	winsock  bool
	params   []param
	noescape bool
	retcode  bool
	plain    bool
	callback bool   // may call back into Go: no #cgo nocallback
	void     bool   // returns VOID: result.ret is 0
	scalar   string // wincgo:scalar FAIL: the failure value, "" otherwise
	variants []variant
}

// parseHeader returns the prototypes of a hand-written cdefs header, in
// order, with their annotations.
func parseHeader(src string) ([]function, error) {
	var fns []function
	for _, m := range prototypeRE.FindAllStringSubmatchIndex(src, -1) {
		fn := function{
			winsock: m[2] >= 0 && src[m[2]:m[3]] == "WINSOCK_API_LINKAGE",
			ret:     src[m[4]:m[5]],
			name:    src[m[6]:m[7]],
		}
		fn.void = fn.ret == "VOID" || fn.ret == "void"
		end := strings.Index(src[m[1]:], ");")
		if end < 0 {
			return nil, fmt.Errorf("%s: prototype without its closing \");\"", fn.name)
		}
		params, err := parseParams(src[m[1] : m[1]+end])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fn.name, err)
		}
		fn.params = params
		if err := parseFunctionAnnotations(&fn, src[:m[0]]); err != nil {
			return nil, fmt.Errorf("%s: %w", fn.name, err)
		}
		fns = append(fns, fn)
	}
	return fns, nil
}

// parseFunctionAnnotations reads the annotation lines directly above a
// prototype (before holds the header up to the prototype).
func parseFunctionAnnotations(fn *function, before string) error {
	lines := strings.Split(strings.TrimRight(before, "\n"), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		m := annotationLineRE.FindStringSubmatch(lines[i])
		if m == nil {
			break
		}
		args := strings.Fields(m[2])
		switch m[1] {
		case "noescape":
			fn.noescape = true
		case "retcode":
			fn.retcode = true
		case "callback":
			fn.callback = true
		case "plain":
			fn.plain = true
		case "scalar":
			if len(args) == 0 {
				return fmt.Errorf("wincgo:scalar needs the failure value (wincgo:scalar INVALID_HANDLE_VALUE)")
			}
			fn.scalar = strings.Join(args, " ")
		case "variant":
			if len(args) == 0 {
				return fmt.Errorf("wincgo:variant needs a name")
			}
			v := variant{suffix: args[0], set: map[string]string{}}
			for _, a := range args[1:] {
				if a == "noescape" {
					v.noescape = true
					continue
				}
				k, val, ok := strings.Cut(a, "=")
				if !ok || k == "" || val == "" {
					return fmt.Errorf("wincgo:variant %s: %q is not noescape or PARAM=VALUE", v.suffix, a)
				}
				v.set[k] = val
			}
			fn.variants = append([]variant{v}, fn.variants...)
		default:
			return fmt.Errorf("unknown annotation wincgo:%s", m[1])
		}
	}
	if fn.plain && (fn.retcode || fn.noescape || len(fn.variants) > 0 || fn.scalar != "") {
		return fmt.Errorf("wincgo:plain combines with no other annotation")
	}
	// cgo honours noescape only together with nocallback, which a scalar
	// shim does without.
	if fn.scalar != "" && (fn.retcode || fn.callback || fn.noescape || len(fn.variants) > 0) {
		return fmt.Errorf("wincgo:scalar combines with none of wincgo:retcode, wincgo:callback, wincgo:noescape and wincgo:variant")
	}
	if fn.void && (fn.plain || fn.retcode || fn.scalar != "") {
		return fmt.Errorf("a VOID function has no value: wincgo:plain, wincgo:retcode and wincgo:scalar do not apply")
	}
	return nil
}

// parseParams parses the text between a prototype's parentheses. An
// annotation belongs to the parameter on whose line it stands, even after
// that parameter's comma.
func parseParams(s string) ([]param, error) {
	type note struct{ word, args string }
	var notes []struct {
		idx int
		note
	}
	clean := []byte(s)
	for _, m := range commentRE.FindAllStringIndex(s, -1) {
		for i := m[0]; i < m[1]; i++ {
			if clean[i] != '\n' {
				clean[i] = ' '
			}
		}
	}
	for _, m := range annotationRE.FindAllStringSubmatchIndex(s, -1) {
		pre := string(clean[:m[0]])
		idx := strings.Count(pre, ",")
		if last := strings.LastIndex(pre, ","); last >= 0 && strings.TrimSpace(pre[last+1:]) == "" && !strings.Contains(pre[last+1:], "\n") {
			idx--
		}
		notes = append(notes, struct {
			idx int
			note
		}{idx, note{s[m[2]:m[3]], strings.TrimSpace(s[m[4]:m[5]])}})
	}
	text := strings.TrimSpace(string(clean))
	if text == "" || text == "void" || text == "VOID" {
		if len(notes) > 0 {
			return nil, fmt.Errorf("annotation on a function without parameters")
		}
		return nil, nil
	}
	var params []param
	for _, raw := range strings.Split(text, ",") {
		p, err := parseParam(raw)
		if err != nil {
			return nil, err
		}
		params = append(params, p)
	}
	for _, n := range notes {
		if n.idx < 0 || n.idx >= len(params) {
			return nil, fmt.Errorf("annotation wincgo:%s is on no parameter", n.word)
		}
		p := &params[n.idx]
		switch n.word {
		case "out", "inout", "local":
			p.mode = n.word
			p.subType = n.args
			if p.subType == "" {
				t, ok := pointee(p.typ)
				if !ok {
					return nil, fmt.Errorf("%s: cannot tell what %s points to: write wincgo:%s TYPE", p.name, p.typ, n.word)
				}
				p.subType = t
			}
		case "bytes":
			if _, ok := pointee(p.typ); !ok || handleTypes[p.typ] || isHandlePointer(p.typ) || typedPointers[p.typ] != "" {
				return nil, fmt.Errorf("%s: wincgo:bytes is for a pointer the raw layer takes as unsafe.Pointer, not %s", p.name, p.typ)
			}
			p.bytes = true
		case "address":
			if _, ok := pointee(p.typ); !ok || handleTypes[p.typ] || isHandlePointer(p.typ) {
				return nil, fmt.Errorf("%s: wincgo:address is for a pointer, not %s", p.name, p.typ)
			}
			p.address = true
		default:
			return nil, fmt.Errorf("%s: unknown parameter annotation wincgo:%s", p.name, n.word)
		}
	}
	return params, nil
}

var identRE = regexp.MustCompile(`^[A-Za-z_]\w*$`)

// parseParam splits "const HANDLE *pHandles" into type and name.
func parseParam(raw string) (param, error) {
	f := strings.Fields(strings.ReplaceAll(raw, "*", " * "))
	if len(f) < 2 || !identRE.MatchString(f[len(f)-1]) {
		return param{}, fmt.Errorf("cannot parse parameter %q (want TYPE NAME)", strings.TrimSpace(raw))
	}
	typ := strings.Join(f[:len(f)-1], " ")
	typ = strings.ReplaceAll(typ, "* *", "**")
	return param{typ: typ, name: f[len(f)-1]}, nil
}

// pointee returns the type a pointer parameter points to: T for "T *" and
// for the Windows spellings LPT and PT.
func pointee(typ string) (string, bool) {
	if t, ok := strings.CutSuffix(typ, " *"); ok {
		return strings.TrimPrefix(t, "const "), true
	}
	if !identRE.MatchString(typ) {
		return "", false
	}
	for _, prefix := range []string{"LP", "P"} {
		if t, ok := strings.CutPrefix(typ, prefix); ok && t != "" && t[0] >= 'A' && t[0] <= 'Z' {
			return t, true
		}
	}
	return "", false
}
