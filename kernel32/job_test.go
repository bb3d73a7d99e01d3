//go:build windows

package kernel32

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

// killOnCloseJob creates a job whose processes die when its last handle
// closes.
func killOnCloseJob(t *testing.T, name string) wintypes.HANDLE {
	t.Helper()
	job, err := CreateJobObject(nil, name)
	require.NoError(t, err)
	var info wintypes.JOBOBJECT_EXTENDED_LIMIT_INFORMATION
	info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
	require.NoError(t, SetInformationJobObjectExtendedLimit(job, &info))
	got, err := QueryInformationJobObjectExtendedLimit(job)
	require.NoError(t, err)
	if testutil.IsWine() {
		// Wine 8's NtQueryInformationJobObject is a stub for the limit
		// classes: it returns zeroes (the limit itself is applied, as
		// TestJobTreeKill shows).
		assert.Zero(t, got)
	} else {
		assert.Equal(t, uint32(JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE), got.BasicLimitInformation.LimitFlags)
	}
	return job
}

// neverSetEvent creates an event nobody sets, open until the test ends,
// and returns its name, for a pc-wait-event child that must run until it
// is ended: were the event missing, the child's OpenEvent would fail and
// it would exit at once, racing the test's checks of the job.
func neverSetEvent(t *testing.T) string {
	t.Helper()
	name := testutil.UniqueName("wincgo-never-set")
	ev, _, err := CreateEvent(true, false, nil, name)
	require.NoError(t, err)
	t.Cleanup(func() { testutil.CloseWith(t, CloseHandle, ev) })
	return name
}

// TestJobTreeKill: a child started in a KILL_ON_JOB_CLOSE job (suspended,
// assigned, resumed) starts a grandchild, which is in the job too; closing
// the job's only handle ends both.
func TestJobTreeKill(t *testing.T) {
	job := killOnCloseJob(t, "")
	jobOpen := true
	defer func() {
		if jobOpen {
			assert.NoError(t, CloseHandle(job))
		}
	}()
	// The grandchild waits on an event nobody sets: it runs until the
	// job ends it.
	r, w, closeW := inheritablePipe(t)
	pi, err := spawnRole("pc-tree", []string{neverSetEvent(t)}, nil, CREATE_SUSPENDED, "", &w)
	require.NoError(t, err)
	closeProcess(t, pi)
	require.NoError(t, closeW())
	require.NoError(t, AssignProcessToJobObject(job, pi.HProcess))
	_, err = ResumeThread(pi.HThread)
	require.NoError(t, err)

	// The child prints its grandchild's pid, then sleeps.
	line := make([]byte, 0, 32)
	buf := make([]byte, 32)
	for !strings.Contains(string(line), "\n") {
		n, err := ReadFile(r, buf, nil, nil)
		require.NoError(t, err, "child output so far: %q", line)
		line = append(line, buf[:n]...)
	}
	gpid, err := strconv.ParseUint(strings.TrimSpace(string(line)), 10, 32)
	require.NoError(t, err, "child printed %q", line)
	grandchild, err := OpenProcess(SYNCHRONIZE|PROCESS_QUERY_LIMITED_INFORMATION|PROCESS_TERMINATE, false, uint32(gpid))
	require.NoError(t, err)
	defer func() {
		// Normally the job has ended it already: terminating is a
		// backstop whose failure (it exited) says nothing.
		_ = TerminateProcess(grandchild, 1)
		assert.NoError(t, CloseHandle(grandchild))
	}()
	assert.True(t, pidRunning(t, pi.DwProcessId), "child listed")
	assert.True(t, pidRunning(t, uint32(gpid)), "grandchild listed")
	acct, err := QueryInformationJobObjectBasicAccounting(job)
	require.NoError(t, err)
	assert.Equal(t, uint32(2), acct.ActiveProcesses, "child and grandchild are in the job")

	jobOpen = false
	require.NoError(t, CloseHandle(job))
	ev, err := WaitForMultipleObjects([]wintypes.HANDLE{pi.HProcess, grandchild}, true, 30000, nil)
	require.NoError(t, err)
	require.Equal(t, uint32(WAIT_OBJECT_0), ev, "both ended when the job closed")
	for _, h := range []wintypes.HANDLE{pi.HProcess, grandchild} {
		code, err := GetExitCodeProcess(h)
		require.NoError(t, err)
		assert.NotEqual(t, uint32(STILL_ACTIVE), code)
	}
	// Gone from the snapshot too (a process that has ended leaves it,
	// even while handles to it are open; allow a moment for that).
	deadline := time.Now().Add(10 * time.Second)
	for (pidRunning(t, pi.DwProcessId) || pidRunning(t, uint32(gpid))) && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	assert.False(t, pidRunning(t, pi.DwProcessId), "child still listed")
	assert.False(t, pidRunning(t, uint32(gpid)), "grandchild still listed")
}

