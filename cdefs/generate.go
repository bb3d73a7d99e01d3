// Package cdefs holds the C side of wincgo: the MSDN prototypes of every
// bound function, from which the shims and raw Go layers are generated,
// and a test that every prototype has its shim.
package cdefs

// The shims (cdefs/*/zshims_*.h) and each package's raw layer and cgo file
// (zraw_windows.go, zcgo_windows.go) are generated from the prototypes in
// this directory: see README.md. build/lint.sh fails when they are stale.
//go:generate go run ../internal/cmd/mkshims -root ..
