//go:build unix

package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hello is the Windows program the real test runs: it echoes its arguments
// and a line of stdin, writes to stderr and exits with status 3.
const hello = `package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
	fmt.Printf("hello %q %q\n", os.Args[1:], line)
	fmt.Fprintln(os.Stderr, "hello on stderr")
	os.Exit(3)
}
`

const helloTest = `package main

import "testing"

func TestHello(t *testing.T) { t.Log("hello from a Windows test binary") }
`

// TestRealWine makes a fresh prefix in a temporary directory with the real
// Wine and mingw-w64 and runs a Windows program in it three ways: as the
// -exec of go test (the first Wine process of the prefix: go test must not
// wait for Wine's background processes), directly (stdin, stdout, stderr,
// exit status 3; a second run reuses the prefix), and as the -exec of go
// run in the documented `env -u GOOS -u GOARCH go run` form.
func TestRealWine(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the real Wine test makes a prefix (10-40 s)")
	}
	w, err := findWine(os.Getenv, exec.LookPath, os.Environ())
	if err != nil {
		t.Skipf("no Wine: %v", err)
	}
	needCC(t, machineAMD64)
	repo, err := filepath.Abs("../..")
	require.NoError(t, err)
	sum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	require.NoError(t, err)

	gocache, err := exec.Command("go", "env", "GOCACHE").Output()
	require.NoError(t, err)
	tmp := t.TempDir()
	// The default place: os.UserCacheDir()/wincgo/wineprefix.
	prefix := filepath.Join(tmp, "xdg", "wincgo", "wineprefix")
	prog := filepath.Join(tmp, "hello")
	require.NoError(t, os.Mkdir(prog, 0o700))
	// A module of a user's: wincgo required through a replace, so that
	// `go run github.com/wincgo/wincgo/cmd/winexec` builds this checkout.
	for name, text := range map[string]string{
		"go.mod":        "module example.com/hello\n\ngo 1.22\n\nrequire github.com/wincgo/wincgo v0.0.0\n\nreplace github.com/wincgo/wincgo => " + repo + "\n",
		"go.sum":        string(sum),
		"main.go":       hello,
		"hello_test.go": helloTest,
	} {
		require.NoError(t, os.WriteFile(filepath.Join(prog, name), []byte(text), 0o600))
	}
	t.Cleanup(func() {
		// The prefix's wineserver (persistent for 5 s) goes before the
		// directory does.
		cmd := exec.Command(w.server, "-k")
		cmd.Env = append(os.Environ(), "WINEPREFIX="+prefix)
		_ = cmd.Run()
		cmd = exec.Command(w.server, "-w")
		cmd.Env = append(os.Environ(), "WINEPREFIX="+prefix)
		_ = cmd.Run()
	})

	// The user's environment: cross-compiling for windows/amd64, neither
	// WINEPREFIX nor WINCGO_CACHE, a cache directory of this test's own
	// (but Go's build cache as it was, which would else move with it).
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "WINEPREFIX=") && !strings.HasPrefix(kv, "WINCGO_CACHE=") {
			env = append(env, kv)
		}
	}
	env = setEnv(env, "XDG_CACHE_HOME", filepath.Join(tmp, "xdg"), true)
	env = setEnv(env, "GOCACHE", strings.TrimSpace(string(gocache)), true)
	env = setEnv(env, "WINCGO_WINESERVER_PERSIST", "5", true)
	env = setEnv(env, "GOFLAGS", "-mod=mod", true)
	env = setEnv(env, "GOPROXY", "off", true)
	winEnv := setEnv(env, "GOOS", "windows", true)
	winEnv = setEnv(winEnv, "GOARCH", "amd64", true)
	winEnv = setEnv(winEnv, "CGO_ENABLED", "1", true)
	winEnv = setEnv(winEnv, "CC", shimCC[machineAMD64][0], true)
	self, err := os.Executable()
	require.NoError(t, err)
	winexecCmd := "env WINEXEC_TEST_MAIN=1 " + self // this test binary is winexec

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	type result struct {
		stdout, stderr string
		code           int
		took           time.Duration
	}
	run := func(env []string, stdin string, name string, args ...string) result {
		t.Helper()
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Dir, cmd.Env = prog, env
		cmd.Stdin = strings.NewReader(stdin)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		t0 := time.Now()
		err := cmd.Run()
		r := result{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode(), time.Since(t0)}
		t.Logf("%s %s: exit %d in %v\nstdout: %s\nstderr: %s", name, strings.Join(args, " "), r.code, r.took.Round(time.Millisecond), r.stdout, r.stderr)
		if r.code < 0 {
			t.Fatalf("%s did not run: %v", name, err)
		}
		return r
	}

	// 1. go test -exec in the fresh prefix.
	r := run(winEnv, "", "go", "test", "-count=1", "-v", "-exec", winexecCmd, ".")
	assert.Equal(t, 0, r.code)
	assert.Contains(t, r.stdout, "hello from a Windows test binary")
	assert.Contains(t, r.stdout, "--- PASS: TestHello")
	assert.NotContains(t, r.stdout+r.stderr, "Test I/O incomplete")
	assert.Contains(t, r.stdout, "winexec: creating Wine prefix "+prefix, "go test shows the exec program's stderr")
	stamp, err := os.ReadFile(filepath.Join(prefix, stampName))
	require.NoError(t, err)
	state := "wine-builtin"
	if w.needsShim() {
		state = "shim-" + shimHash()
		dll, err := os.ReadFile(filepath.Join(prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll"))
		require.NoError(t, err)
		assert.Contains(t, string(dll), shimMarker)
	}
	assert.Equal(t, stampHead(w.version)+"\ndll: "+state+"\n", string(stamp))

	// 2. Directly, twice: the second run reuses the prefix.
	exe := filepath.Join(tmp, "hello.exe")
	build := run(winEnv, "", "go", "build", "-o", exe, ".")
	require.Equal(t, 0, build.code)
	for i := range 2 {
		r = run(setEnv(env, "WINEXEC_TEST_MAIN", "1", true), "a line\nmore\n", self, exe, "a", "b c", "")
		assert.Equal(t, 3, r.code, "run %d", i)
		assert.Equal(t, `hello ["a" "b c" ""] "a line\n"`+"\n", r.stdout, "run %d", i)
		assert.Equal(t, "hello on stderr\n", r.stderr, "run %d: only the program's stderr", i)
	}
	t.Logf("a run in a ready prefix took %v", r.took)

	// 3. go run -exec, the documented form that builds winexec for the
	// host from a module requiring wincgo, with GOOS=windows set.
	r = run(winEnv, "", "go", "run", "-exec", "env -u GOOS -u GOARCH go run github.com/wincgo/wincgo/cmd/winexec", ".", "x")
	assert.Equal(t, 1, r.code, "go run reports a failed program with status 1")
	assert.Equal(t, `hello ["x"] ""`+"\n", r.stdout)
	assert.Contains(t, r.stderr, "hello on stderr\n")
	assert.Contains(t, r.stderr, "exit status 3")
}