// TestJobListAttributeAndTerminate puts a child in a job through
// PROC_THREAD_ATTRIBUTE_JOB_LIST, then ends it with TerminateJobObject.
func TestJobListAttributeAndTerminate(t *testing.T) {
	name := testutil.UniqueName("wincgo-job")
	job, err := CreateJobObject(nil, name)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, job)
	opened, err := OpenJobObject(JOB_OBJECT_QUERY|JOB_OBJECT_TERMINATE, false, name)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, opened)

	list, err := InitializeProcThreadAttributeList(1)
	require.NoError(t, err)
	defer testutil.Close(t, list)
	require.NoError(t, UpdateProcThreadAttribute(list, PROC_THREAD_ATTRIBUTE_JOB_LIST, []wintypes.HANDLE{job}))
	// The child waits on an event nobody sets: it runs until the job
	// ends it.
	cmd, err := selfCommandLine([]string{neverSetEvent(t)})
	require.NoError(t, err)
	env, err := NewEnvironmentBlockFromList(append(os.Environ(), testutil.RoleEnv("pc-wait-event")))
	require.NoError(t, err)
	pi, err := CreateProcess("", cmd, nil, nil, false, 0, env, "", &STARTUPINFOEX{AttributeList: list})
	require.NoError(t, err)
	closeProcess(t, pi)

	acct, err := QueryInformationJobObjectBasicAccounting(opened)
	require.NoError(t, err)
	assert.Equal(t, uint32(1), acct.ActiveProcesses, "the child is in the job from the start")
	require.NoError(t, TerminateJobObject(opened, 42))
	ev, err := WaitForSingleObject(pi.HProcess, 30000)
	require.NoError(t, err)
	require.Equal(t, uint32(WAIT_OBJECT_0), ev)
	code, err := GetExitCodeProcess(pi.HProcess)
	require.NoError(t, err)
	assert.Equal(t, uint32(42), code)
}

