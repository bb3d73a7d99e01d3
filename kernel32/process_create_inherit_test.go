//go:build windows

package kernel32

import (
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

// raceChildren is how many children the inheritance-race tests spawn at
// once: half exit at once, half linger until the test lets them go.
const raceChildren = 16

// spawnTimeout bounds the wait for the concurrent CreateProcess calls,
// which take well under a second each even under load.
const spawnTimeout = 2 * time.Minute

// raceResult is what the inheritance-race scenario observed.
type raceResult struct {
	// quickEOF[i] is true when the i-th quick child's reader saw EOF
	// while every lingering child still ran.
	quickEOF []bool
}

// runInheritanceRace spawns raceChildren children concurrently, each
// with its own stdout pipe, all pipes created (inheritable) before any
// child, as happens when goroutines spawn children at the same time. Even
// children exit at once (pc-print-args), odd ones print "ready" and linger
// until an event the test sets (pc-wait-event). Each quick child's reader
// is given wait to see EOF; it records whether EOF came while every
// lingering child ran. With useList, each child gets only its own pipe
// through PROC_THREAD_ATTRIBUTE_HANDLE_LIST; without it, a plain
// STARTUPINFO with bInheritHandles true, so each child inherits every
// pipe.
func runInheritanceRace(t *testing.T, useList bool, wait time.Duration) raceResult {
	eventName := testutil.UniqueName("wincgo-race")
	event, _, err := CreateEvent(true, false, nil, eventName)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, event)

	readers := make([]wintypes.HANDLE, raceChildren)
	writers := make([]wintypes.HANDLE, raceChildren)
	closeWs := make([]func() error, raceChildren)
	for i := range raceChildren {
		readers[i], writers[i], closeWs[i] = inheritablePipe(t)
	}
	cmds := make([]string, raceChildren)
	for i := range raceChildren {
		var err error
		if i%2 == 0 {
			cmds[i], err = selfCommandLine([]string{"quick", strconv.Itoa(i)})
		} else {
			cmds[i], err = selfCommandLine([]string{eventName})
		}
		require.NoError(t, err)
	}
	envQuick, err := NewEnvironmentBlockFromList(append(os.Environ(), testutil.RoleEnv("pc-print-args")))
	require.NoError(t, err)
	envLinger, err := NewEnvironmentBlockFromList(append(os.Environ(), testutil.RoleEnv("pc-wait-event")))
	require.NoError(t, err)

	pis := make([]wintypes.PROCESS_INFORMATION, raceChildren)
	errs := make([]error, raceChildren)
	var wg sync.WaitGroup
	for i := range raceChildren {
		wg.Add(1)
		go func() {
			defer wg.Done()
			env := envQuick
			if i%2 == 1 {
				env = envLinger
			}
			si := wintypes.STARTUPINFO{DwFlags: STARTF_USESTDHANDLES, HStdOutput: writers[i], HStdError: writers[i]}
			if !useList {
				pis[i], errs[i] = CreateProcess("", cmds[i], nil, nil, true, 0, env, "", &si)
				return
			}
			list, err := InitializeProcThreadAttributeList(1)
			if err != nil {
				errs[i] = err
				return
			}
			defer testutil.Close(t, list)
			if errs[i] = UpdateProcThreadAttribute(list, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, writers[i:i+1]); errs[i] != nil {
				return
			}
			pis[i], errs[i] = CreateProcess("", cmds[i], nil, nil, true, 0, env, "",
				&STARTUPINFOEX{StartupInfo: si, AttributeList: list})
		}()
	}
	spawned := make(chan struct{})
	go func() { wg.Wait(); close(spawned) }()
	select {
	case <-spawned:
	case <-time.After(spawnTimeout):
		// Seen twice in Wine 8 under heavy load (never explained): one
		// of the concurrent CreateProcess calls did not return, and the
		// test binary hung until go test killed it, leaving the lingering
		// children waiting. Fail saying so instead, and let those go (the
		// goroutines still in CreateProcess write nothing this reads).
		assert.NoError(t, SetEvent(event))
		t.Fatalf("the %d concurrent CreateProcess calls had not all returned after %v", raceChildren, spawnTimeout)
	}
	// Let the lingering children go however the test ends.
	defer func() {
		assert.NoError(t, SetEvent(event))
		for _, pi := range pis {
			if pi.HProcess != 0 {
				_, err := WaitForSingleObject(pi.HProcess, 30000)
				assert.NoError(t, err)
			}
		}
	}()
	for i := range raceChildren {
		require.NoError(t, errs[i], "child %d", i)
		closeProcess(t, pis[i])
	}
	// Only the children hold write ends now.
	for _, closeW := range closeWs {
		require.NoError(t, closeW())
	}
	var lingering []wintypes.HANDLE
	for i := 1; i < raceChildren; i += 2 {
		lingering = append(lingering, pis[i].HProcess)
	}

	res := raceResult{quickEOF: make([]bool, raceChildren/2)}
	var mu sync.Mutex
	done := make(chan int, raceChildren)
	for i := 0; i < raceChildren; i += 2 {
		go func() {
			out, err := readAll(readers[i])
			// EOF (or an error): were the lingering children all running?
			ev, werr := WaitForMultipleObjects(lingering, false, 0, nil)
			mu.Lock()
			res.quickEOF[i/2] = err == nil && werr == nil && ev == WAIT_TIMEOUT && out != ""
			mu.Unlock()
			done <- i
		}()
	}
	deadline := time.After(wait)
	for seen := 0; seen < raceChildren/2; {
		select {
		case <-done:
			seen++
		case <-deadline:
			// Readers still blocked: release the lingering children,
			// which ends every pipe, and collect the rest.
			require.NoError(t, SetEvent(event))
			for ; seen < raceChildren/2; seen++ {
				<-done
			}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	return res
}

// TestInheritanceRaceClosedByHandleList: with a handle list, every quick
// child's reader sees EOF while the lingering children still run.
func TestInheritanceRaceClosedByHandleList(t *testing.T) {
	res := runInheritanceRace(t, true, 60*time.Second)
	for i, ok := range res.quickEOF {
		assert.True(t, ok, "reader of quick child %d did not see EOF while the others ran", 2*i)
	}
}

// TestInheritanceRaceWithoutHandleList shows the race the list closes:
// each child inherits every pipe's write end, so a quick child's reader
// sees no EOF while a lingering child holds its write end.
func TestInheritanceRaceWithoutHandleList(t *testing.T) {
	res := runInheritanceRace(t, false, 5*time.Second)
	for i, ok := range res.quickEOF {
		assert.False(t, ok, "reader of quick child %d saw EOF although the others inherited its write end", 2*i)
	}
}
