package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain lets a test run this test binary as winexec itself
// (WINEXEC_TEST_MAIN=1): the real command, without a go build.
func TestMain(m *testing.M) {
	if os.Getenv("WINEXEC_TEST_MAIN") == "1" {
		os.Exit(winexec(os.Args[1:], os.Stderr))
	}
	testMain(m)
}

// fakePE returns the smallest file debug/pe reads as a PE image: a DOS
// header pointing at the PE signature and a COFF file header.
func fakePE(machine, characteristics uint16) []byte {
	var b bytes.Buffer
	dos := make([]byte, 0x40)
	copy(dos, "MZ")
	binary.LittleEndian.PutUint32(dos[0x3c:], 0x40)
	b.Write(dos)
	b.WriteString("PE\x00\x00")
	_ = binary.Write(&b, binary.LittleEndian, pe.FileHeader{Machine: machine, Characteristics: characteristics})
	b.Write(make([]byte, 64)) // debug/pe reads a little ahead
	return b.Bytes()
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(tempDir(t), name)
	require.NoError(t, os.WriteFile(path, data, 0o600))
	return path
}

func TestProgramMachine(t *testing.T) {
	const exe = pe.IMAGE_FILE_EXECUTABLE_IMAGE
	for _, tc := range []struct {
		name    string
		machine uint16
		want    string
	}{
		{"amd64", pe.IMAGE_FILE_MACHINE_AMD64, machineAMD64},
		{"386", pe.IMAGE_FILE_MACHINE_I386, machine386},
		{"arm64", pe.IMAGE_FILE_MACHINE_ARM64, "arm64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := programMachine(writeFile(t, "prog.exe", fakePE(tc.machine, exe)))
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestProgramMachineRefuses(t *testing.T) {
	dir := tempDir(t)
	for _, tc := range []struct {
		name string
		path string
		code int
		msg  string
	}{
		{"missing", filepath.Join(dir, "nope.exe"), exitNotFound, "nope.exe: no such file"},
		{"directory", dir, exitCannot, "is a directory"},
		{"text", writeFile(t, "prog", []byte("#!/bin/sh\necho hi\n")), exitCannot, "is not a Windows program (no MZ header)"},
		{"empty", writeFile(t, "empty.exe", nil), exitCannot, "is not a Windows program (no MZ header)"},
		{"dos header only", writeFile(t, "dos.exe", fakePE(pe.IMAGE_FILE_MACHINE_AMD64, pe.IMAGE_FILE_EXECUTABLE_IMAGE)[:0x40]), exitCannot, "is not a Windows program ("},
		{"dll", writeFile(t, "x.dll", fakePE(pe.IMAGE_FILE_MACHINE_AMD64, pe.IMAGE_FILE_EXECUTABLE_IMAGE|pe.IMAGE_FILE_DLL)), exitCannot, "is a DLL"},
		{"object", writeFile(t, "x.o", fakePE(pe.IMAGE_FILE_MACHINE_AMD64, 0)), exitCannot, "object file"},
		{"riscv64", writeFile(t, "x.exe", fakePE(pe.IMAGE_FILE_MACHINE_RISCV64, pe.IMAGE_FILE_EXECUTABLE_IMAGE)), exitCannot, "machine 0x5064"},
		{"bad machine", writeFile(t, "y.exe", fakePE(0x1234, pe.IMAGE_FILE_EXECUTABLE_IMAGE)), exitCannot, "unrecognized PE machine: 0x1234"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := programMachine(tc.path)
			var f *failure
			require.True(t, errors.As(err, &f), "error %v is not a failure", err)
			assert.Equal(t, tc.code, f.code)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
}

func TestWinexecCommandLine(t *testing.T) {
	text := writeFile(t, "notes.txt", []byte("not a program"))
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no program", nil, exitUsage, "usage: winexec prog.exe"},
		{"setup with program", []string{"-setup", "prog.exe"}, exitUsage, "usage: winexec prog.exe"},
		{"unknown flag", []string{"-frobnicate", "prog.exe"}, exitUsage, "flag provided but not defined"},
		{"help", []string{"-h"}, 0, "go test -exec"},
		{"missing program", []string{filepath.Join(tempDir(t), "x.exe")}, exitNotFound, "winexec: "},
		{"not a program", []string{text, "arg"}, exitCannot, "is not a Windows program"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			assert.Equal(t, tc.code, winexec(tc.args, &stderr))
			assert.Contains(t, stderr.String(), tc.msg)
		})
	}
}
