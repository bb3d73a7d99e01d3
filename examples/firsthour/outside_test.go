//go:build !windows

package firsthour

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// program is one program README.md shows, with the output it says the
// program prints.
type program struct {
	name   string // its directory's name: events, spawn, port, sockets
	source string // the program as README.md shows it
	output string
}

// joined returns README.md's text.
func (r *readme) joined() string { return strings.Join(r.lines, "\n") }

// find returns the blocks with the given marker kind.
func (r *readme) find(kind string) []block {
	var found []block
	for _, b := range r.blocks {
		if b.kind == kind {
			found = append(found, b)
		}
	}
	return found
}

// readmePrograms returns README.md's complete programs (snippets of a
// whole main package file) with their output blocks, matched by
// directory, in README.md's order.
func readmePrograms(t *testing.T, r *readme) []program {
	t.Helper()
	outputs := map[string]string{}
	for _, b := range r.find("output") {
		file, _, _ := strings.Cut(b.arg, " ")
		outputs[path.Dir(file)] = r.text(b)
	}
	var programs []program
	for _, b := range r.find("snippet") {
		text := r.text(b)
		if strings.Contains(b.arg, "#") || !strings.Contains(text, "\npackage main\n") {
			continue // an excerpt, or no program
		}
		dir := path.Dir(b.arg)
		output, ok := outputs[dir]
		require.True(t, ok, "%s: a program without an <!-- output: %s/..._test.go Example --> block saying what it prints", b, dir)
		programs = append(programs, program{name: path.Base(dir), source: text, output: output})
	}
	require.NotEmpty(t, programs, "README.md shows no complete program")
	return programs
}

// commands returns the shell commands of the README block marked
// <!-- outside-module: step -->.
func commands(t *testing.T, r *readme, step string) string {
	t.Helper()
	for _, b := range r.find("outside-module") {
		if b.arg == step {
			require.Equal(t, "sh", b.lang, "%s", b)
			return r.text(b)
		}
	}
	t.Fatalf("README.md has no <!-- outside-module: %s --> block", step)
	return ""
}

// userEnv is the environment of a new user's shell on this machine: no
// variable of this repository's scripts (GOOS, CC, WINEPREFIX,
// WINCGO_CACHE, ... and build/bin on PATH), a cache directory of its own
// (a fresh Wine prefix), and Go offline: the modules come from the module
// cache, which holds every module this repository needs.
func userEnv(t *testing.T, checkout, cacheDir string) []string {
	t.Helper()
	goEnv := func(name string) string {
		out, err := exec.Command("go", "env", name).Output()
		require.NoError(t, err, "go env %s", name)
		return strings.TrimSpace(string(out))
	}
	// Not the project's directories: build/bin's exec wrapper (which go
	// run and go test with GOOS=windows would find) and its tool cache.
	project := map[string]bool{filepath.Join(checkout, "build", "bin"): true}
	if c := os.Getenv("WINCGO_CACHE"); c != "" {
		project[filepath.Join(c, "bin")] = true
	}
	var keep []string
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if !project[filepath.Clean(dir)] {
			keep = append(keep, dir)
		}
	}
	env := []string{
		"PATH=" + strings.Join(keep, string(filepath.ListSeparator)),
		"HOME=" + os.Getenv("HOME"),
		"USER=" + os.Getenv("USER"),
		"LANG=C.UTF-8",
		"TMPDIR=" + os.TempDir(),
		// The user's cache directory, new: winexec makes its Wine prefix
		// there. WINCGO_CACHE too, so that nothing here can reach the
		// shared prefix whichever winexec reads.
		"XDG_CACHE_HOME=" + cacheDir,
		"WINCGO_CACHE=" + filepath.Join(cacheDir, "wincgo"),
		// Go's build cache is the machine's (it lives in XDG_CACHE_HOME by
		// default): a new one would rebuild the standard library.
		"GOCACHE=" + goEnv("GOCACHE"),
		"GOMODCACHE=" + goEnv("GOMODCACHE"),
		"GOPATH=" + goEnv("GOPATH"),
		"GOPROXY=off",
		"GOSUMDB=off",
		"GOFLAGS=-mod=mod",
		"GOTOOLCHAIN=local",
	}
	return env
}

// runScript runs script with bash -e in dir and returns its stdout,
// failing the test with its output when it fails or hangs.
func runScript(t *testing.T, dir string, env []string, script string, timeout time.Duration) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-euo", "pipefail", "-c", script)
	cmd.Dir, cmd.Env = dir, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// A process that inherited the output pipe (a Wine background process
	// started by the program's Wine) would keep Wait waiting: a user's
	// `go test -exec` would hang on it the same way.
	cmd.WaitDelay = 20 * time.Second
	err := cmd.Run()
	if errors.Is(err, exec.ErrWaitDelay) {
		t.Fatalf("the script exited, but its output stayed open %v later (a process it started holds it):\n%s\nstdout:\n%s\nstderr:\n%s", cmd.WaitDelay, script, stdout.String(), stderr.String())
	}
	require.NoError(t, err, "in %s:\n%s\nstdout:\n%s\nstderr:\n%s", dir, script, stdout.String(), stderr.String())
	return stdout.String()
}

