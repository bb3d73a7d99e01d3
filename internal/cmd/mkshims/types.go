package main

import (
	"fmt"
	"strings"
)

// The type mapping, C (as the prototype spells it) → shim → Go raw layer.
// A type not covered here is an error: extend the tables rather than guess.
//
//	C prototype                       shim parameter       raw Go parameter  Go → C
//	handle (HANDLE, SOCKET, WSAEVENT) uintptr_t            uintptr           C.uintptr_t(x)
//	handle pointer (PHANDLE, LPHANDLE,
//	  HANDLE *, const HANDLE *)       uintptr_t *          *uintptr          (*C.uintptr_t)(unsafe.Pointer(x))
//	scalar (DWORD, BOOL, int, ...)    as written           scalarTypes       C.T(x)
//	enum (JOBOBJECTINFOCLASS)         as written           int32             C.T(x)
//	LPCWSTR, LPWSTR                   as written           *uint16           C.LPCWSTR(unsafe.Pointer(x))
//	LPDWORD, PDWORD, DWORD *          as written           *uint32           C.LPDWORD(unsafe.Pointer(x))
//	any other pointer (LPVOID,
//	  LPOVERLAPPED, T *, ...)         as written           unsafe.Pointer    C.LPOVERLAPPED(x), (*C.T)(x)
//	one marked wincgo:no-go-pointers  uint8_t *            unsafe.Pointer    (*C.uint8_t)(x)
//	one marked wincgo:address         uintptr_t            uintptr           C.uintptr_t(x)
//	pointer to pointer (T **)         uintptr_t *          *uintptr          (*C.uintptr_t)(unsafe.Pointer(x))
//
// Handles cross as integers both ways (Go keeps handles as integers, never
// as Go pointers); the shim casts them back to the prototype's type.

// handleTypes are the pointer-sized handle types, passed as uintptr_t.
var handleTypes = map[string]bool{
	"HANDLE": true, "SOCKET": true, "WSAEVENT": true, "HWND": true, "HMODULE": true,
	"HINSTANCE": true, "HKEY": true, "HLOCAL": true, "HGLOBAL": true,
}

// handlePointerTypes are the Windows names of pointers to handles.
var handlePointerTypes = map[string]bool{"PHANDLE": true, "LPHANDLE": true}

// scalarTypes maps C scalar types to the Go type of the raw parameter.
var scalarTypes = map[string]string{
	"DWORD": "uint32", "UINT": "uint32", "ULONG": "uint32", "unsigned": "uint32",
	"BOOL": "int32", "INT": "int32", "int": "int32", "LONG": "int32", "long": "int32",
	"WORD": "uint16", "USHORT": "uint16",
	"BYTE": "uint8", "UCHAR": "uint8",
	"GROUP":     "uint32",
	"ULONG_PTR": "uintptr", "DWORD_PTR": "uintptr", "SIZE_T": "uintptr", "UINT_PTR": "uintptr", "WPARAM": "uintptr",
	"LONG_PTR": "int", "INT_PTR": "int", "LPARAM": "int",
	// C enumerations, passed as the int they are (cgo converts to the
	// enum's Go type, C.JOBOBJECTINFOCLASS(x)).
	"JOBOBJECTINFOCLASS": "int32",
}

// typedPointers maps pointer types to a typed Go pointer.
var typedPointers = map[string]string{
	"LPCWSTR": "*uint16", "LPWSTR": "*uint16", "PCWSTR": "*uint16", "PWSTR": "*uint16",
	"LPDWORD": "*uint32", "PDWORD": "*uint32", "DWORD *": "*uint32",
	"LPINT": "*int32", "int *": "*int32", "u_long *": "*uint32",
	// A C function pointer: only C code passes one (wincgo's callbacks are C).
	"WAITORTIMERCALLBACK": "unsafe.Pointer", "LPWSAOVERLAPPED_COMPLETION_ROUTINE": "unsafe.Pointer",
}

// addressOut reports a pointer to a pointer (struct sockaddr **): Windows
// writes an address there, which Go receives as an integer (like a
// handle) and turns back into a pointer only within memory it owns.
func addressOut(typ string) bool { return strings.HasSuffix(typ, "**") }

