//go:build windows

package testutil

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"
)

func TestMain(m *testing.M) {
	// The child roles below run Main's leak-checked path around a fake
	// test run, as a package's TestMain does.
	Role("leak-check-leaks-event", func([]string) error {
		os.Exit(runWithLeakCheck(func() int {
			// A test that creates an event and never closes it.
			if _, err := windows.CreateEvent(nil, 1, 0, nil); err != nil {
				panic(err)
			}
			return 0
		}, mainOptions{}))
		return nil
	})
	Role("leak-check-closes-event", func([]string) error {
		os.Exit(runWithLeakCheck(func() int {
			h, err := windows.CreateEvent(nil, 1, 0, nil)
			if err != nil {
				panic(err)
			}
			if err := windows.CloseHandle(h); err != nil {
				panic(err)
			}
			return 0
		}, mainOptions{}))
		return nil
	})
	Role("leak-check-new-threads", func([]string) error {
		// Threads the runtime starts during the tests are not a leak:
		// 16 goroutines locked to their threads at once need new ones.
		os.Exit(runWithLeakCheck(func() int {
			spawnThreads(handleCounts(OpenHandles())["Thread (own)"]+16, nil)
			return 0
		}, mainOptions{}))
		return nil
	})
	Role("leak-check-hangs", func([]string) error {
		// A comparison that never ends: the watchdog reports it.
		leakCheckDeadline = 100 * time.Millisecond
		watchdog("a hung phase")
		select {}
	})
	Main(m)
}

// runRole runs the test binary in role, with the leak check on (whatever
// the parent's environment says), and returns its exit code and output.
func runRole(t *testing.T, role string) (int, string) {
	t.Helper()
	cmd := Command(t, role)
	cmd.Env = append(cmd.Env, leakEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		return 0, string(out)
	}
	var exitErr *exec.ExitError
	require.ErrorAs(t, err, &exitErr, "%s", out)
	return exitErr.ExitCode(), string(out)
}

func TestLeakCheckReportsLeakedEvent(t *testing.T) {
	code, out := runRole(t, "leak-check-leaks-event")
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "FAIL: handle leak")
	assert.Contains(t, out, "1 more Event handle(s)")
	assert.Regexp(t, `new ones: 0x[0-9a-f]+ \(Event\)`, out)
}

func TestLeakCheckPassesWithoutLeak(t *testing.T) {
	code, out := runRole(t, "leak-check-closes-event")
	assert.Equal(t, 0, code, out)
	assert.NotContains(t, out, "handle leak")
}

func TestLeakCheckAllowsNewRuntimeThreads(t *testing.T) {
	code, out := runRole(t, "leak-check-new-threads")
	assert.Equal(t, 0, code, out)
	assert.NotContains(t, out, "handle leak")
}

func TestOpenHandlesSeesAndTypesANewHandle(t *testing.T) {
	h, err := windows.CreateEvent(nil, 1, 0, nil)
	require.NoError(t, err)
	defer CloseWith(t, windows.CloseHandle, h)
	find := func(hs []OpenHandle) *OpenHandle {
		for i := range hs {
			if hs[i].Value == uintptr(h) {
				return &hs[i]
			}
		}
		return nil
	}
	got := find(OpenHandles())
	require.NotNil(t, got, "the event's handle %#x is listed", h)
	assert.Equal(t, "Event", got.Type)
	// The fallback finds it too.
	got = find(probeHandles())
	require.NotNil(t, got, "probing finds %#x", h)
	assert.Equal(t, "Event", got.Type)
	assert.True(t, strings.HasPrefix(got.String(), "0x"))
}

func TestLeakCheckWatchdogReportsAHang(t *testing.T) {
	code, out := runRole(t, "leak-check-hangs")
	assert.Equal(t, 3, code, out)
	assert.Contains(t, out, "FAIL: testutil: a hung phase did not finish in 100ms; goroutines:")
	assert.Contains(t, out, "goroutine 1 [select (no cases)]")
}

// TestLateThreadSetUp: only whole per-thread sets, for no more threads than
// the baseline had, and nothing else, count as old threads' late set-up.
func TestLateThreadSetUp(t *testing.T) {
	c := &LeakCheck{perThread: map[string]int{"Thread (own)": 1, "Event": 2, "Timer": 1}}
	for _, tc := range []struct {
		name     string
		excesses map[string]int
		want     bool
	}{
		{"one thread's set", map[string]int{"Event": 2, "Timer": 1}, true},
		{"two threads' sets", map[string]int{"Event": 4, "Timer": 2}, true},
		{"more threads than the baseline had", map[string]int{"Event": 8, "Timer": 4}, false},
		{"events alone", map[string]int{"Event": 2}, false},
		{"a timer alone", map[string]int{"Timer": 1}, false},
		{"one event", map[string]int{"Event": 1, "Timer": 1}, false},
		{"uneven sets", map[string]int{"Event": 4, "Timer": 1}, false},
		{"another kind too", map[string]int{"Event": 2, "Timer": 1, "File": 1}, false},
		{"nothing", map[string]int{}, false},
	} {
		assert.Equal(t, tc.want, c.lateThreadSetUp(tc.excesses, 3), tc.name)
	}
}
