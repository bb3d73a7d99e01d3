//go:build windows && !cgo

package winconst

// wincgo calls Windows through cgo: without it this package has no
// constants, and the build would fail with a list of undefined names and
// no hint. This line makes it fail with one sentence instead, naming the fix.
var _ = wincgo_requires_cgo__build_with_CGO_ENABLED_1_and_CC_set_to_a_mingw_w64_gcc_such_as_x86_64_w64_mingw32_gcc