func TestJobFailures(t *testing.T) {
	_, err := OpenJobObject(JOB_OBJECT_QUERY, false, testutil.UniqueName("wincgo-no-such-job"))
	testutil.RequireAPIError(t, err, "OpenJobObjectW", ERROR_FILE_NOT_FOUND)
	// A name taken by an event is not a job's.
	evName := testutil.UniqueName("wincgo-event")
	ev, _, err := CreateEvent(true, false, nil, evName)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, ev)
	_, err = CreateJobObject(nil, evName)
	testutil.RequireAPIError(t, err, "CreateJobObjectW", ERROR_INVALID_HANDLE)

	// An event is not a job: each function refuses it.
	err = AssignProcessToJobObject(ev, GetCurrentProcess())
	testutil.RequireAPIError(t, err, "AssignProcessToJobObject", ERROR_INVALID_HANDLE)
	err = SetInformationJobObjectExtendedLimit(ev, &wintypes.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{})
	testutil.RequireAPIError(t, err, "SetInformationJobObject", ERROR_INVALID_HANDLE)
	_, err = QueryInformationJobObjectExtendedLimit(ev)
	if testutil.IsWine() {
		// Wine 8's stub for the limit classes checks no handle (see
		// killOnCloseJob); the failure path is driven by a fault below.
		assert.NoError(t, err)
	} else {
		testutil.RequireAPIError(t, err, "QueryInformationJobObject", ERROR_INVALID_HANDLE)
	}
	_, err = QueryInformationJobObjectBasicAccounting(ev)
	testutil.RequireAPIError(t, err, "QueryInformationJobObject", ERROR_INVALID_HANDLE)
	err = TerminateJobObject(ev, 1)
	testutil.RequireAPIError(t, err, "TerminateJobObject", ERROR_INVALID_HANDLE)

	// Access rights are enforced.
	name := testutil.UniqueName("wincgo-job")
	job, err := CreateJobObject(nil, name)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, job)
	queryOnly, err := OpenJobObject(JOB_OBJECT_QUERY, false, name)
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, queryOnly)
	err = TerminateJobObject(queryOnly, 1)
	testutil.RequireAPIError(t, err, "TerminateJobObject", ERROR_ACCESS_DENIED)

	// An undocumented limit flag.
	var info wintypes.JOBOBJECT_EXTENDED_LIMIT_INFORMATION
	info.BasicLimitInformation.LimitFlags = 0x80000000
	err = SetInformationJobObjectExtendedLimit(job, &info)
	if testutil.IsWine() {
		// Wine 8 ignores flags it does not know.
		t.Logf("Wine: SetInformationJobObject with an undocumented flag: %v", err)
	} else {
		testutil.RequireAPIError(t, err, "SetInformationJobObject", ERROR_INVALID_PARAMETER)
	}

	disarm := injectFault("QueryInformationJobObject", 0, ERROR_ACCESS_DENIED)
	_, err = QueryInformationJobObjectExtendedLimit(job)
	disarm()
	testutil.RequireAPIError(t, err, "QueryInformationJobObject", ERROR_ACCESS_DENIED)
	disarm = injectFault("QueryInformationJobObject", 1, 0)
	_, err = QueryInformationJobObjectBasicAccounting(job)
	disarm()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "returned 0 bytes")
}

func TestJobBadInput(t *testing.T) {
	for _, c := range []struct {
		name, param string
		call        func() error
	}{
		{"CreateJobObject/lpName=NUL", "lpName", func() error { _, err := CreateJobObject(nil, "a\x00b"); return err }},
		{"OpenJobObject/lpName=empty", "lpName", func() error { _, err := OpenJobObject(JOB_OBJECT_QUERY, false, ""); return err }},
		{"OpenJobObject/lpName=NUL", "lpName", func() error { _, err := OpenJobObject(JOB_OBJECT_QUERY, false, "a\x00"); return err }},
		{"AssignProcessToJobObject/hJob=0", "hJob", func() error { return AssignProcessToJobObject(0, GetCurrentProcess()) }},
		{"AssignProcessToJobObject/hProcess=0", "hProcess", func() error { return AssignProcessToJobObject(1, 0) }},
		{"SetInformationJobObjectExtendedLimit/hJob=0", "hJob", func() error {
			return SetInformationJobObjectExtendedLimit(0, &wintypes.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{})
		}},
		{"SetInformationJobObjectExtendedLimit/lpJobObjectInformation=nil", "lpJobObjectInformation", func() error {
			return SetInformationJobObjectExtendedLimit(1, nil)
		}},
		{"QueryInformationJobObjectExtendedLimit/hJob=0", "hJob", func() error { _, err := QueryInformationJobObjectExtendedLimit(0); return err }},
		{"QueryInformationJobObjectBasicAccounting/hJob=0", "hJob", func() error { _, err := QueryInformationJobObjectBasicAccounting(0); return err }},
		{"TerminateJobObject/hJob=0", "hJob", func() error { return TerminateJobObject(0, 1) }},
	} {
		t.Run(c.name, func(t *testing.T) { testutil.RequireInputError(t, c.call(), c.param) })
	}
}
