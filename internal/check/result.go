package check

// Result is what a package's raw layer (its generated zraw_windows.go)
// returns for one shim call: the Windows function's name, so that a
// wrapper never retypes it, its return value widened to uintptr, the value
// of its out-parameter when it has one, and the last error read in the
// same C call.
type Result struct {
	Function  string
	Ret       uintptr
	Out       uintptr
	LastError uint32
}

// NonZero is NonZero for the call r: nil when it returned non-zero,
// otherwise its *WindowsAPIError.
func (r Result) NonZero() error { return NonZero(r.Function, r.Ret, r.LastError) }

// Failed is Failed for the call r, with its return value: the
// *WindowsAPIError of a call that returned something other than expected.
func (r Result) Failed(expected string) error {
	return Failed(r.Function, uint64(r.Ret), r.LastError, expected)
}

// Scalar is what the raw function of a wincgo:scalar shim returns (the
// lightest call path, cdefs/README.md): the function's name, its return
// value, and the last error, read in the same C call only when the value
// is the function's failure value (0 otherwise). With three fields, at
// most four words, the compiler keeps it in registers, where the larger
// Result goes through memory: on a call that stays in user space
// (GetStdHandle, ~50 ns) those copies show.
type Scalar struct {
	Function  string
	Ret       uintptr
	LastError uint32
}

// NonZero is NonZero for the call r: nil when it returned non-zero,
// otherwise its *WindowsAPIError.
func (r Scalar) NonZero() error { return NonZero(r.Function, r.Ret, r.LastError) }

// Failed is Failed for the call r, with its return value: the
// *WindowsAPIError of a call that returned something other than expected.
func (r Scalar) Failed(expected string) error {
	return Failed(r.Function, uint64(r.Ret), r.LastError, expected)
}
