//go:build windows

// Package kernel32 wraps functions of kernel32.dll: handles, events, waits,
// files, pipes, processes and communications devices.
//
// Functions and parameters carry their MSDN names, in MSDN order, so that
// Microsoft's documentation reads across; each function's documentation
// links to its MSDN page and says where the Go signature differs from C:
// out-parameters are returned, Go bools and strings replace BOOL and
// LPCWSTR (the W function is called), byte counts are ints checked against
// their buffers, and optional parameters take the defaults pywincffi
// documents (a nil pointer means "default" where zero would mean something
// else; wintypes.Opt passes an explicit value).
//
// Every function checks its input before Windows sees it and returns
// *errors.InputError for bad input, and *errors.WindowsAPIError, carrying
// the Windows error code read in the same C call, when Windows fails.
//
// Constants have their Windows names and take their values from mingw-w64's
// headers when the package compiles: kernel32.HANDLE_FLAG_INHERIT,
// kernel32.WAIT_OBJECT_0. Error codes are syscall.Errno values usable with
// errors.Is: errors.Is(err, kernel32.ERROR_FILE_NOT_FOUND).
package kernel32
