//go:build windows

package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wincgo/wincgo/examples/internal/demokit"
	"github.com/wincgo/wincgo/internal/testutil"
)

// TestMain lets the test binary be the demo's child (as the demo
// re-executes itself with demokit.ChildArg) or the demo itself
// (demokit.MainArg), and otherwise runs the tests with testutil's handle
// leak check around them.
func TestMain(m *testing.M) {
	demokit.DispatchTestBinary(runChild, main)
	testutil.Main(m)
}

// expected lists what a successful run's transcript must contain, in the
// order each source produces it (sources interleave freely).
var expected = [][]string{
	{`[accept] client connected from 127.0.0.1:`, `[read] echo "hello"`, `[read] echo "wincgo"`, `[read] echo "goodbye"`, `[close] client closed`},
	{`[spawn] child `, `[pipe] child: WINCGO_DEMO_GREETING=hello from the parent, µ`, `[pipe] child: line 1`, `[pipe] child: line 2`, `[pipe] child: line 3`, `[pipe] child closed its output`},
	{`[process] child exited with code 7`},
	{`[client] all 3 echoes came back`},
}

// requireTranscript checks that each sequence of expected appears in
// transcript in order.
func requireTranscript(t *testing.T, transcript string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(transcript), "\n")
	for _, seq := range expected {
		next := 0
		for _, line := range lines {
			if next < len(seq) && strings.HasPrefix(line, seq[next]) {
				next++
			}
		}
		assert.Equal(t, len(seq), next, "transcript lacks %q (in this order after %q):\n%s", seq[min(next, len(seq)-1):], seq[:next], transcript)
	}
}

func executable(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	return exe
}

func TestRunInProcess(t *testing.T) {
	var out bytes.Buffer
	err := run(&out, executable(t), defaultConfig())
	require.NoError(t, err, "transcript:\n%s", out.String())
	requireTranscript(t, out.String())
}

func TestMainExitsZero(t *testing.T) {
	cmd := exec.Command(executable(t), demokit.MainArg)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "stderr:\n%s\nstdout:\n%s", stderr.String(), stdout.String())
	requireTranscript(t, stdout.String())
	assert.Contains(t, stdout.String(), "demo: everything arrived")
}

func TestRunFailsOnWrongExitCode(t *testing.T) {
	cfg := defaultConfig()
	cfg.ChildExitCode = 8
	var out bytes.Buffer
	err := run(&out, executable(t), cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "child exited with code 8, expected 7")
	assert.Contains(t, out.String(), "[process] child exited with code 8")
}

func TestRunTimesOutRatherThanHang(t *testing.T) {
	cfg := defaultConfig()
	// A child that outlives the deadline: the run must give up, kill it
	// and report what is missing.
	cfg.ChildDelay = time.Minute
	// Long enough for the child's start and lines and the client under a
	// loaded Wine (starting a process took over 2 s at load 20, and the
	// lines asserted below had not arrived), short beside ChildDelay.
	cfg.Deadline = 10 * time.Second
	var out bytes.Buffer
	start := time.Now()
	err := run(&out, executable(t), cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "timed out")
	assert.Contains(t, err.Error(), "the child has not exited")
	assert.NotContains(t, err.Error(), "the client", "the rest had finished")
	assert.Less(t, time.Since(start), 40*time.Second, "run must give up, then clean up promptly")
	// The child's lines arrived before it lingered.
	assert.Contains(t, out.String(), "[pipe] child: line 3")
}
