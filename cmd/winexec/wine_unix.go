//go:build unix

package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The ProcessPrng shim's source, built with the user's mingw-w64 when the
// prefix needs it (no binary is committed).
//
//go:embed prng/prng.c prng/prng.def
var prngFS embed.FS

// setupRevision names the prefix set-up done by createPrefix: bump it when
// that set-up changes, and prefixes of ours made by an older one (or by
// another Wine version) are recreated. 2 is the set-up build/install.sh
// did before this command existed: the prefixes it made stay valid.
const setupRevision = 2

// shimMarker is the string prng.c puts in the DLL: a bcryptprimitives.dll
// containing it is ours, and may be replaced by a newer build.
const shimMarker = "wincgo-processprng-shim"

// dllOverrides is what Wine loads or skips while making a prefix: no desktop
// menu entries in $HOME, no Mono or Gecko installation prompts.
const dllOverrides = "winemenubuilder.exe=d;mscoree,mshtml="

// logf reports slow work (making a prefix, building the shim) on stderr,
// which is the program's stderr too: only when something is done.
func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "winexec: "+format+"\n", args...)
}

// run makes Wine ready for the program at prog and replaces this process
// with Wine running it: stdin, stdout, stderr, signals and the exit status
// are then the program's own, as they would be without winexec. It returns
// only on failure.
func run(prog string, args []string) (int, error) {
	machine, err := programMachine(prog)
	if err != nil {
		return 0, err
	}
	if machine != machineAMD64 && machine != machine386 {
		return 0, fail(exitCannot, "%s is a Windows program for %s: Wine here runs amd64 and 386 programs", prog, machine)
	}
	cfg, err := loadConfig(os.Getenv, os.UserCacheDir)
	if err != nil {
		return 0, err
	}
	w, err := findWine(os.Getenv, exec.LookPath, cfg.env)
	if err != nil {
		return 0, err
	}
	loader := w.loader64
	if machine == machine386 {
		if loader, err = w.check32(cfg.env); err != nil {
			return 0, err
		}
	}
	if err := ensurePrefix(cfg, w, machine == machine386); err != nil {
		return 0, err
	}
	if err := wineUp(cfg, w); err != nil {
		return 0, err
	}
	argv := append([]string{loader, prog}, args...)
	err = syscall.Exec(loader, argv, append(cfg.env, w.env...))
	return 0, fail(exitCannot, "running %s: %v", loader, err)
}

// setup makes the prefix ready and starts wineserver (winexec -setup).
func setup() error {
	cfg, err := loadConfig(os.Getenv, os.UserCacheDir)
	if err != nil {
		return err
	}
	w, err := findWine(os.Getenv, exec.LookPath, cfg.env)
	if err != nil {
		return err
	}
	if err := ensurePrefix(cfg, w, false); err != nil {
		return err
	}
	return wineUp(cfg, w)
}

// config is where winexec keeps things and the environment Wine runs in.
type config struct {
	cache   string   // WINCGO_CACHE, else os.UserCacheDir()/wincgo: locks, our prefix
	prefix  string   // WINEPREFIX (absolute), else cache/wineprefix
	ours    bool     // prefix lies in cache: winexec may recreate it
	persist string   // seconds an idle wineserver stays up
	env     []string // the environment of every Wine process started
}

func loadConfig(getenv func(string) string, userCacheDir func() (string, error)) (*config, error) {
	cfg := &config{cache: getenv("WINCGO_CACHE")}
	if cfg.cache == "" {
		dir, err := userCacheDir()
		if err != nil {
			return nil, fail(exitSetup, "no cache directory for the Wine prefix (%v): set WINEPREFIX or WINCGO_CACHE", err)
		}
		cfg.cache = filepath.Join(dir, "wincgo")
	}
	var err error
	if cfg.cache, err = filepath.Abs(cfg.cache); err != nil {
		return nil, fail(exitSetup, "%v", err)
	}
	cfg.prefix = getenv("WINEPREFIX")
	if cfg.prefix == "" {
		cfg.prefix = filepath.Join(cfg.cache, "wineprefix")
	}
	if cfg.prefix, err = filepath.Abs(cfg.prefix); err != nil {
		return nil, fail(exitSetup, "%v", err)
	}
	cfg.ours = strings.HasPrefix(cfg.prefix, cfg.cache+string(filepath.Separator))
	cfg.persist = getenv("WINCGO_WINESERVER_PERSIST")
	if cfg.persist == "" {
		cfg.persist = "300"
	}
	if n, err := strconv.Atoi(cfg.persist); err != nil || n < 0 {
		return nil, fail(exitSetup, "WINCGO_WINESERVER_PERSIST=%q: want a number of seconds", cfg.persist)
	}
	env := setEnv(os.Environ(), "WINEPREFIX", cfg.prefix, true)
	// Wine's fixme and err lines would land in the program's stderr.
	env = setEnv(env, "WINEDEBUG", "-all", false)
	cfg.env = setEnv(env, "WINEDLLOVERRIDES", dllOverrides, false)
	return cfg, nil
}

