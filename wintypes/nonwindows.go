//go:build !windows

// Package wintypes builds for Windows only: this is all of it another GOOS
// sees. Build, vet and read it (go doc, gopls) with GOOS=windows
// CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc (GOARCH=386:
// CC=i686-w64-mingw32-gcc); see build/README.md.
package wintypes

// wincgo calls the Windows API: every other file of this package builds
// for GOOS=windows only, and a build for another GOOS (a Linux shell's
// default, gopls without build.env) would fail with "build constraints
// exclude all Go files", or not at all under ./..., naming no fix. This
// line makes it fail with one sentence instead (build/README.md, "Building
// from your own module", has the whole environment).
var _ = wincgo_needs_GOOS_windows__set_GOOS_windows_CGO_ENABLED_1_and_CC_x86_64_w64_mingw32_gcc__see_build_README
