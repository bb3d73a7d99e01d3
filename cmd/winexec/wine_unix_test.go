//go:build unix

package main

import (
	"bytes"
	"debug/pe"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// debianWine is /usr/bin/wine of Debian 12's wine package (8.0~repack-4).
const debianWine = `#!/bin/sh -e

wine32=/usr/lib/wine/wine
wine64=/usr/lib/wine/wine64

wine32_hint () {
    echo "it looks like wine32 is missing, you should install it."
}

if test -x $wine32; then
    wine=$wine32
elif test -x $wine64; then
    wine=$wine64
    if test -z "$WINELOADER"; then
        export WINELOADER=$wine64
    fi
fi
exec $wine "$@"
`

func TestDebianLoaders(t *testing.T) {
	w32, w64 := debianLoaders(debianWine)
	assert.Equal(t, "/usr/lib/wine/wine", w32)
	assert.Equal(t, "/usr/lib/wine/wine64", w64)

	// Assignments from variables ($wine32) are not paths; other scripts
	// have none.
	w32, w64 = debianLoaders("#!/bin/sh\nwine=$wine32\nwine64=\"$HOME/x\"\nexec wine64 \"$@\"\n")
	assert.Empty(t, w32)
	assert.Empty(t, w64)
}

func TestWineMajor(t *testing.T) {
	for in, want := range map[string]int{
		"wine-8.0 (Debian 8.0~repack-4)": 8,
		"wine-9.0":                       9,
		"wine-10.0-rc1":                  10,
		"wine-9.22 (Staging)":            9,
	} {
		got, err := wineMajor(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "8.0", "wine-", "wine-x.0", "Wine 8.0"} {
		_, err := wineMajor(bad)
		assert.ErrorContains(t, err, "cannot parse Wine version", bad)
	}
}

func TestStampOK(t *testing.T) {
	const v8, hash = "wine-8.0 (Debian 8.0~repack-4)", "5aebc141b5bd7c49"
	head := "wine: " + v8 + "\nsetup: 2\n"
	for _, tc := range []struct {
		name     string
		stamp    string
		needShim bool
		need32   bool
		want     bool
	}{
		{"shim", head + "dll: shim-" + hash + "\n", true, false, true},
		{"no final newline (install.sh's)", head + "dll: shim-" + hash, true, false, true},
		{"prefix's own DLL", head + "dll: prefix-own\n", true, false, true},
		{"older shim", head + "dll: shim-0000000000000000\n", true, false, false},
		{"builtin where a shim is needed", head + "dll: wine-builtin\n", true, false, false},
		{"builtin", head + "dll: wine-builtin\n", false, false, true},
		{"shim where Wine has its own", head + "dll: shim-" + hash + "\n", false, false, false},
		{"other Wine", "wine: wine-8.1\nsetup: 2\ndll: shim-" + hash + "\n", true, false, false},
		{"other set-up", "wine: " + v8 + "\nsetup: 1\ndll: shim-" + hash + "\n", true, false, false},
		{"no dll line", head, true, false, false},
		{"empty", "", true, false, false},
		{"32-bit missing", head + "dll: shim-" + hash + "\n", true, true, false},
		{"32-bit", head + "dll: shim-" + hash + "\ndll32: shim-" + hash + "\n", true, true, true},
		{"32-bit own", head + "dll: shim-" + hash + "\ndll32: prefix-own\n", true, true, true},
		{"32-bit older", head + "dll: shim-" + hash + "\ndll32: shim-1\n", true, true, false},
		{"32-bit builtin", head + "dll: wine-builtin\n", false, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, stampOK(tc.stamp, v8, tc.needShim, hash, tc.need32))
		})
	}
}

func TestShimHashIsInstallShs(t *testing.T) {
	// build/install.sh stamped its prefixes with
	// cat prng.c prng.def | sha256sum | cut -c1-16: the same value keeps
	// them valid.
	out, err := exec.Command("sh", "-c", "cat prng/prng.c prng/prng.def | sha256sum | cut -c1-16").Output()
	if err != nil {
		t.Skipf("no sha256sum: %v", err)
	}
	assert.Equal(t, strings.TrimSpace(string(out)), shimHash())
}

