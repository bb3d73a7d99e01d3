//go:build windows

package main

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strconv"
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

func executable(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	return exe
}

// count returns the number after label in the summary line.
func count(t *testing.T, out, label string) int {
	t.Helper()
	m := regexp.MustCompile(`(\d+) ` + label).FindStringSubmatch(out)
	require.NotNil(t, m, "no count of %s in:\n%s", label, out)
	n, err := strconv.Atoi(m[1])
	require.NoError(t, err)
	return n
}

// TestMainExitsZero runs the demo as a user does (bash build/demo.sh runs
// the same main) and checks its transcript and counts.
func TestMainExitsZero(t *testing.T) {
	cmd := exec.Command(executable(t), demokit.MainArg)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	require.NoError(t, cmd.Run(), "stderr:\n%s\nstdout:\n%s", stderr.String(), stdout.String())
	t.Logf("100 children in %v", time.Since(start))
	out := stdout.String()
	cfg := defaultConfig()
	// Children 0, 10, ... talk TCP; 5, 15, ... UDP.
	clients := cfg.Children / cfg.ClientEvery
	assert.Equal(t, cfg.Children, count(t, out, "exits"))
	assert.Equal(t, cfg.Children*cfg.Lines+2*clients, count(t, out, "lines"))
	assert.Equal(t, clients, count(t, out, "TCP echoes"))
	assert.Equal(t, clients, count(t, out, "connections closed"))
	assert.Equal(t, clients, count(t, out, "UDP echoes"))
	// Every exit, every read and the stop event is a packet, and so is
	// every socket operation: per TCP client an AcceptEx, at least two
	// WSARecv (the line, the end of stream) and a WSASend; per UDP client
	// a WSARecvFrom and a WSASendTo.
	assert.GreaterOrEqual(t, count(t, out, "packets"), 2*cfg.Children+4*clients+2*clients)
	assert.Greater(t, count(t, out, "objects at once"), 64, "the point: more than MAXIMUM_WAIT_OBJECTS")
	assert.Contains(t, out, "[pipe] child ")
	assert.Contains(t, out, "[exit] child ")
	assert.Contains(t, out, "[accept] AcceptEx: connection from 127.0.0.1:")
	assert.Contains(t, out, "[echo] TCP \"hello from child ")
	assert.Regexp(t, `\[udp\] WSARecvFrom: "hello from child \d*5" from 127\.0\.0\.1:\d+`, out)
	assert.Contains(t, out, "[close] end of stream")
	assert.Contains(t, out, "[stop] stop event signalled")
	assert.Contains(t, out, "proactor: everything arrived")
}

func TestRunTimesOutRatherThanHang(t *testing.T) {
	cfg := defaultConfig()
	cfg.Children = 3
	cfg.Linger = time.Minute
	cfg.Deadline = 3 * time.Second
	cfg.Transcript = 1000
	var out bytes.Buffer
	start := time.Now()
	err := run(&out, executable(t), cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "timed out")
	assert.Contains(t, err.Error(), "3 of 3 children have not exited")
	assert.Less(t, time.Since(start), 30*time.Second, "run must give up, then clean up promptly")
	// Their lines arrived before they lingered.
	assert.Contains(t, out.String(), "[pipe] child 0: line 3")
}

// underWine, which gates the retry of a child's spurious Wine failure,
// tells Wine as the test helpers do.
func TestUnderWine(t *testing.T) {
	assert.Equal(t, testutil.IsWine(), underWine())
}
