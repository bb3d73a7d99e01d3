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

// An annotation: /* wincgo:word args... */ (words may have hyphens:
// wincgo:fails-when).
var annotationRE = regexp.MustCompile(`/\*\s*wincgo:([\w-]+)([^*]*)\*/`)

// Any C comment.
var commentRE = regexp.MustCompile(`(?s)/\*.*?\*/`)

// An annotation alone on its line, above a prototype.
var annotationLineRE = regexp.MustCompile(`^\s*/\*\s*wincgo:([\w-]+)([^*]*)\*/\s*$`)

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
	// noGoPointers: a pointer to memory that holds no Go pointers
	// (wincgo:no-go-pointers), passed as uint8_t * so that cgo does not
	// look inside it.
	noGoPointers bool
	// address: a pointer Windows only carries back (wincgo:address),
	// passed as uintptr_t, an integer in Go.
	address bool
}

// variant is a second shim for a function, with some parameters fixed.
type variant struct {
	suffix string
	// noescape: the pointer parameters the function is done with when it
	// returns (wincgo:noescape NAME...); nil when not noescape.
	noescape []string
	set      map[string]string // parameter → "out", "local" or a C expression
}

// function is one annotated prototype.
type function struct {
	name     string
	ret      string
	winsock  bool
	params   []param
	noescape []string // wincgo:noescape NAME...: see variant
	retcode  bool
	// keepLastError: wincgo:keep-last-error, no fault injection and no
	// last error around the call (GetLastError): the value is the result.
	keepLastError bool
	callback      bool // may call back into Go: never noescape
	void          bool // returns VOID: result.ret is 0
	// failsWhen is the failure rule as a C expression over ret
	// ("ret == INVALID_HANDLE_VALUE", or "0" for a function that cannot
	// fail), and returned the failing value as its documentation writes
	// it ("INVALID_HANDLE_VALUE"), for the error's message.
	failsWhen, returned string
	variants            []variant
	// extension: a Winsock extension function (wincgo:extension WSAID_X
	// [SOCKETPARAM]), called through the pointer WSAIoctl returns for the
	// GUID WSAID_X, asked of SOCKETPARAM (or, with none, of a temporary
	// socket).
	extension *extension
}

// extension is a wincgo:extension annotation.
type extension struct{ guid, socket string }

// failValueRE is the failing value of a wincgo:fails-when rule: a C
// constant's name or an integer literal, written as the function's
// documentation writes it.
var failValueRE = regexp.MustCompile(`^(?:[A-Za-z_]\w*|0[xX][0-9A-Fa-f]+|-?[0-9]+)$`)

