// Package bench compares wincgo with its peers, operation by operation, in
// one test binary: a bare cgo call with no checks (the floor: what any cgo
// binding must pay), golang.org/x/sys/windows, and the standard library
// where it has the operation (syscall, os.File, net).
//
// Each benchmark is paired: its implementations run in turns, in chunks of
// about 2 ms each, and the ratios are medians over rounds of adjacent
// chunks, so a load-dependent cost (a wineserver round trip under Wine
// costs 6 to 100 µs as the machine's load varies) cancels out of the
// ratio. Run it with build/bench.sh, which prints the table README.md
// shows:
//
//	bash build/bench.sh
//
// Files follow wincgo's operation groups: events_test.go (events, handles,
// the error paths), file_test.go (pipes, files), wait_test.go
// (user32's wait), winsock_test.go, process_test.go (GetExitCodeProcess;
// CreateProcess and waiting, against x/sys and os.StartProcess),
// completion_test.go (GetQueuedCompletionStatusEx draining 10,000
// and 100 posted packets), namedpipe_test.go (named-pipe throughput and
// latency against github.com/Microsoft/go-winio) and socket_test.go (TCP
// echo on 127.0.0.1, 64 KiB each way and a 512-byte round trip: wincgo's
// overlapped sockets on a completion port against Go's net package, whose
// runtime drives its own port, and x/sys's WSARecv and WSASend). Adding an
// operation is one Benchmark<Operation> calling paired with one side per
// implementation, wincgo's first (named implWincgo, implFloor, implXSys,
// implSyscall, implOS, implOSFile, implWinio, implNet), the floor's C in
// floor.go; the table picks it up by itself, with the targets of
// benchtable's targets function.
//
// The package holds no API: its cgo file is the floor's C code, and
// TestTEBLastError proves the inline last-error access of cdefs/wincgo.h.
package bench