// goC spells a C type as cgo names it: struct sockaddr is C.struct_sockaddr.
func goC(typ string) string { return strings.ReplaceAll(typ, "struct ", "struct_") }

// cParam is a parameter as the shim and the raw layer see it.
type cParam struct {
	name   string
	shimT  string // the shim's C parameter type
	arg    string // how the shim passes it on to the function
	goT    string // the raw Go parameter type
	goConv string // the Go expression converting it for the shim (%s: the Go name)
}

func isHandlePointer(typ string) bool {
	if handlePointerTypes[typ] {
		return true
	}
	t, ok := strings.CutSuffix(strings.TrimPrefix(typ, "const "), " *")
	return ok && handleTypes[t]
}

// mapParam maps one passed-through parameter.
func mapParam(p param) (cParam, error) {
	c := cParam{name: p.name, shimT: p.typ, arg: p.name}
	switch {
	case handleTypes[p.typ]:
		c.shimT, c.arg = "uintptr_t", "("+p.typ+")"+p.name
		c.goT, c.goConv = "uintptr", "C.uintptr_t(%s)"
	case isHandlePointer(p.typ):
		c.shimT = "uintptr_t *"
		if strings.HasPrefix(p.typ, "const ") {
			c.shimT = "const uintptr_t *"
		}
		c.arg = "(" + p.typ + ")" + p.name
		c.goT, c.goConv = "*uintptr", "(*C.uintptr_t)(unsafe.Pointer(%s))"
	case addressOut(p.typ):
		c.shimT, c.arg = "uintptr_t *", "("+p.typ+")"+p.name
		c.goT, c.goConv = "*uintptr", "(*C.uintptr_t)(unsafe.Pointer(%s))"
	case p.address:
		// An address Go holds as an integer and Windows never dereferences
		// (a posted packet's lpOverlapped): like a handle, so that Go never
		// turns an arbitrary address into a pointer (checkptr rejects one
		// into the Go heap that no Go pointer it derives from names).
		c.shimT, c.arg = "uintptr_t", "("+p.typ+")"+p.name
		c.goT, c.goConv = "uintptr", "C.uintptr_t(%s)"
	case scalarTypes[p.typ] != "":
		c.goT, c.goConv = scalarTypes[p.typ], "C."+p.typ+"(%s)"
	case p.noGoPointers:
		// Memory that holds no Go pointers (a []byte buffer, an OVERLAPPED),
		// pinned by the wrapper for as long as Windows keeps it: cgo checks
		// an unsafe.Pointer argument (and a pointer to a struct with a
		// pointer field, such as OVERLAPPED's union) for unpinned Go
		// pointers inside it, a heap lookup on every call that can find
		// none here; a pointer to uint8_t is not checked.
		c.shimT, c.arg = "uint8_t *", "("+p.typ+")"+p.name
		c.goT, c.goConv = "unsafe.Pointer", "(*C.uint8_t)(%s)"
	case typedPointers[p.typ] != "":
		c.goT = typedPointers[p.typ]
		if identRE.MatchString(p.typ) {
			c.goConv = "C." + p.typ + "(unsafe.Pointer(%s))"
		} else {
			c.goConv = "(*C." + goC(strings.TrimSuffix(p.typ, " *")) + ")(unsafe.Pointer(%s))"
		}
	default:
		if _, ok := pointee(p.typ); !ok {
			return c, fmt.Errorf("%s: no mapping for C type %q (extend internal/cmd/mkshims/types.go)", p.name, p.typ)
		}
		c.goT = "unsafe.Pointer"
		base := strings.TrimPrefix(p.typ, "const ")
		switch {
		case base == "void *":
			c.goConv = "%s"
		case identRE.MatchString(base):
			c.goConv = "C." + base + "(%s)"
		default:
			c.goConv = "(*C." + goC(strings.TrimSuffix(base, " *")) + ")(%s)"
		}
	}
	return c, nil
}

// goResultType is the Go type a wincgo:keep-last-error shim's return value converts to.
func goResultType(ret string) (string, error) {
	if handleTypes[ret] {
		return "uintptr", nil
	}
	if t := scalarTypes[ret]; t != "" {
		return t, nil
	}
	return "", fmt.Errorf("no Go type for return type %q of a wincgo:keep-last-error function", ret)
}
