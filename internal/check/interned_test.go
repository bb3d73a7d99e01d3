package check

import (
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	wincgoerrors "github.com/wincgo/wincgo/errors"
)

// failedAPIError is Failed's error as the *WindowsAPIError it must be.
func failedAPIError(t testing.TB, function string, ret uint64, lastError uint32, expected string) *wincgoerrors.WindowsAPIError {
	t.Helper()
	e, ok := Failed(function, ret, lastError, expected).(*wincgoerrors.WindowsAPIError) //nolint:errorlint // Failed's dynamic type is the contract under test
	require.True(t, ok, "Failed returns a *WindowsAPIError")
	return e
}

// wantAPIError is the error a failure must carry, interned or not.
func wantAPIError(function string, ret uint64, lastError uint32, expected string) wincgoerrors.WindowsAPIError {
	code := syscall.Errno(lastError)
	return wincgoerrors.WindowsAPIError{Function: function, Errno: code, Message: wincgoerrors.Message(code), ReturnCode: ret, Expected: expected}
}

func TestFailedInternsRepeatedFailures(t *testing.T) {
	first := failedAPIError(t, "SetEvent", 0, 6, "non-zero")
	if diff := cmp.Diff(wantAPIError("SetEvent", 0, 6, "non-zero"), *first); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
	var again *wincgoerrors.WindowsAPIError
	allocs := testing.AllocsPerRun(100, func() { again = failedAPIError(t, "SetEvent", 0, 6, "non-zero") })
	assert.Zero(t, allocs, "a repeated failure allocates nothing")
	assert.Same(t, first, again, "a repeated failure returns the remembered error")
}

func TestFailedTellsFailuresApart(t *testing.T) {
	base := failedAPIError(t, "SetEvent", 0, 6, "non-zero")
	for _, c := range []struct {
		name     string
		function string
		ret      uint64
		code     uint32
		expected string
	}{
		{"function", "ResetEvent", 0, 6, "non-zero"},
		{"code", "SetEvent", 0, 5, "non-zero"},
		{"return value", "SetEvent", 1, 6, "non-zero"},
		{"expectation", "SetEvent", 0, 6, "TRUE"},
		// Same bytes at another address: hashed elsewhere, compared by value.
		{"function built at run time", strings.Repeat("Reset", 1) + "Event", 0, 6, "non-zero"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := failedAPIError(t, c.function, c.ret, c.code, c.expected)
			if diff := cmp.Diff(wantAPIError(c.function, c.ret, c.code, c.expected), *got); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			assert.NotSame(t, base, got)
			again := failedAPIError(t, "SetEvent", 0, 6, "non-zero")
			if internedSlot(c.function, c.ret, syscall.Errno(c.code)) != internedSlot("SetEvent", 0, 6) {
				assert.Same(t, base, again, "a failure in another slot does not displace it")
			} else {
				// A collision: the slot now holds the other failure.
				base = again
			}
		})
	}
}

// TestFailedNeverHandsOutAChangedError: a caller that writes to a shared
// error (the contract says not to) changes only what it holds; the next
// failure gets a new, unchanged error.
func TestFailedNeverHandsOutAChangedError(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(*wincgoerrors.WindowsAPIError)
	}{
		{"Function", func(e *wincgoerrors.WindowsAPIError) { e.Function = "Mine" }},
		{"Errno", func(e *wincgoerrors.WindowsAPIError) { e.Errno = 5 }},
		{"Message", func(e *wincgoerrors.WindowsAPIError) { e.Message = "mine" }},
		{"ReturnCode", func(e *wincgoerrors.WindowsAPIError) { e.ReturnCode = 7 }},
		{"Expected", func(e *wincgoerrors.WindowsAPIError) { e.Expected = "mine" }},
	} {
		t.Run(c.name, func(t *testing.T) {
			held := failedAPIError(t, "CloseHandle", 0, 6, "non-zero")
			c.change(held)
			got := failedAPIError(t, "CloseHandle", 0, 6, "non-zero")
			assert.NotSame(t, held, got)
			if diff := cmp.Diff(wantAPIError("CloseHandle", 0, 6, "non-zero"), *got); diff != "" {
				t.Errorf("error after a caller changed one (-want +got):\n%s", diff)
			}
		})
	}
}

// collidingCodes returns two codes whose failures of function share a slot.
func collidingCodes(t *testing.T, function string) (a, b uint32) {
	t.Helper()
	seen := map[int]uint32{}
	for code := uint32(1); code < 1<<16; code++ {
		slot := internedSlot(function, 0, syscall.Errno(code))
		if other, ok := seen[slot]; ok {
			return other, code
		}
		seen[slot] = code
	}
	t.Fatal("no two codes share a slot")
	return 0, 0
}

// TestFailedSlotCollisions: two failures sharing a slot each get their own
// error, the slot holding the latest.
func TestFailedSlotCollisions(t *testing.T) {
	a, b := collidingCodes(t, "WaitForSingleObject")
	require.NotEqual(t, a, b)
	for range 3 {
		for _, code := range []uint32{a, b} {
			got := failedAPIError(t, "WaitForSingleObject", 0xFFFFFFFF, code, "not WAIT_FAILED")
			if diff := cmp.Diff(wantAPIError("WaitForSingleObject", 0xFFFFFFFF, code, "not WAIT_FAILED"), *got); diff != "" {
				t.Errorf("code %d (-want +got):\n%s", code, diff)
			}
		}
	}
	// Every slot in use, and many more failures than slots: each is right.
	for code := range uint32(4 * internedErrorSlots) {
		got := failedAPIError(t, "ReadFile", 0, code, "non-zero")
		if diff := cmp.Diff(wantAPIError("ReadFile", 0, code, "non-zero"), *got); diff != "" {
			t.Fatalf("code %d (-want +got):\n%s", code, diff)
		}
	}
}

// TestFailedConcurrently: goroutines failing in overlapping ways, slots
// colliding and being replaced under them, always get the error of their
// own failure, complete (run under -race by test.sh, which also checks
// that an error is fully made before another goroutine can see it).
func TestFailedConcurrently(t *testing.T) {
	const goroutines, failures = 8, 5000
	a, b := collidingCodes(t, "WriteFile")
	codes := []uint32{a, b, 6, 109, 232, 995}
	var wg sync.WaitGroup
	errs := make(chan string, goroutines)
	for g := range goroutines {
		wg.Go(func() {
			for i := range failures {
				code := codes[(g+i)%len(codes)]
				ret := uint64(i % 2)
				e, ok := Failed("WriteFile", ret, code, "non-zero").(*wincgoerrors.WindowsAPIError) //nolint:errorlint // Failed's dynamic type is the contract under test
				if !ok || *e != wantAPIError("WriteFile", ret, code, "non-zero") {
					errs <- cmp.Diff(wantAPIError("WriteFile", ret, code, "non-zero"), e)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for diff := range errs {
		t.Errorf("a goroutine got another failure's error (-want +got):\n%s", diff)
	}
}
