//go:build windows

package kernel32

import (
	"testing"

	"github.com/wincgo/wincgo/internal/testutil"
)

// BenchmarkWaitForSingleObjectSignalled measures one wrapped call that
// stays in user space under Windows (a signalled manual-reset event): the
// wrapper's own overhead, which should allocate nothing.
func BenchmarkWaitForSingleObjectSignalled(b *testing.B) {
	h, _, err := CreateEvent(true, true, nil, "")
	if err != nil {
		b.Fatal(err)
	}
	defer testutil.CloseWith(b, CloseHandle, h)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := WaitForSingleObject(h, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSetEvent measures SetEvent, the reactor's signalling call.
func BenchmarkSetEvent(b *testing.B) {
	h, _, err := CreateEvent(true, false, nil, "")
	if err != nil {
		b.Fatal(err)
	}
	defer testutil.CloseWith(b, CloseHandle, h)
	b.ReportAllocs()
	for b.Loop() {
		if err := SetEvent(h); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetHandleInformation measures a call with an out-parameter,
// which must not make the wrapper allocate.
func BenchmarkGetHandleInformation(b *testing.B) {
	h, _, err := CreateEvent(true, false, nil, "")
	if err != nil {
		b.Fatal(err)
	}
	defer testutil.CloseWith(b, CloseHandle, h)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := GetHandleInformation(h); err != nil {
			b.Fatal(err)
		}
	}
}
