//go:build windows

package bench

import (
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"
)

// Implementation names, as the metrics and build/bench.sh's table spell
// them. wincgo is always the first side of a paired benchmark: every ratio
// is wincgo's time over another side's.
const (
	implWincgo  = "wincgo"
	implFloor   = "floor"    // a bare cgo call, no checks (floor.go)
	implXSys    = "x-sys"    // golang.org/x/sys/windows
	implSyscall = "syscall"  // the standard library's syscall package
	implOSFile  = "os.File"  // the standard library's *os.File
	implOS      = "os"       // the standard library's os package (os.StartProcess)
	implWinio   = "go-winio" // github.com/Microsoft/go-winio, for named pipes
	implNet     = "net"      // the standard library's net package (its runtime drives the port)
)

// chunk is how long each side runs before the next one takes its turn:
// short enough that the machine's load is about the same for adjacent
// chunks, long enough that timer resolution and the turn's own cost (two
// clock reads, two ReadMemStats) vanish. WINCGO_BENCH_CHUNK (a Go
// duration) overrides it: shorter chunks are interrupted less often on a
// machine with many more runnable threads than cores.
var chunk = func() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("WINCGO_BENCH_CHUNK")); err == nil && d > 0 {
		return d
	}
	return 2 * time.Millisecond
}()

// minRounds is the fewest rounds paired runs, whatever b.N: an operation
// that lasts longer than the benchmark time (GetQueuedCompletionStatusEx
// draining 10,000 packets: 20,000 wineserver calls, about 0.4 s under
// Wine) would otherwise get b.N = 1 from the testing package, and its
// ratios a single sample.
const minRounds = 9

// side is one implementation of an operation: op performs the operation n
// times, failing b on any unexpected result (a benchmark that measures a
// failing call measures nothing).
type side struct {
	name string
	op   func(b *testing.B, n int)
}

// paired runs sides in turns and reports, per side, the median over chunks
// of its ns/op ("<name>-ns/op"), B/op and allocs/op, and, per other side,
// the median over rounds of wincgo's ns/op divided by that side's in the
// same round ("wincgo/<name>"). Each round is one chunk
// of every side, in an order shuffled each round (a fixed seed: runs are
// reproducible), so that no side always follows the same one: a rotation
// would not do, since in a rotation each side's predecessor never changes,
// and a side that leaves caches cold or the runtime busy would always tax
// the same next side. b.N counts rounds, at least minRounds (see there).
// The built-in ns/op, B/op and allocs/op are replaced by wincgo's, so that
// benchstat on the raw output compares wincgo across runs.
//
// Allocations are counted for the whole process (runtime.MemStats), so a
// chunk also counts what the runtime allocates meanwhile on its own: a
// wait record for a goroutine parking on a channel (the pipe benchmarks'
// writers), a new thread's. Those land in one chunk now and then, of any
// side, the bare cgo call's too (about one per 300 operations in
// BenchmarkPipeRoundTrip64KiB); an allocation the operation makes lands in
// every chunk. The median over chunks keeps the second and drops the
// first, as it drops a chunk the machine's load slowed down.
func paired(b *testing.B, sides ...side) {
	b.Helper()
	pairedRounds(b, minRounds, sides...)
}

// pairedRounds is paired with at least rounds rounds, for an operation
// whose every run is its own chunk (it lasts longer than one) and whose
// duration varies widely from run to run: each round's ratio is then one
// run over one run, and the median over rounds needs many of them to
// settle (see BenchmarkCreateProcess).
func pairedRounds(b *testing.B, rounds int, sides ...side) {
	b.Helper()
	if len(sides) < 2 || sides[0].name != implWincgo {
		b.Fatalf("paired: wincgo first and at least one peer, got %d sides", len(sides))
	}
	// Calibrate: n per side so that a chunk lasts about chunk. The first
	// runs also warm up each side (caches, lazy DLL loads, Winsock).
	per := make([]int, len(sides))
	for i, s := range sides {
		n := 1
		for {
			start := nanotime()
			s.op(b, n)
			d := time.Duration(nanotime() - start)
			if d >= chunk/4 || n >= 1<<24 {
				per[i] = max(1, int(float64(n)*float64(chunk)/float64(max(d, 1))))
				break
			}
			n *= 4
		}
	}
	samples := make([][]float64, len(sides))
	ratios := make([][]float64, len(sides))
	allocSamples := make([][]float64, len(sides))
	byteSamples := make([][]float64, len(sides))
	round := make([]float64, len(sides))
	var before, after runtime.MemStats
	order := make([]int, len(sides))
	for i := range order {
		order[i] = i
	}
	shuffle := rand.New(rand.NewPCG(1, 2)) //nolint:gosec // G404: an order of turns, not a secret
	b.ResetTimer()
	for r := 0; r < max(b.N, rounds); r++ {
		shuffle.Shuffle(len(order), func(x, y int) { order[x], order[y] = order[y], order[x] })
		for _, i := range order {
			runtime.ReadMemStats(&before)
			start := nanotime()
			sides[i].op(b, per[i])
			d := time.Duration(nanotime() - start)
			runtime.ReadMemStats(&after)
			round[i] = float64(d.Nanoseconds()) / float64(per[i])
			samples[i] = append(samples[i], round[i])
			allocSamples[i] = append(allocSamples[i], float64(after.Mallocs-before.Mallocs)/float64(per[i]))
			byteSamples[i] = append(byteSamples[i], float64(after.TotalAlloc-before.TotalAlloc)/float64(per[i]))
		}
		for i := 1; i < len(sides); i++ {
			ratios[i] = append(ratios[i], round[0]/round[i])
		}
	}
	b.StopTimer()
	for i, s := range sides {
		ns := median(samples[i])
		allocs := median(allocSamples[i])
		bytesPerOp := median(byteSamples[i])
		b.ReportMetric(ns, s.name+"-ns/op")
		b.ReportMetric(bytesPerOp, s.name+"-B/op")
		b.ReportMetric(allocs, s.name+"-allocs/op")
		if i == 0 {
			b.ReportMetric(ns, "ns/op")
			b.ReportMetric(bytesPerOp, "B/op")
			b.ReportMetric(allocs, "allocs/op")
		} else {
			b.ReportMetric(median(ratios[i]), implWincgo+"/"+s.name)
		}
	}
}

// median returns the median of xs (0 for none).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
