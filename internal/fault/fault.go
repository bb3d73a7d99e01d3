// Package fault is the Go side of the fault injection of cdefs/wincgo.h,
// shared by every package that has a fault table (kernel32, user32,
// ws2_32). The C side is per package, since cgo's C symbols are; each
// package's injectFault hands its own C calls to Inject.
package fault

// Inject arms a fault for function through arm and returns the func that
// disarms it. arm and disarm receive function's name as a NUL-terminated
// string in Go memory: wincgo_fault_arm copies it into its table, and
// wincgo_fault_disarm only compares it, so C keeps no pointer to it. It
// panics, naming pkg, when arm reports the table full.
func Inject(pkg, function string, arm func(name *byte) bool, disarm func(name *byte)) (undo func()) {
	name := append([]byte(function), 0)
	if !arm(&name[0]) {
		panic(pkg + ": cannot arm a fault for " + function + " (table full, or name too long)")
	}
	return func() { disarm(&name[0]) }
}