// setEnv sets key=value in env, replacing an existing value only if
// override is true (an empty value counts as unset).
func setEnv(env []string, key, value string, override bool) []string {
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		if k != key {
			out = append(out, kv)
			continue
		}
		if !override && v != "" {
			value = v
		}
	}
	return append(out, key+"="+value)
}

// wine is a Wine installation.
type wine struct {
	loader64 string   // runs 64-bit programs and the prefix set-up
	loader32 string   // runs 32-bit programs ("" if none is installed)
	env      []string // added for the loaders (WINELOADER for Debian's wine64)
	server   string   // wineserver
	version  string   // wine --version: "wine-8.0 (Debian 8.0~repack-4)"
	major    int      // 8
}

const wineHint = "install Wine 8 or later (Debian/Ubuntu: sudo apt-get install wine wine64), or set WINE to its wine program"

// findWine finds Wine: $WINE, else wine on PATH. Debian's wine is a script
// choosing between a 32-bit loader (wine32:i386) and wine64: when the
// 32-bit one is installed it runs everything through it, which fails where
// the kernel cannot run i386 programs. So winexec reads the script's two
// paths and runs 64-bit programs with wine64 itself (WINELOADER set, as the
// script does), and 32-bit ones with the 32-bit loader.
// Its version is asked with env (Wine refuses an empty WINEPREFIX even
// there).
func findWine(getenv func(string) string, lookPath func(string) (string, error), env []string) (*wine, error) {
	name := getenv("WINE")
	if name == "" {
		name = "wine"
	}
	path, err := lookPath(name)
	if err != nil {
		return nil, fail(exitSetup, "Wine not found (%v): %s", err, wineHint)
	}
	w := &wine{loader64: path, loader32: path}
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		if text, err := readHead(resolved, 64<<10); err == nil && bytes.HasPrefix(text, []byte("#!")) {
			w32, w64 := debianLoaders(string(text))
			if w64 != "" && isExecutable(w64) {
				w.loader64, w.loader32 = w64, ""
				if isExecutable(w32) {
					w.loader32 = w32
				}
				if getenv("WINELOADER") == "" {
					w.env = append(w.env, "WINELOADER="+w64)
				}
			}
		}
	}
	if w.server, err = lookPath("wineserver"); err != nil {
		next := filepath.Join(filepath.Dir(w.loader64), "wineserver")
		if !isExecutable(next) {
			return nil, fail(exitSetup, "wineserver not found on PATH nor next to %s: %s", w.loader64, wineHint)
		}
		w.server = next
	}
	cmd := exec.Command(w.loader64, "--version")
	cmd.Dir = "/"
	cmd.Env = append(env, w.env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fail(exitSetup, "%s --version: %v %s: %s", w.loader64, err, bytes.TrimSpace(stderr.Bytes()), wineHint)
	}
	w.version = strings.TrimSpace(string(out))
	if w.major, err = wineMajor(w.version); err != nil {
		return nil, fail(exitSetup, "%s --version: %v", w.loader64, err)
	}
	return w, nil
}

// check32 returns the loader for 32-bit programs, once it has run.
func (w *wine) check32(env []string) (string, error) {
	if w.loader32 == "" {
		return "", fail(exitCannot, "32-bit Windows programs need 32-bit Wine, which is not installed "+
			"(Debian: sudo dpkg --add-architecture i386 && sudo apt-get update && sudo apt-get install wine32:i386; "+
			"the kernel must be able to run i386 programs)")
	}
	if w.loader32 == w.loader64 {
		return w.loader32, nil
	}
	cmd := exec.Command(w.loader32, "--version")
	cmd.Dir = "/"
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		if errors.Is(err, syscall.ENOEXEC) {
			return "", fail(exitCannot, "this kernel cannot run the 32-bit Wine loader %s (exec format error: no i386 support), "+
				"so 32-bit Windows programs cannot run here; build for GOARCH=amd64", w.loader32)
		}
		return "", fail(exitCannot, "%s --version: %v %s", w.loader32, err, bytes.TrimSpace(out))
	}
	return w.loader32, nil
}

