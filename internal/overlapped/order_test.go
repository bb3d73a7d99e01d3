package overlapped

import (
	"fmt"
	"strings"
	"testing"
)

// The interleavings of two operations on one OVERLAPPED, every one of them,
// each checked step by step against a model of the rules in the package
// doc. The steps:
//
//	S1, S2  the starting call of operation 1, 2 returns (Settle)
//	C1, C2  Windows completes operation 1, 2
//	B2      the program begins operation 2 on the same OVERLAPPED: refused
//	        while operation 1 is in flight (operation 2 then never exists)
//	P       a completion port's drain (Collect with generation 0)
//	G1, G2  GetOverlappedResult: the generation noted before its wait, then
//	        Collect with it after (G1 before G2)
//
// Operation 1 is begun (and started by Windows) before any step. Each
// operation is of one kind: it completed in its starting call (C before S,
// which reports no ERROR_IO_PENDING), went pending (S reports
// ERROR_IO_PENDING; C anywhere: before S is the race of a completion seen
// before the starting call returned), or failed at once (no C: Windows
// leaves Internal at STATUS_PENDING). The observers run in any position,
// before, between and after the operations, as they would in other
// goroutines; the model says which step releases what, and the registry
// must agree after every step.

type opKind int

const (
	completedAtOnce opKind = iota
	wentPending
	failedAtOnce
)

func (k opKind) String() string {
	return [...]string{"completed-at-once", "pending", "failed-at-once"}[k]
}

// model is the registry as the rules say it must be.
type model struct {
	// cur is the operation registered (0: none), settled whether its
	// starting call returned.
	cur     int
	settled bool
	// done: Internal holds a final status (the last started operation is
	// complete).
	done bool
	// began[k]: operation k exists (operation 2 may be refused).
	began [3]bool
	gens  [3]uint64
	snap  uint64
}

// TestEveryOrder runs every order of the steps, for every pair of kinds,
// and checks after each step that the operation registered (and its
// generation) is the model's, and at the end that every operation begun was
// released exactly once.
func TestEveryOrder(t *testing.T) {
	runs := 0
	for _, k1 := range []opKind{completedAtOnce, wentPending, failedAtOnce} {
		for _, k2 := range []opKind{completedAtOnce, wentPending, failedAtOnce} {
			steps := []string{"S1", "P", "G1", "G2", "B2", "S2"}
			if k1 != failedAtOnce {
				steps = append(steps, "C1")
			}
			if k2 != failedAtOnce {
				steps = append(steps, "C2")
			}
			permute(steps, func(order []string) {
				if !allowed(order, k1, k2) {
					return
				}
				runs++
				if err := runOrder(order, [3]opKind{0, k1, k2}); err != nil {
					t.Fatalf("operation 1 %v, operation 2 %v, order %s: %v", k1, k2, strings.Join(order, " "), err)
				}
			})
		}
	}
	t.Logf("%d orders checked", runs)
}

// allowed reports whether order is possible: G1 before G2, operation 2's
// steps after B2, and a completion within the starting call before it
// returns.
func allowed(order []string, k1, k2 opKind) bool {
	pos := map[string]int{}
	for i, s := range order {
		pos[s] = i
	}
	if pos["G1"] > pos["G2"] || pos["B2"] > pos["S2"] {
		return false
	}
	if c2, ok := pos["C2"]; ok && c2 < pos["B2"] {
		return false
	}
	if k1 == completedAtOnce && pos["C1"] > pos["S1"] {
		return false
	}
	if k2 == completedAtOnce && pos["C2"] > pos["S2"] {
		return false
	}
	return true
}

// runOrder plays one order on a fresh OVERLAPPED.
func runOrder(order []string, kinds [3]opKind) error {
	begun, released := Counts()
	ov := new(fakeOverlapped)
	var m model
	var ops [3]*Op
	start := func(k int) error {
		op, err := Begin(ov.ptr(), make([]byte, 4))
		if err != nil {
			return fmt.Errorf("Begin of operation %d: %w", k, err)
		}
		winStarts(ov)
		ops[k], m.began[k], m.cur, m.settled, m.done = op, true, k, false, false
		m.gens[k] = Generation(ov.addr())
		return nil
	}
	if err := start(1); err != nil {
		return err
	}
	for _, step := range order {
		k := int(step[len(step)-1] - '0')
		switch step[0] {
		case 'S':
			if !m.began[k] {
				continue
			}
			ops[k].Settle(kinds[k] == wentPending)
			m.settled = true
			if kinds[k] != wentPending || m.done {
				m.cur = 0
			}
		case 'C':
			if !m.began[k] {
				continue
			}
			winCompletes(ov, 1)
			m.done = true
		case 'B':
			if m.cur != 0 {
				if _, err := Begin(ov.ptr(), nil); err == nil {
					return fmt.Errorf("B2: Begin accepted an OVERLAPPED in flight")
				}
				continue
			}
			if err := start(k); err != nil {
				return err
			}
		case 'P':
			Collect(ov.addr(), 0)
			if m.cur != 0 && m.settled && m.done {
				m.cur = 0
			}
		case 'G':
			if k == 1 {
				m.snap = Generation(ov.addr())
				want := uint64(0)
				if m.cur != 0 {
					want = m.gens[m.cur]
				}
				if m.snap != want {
					return fmt.Errorf("G1: generation %d, want %d", m.snap, want)
				}
				continue
			}
			Collect(ov.addr(), m.snap)
			if m.cur != 0 && m.settled && m.done && (m.snap == 0 || m.snap == m.gens[m.cur]) {
				m.cur = 0
			}
		}
		if err := m.check(ov, step); err != nil {
			return err
		}
	}
	// What is still in flight completes and is drained.
	if m.cur != 0 {
		if !m.done {
			winCompletes(ov, 1)
		}
		Collect(ov.addr(), 0)
		m.cur = 0
		if err := m.check(ov, "final drain"); err != nil {
			return err
		}
	}
	n := uint64(1)
	if m.began[2] {
		n = 2
	}
	b, r := Counts()
	if b-begun != n || r-released != n {
		return fmt.Errorf("%d operations begun, %d released; want %d of each (exactly once)", b-begun, r-released, n)
	}
	return nil
}

// check compares the registry with the model after step.
func (m *model) check(ov *fakeOverlapped, step string) error {
	st, gen, ok := entryOf(ov)
	switch {
	case m.cur == 0 && ok:
		return fmt.Errorf("after %s: an operation (generation %d, state %d) is registered, the model has none", step, gen, st)
	case m.cur != 0 && !ok:
		return fmt.Errorf("after %s: operation %d was released early (settled %v, complete %v)", step, m.cur, m.settled, m.done)
	case m.cur != 0 && gen != m.gens[m.cur]:
		return fmt.Errorf("after %s: generation %d registered, want operation %d's %d", step, gen, m.cur, m.gens[m.cur])
	case m.cur != 0 && (st == pending) != m.settled:
		return fmt.Errorf("after %s: state %d, settled %v", step, st, m.settled)
	}
	return nil
}

// permute calls f with every permutation of s (Heap's algorithm; f must
// not keep its argument).
func permute(s []string, f func([]string)) {
	var gen func(n int)
	gen = func(n int) {
		if n == 1 {
			f(s)
			return
		}
		for i := 0; i < n-1; i++ {
			gen(n - 1)
			if n%2 == 0 {
				s[i], s[n-1] = s[n-1], s[i]
			} else {
				s[0], s[n-1] = s[n-1], s[0]
			}
		}
		gen(n - 1)
	}
	gen(len(s))
}
