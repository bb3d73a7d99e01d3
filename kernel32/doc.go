//go:build windows

// Package kernel32 wraps functions of kernel32.dll: handles, events, waits,
// files, pipes, processes and communications devices.
//
// # Conventions
//
// The conventions of every wincgo package are stated once, in the README's
// Conventions section (https://github.com/wincgo/wincgo#conventions); in
// short:
//
//   - Functions and parameters carry their MSDN names, in MSDN order, so
//     Microsoft's documentation reads across; each function links to its
//     MSDN page and says where the Go signature differs from C:
//     out-parameters are returned, Go bools, strings and slices replace
//     BOOL, LPCWSTR and buffers (the W function is called).
//   - A count that describes a Go slice stays in MSDN's place as an
//     optional *int: nil means len(slice), wintypes.Opt(n) passes n
//     (ReadFile's nNumberOfBytesToRead, WriteFile's nNumberOfBytesToWrite,
//     PeekNamedPipeInto's nBufferSize).
//   - Optional parameters take the defaults pywincffi documents: a nil
//     pointer means "default" where zero would mean something else;
//     wintypes.Opt passes an explicit value.
//   - Constants have their Windows names, take their values from
//     mingw-w64's headers when the package compiles, and have the type of
//     the parameter or result they belong to: uint32 for DWORD flags and
//     results (wintypes.Opt(kernel32.OPEN_EXISTING) is a *uint32, and
//     WaitForSingleObject's result compares with kernel32.WAIT_OBJECT_0 as
//     it is), syscall.Errno for error codes, usable with errors.Is
//     (errors.Is(err, kernel32.ERROR_FILE_NOT_FOUND)), wintypes.HANDLE for
//     INVALID_HANDLE_VALUE. The wait results, INFINITE and
//     MAXIMUM_WAIT_OBJECTS are defined here once, for every wait function,
//     user32.MsgWaitForMultipleObjects included.
//
// Every function checks its input before Windows sees it and returns
// *errors.InputError for bad input, and *errors.WindowsAPIError, carrying
// the Windows error code read in the same C call, when Windows fails.
//
// # Overlapped operations
//
// ReadFile, WriteFile, LockFileEx and ConnectNamedPipe given an OVERLAPPED
// on a handle opened with FILE_FLAG_OVERLAPPED start an operation that may
// outlive the call. Its lifecycle, the same for all of them:
//
//   - The starting call has three outcomes, told apart by its error:
//     nil, the operation completed at once (ReadFile and WriteFile return
//     its count, perhaps 0: the end of a socket's stream, a zero-byte
//     read); ERROR_IO_PENDING, the operation is pending (the count is 0),
//     and Windows keeps writing into the OVERLAPPED and the buffer until it
//     completes; any other error, it did not start or failed at once, and
//     nothing is pending: the error is final and the OVERLAPPED may be
//     reused at once (do not wait on it: see HasOverlappedIoCompleted).
//     ERROR_IO_PENDING is returned as the bare syscall.Errno (pending is
//     not a failure, and allocates nothing): test it with errors.Is(err,
//     ERROR_IO_PENDING), which windows.ERROR_IO_PENDING and Winsock's
//     WSA_IO_PENDING (the same 997) match too. A failure is thus an error
//     that is not ERROR_IO_PENDING, the test Go's internal/poll, libuv and
//     CPython make.
//   - While an operation is in flight wincgo pins its OVERLAPPED and
//     buffer: they stay alive and in place even if the caller drops every
//     reference. Do not read or change the buffer before the operation is
//     collected.
//   - Collect it, in any goroutine, even before the starting call
//     returned: GetOverlappedResult (bWait true waits for it;
//     HasOverlappedIoCompleted polls), or dequeue its packet from the
//     completion port its handle is associated with
//     (GetQueuedCompletionStatus, GetQueuedCompletionStatusEx). The first
//     collector after Windows is done unpins the memory, which is the
//     garbage collector's again; a pending operation never collected stays
//     pinned for ever. Collecting an operation that completed at once is
//     harmless, so the rule is simple: after a nil error or
//     ERROR_IO_PENDING, collect.
//   - CancelIoEx (or closing the handle) cancels it: it still completes,
//     with ERROR_OPERATION_ABORTED, and is collected all the same.
//   - An OVERLAPPED belongs to one operation at a time: while one is in
//     flight (started, not yet collected), every starting function refuses
//     it with an *errors.InputError naming lpOverlapped. Give it a
//     manual-reset event (CreateEvent(true, false, nil, "")) in HEvent to
//     wait on it; with HEvent 0 Windows signals the handle, which is
//     ambiguous when several operations are in progress on it.
//   - On a handle associated with a port, Windows queues a packet for every
//     operation that does not fail at once, including one that completed
//     in the starting call (released then, so no longer refused): wait for
//     that packet too before reusing the OVERLAPPED, or two packets carrying
//     its address cannot be told apart. Memory stays safe either way: a
//     stale packet never releases an operation in progress. A handle set
//     to FILE_SKIP_COMPLETION_PORT_ON_SUCCESS (see
//     SetFileCompletionNotificationModes) queues none for an operation that
//     succeeded in the starting call, whose result is the call's: there,
//     only an operation whose starting call returned ERROR_IO_PENDING
//     queues a packet, and the caller waits for one exactly then.
//   - Never pass a nil OVERLAPPED for a handle opened with
//     FILE_FLAG_OVERLAPPED: Microsoft requires one there (without it,
//     Windows can report the operation complete while it is not, and write
//     into the buffer later), Wine may block for ever, and wincgo does not
//     check (telling such a handle from another costs a second call into
//     Windows on every operation).
//
// How the pinning is kept exact under every interleaving of starting
// calls and collectors: the package doc of internal/overlapped.
package kernel32
