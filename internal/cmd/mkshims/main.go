// Command mkshims generates wincgo's C shims and raw Go layer from the
// annotated MSDN prototypes in cdefs/ (see cdefs/README.md).
//
// For every directory cdefs/<pkg> (a Go package <pkg> at the repository
// root) and every hand-written header cdefs/<pkg>/<group>.h it writes:
//
//	cdefs/<pkg>/zshims_<group>.h  the wincgo_<Name> shims
//	<pkg>/zraw_windows.go         raw<Name>: Go-typed arguments → shim → check.Result
//	<pkg>/zcgo_windows.go         cgo flags, fault table, injectFault (one template)
//
// and, for every winconst.NAME in the hand-written Go files,
//
//	internal/winconst/zwinconst_windows.go  const NAME = C.NAME (cdefs/winconst.h)
//
// Usage, from the repository root (go generate ./cdefs/ runs it):
//
//	go run ./internal/cmd/mkshims          write the generated files
//	go run ./internal/cmd/mkshims -check   only report stale or missing ones (exit 1)
//
// It uses the standard library only and runs on any GOOS.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	root := flag.String("root", ".", "the repository root")
	checkOnly := flag.Bool("check", false, "write nothing; exit 1 naming the generated files that are stale")
	flag.Parse()
	files, err := generate(os.DirFS(*root))
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkshims:", err)
		os.Exit(1)
	}
	stale, err := staleFiles(*root, files)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkshims:", err)
		os.Exit(1)
	}
	if *checkOnly {
		if len(stale) > 0 {
			fmt.Fprintf(os.Stderr, "mkshims: generated files are stale (the cdefs/ prototypes or the generator changed): %s\n"+
				"mkshims: regenerate them with: go generate ./cdefs/  (or: go run ./internal/cmd/mkshims), and commit them\n",
				strings.Join(stale, ", "))
			os.Exit(1)
		}
		return
	}
	for _, name := range stale {
		p := filepath.Join(*root, filepath.FromSlash(name))
		content, ok := files[name]
		if !ok {
			if err := os.Remove(p); err != nil {
				fmt.Fprintln(os.Stderr, "mkshims:", err)
				os.Exit(1)
			}
			continue
		}
		if err := os.WriteFile(p, content, 0o644); err != nil { //nolint:gosec // G306: a committed source file, readable by all like the rest of the tree
			fmt.Fprintln(os.Stderr, "mkshims:", err)
			os.Exit(1)
		}
	}
}

// isGenerated reports whether a repository path is one mkshims writes.
func isGenerated(name string) bool {
	base := path.Base(name)
	return strings.HasPrefix(base, "zshims_") && strings.HasSuffix(base, ".h") ||
		base == "zraw_windows.go" || base == "zcgo_windows.go" || name == winconstFile
}

// generate returns every generated file, by slash-separated path relative
// to the repository root fsys.
func generate(fsys fs.FS) (map[string][]byte, error) {
	dirs, err := fs.Glob(fsys, "cdefs/*")
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, dir := range dirs {
		if st, err := fs.Stat(fsys, dir); err != nil || !st.IsDir() {
			continue
		}
		pkg := path.Base(dir)
		headers, err := fs.Glob(fsys, dir+"/*.h")
		if err != nil {
			return nil, err
		}
		var groups []string
		fns := map[string][]function{}
		for _, h := range headers {
			if isGenerated(h) {
				continue
			}
			src, err := fs.ReadFile(fsys, h)
			if err != nil {
				return nil, err
			}
			group := strings.TrimSuffix(path.Base(h), ".h")
			parsed, err := parseHeader(string(src))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", h, err)
			}
			if len(parsed) == 0 {
				continue
			}
			groups = append(groups, group)
			fns[group] = parsed
			out, err := genHeader(pkg, group, parsed)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", h, err)
			}
			files[dir+"/zshims_"+group+".h"] = out
		}
		if len(groups) == 0 {
			continue
		}
		sort.Strings(groups)
		raw, err := genRaw(pkg, groups, fns)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
		files[pkg+"/zraw_windows.go"] = raw
		cgo, err := genCgo(pkg)
		if err != nil {
			return nil, err
		}
		files[pkg+"/zcgo_windows.go"] = cgo
	}
	consts, err := genWinconst(fsys)
	if err != nil {
		return nil, err
	}
	if consts != nil {
		files[winconstFile] = consts
	}
	return files, nil
}

// staleFiles returns, sorted, the generated files whose content on disk
// under root differs from want, is missing, or is on disk but no longer
// generated (a removed header's shims).
func staleFiles(root string, want map[string][]byte) ([]string, error) {
	var stale []string
	for name, content := range want {
		have, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name))) //nolint:gosec // G304: the generator reads its own output paths under the repository root
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		if err != nil || !bytes.Equal(have, content) {
			stale = append(stale, name)
		}
	}
	for _, pattern := range []string{"cdefs/*/zshims_*.h", "*/zraw_windows.go", "*/zcgo_windows.go", winconstFile} {
		found, err := fs.Glob(os.DirFS(root), pattern)
		if err != nil {
			return nil, err
		}
		for _, name := range found {
			if _, ok := want[name]; !ok {
				stale = append(stale, name)
			}
		}
	}
	sort.Strings(stale)
	return stale, nil
}