// parseNoescape reads the parameter names of wincgo:noescape NAME... [:
// why] (a variant's noescape=NAME,NAME).
func parseNoescape(args string) []string {
	names, _, _ := strings.Cut(args, ":")
	list := strings.FieldsFunc(names, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	if list == nil {
		list = []string{}
	}
	return list
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
			fn.noescape = parseNoescape(m[2])
		case "retcode":
			fn.retcode = true
		case "callback":
			fn.callback = true
		case "keep-last-error":
			fn.keepLastError = true
		case "extension":
			if len(args) < 1 || len(args) > 2 || !strings.HasPrefix(args[0], "WSAID_") {
				return fmt.Errorf("wincgo:extension %s: want WSAID_NAME [SOCKETPARAM]", strings.TrimSpace(m[2]))
			}
			fn.extension = &extension{guid: args[0]}
			if len(args) == 2 {
				fn.extension.socket = args[1]
			}
			// Winsock functions, which report through WSAGetLastError.
			fn.winsock = true
		case "fails-when":
			switch {
			case len(args) == 1 && args[0] == "never":
				fn.failsWhen = "0"
			case len(args) == 3 && args[0] == "ret" && args[1] == "==" && failValueRE.MatchString(args[2]):
				fn.failsWhen, fn.returned = "ret == "+args[2], args[2]
			default:
				return fmt.Errorf("wincgo:fails-when %s: want \"ret == VALUE\" (a constant or a number, as MSDN writes it) or \"never\"", strings.TrimSpace(m[2]))
			}
		case "variant":
			if len(args) == 0 {
				return fmt.Errorf("wincgo:variant needs a name")
			}
			v := variant{suffix: args[0], set: map[string]string{}}
			for _, a := range args[1:] {
				k, val, ok := strings.Cut(a, "=")
				if !ok || k == "" || val == "" {
					return fmt.Errorf("wincgo:variant %s: %q is neither PARAM=VALUE nor noescape=PARAM,PARAM", v.suffix, a)
				}
				if k == "noescape" {
					v.noescape = parseNoescape(val)
					continue
				}
				v.set[k] = val
			}
			fn.variants = append([]variant{v}, fn.variants...)
		default:
			return fmt.Errorf("unknown annotation wincgo:%s", m[1])
		}
	}
	if fn.keepLastError && (fn.retcode || fn.noescape != nil || len(fn.variants) > 0 || fn.failsWhen != "") {
		return fmt.Errorf("wincgo:keep-last-error combines with no other annotation")
	}
	if fn.void && (fn.keepLastError || fn.retcode || fn.failsWhen != "") {
		return fmt.Errorf("a VOID function has no value: wincgo:keep-last-error, wincgo:retcode and wincgo:fails-when do not apply")
	}
	if fn.retcode && fn.failsWhen != "" {
		return fmt.Errorf("wincgo:retcode fails when the code it returns is not 0: no wincgo:fails-when")
	}
	// cgo keeps a pointer on the stack only for a function declared not to
	// call back into Go (#cgo nocallback).
	if fn.callback && fn.noescape != nil {
		return fmt.Errorf("wincgo:callback and wincgo:noescape: cgo honours noescape only for a function that does not call back into Go")
	}
	if e := fn.extension; e != nil {
		// noescape is fine: the shim calls only Winsock (WSAIoctl,
		// WSASocketW, closesocket) besides the function, never back into Go.
		if fn.keepLastError || fn.retcode || len(fn.variants) > 0 {
			return fmt.Errorf("wincgo:extension combines with wincgo:fails-when and wincgo:noescape only")
		}
		found := e.socket == ""
		for _, p := range fn.params {
			found = found || (p.name == e.socket && p.typ == "SOCKET")
			if p.mode != "" {
				return fmt.Errorf("wincgo:extension: %s: no wincgo:out, inout or local parameter", p.name)
			}
		}
		if !found {
			return fmt.Errorf("wincgo:extension %s %s: no SOCKET parameter named %s", e.guid, e.socket, e.socket)
		}
	}
	for _, p := range fn.params {
		if p.name == "ret" {
			return fmt.Errorf("a parameter named ret: the failure rule names the return value ret")
		}
	}
	switch {
	case fn.failsWhen != "" || fn.void || fn.retcode || fn.keepLastError:
	case fn.ret == "BOOL":
		fn.failsWhen, fn.returned = "ret == FALSE", "FALSE"
	case handleTypes[fn.ret]:
		fn.failsWhen, fn.returned = "ret == NULL", "NULL"
	default:
		return fmt.Errorf("returns %s: say when it fails, /* wincgo:fails-when ret == VALUE */ or /* wincgo:fails-when never */ (the default, ret == FALSE or NULL, is for BOOL and handles)", fn.ret)
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
		case "no-go-pointers":
			if _, ok := pointee(p.typ); !ok || handleTypes[p.typ] || isHandlePointer(p.typ) || typedPointers[p.typ] != "" {
				return nil, fmt.Errorf("%s: wincgo:no-go-pointers is for a pointer the raw layer takes as unsafe.Pointer, not %s", p.name, p.typ)
			}
			p.noGoPointers = true
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
