//go:build windows

package kernel32

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/wintypes"
)

// countFrees counts freeC's calls during the test.
func countFrees(t *testing.T) *int {
	n := new(int)
	orig := freeC
	freeC = func(addr uintptr) {
		*n++
		orig(addr)
	}
	t.Cleanup(func() { freeC = orig })
	return n
}

// TestProcThreadAttributeListFreedOnce: the list and each value are
// freed once, however often the list is deleted.
func TestProcThreadAttributeListFreedOnce(t *testing.T) {
	frees := countFrees(t)
	_, w1, _ := inheritablePipe(t)
	_, w2, _ := inheritablePipe(t)
	list, err := InitializeProcThreadAttributeList(2)
	require.NoError(t, err)
	require.NotZero(t, list.list)
	require.NoError(t, UpdateProcThreadAttribute(list, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{w1, w2}))
	job, err := CreateJobObject(nil, "")
	require.NoError(t, err)
	defer testutil.CloseWith(t, CloseHandle, job)
	require.NoError(t, UpdateProcThreadAttribute(list, PROC_THREAD_ATTRIBUTE_JOB_LIST, []wintypes.HANDLE{job}))
	DeleteProcThreadAttributeList(list)
	assert.Equal(t, 3, *frees, "the list and its two values")
	assert.Zero(t, list.list)
	assert.Empty(t, list.values)
	DeleteProcThreadAttributeList(list)
	assert.NoError(t, list.Close())
	assert.Equal(t, 3, *frees, "deleting again frees nothing")
	DeleteProcThreadAttributeList(nil)
	err = UpdateProcThreadAttribute(list, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{w1})
	testutil.RequireInputError(t, err, "lpAttributeList")
}

// TestProcThreadAttributeListOutOfMemory: LocalAlloc failing (Windows
// will not on demand: fault injection) fails the list or the value with
// its error, and frees what was allocated.
func TestProcThreadAttributeListOutOfMemory(t *testing.T) {
	frees := countFrees(t)
	disarm := injectFault("LocalAlloc", 0, windows.ERROR_NOT_ENOUGH_MEMORY)
	_, err := InitializeProcThreadAttributeList(1)
	disarm()
	testutil.RequireAPIError(t, err, "LocalAlloc", windows.ERROR_NOT_ENOUGH_MEMORY)
	assert.Zero(t, *frees)

	_, w, _ := inheritablePipe(t)
	list, err := InitializeProcThreadAttributeList(1)
	require.NoError(t, err)
	disarm = injectFault("LocalAlloc", 0, windows.ERROR_NOT_ENOUGH_MEMORY)
	err = UpdateProcThreadAttribute(list, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{w})
	disarm()
	testutil.RequireAPIError(t, err, "LocalAlloc", windows.ERROR_NOT_ENOUGH_MEMORY)
	assert.Empty(t, list.values)
	// The list still works, and its attribute can still be set.
	require.NoError(t, UpdateProcThreadAttribute(list, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{w}))
	require.NoError(t, list.Close())
	assert.Equal(t, 2, *frees, "the list and its one value")
}

// TestDeleteWaitsForCreateProcess: a delete (and an update) waits while
// a CreateProcess holds the list, which it does, shared, for the whole
// call; this test holds it as CreateProcess does, since a real call
// cannot be made to last (TestCreateProcessDeleteRace races real ones).
func TestDeleteWaitsForCreateProcess(t *testing.T) {
	_, w, _ := inheritablePipe(t)
	list, err := InitializeProcThreadAttributeList(2)
	require.NoError(t, err)
	list.mu.RLock() // a CreateProcess using the list
	deleted := make(chan struct{})
	updated := make(chan error, 1)
	go func() {
		updated <- UpdateProcThreadAttribute(list, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{w})
	}()
	go func() {
		DeleteProcThreadAttributeList(list)
		close(deleted)
	}()
	select {
	case <-deleted:
		t.Fatal("DeleteProcThreadAttributeList returned while a CreateProcess held the list")
	case err := <-updated:
		t.Fatalf("UpdateProcThreadAttribute returned (%v) while a CreateProcess held the list", err)
	case <-time.After(100 * time.Millisecond):
	}
	list.mu.RUnlock()
	select {
	case <-deleted:
	case <-time.After(10 * time.Second):
		t.Fatal("DeleteProcThreadAttributeList did not return once the list was released")
	}
	// The update ran before or after the delete: applied, or refused.
	if err := <-updated; err != nil {
		testutil.RequireInputError(t, err, "lpAttributeList")
	}
	assert.Zero(t, list.list)
}

