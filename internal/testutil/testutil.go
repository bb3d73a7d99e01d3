//go:build windows

// Package testutil helps wincgo's tests work under real-life conditions:
// child processes that are the test binary itself re-executed in a chosen
// role, unique names for named kernel objects, and Wine detection for the
// few places Wine deviates from Windows.
//
// Every package calls Main from its TestMain, for the handle leak check
// (leakcheck.go); a package that spawns children registers roles with Role:
//
//	func TestMain(m *testing.M) { testutil.Main(m) }
//
//	func init() {
//		testutil.Role("signal-event", func(args []string) error { ... })
//	}
package testutil

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// roleEnv names the role a re-executed test binary plays.
const roleEnv = "WINCGO_TEST_ROLE"

var (
	rolesMu sync.Mutex
	roles   = map[string]func(args []string) error{}
)

// Role registers a child role: a function the test binary runs instead of
// its tests when spawned in that role. A nil error exits 0; an error is
// printed to stderr and exits 1. A role that must exit with a chosen code
// calls os.Exit itself.
func Role(name string, fn func(args []string) error) {
	rolesMu.Lock()
	defer rolesMu.Unlock()
	if _, dup := roles[name]; dup {
		panic("testutil: role registered twice: " + name)
	}
	roles[name] = fn
}

// Option adjusts Main.
type Option func(*mainOptions)

type mainOptions struct {
	warmUps []func()
}

// WarmUp makes Main run fn before it takes the handle baseline: fn does
// the one-time set-up the package's code causes the first time it runs,
// whose handles stay open for the life of the process and are not a leak
// (go-winio's completion port).
func WarmUp(fn func()) Option {
	return func(o *mainOptions) { o.warmUps = append(o.warmUps, fn) }
}