func TestSetEnv(t *testing.T) {
	env := []string{"A=1", "WINEDEBUG=err+all", "EMPTY=", "B=2"}
	assert.Equal(t, []string{"A=1", "EMPTY=", "B=2", "WINEDEBUG=err+all"}, setEnv(env, "WINEDEBUG", "-all", false))
	assert.Equal(t, []string{"A=1", "EMPTY=", "B=2", "WINEDEBUG=-all"}, setEnv(env, "WINEDEBUG", "-all", true))
	assert.Equal(t, []string{"A=1", "WINEDEBUG=err+all", "B=2", "EMPTY=x"}, setEnv(env, "EMPTY", "x", false))
	assert.Equal(t, []string{"A=1", "WINEDEBUG=err+all", "EMPTY=", "B=2", "NEW=x"}, setEnv(env, "NEW", "x", false))
	assert.Equal(t, []string{"A=1", "WINEDEBUG=err+all", "EMPTY=", "B=2"}, env, "input changed")
}

func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestLoadConfig(t *testing.T) {
	noCache := func() (string, error) { return "", errors.New("no $HOME") }
	userCache := func() (string, error) { return "/home/u/.cache", nil }

	cfg, err := loadConfig(envOf(nil), userCache)
	require.NoError(t, err)
	assert.Equal(t, "/home/u/.cache/wincgo", cfg.cache)
	assert.Equal(t, "/home/u/.cache/wincgo/wineprefix", cfg.prefix)
	assert.True(t, cfg.ours)
	assert.Equal(t, "300", cfg.persist)
	assert.Contains(t, cfg.env, "WINEPREFIX=/home/u/.cache/wincgo/wineprefix")

	// The scripts' form: WINEPREFIX set, inside WINCGO_CACHE.
	cfg, err = loadConfig(envOf(map[string]string{"WINCGO_CACHE": "/c", "WINEPREFIX": "/c/wineprefix", "WINCGO_WINESERVER_PERSIST": "5"}), noCache)
	require.NoError(t, err)
	assert.Equal(t, "/c/wineprefix", cfg.prefix)
	assert.True(t, cfg.ours)
	assert.Equal(t, "5", cfg.persist)

	// A prefix of the user's own, relative: made absolute, never ours.
	wd, err := os.Getwd()
	require.NoError(t, err)
	cfg, err = loadConfig(envOf(map[string]string{"WINCGO_CACHE": "/c", "WINEPREFIX": "pfx"}), noCache)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(wd, "pfx"), cfg.prefix)
	assert.False(t, cfg.ours)
	cfg, err = loadConfig(envOf(map[string]string{"WINCGO_CACHE": "/c", "WINEPREFIX": "/c"}), noCache)
	require.NoError(t, err)
	assert.False(t, cfg.ours, "the cache directory itself is not ours to remove")
	cfg, err = loadConfig(envOf(map[string]string{"WINCGO_CACHE": "/c", "WINEPREFIX": "/cx/p"}), noCache)
	require.NoError(t, err)
	assert.False(t, cfg.ours, "a sibling of the cache directory")

	_, err = loadConfig(envOf(nil), noCache)
	assert.ErrorContains(t, err, "set WINEPREFIX or WINCGO_CACHE")
	_, err = loadConfig(envOf(map[string]string{"WINCGO_CACHE": "/c", "WINCGO_WINESERVER_PERSIST": "5m"}), noCache)
	assert.ErrorContains(t, err, `WINCGO_WINESERVER_PERSIST="5m"`)
}

// writeExe writes a program file, executable.
func writeExe(t *testing.T, path, text string) {
	t.Helper()
	require.NoError(t, os.WriteFile(path, []byte(text), 0o700)) //nolint:gosec // a program must be executable
}

// fakeWine makes a directory of scripts standing in for Wine's programs.
func fakeWine(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		writeExe(t, filepath.Join(dir, name), strings.ReplaceAll(text, "DIR", dir))
	}
	return dir
}

func lookIn(dir string) func(string) (string, error) {
	return func(name string) (string, error) {
		if filepath.IsAbs(name) {
			return name, nil
		}
		p := filepath.Join(dir, name)
		if isExecutable(p) {
			return p, nil
		}
		return "", exec.ErrNotFound
	}
}