// debianLoaders reads the wine32= and wine64= paths from the text of
// Debian's wine script ("" for a line absent).
func debianLoaders(script string) (wine32, wine64 string) {
	sc := bufio.NewScanner(strings.NewReader(script))
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
		if !ok || !strings.HasPrefix(v, "/") || strings.ContainsAny(v, " \t\"'$") {
			continue
		}
		switch k {
		case "wine32":
			wine32 = v
		case "wine64":
			wine64 = v
		}
	}
	return wine32, wine64
}

// wineMajor parses wine --version's major number: "wine-8.0 (Debian
// 8.0~repack-4)" is 8, "wine-9.0-rc1" 9.
func wineMajor(version string) (int, error) {
	rest, ok := strings.CutPrefix(version, "wine-")
	end := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		end = len(rest)
	}
	n, err := strconv.Atoi(rest[:end])
	if !ok || err != nil {
		return 0, fmt.Errorf("cannot parse Wine version %q", version)
	}
	return n, nil
}

func readHead(path string, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // read-only
	buf := make([]byte, n)
	m, err := f.Read(buf)
	if err != nil {
		return nil, err
	}
	return buf[:m], nil
}

func isExecutable(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0
}

// needsShim: Wine >= 9 ships bcryptprimitives.dll with ProcessPrng.
func (w *wine) needsShim() bool { return w.major < 9 }

