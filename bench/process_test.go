//go:build windows

package bench

import (
	"errors"
	"os"
	"syscall"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// stillActive is STILL_ACTIVE (STATUS_PENDING), a running process's code.
const stillActive = 259

// BenchmarkGetExitCodeProcess asks for this (running) process's exit
// code: a call with a scalar out-parameter.
func BenchmarkGetExitCodeProcess(b *testing.B) {
	h := kernel32.GetCurrentProcess()
	paired(b,
		side{implWincgo, func(b *testing.B, n int) {
			for range n {
				if code, err := kernel32.GetExitCodeProcess(h); err != nil || code != stillActive {
					b.Fatal(code, err)
				}
			}
		}},
		side{implFloor, func(b *testing.B, n int) {
			for range n {
				if code := floorGetExitCodeProcess(uintptr(h)); code != stillActive {
					b.Fatal(code)
				}
			}
		}},
		side{implXSys, func(b *testing.B, n int) {
			var code uint32
			for range n {
				if err := windows.GetExitCodeProcess(h.Windows(), &code); err != nil || code != stillActive {
					b.Fatal(code, err)
				}
			}
		}},
		side{implSyscall, func(b *testing.B, n int) {
			var code uint32
			for range n {
				if err := syscall.GetExitCodeProcess(syscall.Handle(h), &code); err != nil || code != stillActive {
					b.Fatal(code, err)
				}
			}
		}},
	)
}

// childExitCode is the code the child of BenchmarkCreateProcess exits
// with: neither 0 nor 1 (a role's own success and failure), so that each
// side proves the child it waited for ran the role.
const childExitCode = 42

// exitRole is the role the child plays: exit at once with childExitCode,
// from TestMain, before any test or benchmark runs.
const exitRole = "bench-exit-at-once"

func init() {
	testutil.Role(exitRole, func([]string) error {
		os.Exit(childExitCode)
		return nil
	})
}

// processRounds is how many rounds BenchmarkCreateProcess runs at least.
// Under Wine 8 one start-and-wait takes 55 to 85 ms, and the ratio of two
// consecutive ones spreads over ±10% and more (measured: 0.79 to 1.20 over
// 25 rounds): the median of 9 such ratios moved by 5% from run to run, on
// either side of 1, while the per-side medians barely did. About 100
// rounds (20 s) bring the median's error near 1%.
const processRounds = 101

// BenchmarkCreateProcess starts a child process, waits for it to exit,
// reads its exit code and closes its handles: the test binary itself,
// which the role's environment variable makes exit from TestMain (a Go
// program's start-up, the cheapest real child this package has). Every
// side passes the same executable path, command line and environment (this
// process's, plus the role's). Each converts the path and the command
// line on every call; the environment block is built once, as a program
// spawning children in a loop would (os.StartProcess converts it on every
// call, as its API requires, and gives the child its standard handles,
// Files, as os/exec always does). No floor: a bare cgo CreateProcessW
// would make the same calls as x/sys's.
func BenchmarkCreateProcess(b *testing.B) {
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	env := append(os.Environ(), testutil.RoleEnv(exitRole))
	cmdLine := kernel32.CommandLine(exe)
	block, err := kernel32.NewEnvironmentBlockFromList(env)
	if err != nil {
		b.Fatal(err)
	}
	xEnv := block.UTF16()
	si := &wintypes.STARTUPINFO{}
	attr := &os.ProcAttr{Env: env, Files: []*os.File{os.Stdin, os.Stdout, os.Stderr}}
	pairedRounds(b, processRounds,
		side{implWincgo, func(b *testing.B, n int) {
			for range n {
				var pi wintypes.PROCESS_INFORMATION
				startRetryingUnderWine(b, func() (err error) {
					pi, err = kernel32.CreateProcess(exe, cmdLine, nil, nil, false, 0, block, "", si)
					return err
				})
				if ev, err := kernel32.WaitForSingleObject(pi.HProcess, kernel32.INFINITE); err != nil || ev != kernel32.WAIT_OBJECT_0 {
					b.Fatal(ev, err)
				}
				if code, err := kernel32.GetExitCodeProcess(pi.HProcess); err != nil || code != childExitCode {
					b.Fatal(code, err)
				}
				if err := kernel32.CloseHandle(pi.HThread); err != nil {
					b.Fatal(err)
				}
				if err := kernel32.CloseHandle(pi.HProcess); err != nil {
					b.Fatal(err)
				}
			}
		}},
		side{implXSys, func(b *testing.B, n int) {
			var xsi windows.StartupInfo
			xsi.Cb = uint32(unsafe.Sizeof(xsi))
			var pi windows.ProcessInformation
			var code uint32
			for range n {
				// Both strings converted on each call, as wincgo's
				// CreateProcess and os.StartProcess do (and CreateProcessW
				// may write into the command line: a fresh copy).
				xExe, err := windows.UTF16PtrFromString(exe)
				if err != nil {
					b.Fatal(err)
				}
				cmd, err := windows.UTF16PtrFromString(cmdLine)
				if err != nil {
					b.Fatal(err)
				}
				startRetryingUnderWine(b, func() error {
					return windows.CreateProcess(xExe, cmd, nil, nil, false, windows.CREATE_UNICODE_ENVIRONMENT,
						&xEnv[0], nil, &xsi, &pi)
				})
				if ev, err := windows.WaitForSingleObject(pi.Process, windows.INFINITE); err != nil || ev != windows.WAIT_OBJECT_0 {
					b.Fatal(ev, err)
				}
				if err := windows.GetExitCodeProcess(pi.Process, &code); err != nil || code != childExitCode {
					b.Fatal(code, err)
				}
				if err := windows.CloseHandle(pi.Thread); err != nil {
					b.Fatal(err)
				}
				if err := windows.CloseHandle(pi.Process); err != nil {
					b.Fatal(err)
				}
			}
		}},
		side{implOS, func(b *testing.B, n int) {
			for range n {
				var p *os.Process
				startRetryingUnderWine(b, func() (err error) {
					p, err = os.StartProcess(exe, []string{exe}, attr)
					return err
				})
				// Wait waits, reads the exit code and releases the handle.
				st, err := p.Wait()
				if err != nil || st.ExitCode() != childExitCode {
					b.Fatal(st, err)
				}
			}
		}},
	)
}

// startRetryingUnderWine runs start, which starts a process, and under
// Wine 8 only starts it again, twice at most, when it fails with
// ERROR_INTERNAL_ERROR, saying so in the benchmark's log: Wine's
// CreateProcess now and then reports that when hundreds of processes start
// and end in a row (a full bench.sh run failed two of its three
// BenchmarkCreateProcess runs so, on every side; examples/proactor meets
// it too), never Windows. A retried start's time stays in its side's
// chunk: that round's ratio is an outlier, which the median over rounds
// ignores.
func startRetryingUnderWine(b *testing.B, start func() error) {
	b.Helper()
	for attempt := 0; ; attempt++ {
		err := start()
		if err == nil {
			return
		}
		if attempt == 2 || !testutil.IsWine() || !errors.Is(err, windows.ERROR_INTERNAL_ERROR) {
			b.Fatal(err)
		}
		b.Logf("%v: Wine 8's spurious CreateProcess failure, starting again", err)
	}
}