// TestOutsideModule follows README.md's "Using wincgo from your own module"
// for each program README.md shows: a new module outside the repository
// (wincgo from this checkout, through the replace README.md describes),
// the program as README.md shows it, the README's commands to build it and
// run it under a fresh Wine prefix through cmd/winexec, and what it
// prints, compared with what README.md says it prints.
func TestOutsideModule(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds modules and makes a Wine prefix")
	}
	for _, tool := range []string{"x86_64-w64-mingw32-gcc", "wine"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not on PATH: install gcc-mingw-w64-x86-64 and wine64 (build/install.sh)", tool)
		}
	}
	checkout, err := filepath.Abs(repoRoot)
	require.NoError(t, err)
	r := readREADME(t)
	programs := readmePrograms(t, r)
	initCmds, runCmds, toolCmds := commands(t, r, "init"), commands(t, r, "run"), commands(t, r, "tools")
	execCmds := commands(t, r, "exec")

	// The one step README.md gives in words: the replace for a checkout,
	// before go mod tidy.
	replace := fmt.Sprintf("go mod edit -replace github.com/wincgo/wincgo=%q\n", checkout)
	require.Contains(t, r.joined(), "go mod edit -replace github.com/wincgo/wincgo=../wincgo",
		"README.md no longer gives the replace this test uses")
	require.True(t, strings.HasPrefix(runCmds, "go mod tidy\n"), "the run step no longer begins with go mod tidy:\n%s", runCmds)
	cacheDir := t.TempDir()
	env := userEnv(t, checkout, cacheDir)
	for _, p := range programs {
		t.Run(p.name, func(t *testing.T) {
			parent := t.TempDir()
			runScript(t, parent, env, initCmds, time.Minute)
			// init's commands leave the shell in the module's directory:
			// the one directory they made.
			entries, err := os.ReadDir(parent)
			require.NoError(t, err)
			require.Len(t, entries, 1, "the init step made more than the module's directory")
			module := filepath.Join(parent, entries[0].Name())
			require.NoError(t, os.WriteFile(filepath.Join(module, "main.go"), []byte(p.source), 0o600))

			// The first run makes the Wine prefix and the ProcessPrng DLL.
			got := runScript(t, module, env, replace+runCmds, 10*time.Minute)
			if p.name == programs[0].name {
				// The tools step, once: go vet passes and go doc finds
				// a function of a cgo file.
				doc := runScript(t, module, env, toolCmds, 5*time.Minute)
				assert.Contains(t, doc, "func CreateIoCompletionPort(", "go doc with README.md's environment:\n%s", doc)
			}
			assert.Equal(t, p.output, strings.ReplaceAll(got, "\r\n", "\n"), "what %s prints under Wine (+) is not what README.md says (-)", p.name)
			assert.NotEmpty(t, winePrefixes(t, cacheDir), "cmd/winexec made no Wine prefix in the new cache directory %s: it ran %s in another", cacheDir, p.name)

			if p.name == programs[0].name {
				// The -exec forms, once: go run prints the same, and go
				// test runs an Example verifying it under Wine.
				var example strings.Builder
				example.WriteString("package main\n\nfunc Example() {\n\tmain()\n\t// Output:\n")
				for l := range strings.Lines(p.output) {
					example.WriteString("\t// " + l)
				}
				example.WriteString("}\n")
				require.NoError(t, os.WriteFile(filepath.Join(module, "example_test.go"), []byte(example.String()), 0o600))
				got := runScript(t, module, env, execCmds, 5*time.Minute)
				goRun, goTest, _ := strings.Cut(strings.ReplaceAll(got, "\r\n", "\n"), p.output)
				assert.Empty(t, goRun, "go run -exec printed something before the program's output:\n%s", got)
				assert.Regexp(t, `^ok\s+example\.com/firsthour\s`, goTest, "go run -exec's output, then go test -exec's:\n%s", got)
			}
		})
	}
}

// winePrefixes returns the Wine prefixes (directories with a system.reg)
// under dir.
func winePrefixes(t *testing.T, dir string) []string {
	t.Helper()
	var found []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == "dosdevices" { // links to / and beyond: not followed, not needed
			return filepath.SkipDir
		}
		if d.Name() == "system.reg" {
			found = append(found, filepath.Dir(p))
		}
		return nil
	}))
	return found
}