func TestFindWineDebian(t *testing.T) {
	version := "#!/bin/sh\necho 'wine-8.0 (Debian 8.0~repack-4)'\n"
	dir := fakeWine(t, map[string]string{
		"wine":       "#!/bin/sh -e\nwine32=DIR/lib/wine\nwine64=DIR/lib/wine64\nexec $wine \"$@\"\n",
		"wineserver": "#!/bin/sh\n",
	})
	require.NoError(t, os.Mkdir(filepath.Join(dir, "lib"), 0o700))
	writeExe(t, filepath.Join(dir, "lib", "wine64"), version)

	w, err := findWine(envOf(nil), lookIn(dir), os.Environ())
	require.NoError(t, err)
	want := &wine{
		loader64: filepath.Join(dir, "lib", "wine64"),
		env:      []string{"WINELOADER=" + filepath.Join(dir, "lib", "wine64")},
		server:   filepath.Join(dir, "wineserver"),
		version:  "wine-8.0 (Debian 8.0~repack-4)",
		major:    8,
	}
	assert.Empty(t, cmp.Diff(want, w, cmp.AllowUnexported(wine{})))
	assert.True(t, w.needsShim())
	_, err = w.check32(os.Environ())
	assert.ErrorContains(t, err, "apt-get install wine32:i386")

	// With wine32 installed; a WINELOADER of the user's is kept.
	writeExe(t, filepath.Join(dir, "lib", "wine"), version)
	w, err = findWine(envOf(map[string]string{"WINELOADER": "/mine"}), lookIn(dir), os.Environ())
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, "lib", "wine"), w.loader32)
	assert.Empty(t, w.env)
	loader, err := w.check32(os.Environ())
	require.NoError(t, err)
	assert.Equal(t, w.loader32, loader)

	// A 32-bit loader this kernel cannot run: neither ELF nor script.
	writeExe(t, filepath.Join(dir, "lib", "wine"), "\x7fELF\x01garbage")
	_, err = w.check32(os.Environ())
	assert.ErrorContains(t, err, "cannot run the 32-bit Wine loader")
}

func TestFindWinePlain(t *testing.T) {
	// One wine program for everything (upstream builds, Wine >= 9's WoW64),
	// named by $WINE, its wineserver next to it.
	dir := fakeWine(t, map[string]string{
		"mywine":     "#!/bin/sh\necho wine-9.0\n",
		"wineserver": "#!/bin/sh\n",
	})
	w, err := findWine(envOf(map[string]string{"WINE": filepath.Join(dir, "mywine")}), lookIn(t.TempDir()), os.Environ())
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, "mywine"), w.loader64)
	assert.Equal(t, w.loader64, w.loader32)
	assert.Equal(t, filepath.Join(dir, "wineserver"), w.server)
	assert.Equal(t, 9, w.major)
	assert.False(t, w.needsShim())
	loader, err := w.check32(os.Environ())
	require.NoError(t, err)
	assert.Equal(t, w.loader64, loader)
}

func TestFindWineMissing(t *testing.T) {
	_, err := findWine(envOf(nil), lookIn(t.TempDir()), os.Environ())
	var f *failure
	require.True(t, errors.As(err, &f), "%v", err)
	assert.Equal(t, exitSetup, f.code)
	assert.Contains(t, err.Error(), "sudo apt-get install wine wine64")

	dir := fakeWine(t, map[string]string{"wine": "#!/bin/sh\necho wine-8.0\n"})
	_, err = findWine(envOf(nil), lookIn(dir), os.Environ())
	assert.ErrorContains(t, err, "wineserver not found")

	dir = fakeWine(t, map[string]string{"wine": "#!/bin/sh\nexit 1\n", "wineserver": "#!/bin/sh\n"})
	_, err = findWine(envOf(nil), lookIn(dir), os.Environ())
	assert.ErrorContains(t, err, "--version: exit status 1")

	dir = fakeWine(t, map[string]string{"wine": "#!/bin/sh\necho hello\n", "wineserver": "#!/bin/sh\n"})
	_, err = findWine(envOf(nil), lookIn(dir), os.Environ())
	assert.ErrorContains(t, err, `cannot parse Wine version "hello"`)
}

// needCC skips when the mingw-w64 gcc for machine is missing.
func needCC(t *testing.T, machine string) {
	t.Helper()
	if _, err := exec.LookPath(shimCC[machine][0]); err != nil {
		t.Skipf("%s not installed (%s)", shimCC[machine][0], shimCC[machine][1])
	}
}

// fakePrefix makes a prefix skeleton: windows\<dir>\kernel32.dll for each dir.
func fakePrefix(t *testing.T, dirs ...string) string {
	t.Helper()
	prefix := t.TempDir()
	for _, d := range dirs {
		sys := filepath.Join(prefix, "drive_c", "windows", d)
		require.NoError(t, os.MkdirAll(sys, 0o700))
		require.NoError(t, os.WriteFile(filepath.Join(sys, "kernel32.dll"), []byte("placeholder"), 0o600))
	}
	return prefix
}