// Main runs the role the process was spawned in, if any, and otherwise the
// tests, with a handle leak check around them: the run fails, listing the
// handles, when the tests leave open a new handle of a type the Go runtime
// never creates (a file or pipe, a process, ...; see leakcheck.go).
// WINCGO_LEAK_CHECK=0 turns the check off, =strict fails on new handles of
// every type, =v prints the accounting.
func Main(m *testing.M, opts ...Option) {
	var o mainOptions
	for _, opt := range opts {
		opt(&o)
	}
	if name := os.Getenv(roleEnv); name != "" {
		rolesMu.Lock()
		fn, ok := roles[name]
		rolesMu.Unlock()
		if !ok {
			fmt.Fprintf(os.Stderr, "testutil: unknown role %q\n", name)
			os.Exit(2)
		}
		args := []string{}
		if i := indexOf(os.Args, "--"); i >= 0 {
			args = os.Args[i+1:]
		}
		if err := fn(args); err != nil {
			fmt.Fprintf(os.Stderr, "role %s: %v\n", name, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(runWithLeakCheck(m.Run, o))
}

func indexOf(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

// Command returns the test binary re-executed in role with args, as an
// *exec.Cmd the test may adjust (Stdin, Stdout, SysProcAttr with
// AdditionalInheritedHandles, ...) before starting it. Only the handles the
// Cmd lists are inherited, as always with os/exec.
func Command(t testing.TB, role string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatalf("os.Executable: %v", err)
	}
	cmd := exec.Command(exe, append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), roleEnv+"="+role)
	return cmd
}

// Run runs the test binary in role with args and fails the test unless it
// exits 0; it returns the child's combined output.
func Run(t testing.TB, role string, args ...string) string {
	t.Helper()
	out, err := Command(t, role, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("child %s %q: %v\n%s", role, args, err, out)
	}
	return string(out)
}

// Process is a child started by StartInheritingAll.
type Process struct {
	Handle windows.Handle
	Pid    uint32
	output *os.File
}

// inheritMu serialises StartInheritingAll: a child that inherits every
// inheritable handle must not also catch one a parallel test is creating.
var inheritMu sync.Mutex

// StartInheritingAll starts the test binary in role with args through
// CreateProcess with bInheritHandles TRUE and no handle list, so that the
// child inherits every inheritable handle of this process, as Windows
// itself defines inheritance (os/exec restricts inheritance to the handles
// it lists, which would hide a handle's own inheritance flag). The child's
// stdout and stderr go to a file Wait returns.
func StartInheritingAll(t testing.TB, role string, args ...string) *Process {
	t.Helper()
	return startInheritingAll(t, 0, role, args)
}

// StartSuspendedInheritingAll is StartInheritingAll with CREATE_SUSPENDED:
// no code of the child runs, so its handle table holds only what it
// inherited, at the values the parent had. A test can then probe those
// values from the parent (DuplicateHandle out of the child) without
// anything in the child having reused a free value. The child is
// terminated at the end of the test.
func StartSuspendedInheritingAll(t testing.TB) *Process {
	t.Helper()
	return startInheritingAll(t, windows.CREATE_SUSPENDED, "suspended-never-runs", nil)
}

func startInheritingAll(t testing.TB, creationFlags uint32, role string, args []string) *Process {
	t.Helper()
	inheritMu.Lock()
	defer inheritMu.Unlock()
	exe, err := os.Executable()
	if err != nil {
		t.Fatalf("os.Executable: %v", err)
	}
	// Not in t.TempDir: Wine may still hold the file while the child's
	// process object lives, and TempDir's cleanup fails the test on that.
	out, err := os.CreateTemp("", "wincgo-child-output-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := out.Close(); err != nil {
			t.Errorf("closing the child's output file: %v", err)
		}
		if err := os.Remove(out.Name()); err != nil {
			t.Errorf("removing the child's output file: %v", err)
		}
	})
	// The output file's handle must be inheritable to serve as the child's
	// stdout; duplicate it rather than change out's own handle.
	var inheritable windows.Handle
	self := windows.CurrentProcess()
	if err := windows.DuplicateHandle(self, windows.Handle(out.Fd()), self, &inheritable, 0, true, windows.DUPLICATE_SAME_ACCESS); err != nil {
		t.Fatalf("DuplicateHandle: %v", err)
	}
	defer func() {
		if err := windows.CloseHandle(inheritable); err != nil {
			t.Errorf("CloseHandle(inheritable output): %v", err)
		}
	}()

	cmdline := windows.ComposeCommandLine(append([]string{exe, "-test.run=^$", "--"}, args...))
	env := append(os.Environ(), roleEnv+"="+role)
	block := envBlock(env)
	si := &windows.StartupInfo{
		Cb:        uint32(unsafe.Sizeof(windows.StartupInfo{})),
		Flags:     windows.STARTF_USESTDHANDLES,
		StdOutput: inheritable,
		StdErr:    inheritable,
	}
	pi := &windows.ProcessInformation{}
	cmd, err := windows.UTF16PtrFromString(cmdline)
	if err != nil {
		t.Fatal(err)
	}
	if err := windows.CreateProcess(nil, cmd, nil, nil, true, windows.CREATE_UNICODE_ENVIRONMENT|creationFlags, &block[0], nil, si, pi); err != nil {
		t.Fatalf("CreateProcess: %v", err)
	}
	if err := windows.CloseHandle(pi.Thread); err != nil {
		t.Errorf("CloseHandle(child thread): %v", err)
	}
	p := &Process{Handle: pi.Process, Pid: pi.ProcessId, output: out}
	t.Cleanup(func() {
		// The child may have exited already: then access is denied
		// (Windows) or nothing happens; only closing must succeed.
		_ = windows.TerminateProcess(p.Handle, 1)
		if err := windows.CloseHandle(p.Handle); err != nil {
			t.Errorf("CloseHandle(child process): %v", err)
		}
	})
	return p
}

func envBlock(env []string) []uint16 {
	var b []uint16
	for _, kv := range env {
		u, err := windows.UTF16FromString(kv)
		if err != nil {
			continue
		}
		b = append(b, u...)
	}
	return append(b, 0)
}