func TestProcThreadAttributeListFailures(t *testing.T) {
	frees := countFrees(t)
	_, w1, _ := inheritablePipe(t)
	_, w2, _ := inheritablePipe(t)
	list, err := InitializeProcThreadAttributeList(1)
	require.NoError(t, err)
	defer testutil.Close(t, list)
	require.NoError(t, UpdateProcThreadAttribute(list, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{w1}))
	// No room left for a second attribute.
	err = UpdateProcThreadAttribute(list, PROC_THREAD_ATTRIBUTE_JOB_LIST, []wintypes.HANDLE{w2})
	testutil.RequireAPIError(t, err, "UpdateProcThreadAttribute", windows.ERROR_GEN_FAILURE)
	assert.Equal(t, 1, *frees, "the refused value's copy is freed at once")

	disarm := injectFault("UpdateProcThreadAttribute", 0, ERROR_INVALID_PARAMETER)
	err = UpdateProcThreadAttribute(list, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{w2})
	disarm()
	testutil.RequireAPIError(t, err, "UpdateProcThreadAttribute", ERROR_INVALID_PARAMETER)

	// A handle that is not open.
	err = UpdateProcThreadAttribute(list, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{testutil.InvalidHandle})
	testutil.RequireAPIError(t, err, "GetHandleInformation", ERROR_INVALID_HANDLE)

	disarm = injectFault("InitializeProcThreadAttributeList", 0, ERROR_INVALID_PARAMETER)
	_, err = InitializeProcThreadAttributeList(1)
	disarm()
	testutil.RequireAPIError(t, err, "InitializeProcThreadAttributeList", ERROR_INVALID_PARAMETER)
}

func TestProcThreadAttributeListBadInput(t *testing.T) {
	_, err := InitializeProcThreadAttributeList(0)
	testutil.RequireInputError(t, err, "dwAttributeCount")
	list, err := InitializeProcThreadAttributeList(1)
	require.NoError(t, err)
	defer testutil.Close(t, list)
	r, w, _ := inheritablePipe(t)
	// A list longer than the one compared in place (a map finds repeats
	// there): the repeat is still named. JOB_LIST, so that the made-up
	// handles are refused before any is used.
	long := make([]wintypes.HANDLE, 40)
	for i := range long {
		long[i] = wintypes.HANDLE(4 * (i + 1))
	}
	long[39] = long[3]
	for _, c := range []struct {
		name      string
		list      *ProcThreadAttributeList
		attribute uintptr
		value     []wintypes.HANDLE
		param     string
		message   []string        // parts of the message, if checked
		errValue  wintypes.HANDLE // the error's Value, if checked
	}{
		{"lpAttributeList=nil", nil, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{w}, "lpAttributeList", nil, 0},
		{"Attribute=0x12345", list, 0x12345, []wintypes.HANDLE{w}, "Attribute", nil, 0},
		{"lpValue=nil", list, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, nil, "lpValue", nil, 0},
		{"lpValue[1]=0", list, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{w, 0}, "lpValue[1]", nil, 0},
		{"lpValue[1]=repeat", list, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{w, w}, "lpValue[1]", nil, 0},
		{"lpValue[39]=repeat", list, PROC_THREAD_ATTRIBUTE_JOB_LIST, long, "lpValue[39]", []string{"appears twice"}, 0},
		// The read end is not inheritable: the error names it.
		{"lpValue[1]=not-inheritable", list, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{w, r}, "lpValue[1]",
			[]string{r.String(), "not inheritable"}, r},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := testutil.InputErrorOf(t, UpdateProcThreadAttribute(c.list, c.attribute, c.value), c.param)
			for _, m := range c.message {
				assert.Contains(t, e.Error(), m)
			}
			if c.errValue != 0 {
				assert.Equal(t, c.errValue, e.Value)
			}
		})
	}
}
