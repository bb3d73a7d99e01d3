//go:build windows

package kernel32_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wincgo/wincgo/internal/testutil"
	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

// Every constant has the Go type of the parameter or result it belongs to
// (README, Conventions). new(X), Go 1.26's new(expr), is a *T only when X
// is a constant of type T: an untyped constant gives *int and these lines
// stop compiling, so the build, not a test run, catches a constant that
// loses its type.
var (
	// DWORD parameters and results.
	_ = []*uint32{
		new(kernel32.GENERIC_READ), new(kernel32.GENERIC_WRITE), new(kernel32.GENERIC_EXECUTE), new(kernel32.GENERIC_ALL),
		new(kernel32.FILE_SHARE_READ), new(kernel32.FILE_SHARE_WRITE), new(kernel32.FILE_SHARE_DELETE),
		new(kernel32.CREATE_NEW), new(kernel32.CREATE_ALWAYS), new(kernel32.OPEN_EXISTING), new(kernel32.OPEN_ALWAYS),
		new(kernel32.TRUNCATE_EXISTING),
		new(kernel32.FILE_ATTRIBUTE_READONLY), new(kernel32.FILE_ATTRIBUTE_HIDDEN), new(kernel32.FILE_ATTRIBUTE_SYSTEM),
		new(kernel32.FILE_ATTRIBUTE_ARCHIVE), new(kernel32.FILE_ATTRIBUTE_NORMAL), new(kernel32.FILE_ATTRIBUTE_TEMPORARY),
		new(kernel32.FILE_ATTRIBUTE_OFFLINE), new(kernel32.FILE_ATTRIBUTE_ENCRYPTED),
		new(kernel32.FILE_FLAG_OVERLAPPED), new(kernel32.FILE_FLAG_WRITE_THROUGH), new(kernel32.FILE_FLAG_NO_BUFFERING),
		new(kernel32.FILE_FLAG_RANDOM_ACCESS), new(kernel32.FILE_FLAG_SEQUENTIAL_SCAN), new(kernel32.FILE_FLAG_DELETE_ON_CLOSE),
		new(kernel32.FILE_FLAG_BACKUP_SEMANTICS), new(kernel32.FILE_FLAG_POSIX_SEMANTICS), new(kernel32.FILE_FLAG_SESSION_AWARE),
		new(kernel32.FILE_FLAG_OPEN_REPARSE_POINT), new(kernel32.FILE_FLAG_OPEN_NO_RECALL),
		new(kernel32.FILE_TYPE_UNKNOWN), new(kernel32.FILE_TYPE_DISK), new(kernel32.FILE_TYPE_CHAR), new(kernel32.FILE_TYPE_PIPE),
		new(kernel32.LOCKFILE_EXCLUSIVE_LOCK), new(kernel32.LOCKFILE_FAIL_IMMEDIATELY),
		new(kernel32.MOVEFILE_REPLACE_EXISTING), new(kernel32.MOVEFILE_COPY_ALLOWED), new(kernel32.MOVEFILE_DELAY_UNTIL_REBOOT),
		new(kernel32.MOVEFILE_WRITE_THROUGH), new(kernel32.MOVEFILE_CREATE_HARDLINK), new(kernel32.MOVEFILE_FAIL_IF_NOT_TRACKABLE),
		new(kernel32.PIPE_READMODE_BYTE), new(kernel32.PIPE_READMODE_MESSAGE), new(kernel32.PIPE_WAIT), new(kernel32.PIPE_NOWAIT),
		new(kernel32.PROCESS_TERMINATE), new(kernel32.PROCESS_CREATE_THREAD), new(kernel32.PROCESS_VM_OPERATION),
		new(kernel32.PROCESS_VM_READ), new(kernel32.PROCESS_VM_WRITE), new(kernel32.PROCESS_DUP_HANDLE),
		new(kernel32.PROCESS_CREATE_PROCESS), new(kernel32.PROCESS_SET_QUOTA), new(kernel32.PROCESS_SET_INFORMATION),
		new(kernel32.PROCESS_QUERY_INFORMATION), new(kernel32.PROCESS_SUSPEND_RESUME),
		new(kernel32.PROCESS_QUERY_LIMITED_INFORMATION), new(kernel32.PROCESS_ALL_ACCESS),
		new(kernel32.STILL_ACTIVE),
		new(kernel32.TH32CS_SNAPHEAPLIST), new(kernel32.TH32CS_SNAPPROCESS), new(kernel32.TH32CS_SNAPTHREAD),
		new(kernel32.TH32CS_SNAPMODULE), new(kernel32.TH32CS_SNAPMODULE32), new(kernel32.TH32CS_SNAPALL),
		new(kernel32.TH32CS_INHERIT),
		new(kernel32.CE_BREAK), new(kernel32.CE_FRAME), new(kernel32.CE_OVERRUN), new(kernel32.CE_RXOVER),
		new(kernel32.CE_RXPARITY), new(kernel32.CE_TXFULL), new(kernel32.CE_PTO), new(kernel32.CE_IOE),
		new(kernel32.CE_DNS), new(kernel32.CE_OOP), new(kernel32.CE_MODE),
		new(kernel32.EVENT_ALL_ACCESS), new(kernel32.EVENT_MODIFY_STATE), new(kernel32.SYNCHRONIZE),
		new(kernel32.HANDLE_FLAG_INHERIT), new(kernel32.HANDLE_FLAG_PROTECT_FROM_CLOSE),
		new(kernel32.DUPLICATE_CLOSE_SOURCE), new(kernel32.DUPLICATE_SAME_ACCESS),
		new(kernel32.STD_INPUT_HANDLE), new(kernel32.STD_OUTPUT_HANDLE), new(kernel32.STD_ERROR_HANDLE),
		new(kernel32.WAIT_OBJECT_0), new(kernel32.WAIT_ABANDONED), new(kernel32.WAIT_ABANDONED_0),
		new(kernel32.WAIT_TIMEOUT), new(kernel32.WAIT_FAILED), new(kernel32.INFINITE),
		new(kernel32.PIPE_ACCESS_INBOUND), new(kernel32.PIPE_ACCESS_OUTBOUND), new(kernel32.PIPE_ACCESS_DUPLEX),
		new(kernel32.FILE_FLAG_FIRST_PIPE_INSTANCE), new(kernel32.PIPE_TYPE_BYTE), new(kernel32.PIPE_TYPE_MESSAGE),
		new(kernel32.PIPE_ACCEPT_REMOTE_CLIENTS), new(kernel32.PIPE_REJECT_REMOTE_CLIENTS), new(kernel32.PIPE_UNLIMITED_INSTANCES),
		new(kernel32.PIPE_CLIENT_END), new(kernel32.PIPE_SERVER_END),
		new(kernel32.NMPWAIT_USE_DEFAULT_WAIT), new(kernel32.NMPWAIT_WAIT_FOREVER),
		new(kernel32.WT_EXECUTEDEFAULT), new(kernel32.WT_EXECUTEINWAITTHREAD), new(kernel32.WT_EXECUTEONLYONCE),
		new(kernel32.WT_EXECUTELONGFUNCTION), new(kernel32.WT_EXECUTEINPERSISTENTTHREAD), new(kernel32.WT_TRANSFER_IMPERSONATION),
		new(kernel32.JOB_OBJECT_ASSIGN_PROCESS), new(kernel32.JOB_OBJECT_QUERY), new(kernel32.JOB_OBJECT_SET_ATTRIBUTES),
		new(kernel32.JOB_OBJECT_TERMINATE), new(kernel32.JOB_OBJECT_ALL_ACCESS),
		new(kernel32.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE), new(kernel32.JOB_OBJECT_LIMIT_ACTIVE_PROCESS),
		new(kernel32.JOB_OBJECT_LIMIT_BREAKAWAY_OK), new(kernel32.JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK),
		new(kernel32.JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION), new(kernel32.JOB_OBJECT_LIMIT_PROCESS_MEMORY),
		new(kernel32.JOB_OBJECT_LIMIT_JOB_MEMORY), new(kernel32.JOB_OBJECT_LIMIT_PRIORITY_CLASS),
		new(kernel32.JOB_OBJECT_LIMIT_PROCESS_TIME), new(kernel32.JOB_OBJECT_LIMIT_JOB_TIME),
		new(kernel32.CREATE_BREAKAWAY_FROM_JOB), new(kernel32.CREATE_DEFAULT_ERROR_MODE), new(kernel32.CREATE_NEW_CONSOLE),
		new(kernel32.CREATE_NEW_PROCESS_GROUP), new(kernel32.CREATE_NO_WINDOW), new(kernel32.CREATE_SUSPENDED),
		new(kernel32.CREATE_UNICODE_ENVIRONMENT), new(kernel32.DETACHED_PROCESS), new(kernel32.EXTENDED_STARTUPINFO_PRESENT),
		new(kernel32.INHERIT_PARENT_AFFINITY),
		new(kernel32.ABOVE_NORMAL_PRIORITY_CLASS), new(kernel32.BELOW_NORMAL_PRIORITY_CLASS), new(kernel32.HIGH_PRIORITY_CLASS),
		new(kernel32.IDLE_PRIORITY_CLASS), new(kernel32.NORMAL_PRIORITY_CLASS), new(kernel32.REALTIME_PRIORITY_CLASS),
		new(kernel32.STARTF_USESTDHANDLES), new(kernel32.STARTF_USESHOWWINDOW), new(kernel32.STARTF_USESIZE),
		new(kernel32.STARTF_USEPOSITION), new(kernel32.STARTF_USECOUNTCHARS), new(kernel32.STARTF_USEFILLATTRIBUTE),
		new(kernel32.CONSOLE_TEXTMODE_BUFFER), new(kernel32.CTRL_C_EVENT), new(kernel32.CTRL_BREAK_EVENT),
	}
	// WORD: SetConsoleTextAttribute's wAttributes and
	// CONSOLE_SCREEN_BUFFER_INFO's WAttributes.
	_ = []*uint16{
		new(kernel32.FOREGROUND_BLUE), new(kernel32.FOREGROUND_GREEN), new(kernel32.FOREGROUND_RED),
		new(kernel32.FOREGROUND_INTENSITY), new(kernel32.BACKGROUND_BLUE), new(kernel32.BACKGROUND_GREEN),
		new(kernel32.BACKGROUND_RED), new(kernel32.BACKGROUND_INTENSITY),
		new(kernel32.COMMON_LVB_LEADING_BYTE), new(kernel32.COMMON_LVB_TRAILING_BYTE),
		new(kernel32.COMMON_LVB_GRID_HORIZONTAL), new(kernel32.COMMON_LVB_GRID_LVERTICAL),
		new(kernel32.COMMON_LVB_GRID_RVERTICAL), new(kernel32.COMMON_LVB_REVERSE_VIDEO), new(kernel32.COMMON_LVB_UNDERSCORE),
	}
	// UCHAR: SetFileCompletionNotificationModes's Flags.
	_ = []*uint8{new(kernel32.FILE_SKIP_COMPLETION_PORT_ON_SUCCESS), new(kernel32.FILE_SKIP_SET_EVENT_ON_HANDLE)}
	// DWORD_PTR: UpdateProcThreadAttribute's Attribute.
	_ = []*uintptr{new(kernel32.PROC_THREAD_ATTRIBUTE_HANDLE_LIST), new(kernel32.PROC_THREAD_ATTRIBUTE_JOB_LIST)}
	// JOBOBJECTINFOCLASS, a C enum (an int).
	_ = []*int32{new(kernel32.JobObjectBasicAccountingInformation), new(kernel32.JobObjectExtendedLimitInformation)}
	// Error codes, as WindowsAPIError.Errno carries them.
	_ = []*syscall.Errno{
		new(kernel32.ERROR_SUCCESS), new(kernel32.ERROR_FILE_NOT_FOUND), new(kernel32.ERROR_PATH_NOT_FOUND),
		new(kernel32.ERROR_ACCESS_DENIED), new(kernel32.ERROR_INVALID_HANDLE), new(kernel32.ERROR_INVALID_PARAMETER),
		new(kernel32.ERROR_ALREADY_EXISTS), new(kernel32.ERROR_SHARING_VIOLATION), new(kernel32.ERROR_LOCK_VIOLATION),
		new(kernel32.ERROR_HANDLE_EOF), new(kernel32.ERROR_FILE_EXISTS), new(kernel32.ERROR_NOT_LOCKED),
		new(kernel32.ERROR_NOT_SAME_DEVICE), new(kernel32.ERROR_OPERATION_ABORTED), new(kernel32.ERROR_IO_INCOMPLETE),
		new(kernel32.ERROR_IO_PENDING), new(kernel32.ERROR_NO_DATA), new(kernel32.ERROR_BROKEN_PIPE),
		new(kernel32.ERROR_NO_MORE_FILES), new(kernel32.ERROR_INSUFFICIENT_BUFFER), new(kernel32.ERROR_ABANDONED_WAIT_0),
		new(kernel32.ERROR_NOT_FOUND), new(kernel32.ERROR_WAIT_TIMEOUT), new(kernel32.ERROR_PIPE_BUSY),
		new(kernel32.ERROR_PIPE_CONNECTED), new(kernel32.ERROR_PIPE_LISTENING), new(kernel32.ERROR_PIPE_NOT_CONNECTED),
		new(kernel32.ERROR_PIPE_LOCAL), new(kernel32.ERROR_BAD_PIPE), new(kernel32.ERROR_MORE_DATA),
		new(kernel32.ERROR_INVALID_NAME), new(kernel32.ERROR_SEM_TIMEOUT), new(kernel32.ERROR_BAD_EXE_FORMAT),
	}
	_ = []*wintypes.HANDLE{new(kernel32.INVALID_HANDLE_VALUE)}
	// Bounds on lengths (len(pHandles), lpCommandLine's UTF-16 characters,
	// a path buffer): ints, like the Go counts they bound.
	_ = []*int{new(kernel32.MAXIMUM_WAIT_OBJECTS), new(kernel32.MAX_COMMAND_LINE), new(wintypes.MAX_PATH)}
)

