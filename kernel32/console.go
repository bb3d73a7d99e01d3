//go:build windows

package kernel32

import (
	"unsafe"

	"github.com/wincgo/wincgo/internal/check"
	"github.com/wincgo/wincgo/internal/winconst"
	"github.com/wincgo/wincgo/wintypes"
)

// Character attributes, for SetConsoleTextAttribute's wAttributes and
// CONSOLE_SCREEN_BUFFER_INFO's WAttributes: a foreground and a background
// colour, each a combination of blue, green, red and intensity, and the
// COMMON_LVB_* line and colour flags.
//
// See https://learn.microsoft.com/en-us/windows/console/console-screen-buffers#character-attributes
const (
	FOREGROUND_BLUE      uint16 = winconst.FOREGROUND_BLUE
	FOREGROUND_GREEN     uint16 = winconst.FOREGROUND_GREEN
	FOREGROUND_RED       uint16 = winconst.FOREGROUND_RED
	FOREGROUND_INTENSITY uint16 = winconst.FOREGROUND_INTENSITY
	BACKGROUND_BLUE      uint16 = winconst.BACKGROUND_BLUE
	BACKGROUND_GREEN     uint16 = winconst.BACKGROUND_GREEN
	BACKGROUND_RED       uint16 = winconst.BACKGROUND_RED
	BACKGROUND_INTENSITY uint16 = winconst.BACKGROUND_INTENSITY
	// COMMON_LVB_LEADING_BYTE and COMMON_LVB_TRAILING_BYTE mark the halves
	// of a double-byte character.
	COMMON_LVB_LEADING_BYTE  uint16 = winconst.COMMON_LVB_LEADING_BYTE
	COMMON_LVB_TRAILING_BYTE uint16 = winconst.COMMON_LVB_TRAILING_BYTE
	// COMMON_LVB_GRID_HORIZONTAL, COMMON_LVB_GRID_LVERTICAL and
	// COMMON_LVB_GRID_RVERTICAL draw grid lines (top, left, right).
	COMMON_LVB_GRID_HORIZONTAL uint16 = winconst.COMMON_LVB_GRID_HORIZONTAL
	COMMON_LVB_GRID_LVERTICAL  uint16 = winconst.COMMON_LVB_GRID_LVERTICAL
	COMMON_LVB_GRID_RVERTICAL  uint16 = winconst.COMMON_LVB_GRID_RVERTICAL
	// COMMON_LVB_REVERSE_VIDEO swaps foreground and background.
	COMMON_LVB_REVERSE_VIDEO uint16 = winconst.COMMON_LVB_REVERSE_VIDEO
	// COMMON_LVB_UNDERSCORE underlines.
	COMMON_LVB_UNDERSCORE uint16 = winconst.COMMON_LVB_UNDERSCORE
)

// CONSOLE_TEXTMODE_BUFFER is the only screen buffer type
// CreateConsoleScreenBuffer creates.
//
// See https://learn.microsoft.com/en-us/windows/console/createconsolescreenbuffer
const CONSOLE_TEXTMODE_BUFFER uint32 = winconst.CONSOLE_TEXTMODE_BUFFER

// Console control events, for GenerateConsoleCtrlEvent.
//
// See https://learn.microsoft.com/en-us/windows/console/generateconsolectrlevent
const (
	// CTRL_C_EVENT: as if Ctrl+C were pressed (only with process group
	// 0: a process group created with CREATE_NEW_PROCESS_GROUP ignores
	// Ctrl+C until it enables it).
	CTRL_C_EVENT uint32 = winconst.CTRL_C_EVENT
	// CTRL_BREAK_EVENT: as if Ctrl+Break were pressed.
	CTRL_BREAK_EVENT uint32 = winconst.CTRL_BREAK_EVENT
)

// SetConsoleTextAttribute sets the attributes of the characters written
// to a console screen buffer from now on.
//
// See https://learn.microsoft.com/en-us/windows/console/setconsoletextattribute
//
// hConsoleOutput is a console screen buffer; Microsoft documents that it
// needs GENERIC_READ access. wAttributes is a combination
// of FOREGROUND_*, BACKGROUND_* and COMMON_LVB_* flags.
//
// It returns an *errors.InputError for a NULL hConsoleOutput, and an
// *errors.WindowsAPIError when Windows fails (ERROR_INVALID_HANDLE for a
// handle that is not a console buffer, ERROR_ACCESS_DENIED).
func SetConsoleTextAttribute(hConsoleOutput wintypes.HANDLE, wAttributes uint16) error {
	if err := check.NonNull("hConsoleOutput", hConsoleOutput); err != nil {
		return err
	}
	return rawSetConsoleTextAttribute(uintptr(hConsoleOutput), wAttributes).Err()
}

