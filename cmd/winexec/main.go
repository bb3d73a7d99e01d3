package main

import (
	"debug/pe"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Exit statuses of winexec's own failures, as env(1) and POSIX shells use
// them; any other status is the program's.
const (
	exitUsage    = 2   // bad command line
	exitSetup    = 125 // Wine, mingw-w64 or the prefix could not be made ready
	exitCannot   = 126 // the file is not a Windows program this host can run
	exitNotFound = 127 // no such file
)

// failure is an error of winexec itself, with the exit status to report it.
type failure struct {
	code int
	err  error
}

func (f *failure) Error() string { return f.err.Error() }
func (f *failure) Unwrap() error { return f.err }

func fail(code int, format string, args ...any) error {
	return &failure{code: code, err: fmt.Errorf(format, args...)}
}

func main() {
	os.Exit(winexec(os.Args[1:], os.Stderr))
}

// winexec runs the command line args and returns the exit status. On Unix
// a program that starts replaces this process (its status is then its own
// and winexec returns only on failure).
func winexec(args []string, stderr io.Writer) int {
	flags := flag.NewFlagSet("winexec", flag.ContinueOnError)
	flags.SetOutput(stderr)
	setupOnly := flags.Bool("setup", false, "make the Wine prefix ready (and start wineserver), run nothing")
	flags.Usage = func() {
		_, _ = fmt.Fprint(stderr, `usage: winexec prog.exe [args...]
       winexec -setup
Runs a Windows program under Wine (natively on Windows), with its stdin,
stdout, stderr and exit status; as the -exec of go run and go test:
  go test -exec 'env -u GOOS -u GOARCH go run github.com/wincgo/wincgo/cmd/winexec' ./...
See go doc github.com/wincgo/wincgo/cmd/winexec.
`)
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return exitUsage
	}
	var err error
	status := 0
	switch {
	case *setupOnly && flags.NArg() == 0:
		err = setup()
	case *setupOnly || flags.NArg() == 0:
		flags.Usage()
		return exitUsage
	default:
		status, err = run(flags.Arg(0), flags.Args()[1:])
	}
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "winexec: %v\n", err)
		var f *failure
		if errors.As(err, &f) {
			return f.code
		}
		return exitSetup
	}
	return status
}

// Machines this command knows, as GOARCH names.
const (
	machineAMD64 = "amd64"
	machine386   = "386"
)

// programMachine returns the GOARCH of the Windows program at path
// (amd64, 386, arm64, ...), or a failure saying why it is not one.
func programMachine(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fail(exitNotFound, "%s: no such file", path)
		}
		return "", fail(exitCannot, "%v", err)
	}
	defer f.Close() //nolint:errcheck // read-only
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return "", fail(exitCannot, "%s is a directory, not a Windows program", path)
	}
	// debug/pe reads any file with a PE signature where the DOS header
	// says, and reports a text file's bytes as an unknown machine.
	var mz [2]byte
	if _, err := io.ReadFull(f, mz[:]); err != nil || string(mz[:]) != "MZ" {
		return "", fail(exitCannot, "%s is not a Windows program (no MZ header); build it with GOOS=windows", path)
	}
	pf, err := pe.NewFile(f)
	if err != nil {
		return "", fail(exitCannot, "%s is not a Windows program (%v); build it with GOOS=windows", path, err)
	}
	if pf.Characteristics&pe.IMAGE_FILE_DLL != 0 {
		return "", fail(exitCannot, "%s is a DLL, not a Windows program", path)
	}
	if pf.Characteristics&pe.IMAGE_FILE_EXECUTABLE_IMAGE == 0 {
		return "", fail(exitCannot, "%s is an object file, not a linked Windows program", path)
	}
	switch pf.Machine {
	case pe.IMAGE_FILE_MACHINE_AMD64:
		return machineAMD64, nil
	case pe.IMAGE_FILE_MACHINE_I386:
		return machine386, nil
	case pe.IMAGE_FILE_MACHINE_ARM64:
		return "arm64", nil
	case pe.IMAGE_FILE_MACHINE_ARMNT:
		return "arm", nil
	}
	return "", fail(exitCannot, "%s is a Windows program for machine %#x, which winexec does not know", path, pf.Machine)
}
