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
package kernel32
