package overlapped

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stressOpsEnv overrides how many operations each starter of TestStress
// begins (default 4000), for longer campaigns.
const stressOpsEnv = "WINCGO_OVERLAPPED_STRESS_OPS"

// pick returns a number in [0, n): which OVERLAPPED, which outcome, how
// many yields.
func pick(n int) int { return rand.IntN(n) } //nolint:gosec // G404: interleavings, not a secret

// stressOp is one operation handed to the simulated Windows.
type stressOp struct {
	ov  *fakeOverlapped
	gen uint64
}

// TestStress runs, under load, starters that begin operations on a small
// pool of shared OVERLAPPEDs (so that they also race to begin one another's
// OVERLAPPEDs, which must be refused while in flight), a simulated Windows
// that completes pending operations at any moment (before or after their
// starting call returned), and observers that collect on every OVERLAPPED
// of the pool without pause, as GetOverlappedResult and completion port
// drains in other goroutines do. It does not rely on timing: whichever
// interleaving the scheduler produces, these must hold, and run under
// -race the accesses are checked too:
//
//   - an operation is never released while Windows has not completed it
//     (the simulated Windows finds it registered, under its generation,
//     right before completing it);
//   - an operation Windows completed before its starting call returned is
//     released by that call (Settle);
//   - every operation is released exactly once (counts; no record twice on
//     the free list), and nothing is left registered.
func TestStress(t *testing.T) {
	perStarter := 4000
	if s := os.Getenv(stressOpsEnv); s != "" {
		n, err := strconv.Atoi(s)
		require.NoError(t, err, stressOpsEnv)
		perStarter = n
	}
	const starters, observers, poolSize = 4, 4, 16
	begun, released := Counts()
	inFlight := InFlight()

	pool := make([]*fakeOverlapped, poolSize)
	for i := range pool {
		pool[i] = new(fakeOverlapped)
	}
	errs := make(chan error, starters+observers+2)
	fail := func(format string, args ...any) {
		select {
		case errs <- fmt.Errorf(format, args...):
		default:
		}
	}

	// Load: spinning goroutines and garbage collections (which must not
	// free anything pinned: the pool is referenced anyway, the buffers are
	// not).
	stopLoad := make(chan struct{})
	var load sync.WaitGroup
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		load.Go(func() {
			for j := 0; ; j++ {
				select {
				case <-stopLoad:
					return
				default:
				}
				if j%64 == 0 {
					runtime.GC()
				}
				runtime.Gosched()
			}
		})
	}

	// The simulated Windows: completes each pending operation handed to
	// it, at once or after yielding, checking first that the registry
	// still holds it.
	windows := make(chan stressOp, 64)
	var kernel sync.WaitGroup
	kernel.Go(func() {
		for op := range windows {
			for i := pick(3); i > 0; i-- {
				runtime.Gosched()
			}
			if g := Generation(op.ov.addr()); g != op.gen {
				fail("operation %d released (or replaced by %d) before Windows completed it", op.gen, g)
			}
			winCompletes(op.ov, 1)
		}
	})

	stopObservers := make(chan struct{})
	var obs sync.WaitGroup
	for i := 0; i < observers; i++ {
		obs.Go(func() {
			for {
				select {
				case <-stopObservers:
					return
				default:
				}
				ov := pool[pick(len(pool))]
				if pick(2) == 0 {
					collectLikePort(ov)
					continue
				}
				gen := Generation(ov.addr())
				runtime.Gosched()
				Collect(ov.addr(), gen)
			}
		})
	}

	var refused, atOnce, failed, pendings, doneBeforeSettle atomic.Int64
	var start sync.WaitGroup
	for i := 0; i < starters; i++ {
		start.Go(func() {
			for n := 0; n < perStarter; {
				ov := pool[pick(len(pool))]
				op, err := Begin(ov.ptr(), make([]byte, 1+pick(64)))
				if err != nil {
					refused.Add(1)
					runtime.Gosched()
					continue
				}
				n++
				winStarts(ov)
				gen := Generation(ov.addr())
				switch pick(4) {
				case 0:
					winCompletes(ov, 1)
					op.Settle(false)
					atOnce.Add(1)
				case 1:
					op.Settle(false)
					failed.Add(1)
				default:
					pendings.Add(1)
					windows <- stressOp{ov, gen}
					for j := pick(3); j > 0; j-- {
						runtime.Gosched()
					}
					complete := Done(ov.ptr())
					op.Settle(true)
					if complete {
						doneBeforeSettle.Add(1)
						// Released by Settle itself: whatever an
						// observer does next, this generation is gone.
						if Generation(ov.addr()) == gen {
							fail("operation %d completed before its starting call returned, still registered after it", gen)
						}
					}
				}
			}
		})
	}
	start.Wait()
	close(windows)
	kernel.Wait()
	// Every operation is complete now: the observers drain the rest.
	for InFlight() > inFlight {
		select {
		case err := <-errs:
			t.Fatal(err)
		default:
		}
		runtime.Gosched()
	}
	close(stopObservers)
	obs.Wait()
	close(stopLoad)
	load.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	t.Logf("%d operations: %d completed at once, %d failed at once, %d pending (%d of them complete before Settle); %d refusals of an OVERLAPPED in flight",
		starters*perStarter, atOnce.Load(), failed.Load(), pendings.Load(), doneBeforeSettle.Load(), refused.Load())
	b, r := Counts()
	assert.Equal(t, uint64(starters*perStarter), b-begun)
	assert.Equal(t, b-begun, r-released, "every operation released exactly once")
	assert.Equal(t, inFlight, InFlight())
	assert.NotZero(t, refused.Load(), "no starter raced another for an OVERLAPPED: the test proves less than it says")
	assert.NotZero(t, doneBeforeSettle.Load(), "no completion before Settle: the test proves less than it says")

	registry.Lock()
	defer registry.Unlock()
	seen := map[*Op]bool{}
	for _, op := range registry.free {
		require.False(t, seen[op], "a record is twice on the free list (released twice)")
		seen[op] = true
	}
}
