//go:build windows

package kernel32

import (
	"errors"
	"iter"

	"github.com/wincgo/wincgo/wintypes"
)

// Processes iterates over the processes running now: it takes a
// CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS) and walks it with
// Process32First and Process32Next, closing the snapshot when the loop
// ends (also on break).
//
//	for pe, err := range kernel32.Processes() {
//		if err != nil { return err }
//		fmt.Println(pe.Th32ProcessID, pe.ExeFile())
//	}
//
// A failure (of the snapshot or of a step) is yielded once, with a zero
// entry, and ends the iteration (a failure to close the snapshot follows
// it, unless the loop body stopped); ERROR_NO_MORE_FILES, the walk's normal
// end, is not a failure. The snapshot is a moment's picture: processes
// may have ended, and their identifiers been reused, by the time the loop
// body runs.
func Processes() iter.Seq2[wintypes.PROCESSENTRY32, error] {
	return func(yield func(wintypes.PROCESSENTRY32, error) bool) {
		snap, err := CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0)
		if err != nil {
			yield(wintypes.PROCESSENTRY32{}, err)
			return
		}
		// A failure to close the snapshot is yielded too, unless the loop
		// body has stopped the iteration (yield must not be called again).
		more := true
		defer func() {
			if err := CloseHandle(snap); err != nil && more {
				yield(wintypes.PROCESSENTRY32{}, err)
			}
		}()
		pe, err := Process32First(snap)
		for {
			if err != nil {
				if !errors.Is(err, ERROR_NO_MORE_FILES) {
					more = yield(wintypes.PROCESSENTRY32{}, err)
				}
				return
			}
			if more = yield(pe, nil); !more {
				return
			}
			pe, err = Process32Next(snap)
		}
	}
}
