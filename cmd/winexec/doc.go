// Command winexec runs a Windows program under Wine with one command, on
// a Linux machine with Wine and mingw-w64 (natively on Windows). From a
// module that requires github.com/wincgo/wincgo, with the cross-compiling
// environment GOOS=windows GOARCH=amd64 CGO_ENABLED=1
// CC=x86_64-w64-mingw32-gcc exported:
//
//	go test -exec 'env -u GOOS -u GOARCH go run github.com/wincgo/wincgo/cmd/winexec' ./...
//	go run -exec 'env -u GOOS -u GOARCH go run github.com/wincgo/wincgo/cmd/winexec' . [args...]
//	env -u GOOS -u GOARCH go run github.com/wincgo/wincgo/cmd/winexec prog.exe [args...]
//
// (without GOOS in the environment, `go run github.com/wincgo/wincgo/cmd/winexec
// prog.exe` is enough). go run and go test start the -exec command as
// `<the words of -exec> prog.exe args...`, in the go command's own
// environment, GOOS=windows included: a bare `go run …/cmd/winexec` there
// would build winexec itself for Windows ("exec format error"), hence
// `env -u GOOS -u GOARCH`. The CGO_ENABLED and CC left in place do not
// matter: winexec uses no cgo.
//
// Each `go run` of winexec costs 0.5-1 s (it is built once, then checked
// and linked from Go's cache). Installed once, it costs nothing per run and
// passes the program's exit status through exactly (go run reports any failure as status 1, printing "exit status
// N"):
//
//	env -u GOOS -u GOARCH go install github.com/wincgo/wincgo/cmd/winexec
//	go test -exec winexec ./...      # with $(go env GOPATH)/bin on PATH
//
// and under the name go looks for when cross-compiling without -exec,
// plain `go run .` and `go test ./...` use it:
//
//	ln -s winexec "$(go env GOPATH)/bin/go_windows_amd64_exec"
//
// # What it does
//
// It checks that the file is a Windows program (amd64 or 386), finds Wine,
// makes the Wine prefix ready, starts a wineserver for it and replaces
// itself with Wine running the program: stdin, stdout, stderr, signals
// (SIGINT, SIGTERM, ...) and the exit status are the program's own. Only
// when it does something slow (the first run: about 10-40 s) does it write
// a line saying so on stderr.
//
//   - Wine: $WINE, else wine on PATH. Debian's wine is a script that runs
//     everything through the 32-bit loader (wine32:i386) once that is
//     installed, which fails on a kernel without i386 support: winexec
//     reads the script's wine64= and wine32= paths and runs 64-bit
//     programs with wine64 itself (WINELOADER set, as the script does).
//   - The prefix: $WINEPREFIX, used as it is, else
//     os.UserCacheDir()/wincgo/wineprefix (~/.cache/wincgo/wineprefix on
//     Linux; $WINCGO_CACHE/wineprefix when WINCGO_CACHE is set). Made with
//     wineboot -i, set to report Windows 10 (Go's minimum), with Wine's
//     null graphics driver (windows can be created without an X display).
//     The file .wincgo-stamp in it records the Wine version, the set-up's
//     revision and the shim's state: while they match, a run does nothing
//     but check it. A prefix inside the cache directory made by another
//     Wine version or set-up is recreated; any other is never removed.
//   - The ProcessPrng shim: since Go 1.22 every Windows Go program needs
//     ProcessPrng from bcryptprimitives.dll at start, and Wine < 9 has no
//     such DLL ("fatal error: bcryptprimitives.dll not found"). winexec
//     carries the C source of a replacement (prng/prng.c, on top of
//     RtlGenRandom), builds it with x86_64-w64-mingw32-gcc and puts it
//     into the prefix's windows\system32 (i686-w64-mingw32-gcc and
//     windows\syswow64 for a 32-bit program, when the prefix has a 32-bit
//     part). Never on Wine >= 9; a bcryptprimitives.dll there that is not
//     ours is left alone.
//   - wineserver: kept running for $WINCGO_WINESERVER_PERSIST idle seconds
//     (default 300) so that each program does not pay Wine's start-up,
//     with Wine's background processes (services.exe, ...) started with
//     their stdio on /dev/null. Were the program the first Wine process,
//     they would inherit its stdout, and go test would wait for them to
//     exit ("Test I/O incomplete 1m0s after exiting").
//   - Set-ups of one cache directory are serialised by a lock file
//     (prefix.lock, wineserver.lock), so parallel test binaries are safe.
//
// winexec -setup does all but the run (the project's build/install.sh uses
// it). To start again:
//
//	WINEPREFIX=~/.cache/wincgo/wineprefix wineserver -k; rm -rf ~/.cache/wincgo/wineprefix
//
// # Environment
//
//	WINEPREFIX                 the prefix to use as it is (default above)
//	WINCGO_CACHE               the cache directory (default os.UserCacheDir()/wincgo)
//	WINE                       the wine program (default: wine on PATH)
//	WINEDEBUG                  Wine's logging; default -all (err+all shows Wine's errors)
//	WINEDLLOVERRIDES           default winemenubuilder.exe=d;mscoree,mshtml= (no menu
//	                           entries, no Mono or Gecko prompts)
//	WINCGO_WINESERVER_PERSIST  idle seconds wineserver stays up (default 300)
//
// # Errors
//
// winexec's own failures are reported on stderr as "winexec: ..." with
// the statuses env(1) uses: 125 when Wine, mingw-w64 or the prefix could
// not be made ready (naming the Debian packages to install: wine wine64,
// gcc-mingw-w64-x86-64, gcc-mingw-w64-i686), 126 when the file is not a
// Windows program this machine can run (a 32-bit one needs wine32 and a
// kernel that runs i386 programs), 127 when there is no such file, 2 for a
// bad command line. Any other status is the program's.
//
// On Windows winexec runs the program natively, passing its status
// through; -setup does nothing.
package main