// TestConstantsNeedNoConversion uses constants the way the brief of typed
// constants promised: as optional parameters through wintypes.Opt and
// new(expr), and compared with results without conversion.
func TestConstantsNeedNoConversion(t *testing.T) {
	path := filepath.Join(testutil.TempDir(t), "typed.txt")
	require.NoError(t, os.WriteFile(path, []byte("typed"), 0o600))

	// wintypes.Opt(OPEN_EXISTING) is a *uint32; new(OPEN_EXISTING) too.
	h, err := kernel32.CreateFile(path, kernel32.GENERIC_READ, wintypes.Opt(kernel32.FILE_SHARE_READ|kernel32.FILE_SHARE_WRITE),
		nil, new(kernel32.OPEN_EXISTING), wintypes.Opt(kernel32.FILE_ATTRIBUTE_NORMAL), 0)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, kernel32.CloseHandle(h)) })
	buf := make([]byte, 16)
	n, err := kernel32.ReadFile(h, buf, nil, nil)
	require.NoError(t, err)
	assert.Equal(t, "typed", string(buf[:n]))

	// Results compare with the constants as they are.
	ev, _, err := kernel32.CreateEvent(true, true, nil, "")
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, kernel32.CloseHandle(ev)) })
	event, err := kernel32.WaitForSingleObject(ev, kernel32.INFINITE)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_OBJECT_0, event)
	require.NoError(t, kernel32.ResetEvent(ev))
	event, err = kernel32.WaitForSingleObject(ev, 0)
	require.NoError(t, err)
	assert.Equal(t, kernel32.WAIT_TIMEOUT, event)

	require.NoError(t, kernel32.SetHandleInformation(ev, kernel32.HANDLE_FLAG_INHERIT, kernel32.HANDLE_FLAG_INHERIT))
	flags, err := kernel32.GetHandleInformation(ev)
	require.NoError(t, err)
	assert.Equal(t, kernel32.HANDLE_FLAG_INHERIT, flags&kernel32.HANDLE_FLAG_INHERIT)

	code, err := kernel32.GetExitCodeProcess(kernel32.GetCurrentProcess())
	require.NoError(t, err)
	assert.Equal(t, kernel32.STILL_ACTIVE, code)

	// Error codes compare with WindowsAPIError.Errno as they are.
	_, err = kernel32.OpenEvent(kernel32.SYNCHRONIZE, false, "wincgo-typed-constants-no-such-event")
	apiErr := testutil.APIErrorOf(t, err, "OpenEventW", kernel32.ERROR_FILE_NOT_FOUND)
	assert.Equal(t, kernel32.ERROR_FILE_NOT_FOUND, apiErr.Errno)
}