// Wait waits up to timeout for p to exit and returns its exit code and
// output; it fails the test if p does not exit in time.
func (p *Process) Wait(t testing.TB, timeout time.Duration) (uint32, string) {
	t.Helper()
	ev, err := windows.WaitForSingleObject(p.Handle, uint32(timeout/time.Millisecond))
	if err != nil || ev != windows.WAIT_OBJECT_0 {
		t.Fatalf("child %d did not exit within %v (wait result %#x, %v)", p.Pid, timeout, ev, err)
	}
	var code uint32
	if err := windows.GetExitCodeProcess(p.Handle, &code); err != nil {
		t.Fatalf("GetExitCodeProcess: %v", err)
	}
	out, err := os.ReadFile(p.output.Name())
	if err != nil {
		t.Fatal(err)
	}
	return code, string(bytes.TrimSpace(out))
}

// UniqueName returns a kernel object name no other test, process or run
// uses: prefix followed by random hex.
func UniqueName(prefix string) string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return prefix + "-" + hex.EncodeToString(b)
}

var wine = sync.OnceValue(func() string {
	proc := windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version")
	if proc.Find() != nil {
		return ""
	}
	r, _, _ := syscall.SyscallN(proc.Addr())
	return windows.BytePtrToString(*(**byte)(unsafe.Pointer(&r)))
})

// IsWine reports whether the tests run under Wine (ntdll exports
// wine_get_version), for the assertions where Wine's observed behaviour
// differs from what Windows documents. Every such branch says why.
func IsWine() bool { return wine() != "" }

// WineVersion returns Wine's version ("8.0"), or "" on Windows.
func WineVersion() string { return wine() }

// TempDir is t.TempDir for wincgo's tests: a new directory removed at the
// end of the test. t.TempDir cannot be used under Wine 8.0: Go 1.26's
// os.RemoveAll deletes through FILE_DISPOSITION_INFORMATION_EX, which Wine
// 8.0 does not implement (ERROR_INVALID_FUNCTION, "Invalid function"), so
// its cleanup fails the test. This one removes entries one by one with
// os.Remove, which Wine supports, and reports what it could not remove.
func TempDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "wincgo-test-*")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := removeTree(dir); err != nil {
			t.Errorf("TempDir cleanup: %v", err)
		}
	})
	return dir
}

// removeTree removes dir and everything in it, through \\?\ paths: a
// test may create a name that Win32 path normalisation would change (the
// fuzz targets create `f- ` and `f-.` through \\?\), and a plain path
// to it names another file (the trailing space or dot stripped: "not
// found"). The prefix turns normalisation off, on Windows and Wine alike.
func removeTree(dir string) error {
	if !strings.HasPrefix(dir, `\\?\`) && filepath.IsAbs(dir) && !strings.HasPrefix(dir, `\\`) {
		dir = `\\?\` + filepath.Clean(dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := dir + `\` + e.Name() // not filepath.Join, which would clean the name
		if e.IsDir() {
			err = removeTree(p)
		} else {
			err = os.Remove(p)
		}
		if err != nil {
			return err
		}
	}
	return os.Remove(dir)
}

// InvalidHandle is a handle value that is never open, for tests of the
// ERROR_INVALID_HANDLE paths. A handle that was open and has been closed
// must not serve: Windows and Wine hand its value out again to the next
// handle created in the process (the runtime creates some at any time),
// and using the stale value would then close or change someone else's
// handle. Handle values are multiples of 4 below 4 × 2^24 (a process's
// handle table holds at most 2^24 handles), so this value can never be
// allocated.
const InvalidHandle = 0x7ffffff0

// RoleEnv returns the "NAME=role" environment variable that makes a
// re-executed test binary play role, for tests that build a child's
// environment themselves (kernel32.CreateProcess with an environment
// block). The child's command line is the test binary, "-test.run=^$",
// "--" and the role's arguments, as Command builds it.
func RoleEnv(role string) string { return roleEnv + "=" + role }
