// Command spawn runs a child whose output comes through a pipe only it
// inherits, in a job that kills it if this program's handle to the job
// closes first.
package main

import (
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/wincgo/wincgo/kernel32"
	"github.com/wincgo/wincgo/wintypes"
)

func main() {
	read, write, err := kernel32.CreatePipe(nil, 0)
	if err != nil {
		log.Fatal(err)
	}
	defer closeHandle(read)
	// Listed handles must be inheritable (an InputError names any that is not).
	if err := kernel32.SetHandleInformation(write, kernel32.HANDLE_FLAG_INHERIT, kernel32.HANDLE_FLAG_INHERIT); err != nil {
		log.Fatal(err)
	}

	list, err := kernel32.InitializeProcThreadAttributeList(1) // C memory, unmoved
	if err != nil {
		log.Fatal(err)
	}
	defer kernel32.DeleteProcThreadAttributeList(list) // after CreateProcess
	if err := kernel32.UpdateProcThreadAttribute(list, kernel32.PROC_THREAD_ATTRIBUTE_HANDLE_LIST, []wintypes.HANDLE{write}); err != nil {
		log.Fatal(err)
	}
	si := &kernel32.STARTUPINFOEX{AttributeList: list} // the list itself: a deleted one is refused
	si.StartupInfo.DwFlags = kernel32.STARTF_USESTDHANDLES
	si.StartupInfo.HStdOutput, si.StartupInfo.HStdError = write, write

	env, err := kernel32.NewEnvironmentBlockFromList(append(os.Environ(), "GREETING=hello from the parent"))
	if err != nil {
		log.Fatal(err)
	}

	job, err := kernel32.CreateJobObject(nil, "")
	if err != nil {
		log.Fatal(err)
	}
	defer closeHandle(job) // kills whatever still runs in it
	var limits wintypes.JOBOBJECT_EXTENDED_LIMIT_INFORMATION
	limits.BasicLimitInformation.LimitFlags = kernel32.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
	if err := kernel32.SetInformationJobObjectExtendedLimit(job, &limits); err != nil {
		log.Fatal(err)
	}

	// Suspended until it is in the job. EXTENDED_STARTUPINFO_PRESENT and
	// CREATE_UNICODE_ENVIRONMENT are added for you.
	pi, err := kernel32.CreateProcess("", kernel32.CommandLine("cmd.exe", "/c", "echo %GREETING%& exit 3"),
		nil, nil, true, kernel32.CREATE_SUSPENDED, env, "", si)
	if err != nil {
		log.Fatal(err)
	}
	// The caller owns both handles.
	defer closeHandle(pi.HProcess)
	defer closeHandle(pi.HThread)
	// The child has its own copy: EOF comes when it exits.
	closeHandle(write)
	if err := kernel32.AssignProcessToJobObject(job, pi.HProcess); err != nil {
		log.Fatal(err)
	}
	if _, err := kernel32.ResumeThread(pi.HThread); err != nil {
		log.Fatal(err)
	}

	var out []byte
	buf := make([]byte, 4096)
	for {
		n, err := kernel32.ReadFile(read, buf, nil, nil)
		out = append(out, buf[:n]...)
		if errors.Is(err, kernel32.ERROR_BROKEN_PIPE) { // EOF: the child exited
			break
		}
		if err != nil {
			log.Fatal(err)
		}
	}
	if _, err := kernel32.WaitForSingleObject(pi.HProcess, kernel32.INFINITE); err != nil {
		log.Fatal(err)
	}
	code, err := kernel32.GetExitCodeProcess(pi.HProcess)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("the child wrote %q and exited with code %d\n", out, code)
}

// closeHandle closes h; a failure is a bug worth stopping for.
func closeHandle(h wintypes.HANDLE) {
	if err := kernel32.CloseHandle(h); err != nil {
		log.Fatal(err)
	}
}
