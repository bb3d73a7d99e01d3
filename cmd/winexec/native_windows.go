package main

import (
	"errors"
	"os"
	"os/exec"
	"os/signal"
)

// run runs the program natively: on Windows there is no Wine to set up.
// Its stdin, stdout, stderr and exit status are passed through.
func run(prog string, args []string) (int, error) {
	if _, err := programMachine(prog); err != nil {
		return 0, err
	}
	cmd := exec.Command(prog, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	// Ctrl+C reaches every process of the console, the program too: wait
	// for it to finish instead of exiting first.
	signal.Notify(make(chan os.Signal, 1), os.Interrupt)
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), nil
	}
	if err != nil {
		return 0, fail(exitCannot, "%v", err)
	}
	return 0, nil
}

// setup has nothing to do natively.
func setup() error { return nil }