// shimHash names the shim's source: the first 16 hex digits of the SHA-256
// of prng.c followed by prng.def (as build/install.sh computed it).
func shimHash() string {
	h := sha256.New()
	for _, name := range []string{"prng/prng.c", "prng/prng.def"} {
		b, err := prngFS.ReadFile(name)
		if err != nil {
			panic(err) // embedded: cannot fail
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// The stamp, $WINEPREFIX/.wincgo-stamp, says how the prefix was set up:
//
//	wine: <wine --version>
//	setup: <setupRevision>
//	dll: <state of system32\bcryptprimitives.dll>
//	dll32: <state of syswow64\bcryptprimitives.dll>   (once a 32-bit program ran)
//
// where a state is wine-builtin (Wine >= 9: nothing installed), shim-<hash>
// (our shim, built from that source) or prefix-own (a DLL not ours, left
// alone). When it says what is wanted, nothing is done.
const stampName = ".wincgo-stamp"

func stampHead(version string) string {
	return fmt.Sprintf("wine: %s\nsetup: %d", version, setupRevision)
}

// stampOK reports whether a stamp says the prefix is ready for a program
// (32-bit if need32) under the Wine of version.
func stampOK(stamp, version string, needShim bool, hash string, need32 bool) bool {
	lines := strings.Split(strings.TrimRight(stamp, "\n"), "\n")
	if len(lines) < 3 || strings.Join(lines[:2], "\n") != stampHead(version) {
		return false
	}
	okState := func(line, key string) bool {
		state, found := strings.CutPrefix(line, key+": ")
		if !needShim {
			return found && state == "wine-builtin"
		}
		return found && (state == "shim-"+hash || state == "prefix-own")
	}
	if !okState(lines[2], "dll") {
		return false
	}
	if need32 && needShim {
		return len(lines) >= 4 && okState(lines[3], "dll32")
	}
	return true
}

// ensurePrefix makes cfg.prefix ready: created and set up if it is ours and
// missing or stale, the shim installed where needed, the stamp written. A
// prefix that is not ours is never removed.
func ensurePrefix(cfg *config, w *wine, need32 bool) error {
	stampPath := filepath.Join(cfg.prefix, stampName)
	hash := shimHash()
	if b, err := os.ReadFile(stampPath); err == nil && stampOK(string(b), w.version, w.needsShim(), hash, need32) {
		return nil
	}

	unlock, err := lock(filepath.Join(cfg.cache, "prefix.lock"))
	if err != nil {
		return err
	}
	defer unlock()
	// Another winexec may have done it while this one waited.
	old, err := os.ReadFile(stampPath)
	if err == nil && stampOK(string(old), w.version, w.needsShim(), hash, need32) {
		return nil
	}
	head := stampHead(w.version)
	if cfg.ours && err == nil && !strings.HasPrefix(string(old), head+"\n") ||
		cfg.ours && errors.Is(err, fs.ErrNotExist) && exists(cfg.prefix) {
		logf("recreating %s (unfinished, or made by another Wine or set-up)", cfg.prefix)
		_ = quiet(cfg, nil, w.server, "-k") // its server, if running, holds it
		if err := os.RemoveAll(cfg.prefix); err != nil {
			return fail(exitSetup, "removing the stale prefix: %v", err)
		}
	}
	t0 := time.Now()
	if !exists(filepath.Join(cfg.prefix, "system.reg")) {
		if err := createPrefix(cfg, w); err != nil {
			return err
		}
	}

	stamp := head + "\ndll: wine-builtin"
	if w.needsShim() {
		state, err := installShim(cfg.prefix, "system32", machineAMD64, hash)
		if err != nil {
			return err
		}
		stamp = head + "\ndll: " + state
		if need32 {
			if state, err = installShim(cfg.prefix, "syswow64", machine386, hash); err != nil {
				return err
			}
			stamp += "\ndll32: " + state
		}
	}
	if err := writeAtomic(stampPath, []byte(stamp+"\n")); err != nil {
		return fail(exitSetup, "writing the prefix stamp: %v", err)
	}
	if d := time.Since(t0); d > time.Second {
		logf("Wine prefix %s ready in %.0fs", cfg.prefix, d.Seconds())
	}
	return nil
}

// createPrefix makes a new prefix: wineboot, Windows 10, the null graphics
// driver. Wine's output goes to a log file, shown on failure: never to our
// stdout, which Wine's background processes would keep open (see wineUp).
func createPrefix(cfg *config, w *wine) error {
	logf("creating Wine prefix %s (wineboot: 10-20 s)", cfg.prefix)
	if err := os.MkdirAll(filepath.Dir(cfg.prefix), 0o750); err != nil {
		return fail(exitSetup, "%v", err)
	}
	log, err := os.CreateTemp("", "winexec-wineboot-*.log")
	if err != nil {
		return fail(exitSetup, "%v", err)
	}
	defer os.Remove(log.Name()) //nolint:errcheck // a temporary file
	defer log.Close()           //nolint:errcheck // only read back on failure
	env := setEnv(cfg.env, "WINEDLLOVERRIDES", dllOverrides, true)
	env = setEnv(env, "WINEARCH", "win64", false)
	steps := [][]string{
		{w.loader64, "wineboot", "-i"},
		// Go >= 1.21 supports Windows 10 and later: look like it.
		{w.loader64, "winecfg", "/v", "win10"},
		// Headless windows: the null graphics driver lets CreateWindow
		// succeed without an X display.
		{w.loader64, "reg", "add", `HKCU\Software\Wine\Drivers`, "/v", "Graphics", "/d", "null", "/f"},
		// Let the server write the registry to disk and exit.
		{w.server, "-w"},
	}
	for _, step := range steps {
		cmd := exec.Command(step[0], step[1:]...)
		cmd.Dir = "/"
		cmd.Env = append(env, w.env...)
		cmd.Stdout, cmd.Stderr = log, log
		if err := cmd.Run(); err != nil {
			out, _ := os.ReadFile(log.Name())
			return fail(exitSetup, "making the Wine prefix %s: %s: %v\n%s", cfg.prefix, strings.Join(step, " "), err, out)
		}
	}
	return nil
}

// installShim puts the ProcessPrng shim for machine into the prefix's
// windows\<dir> and returns the DLL's state for the stamp. A
// bcryptprimitives.dll that is not ours is left alone (prefix-own).
func installShim(prefix, dir, machine, hash string) (string, error) {
	sysdir := filepath.Join(prefix, "drive_c", "windows", dir)
	if !exists(filepath.Join(sysdir, "kernel32.dll")) {
		if machine == machine386 {
			return "", fail(exitCannot, "the Wine prefix %s has no 32-bit part (no windows\\syswow64\\kernel32.dll): "+
				"it was made without 32-bit Wine (wine32); 32-bit programs cannot run in it", prefix)
		}
		return "", fail(exitSetup, "%s has no drive_c/windows/%s/kernel32.dll: not a Wine prefix", prefix, dir)
	}
	target := filepath.Join(sysdir, "bcryptprimitives.dll")
	have, err := os.ReadFile(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return "", fail(exitSetup, "%v", err)
	case !bytes.Contains(have, []byte(shimMarker)):
		logf("%s exists and is not ours: leaving it alone", target)
		return "prefix-own", nil
	}
	dll, err := buildShim(machine)
	if err != nil {
		return "", err
	}
	if !bytes.Equal(dll, have) {
		logf("installing the ProcessPrng shim (this Wine has no bcryptprimitives.dll) into %s", target)
		// A new file renamed over the old: a running program keeps the
		// DLL it mapped.
		if err := writeAtomic(target, dll); err != nil {
			return "", fail(exitSetup, "installing the shim: %v", err)
		}
	}
	return "shim-" + hash, nil
}

// shimCC is the mingw-w64 gcc and its Debian package, per machine.
var shimCC = map[string][2]string{
	machineAMD64: {"x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64"},
	machine386:   {"i686-w64-mingw32-gcc", "gcc-mingw-w64-i686"},
}

// buildShim compiles the embedded prng.c and prng.def into a DLL for
// machine with mingw-w64 and returns its bytes.
func buildShim(machine string) ([]byte, error) {
	cc, pkg := shimCC[machine][0], shimCC[machine][1]
	if _, err := exec.LookPath(cc); err != nil {
		return nil, fail(exitSetup, "%s not found: Wine < 9 has no bcryptprimitives.dll, without which every Go program dies at start "+
			"(Go's runtime needs its ProcessPrng), and winexec builds a replacement with mingw-w64: "+
			"install it (Debian/Ubuntu: sudo apt-get install %s)", cc, pkg)
	}
	dir, err := os.MkdirTemp("", "winexec-prng-")
	if err != nil {
		return nil, fail(exitSetup, "%v", err)
	}
	defer os.RemoveAll(dir) //nolint:errcheck // a temporary directory
	for _, name := range []string{"prng.c", "prng.def"} {
		b, _ := prngFS.ReadFile("prng/" + name)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			return nil, fail(exitSetup, "%v", err)
		}
	}
	cmd := exec.Command(cc, "-shared", "-O2", "-s", "-Wl,--no-insert-timestamp",
		"-o", "bcryptprimitives.dll", "prng.c", "prng.def", "-ladvapi32")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fail(exitSetup, "building the ProcessPrng shim: %s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	dll, err := os.ReadFile(filepath.Join(dir, "bcryptprimitives.dll"))
	if err != nil {
		return nil, fail(exitSetup, "%v", err)
	}
	return dll, nil
}

// wineUp makes sure a wineserver for the prefix runs, staying up for
// cfg.persist idle seconds, with Wine's background processes
// (services.exe, explorer.exe, ...) started.
//
// Why: the first Wine process of a session spawns those and they inherit
// its stdout and stderr. Were that process the program, a pipe reading its
// output (go test's) would stay open as long as they live: "Test I/O
// incomplete 1m0s after exiting". Started here, they get /dev/null.
func wineUp(cfg *config, w *wine) error {
	unlock, err := lock(filepath.Join(cfg.cache, "wineserver.lock"))
	if err != nil {
		return err
	}
	defer unlock()
	// Exits 0 having started a server, non-zero when one already runs.
	if quiet(cfg, nil, w.server, "-p"+cfg.persist) != nil {
		return nil
	}
	if err := quiet(cfg, w.env, w.loader64, "cmd", "/c", "exit"); err != nil {
		return fail(exitSetup, "starting Wine in %s: %v (set WINEDEBUG=err+all to see why)", cfg.prefix, err)
	}
	return nil
}

// quiet runs a Wine command with stdio on /dev/null, from /.
func quiet(cfg *config, extraEnv []string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = "/"
	cmd.Env = append(cfg.env, extraEnv...)
	return cmd.Run()
}

// lock takes an exclusive flock on path (made if missing), serialising the
// set-up with other winexec runs; the returned function releases it.
func lock(path string) (func(), error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fail(exitSetup, "%v", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fail(exitSetup, "%v", err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		_ = f.Close()
		return nil, fail(exitSetup, "locking %s: %v", path, err)
	}
	return func() { _ = f.Close() }, nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// writeAtomic writes data to a new file beside path (mode 0600: Wine runs
// as the same user) and renames it over path: readers see the old file or
// the new one, never a part.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
	return err
}