func TestInstallShim(t *testing.T) {
	needCC(t, machineAMD64)
	prefix := fakePrefix(t, "system32")
	target := filepath.Join(prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll")
	hash := shimHash()

	state, err := installShim(prefix, "system32", machineAMD64, hash)
	require.NoError(t, err)
	assert.Equal(t, "shim-"+hash, state)
	dll, err := os.ReadFile(target)
	require.NoError(t, err)
	f, err := pe.NewFile(bytes.NewReader(dll))
	require.NoError(t, err)
	assert.Equal(t, uint16(pe.IMAGE_FILE_MACHINE_AMD64), f.Machine)
	assert.NotZero(t, f.Characteristics&pe.IMAGE_FILE_DLL)
	assert.Contains(t, string(dll), "ProcessPrng")
	assert.Contains(t, string(dll), shimMarker)

	// Again: the same DLL (the build is reproducible), left as it is.
	before, err := os.Stat(target)
	require.NoError(t, err)
	state, err = installShim(prefix, "system32", machineAMD64, hash)
	require.NoError(t, err)
	assert.Equal(t, "shim-"+hash, state)
	after, err := os.Stat(target)
	require.NoError(t, err)
	assert.True(t, os.SameFile(before, after), "an up-to-date shim was rewritten")

	// An older shim of ours is replaced.
	require.NoError(t, os.WriteFile(target, []byte("old "+shimMarker), 0o600))
	_, err = installShim(prefix, "system32", machineAMD64, hash)
	require.NoError(t, err)
	got, err := os.ReadFile(target)
	require.NoError(t, err)
	assert.Equal(t, dll, got)

	// A DLL that is not ours is left alone.
	require.NoError(t, os.WriteFile(target, []byte("MZ someone else's"), 0o600))
	state, err = installShim(prefix, "system32", machineAMD64, hash)
	require.NoError(t, err)
	assert.Equal(t, "prefix-own", state)
	got, err = os.ReadFile(target)
	require.NoError(t, err)
	assert.Equal(t, "MZ someone else's", string(got))
}

func TestInstallShim386(t *testing.T) {
	needCC(t, machine386)
	prefix := fakePrefix(t, "system32", "syswow64")
	state, err := installShim(prefix, "syswow64", machine386, shimHash())
	require.NoError(t, err)
	assert.Equal(t, "shim-"+shimHash(), state)
	f, err := pe.Open(filepath.Join(prefix, "drive_c", "windows", "syswow64", "bcryptprimitives.dll"))
	require.NoError(t, err)
	defer f.Close() //nolint:errcheck // read-only
	assert.Equal(t, uint16(pe.IMAGE_FILE_MACHINE_I386), f.Machine)
}

func TestInstallShimRefuses(t *testing.T) {
	// A prefix made without 32-bit Wine: empty syswow64.
	prefix := fakePrefix(t, "system32")
	require.NoError(t, os.MkdirAll(filepath.Join(prefix, "drive_c", "windows", "syswow64"), 0o700))
	_, err := installShim(prefix, "syswow64", machine386, shimHash())
	var f *failure
	require.True(t, errors.As(err, &f), "%v", err)
	assert.Equal(t, exitCannot, f.code)
	assert.Contains(t, err.Error(), "has no 32-bit part")

	_, err = installShim(t.TempDir(), "system32", machineAMD64, shimHash())
	require.True(t, errors.As(err, &f), "%v", err)
	assert.Equal(t, exitSetup, f.code)
	assert.Contains(t, err.Error(), "not a Wine prefix")
}

func TestBuildShimNoCompiler(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := buildShim(machineAMD64)
	assert.ErrorContains(t, err, "x86_64-w64-mingw32-gcc not found")
	assert.ErrorContains(t, err, "sudo apt-get install gcc-mingw-w64-x86-64")
	_, err = buildShim(machine386)
	assert.ErrorContains(t, err, "sudo apt-get install gcc-mingw-w64-i686")
}

func TestLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.lock")
	unlock, err := lock(path)
	require.NoError(t, err)
	// Another open file description waits while the lock is held.
	got := make(chan struct{})
	go func() {
		unlock2, err := lock(path)
		assert.NoError(t, err)
		close(got)
		if err == nil {
			unlock2()
		}
	}()
	select {
	case <-got:
		t.Fatal("a second lock was granted while the first was held")
	case <-time.After(200 * time.Millisecond):
	}
	unlock()
	select {
	case <-got:
	case <-time.After(10 * time.Second):
		t.Fatal("the second lock was not granted after the first was released")
	}
}

func TestWriteAtomic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o600))
	old, err := os.Stat(path)
	require.NoError(t, err)
	require.NoError(t, writeAtomic(path, []byte("new")))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "new", string(got))
	st, err := os.Stat(path)
	require.NoError(t, err)
	assert.False(t, os.SameFile(old, st), "written in place: a reader could see a part")
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "a temporary file was left")

	assert.Error(t, writeAtomic(filepath.Join(t.TempDir(), "no", "dir"), nil))
}