// GetConsoleScreenBufferInfo returns a console screen buffer's size,
// cursor position, attributes and window.
//
// See https://learn.microsoft.com/en-us/windows/console/getconsolescreenbufferinfo
//
// hConsoleOutput is a console screen buffer with GENERIC_READ access.
// Unlike C, the information is returned rather than written through
// lpConsoleScreenBufferInfo.
//
// It returns an *errors.InputError for a NULL hConsoleOutput, and an
// *errors.WindowsAPIError when Windows fails: ERROR_INVALID_HANDLE for a
// handle that is not a console buffer (a pipe, a file), ERROR_ACCESS_DENIED
// for a buffer opened without GENERIC_READ.
func GetConsoleScreenBufferInfo(hConsoleOutput wintypes.HANDLE) (wintypes.CONSOLE_SCREEN_BUFFER_INFO, error) {
	var info wintypes.CONSOLE_SCREEN_BUFFER_INFO
	if err := check.NonNull("hConsoleOutput", hConsoleOutput); err != nil {
		return info, err
	}
	if err := rawGetConsoleScreenBufferInfo(uintptr(hConsoleOutput), unsafe.Pointer(&info)).Err(); err != nil {
		return wintypes.CONSOLE_SCREEN_BUFFER_INFO{}, err
	}
	return info, nil
}

// CreateConsoleScreenBuffer creates a console screen buffer for the
// calling process's console.
//
// See https://learn.microsoft.com/en-us/windows/console/createconsolescreenbuffer
//
// dwDesiredAccess is GENERIC_READ, GENERIC_WRITE or both. dwShareMode is a
// combination of FILE_SHARE_READ and FILE_SHARE_WRITE. lpSecurityAttributes
// (may be nil) makes the handle inheritable. Unlike C, dwFlags is always
// CONSOLE_TEXTMODE_BUFFER (the only type) and lpScreenBufferData NULL
// (reserved). The caller closes the handle with CloseHandle.
//
// It returns an *errors.InputError for a dwDesiredAccess with other bits
// or a dwShareMode with other flags, and an *errors.WindowsAPIError when
// Windows fails (INVALID_HANDLE_VALUE), such as ERROR_INVALID_HANDLE when
// the process has no console.
func CreateConsoleScreenBuffer(dwDesiredAccess, dwShareMode uint32, lpSecurityAttributes *wintypes.SECURITY_ATTRIBUTES) (wintypes.HANDLE, error) {
	if err := check.Flags("dwDesiredAccess", dwDesiredAccess, GENERIC_READ|GENERIC_WRITE); err != nil {
		return 0, err
	}
	if err := check.Flags("dwShareMode", dwShareMode, FILE_SHARE_READ|FILE_SHARE_WRITE); err != nil {
		return 0, err
	}
	r := rawCreateConsoleScreenBuffer(dwDesiredAccess, dwShareMode, lpSecurityAttributes.Pointer(), winconst.CONSOLE_TEXTMODE_BUFFER, nil)
	if err := r.Err(); err != nil {
		return 0, err
	}
	return wintypes.HANDLE(r.Ret), nil
}

// GenerateConsoleCtrlEvent sends Ctrl+C or Ctrl+Break to the processes of
// a process group sharing the caller's console (how Twisted signals a
// child).
//
// See https://learn.microsoft.com/en-us/windows/console/generateconsolectrlevent
//
// dwCtrlEvent is CTRL_C_EVENT or CTRL_BREAK_EVENT. dwProcessGroupId is the
// identifier of a process group's root (a child created with
// CREATE_NEW_PROCESS_GROUP: its process identifier), or 0 for every
// process attached to the console, the caller included.
//
// It returns an *errors.InputError for another dwCtrlEvent, and an
// *errors.WindowsAPIError when Windows fails (ERROR_INVALID_HANDLE when
// the caller has no console, ERROR_INVALID_PARAMETER).
func GenerateConsoleCtrlEvent(dwCtrlEvent, dwProcessGroupId uint32) error {
	if err := check.OneOf("dwCtrlEvent", dwCtrlEvent, CTRL_C_EVENT, CTRL_BREAK_EVENT); err != nil {
		return err
	}
	return rawGenerateConsoleCtrlEvent(dwCtrlEvent, dwProcessGroupId).Err()
}
