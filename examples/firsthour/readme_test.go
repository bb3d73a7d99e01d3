package firsthour

import (
	"flag"
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite README.md's marked blocks from the files they come from")

// repoRoot is the repository's root, from this package's directory (go
// test runs a test binary there).
const repoRoot = "../.."

// block is a fenced block of README.md with the marker comment above it.
type block struct {
	kind   string // snippet, output or outside-module; "" for an unmarked block
	arg    string // the marker's argument: PATH, PATH#NAME, "PATH ExampleName" or a step
	line   int    // the fence's line number (1-based)
	lang   string // the fence's info string: go, sh, text, ...
	indent string // the fence's indentation, stripped from its content
	body   []int  // the content's line indexes (0-based)
}

func (b block) String() string {
	if b.kind == "" {
		return fmt.Sprintf("README.md:%d: ```%s block", b.line, b.lang)
	}
	return fmt.Sprintf("README.md:%d: <!-- %s: %s --> block", b.line, b.kind, b.arg)
}

var markerRE = regexp.MustCompile(`^<!-- (snippet|output|outside-module): (.+?) -->$`)

// readme is README.md split into lines (CRLF read as LF: a Windows
// checkout may have either).
type readme struct {
	lines  []string
	blocks []block
}

func readREADME(t *testing.T) *readme {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	require.NoError(t, err)
	r, err := parseREADME(strings.ReplaceAll(string(data), "\r\n", "\n"))
	require.NoError(t, err)
	return r
}

// parseREADME finds the fenced blocks and their markers. A marker must be
// on the line right before its block's opening fence.
func parseREADME(text string) (*readme, error) {
	r := &readme{lines: strings.Split(strings.TrimSuffix(text, "\n"), "\n")}
	for i := 0; i < len(r.lines); i++ {
		trimmed := strings.TrimLeft(r.lines[i], " \t")
		if !strings.HasPrefix(trimmed, "```") {
			if m := markerRE.FindStringSubmatch(strings.TrimSpace(r.lines[i])); m != nil &&
				(i+1 >= len(r.lines) || !strings.HasPrefix(strings.TrimLeft(r.lines[i+1], " \t"), "```")) {
				return nil, fmt.Errorf("README.md:%d: %s is not on the line right before a ``` fence", i+1, m[0])
			}
			continue
		}
		b := block{line: i + 1, lang: strings.TrimPrefix(trimmed, "```"),
			indent: r.lines[i][:len(r.lines[i])-len(trimmed)]}
		if i > 0 {
			if m := markerRE.FindStringSubmatch(strings.TrimSpace(r.lines[i-1])); m != nil {
				b.kind, b.arg = m[1], m[2]
			}
		}
		for i++; ; i++ {
			if i == len(r.lines) {
				return nil, fmt.Errorf("README.md:%d: the ``` fence is never closed", b.line)
			}
			if strings.TrimLeft(r.lines[i], " \t") == "```" {
				break
			}
			b.body = append(b.body, i)
		}
		r.blocks = append(r.blocks, b)
	}
	return r, nil
}

// text returns b's content without the fence's indentation, each line
// ending in a newline.
func (r *readme) text(b block) string {
	var s strings.Builder
	for _, i := range b.body {
		s.WriteString(strings.TrimPrefix(r.lines[i], b.indent))
		s.WriteByte('\n')
	}
	return s.String()
}

// replace sets the content of every block in want (keyed by its fence's
// line), indented as its fence, and returns README.md's new text.
func (r *readme) replace(want map[int]string) string {
	var out []string
	next := 0
	for _, b := range r.blocks {
		content, ok := want[b.line]
		if !ok {
			continue
		}
		first := b.line // the index of the first content line
		out = append(out, r.lines[next:first]...)
		for l := range strings.Lines(content) {
			l = strings.TrimSuffix(l, "\n")
			if l != "" {
				l = b.indent + l
			}
			out = append(out, l)
		}
		next = first + len(b.body)
	}
	out = append(out, r.lines[next:]...)
	return strings.Join(out, "\n") + "\n"
}

// readSource reads a repository file, CRLF read as LF.
func readSource(path string) (string, error) {
	if filepath.IsAbs(path) || strings.Contains(path, "..") {
		return "", fmt.Errorf("%s: expected a path inside the repository, from its root", path)
	}
	data, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(path)))
	if err != nil {
		return "", err
	}
	return strings.ReplaceAll(string(data), "\r\n", "\n"), nil
}

// snippetSource returns what a snippet marker's block must hold: the whole
// file PATH, or for PATH#NAME the lines between "// snippet:begin NAME"
// and "// snippet:end NAME", without their common indentation.
func snippetSource(arg string) (string, error) {
	path, name, isRegion := strings.Cut(arg, "#")
	text, err := readSource(path)
	if err != nil {
		return "", err
	}
	if !isRegion {
		return text, nil
	}
	if strings.HasSuffix(path, "_test.go") {
		if err := outputsKept(path, text); err != nil {
			return "", err
		}
	}
	return region(path, text, name)
}

// outputsKept fails when a function of a test file has an // Output:
// comment that go test does not see, as when a "// snippet:end" line right
// above it joins its comment group: the Example would then not run.
func outputsKept(path, src string) error {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
	if err != nil {
		return err
	}
	verified := map[string]bool{}
	for _, ex := range doc.Examples(f) {
		verified["Example"+ex.Name] = ex.Output != "" || ex.EmptyOutput
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil || verified[fd.Name.Name] {
			continue
		}
		for _, cg := range f.Comments {
			if cg.Pos() > fd.Body.Lbrace && cg.End() < fd.Body.Rbrace && strings.Contains(cg.Text(), "Output:") {
				return fmt.Errorf("%s:%d: %s has an // Output: go test does not see (it must begin its own comment group: a blank line before it)",
					path, fset.Position(cg.Pos()).Line, fd.Name.Name)
			}
		}
	}
	return nil
}

// region returns the lines of text between "// snippet:begin name" and
// "// snippet:end name", without their common indentation.
func region(path, text, name string) (string, error) {
	var lines []string
	inside, found := false, false
	for l := range strings.Lines(text) {
		f := strings.Fields(l)
		switch {
		case len(f) >= 3 && f[0] == "//" && f[1] == "snippet:begin" && f[2] == name:
			if found {
				return "", fmt.Errorf("%s: region %q begins twice", path, name)
			}
			inside, found = true, true
		case len(f) >= 3 && f[0] == "//" && f[1] == "snippet:end" && f[2] == name:
			inside = false
		case inside:
			lines = append(lines, l)
		}
	}
	switch {
	case !found:
		return "", fmt.Errorf("%s: no line // snippet:begin %s", path, name)
	case inside:
		return "", fmt.Errorf("%s: region %q has no // snippet:end %s", path, name, name)
	case len(lines) == 0:
		return "", fmt.Errorf("%s: region %q is empty", path, name)
	}
	return dedent(lines), nil
}

// dedent removes the leading whitespace all non-blank lines share.
func dedent(lines []string) string {
	prefix := ""
	first := true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		ws := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first {
			prefix, first = ws, false
			continue
		}
		for !strings.HasPrefix(ws, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	var s strings.Builder
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			s.WriteString("\n")
			continue
		}
		s.WriteString(strings.TrimPrefix(l, prefix))
	}
	return s.String()
}

// outputSource returns the // Output: of the Example function named in an
// output marker ("PATH ExampleName"), the text go test verifies.
func outputSource(arg string) (string, error) {
	path, name, ok := strings.Cut(arg, " ")
	if !ok || !strings.HasSuffix(path, "_test.go") || !strings.HasPrefix(name, "Example") {
		return "", fmt.Errorf("%q: expected PATH_test.go ExampleName", arg)
	}
	src, err := readSource(path)
	if err != nil {
		return "", err
	}
	f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.ParseComments)
	if err != nil {
		return "", err
	}
	for _, ex := range doc.Examples(f) {
		if "Example"+ex.Name != name {
			continue
		}
		if ex.Output == "" || ex.EmptyOutput {
			return "", fmt.Errorf("%s: %s has no // Output: to show", path, name)
		}
		return strings.TrimSpace(ex.Output) + "\n", nil
	}
	var funcs []string
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && strings.HasPrefix(fd.Name.Name, "Example") {
			funcs = append(funcs, fd.Name.Name)
		}
	}
	return "", fmt.Errorf("%s: no %s (it has %v)", path, name, funcs)
}

// TestREADMESnippets checks that README.md's code cannot rot: every Go
// block is a file (or a marked region of one) that go test compiles, and
// every output it shows is an Example's verified // Output:.
func TestREADMESnippets(t *testing.T) {
	r := readREADME(t)
	want := map[int]string{}
	for _, b := range r.blocks {
		var source string
		var err error
		switch {
		case b.kind == "snippet":
			source, err = snippetSource(b.arg)
		case b.kind == "output":
			source, err = outputSource(b.arg)
		case b.lang == "go":
			t.Errorf("%s has no <!-- snippet: PATH --> marker on the line above: every Go block must come from a file go test compiles", b)
			continue
		default:
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", b, err)
			continue
		}
		if b.kind == "snippet" && b.lang != "go" {
			t.Errorf("%s: a snippet's fence must say ```go", b)
		}
		if got := r.text(b); got != source {
			want[b.line] = source
			if !*update {
				t.Errorf("%s is stale: go test ./examples/firsthour -run TestREADMESnippets -update rewrites it from its source; README.md (-) and the source (+) differ:\n%s",
					b, cmp.Diff(strings.Split(got, "\n"), strings.Split(source, "\n")))
			}
		}
	}
	if *update && len(want) > 0 {
		// An existing file keeps its mode.
		require.NoError(t, os.WriteFile(filepath.Join(repoRoot, "README.md"), []byte(r.replace(want)), 0o600))
		t.Logf("rewrote %d blocks of README.md", len(want))
	}
}

func TestParseREADME(t *testing.T) {
	r, err := parseREADME("text\n<!-- snippet: a/b.go -->\n```go\nx\n\n  y\n```\n- item:\n\n  ```sh\n  ls\n  ```\n```go\nz\n```\n")
	require.NoError(t, err)
	require.Len(t, r.blocks, 3)
	assert.Equal(t, "snippet", r.blocks[0].kind)
	assert.Equal(t, "a/b.go", r.blocks[0].arg)
	assert.Equal(t, 3, r.blocks[0].line)
	assert.Equal(t, "x\n\n  y\n", r.text(r.blocks[0]))
	assert.Equal(t, "ls\n", r.text(r.blocks[1]), "an indented fence's indentation is not content")
	assert.Equal(t, "", r.blocks[2].kind, "a block without a marker")

	// -update's rewrite keeps everything else and indents as the fence.
	got := r.replace(map[int]string{3: "new\n", 10: "pwd\ncd\n"})
	assert.Equal(t, "text\n<!-- snippet: a/b.go -->\n```go\nnew\n```\n- item:\n\n  ```sh\n  pwd\n  cd\n  ```\n```go\nz\n```\n", got)

	for text, want := range map[string]string{
		"<!-- snippet: a.go -->\n\n```go\nx\n```\n": "README.md:1: <!-- snippet: a.go --> is not on the line right before",
		"```go\nx\n": "README.md:1: the ``` fence is never closed",
	} {
		_, err := parseREADME(text)
		assert.ErrorContains(t, err, want, "%q", text)
	}
}

func TestRegion(t *testing.T) {
	text := "func f() {\n\t// snippet:begin r (shown in README.md)\n\tif x {\n\t\ty()\n\n\t}\n\t// snippet:end r\n}\n"
	got, err := region("f.go", text, "r")
	require.NoError(t, err)
	assert.Equal(t, "if x {\n\ty()\n\n}\n", got)

	for name, want := range map[string]string{
		"missing": "f.go: no line // snippet:begin missing",
	} {
		_, err := region("f.go", text, name)
		assert.EqualError(t, err, want)
	}
	_, err = region("f.go", "// snippet:begin r\nx\n", "r")
	assert.EqualError(t, err, `f.go: region "r" has no // snippet:end r`)
	_, err = region("f.go", "// snippet:begin r\n// snippet:end r\n", "r")
	assert.EqualError(t, err, `f.go: region "r" is empty`)
	_, err = region("f.go", "// snippet:begin r\nx\n// snippet:end r\n// snippet:begin r\n", "r")
	assert.EqualError(t, err, `f.go: region "r" begins twice`)
}

func TestOutputSource(t *testing.T) {
	got, err := outputSource("examples/firsthour/spawn/example_test.go Example")
	require.NoError(t, err)
	assert.Equal(t, "the child wrote \"hello from the parent\\r\\n\" and exited with code 3\n", got)

	for arg, want := range map[string]string{
		"examples/firsthour/spawn/main.go Example":             "expected PATH_test.go ExampleName",
		"examples/firsthour/spawn/example_test.go TestMain":    "expected PATH_test.go ExampleName",
		"examples/firsthour/spawn/example_test.go ExampleNope": "no ExampleNope (it has [Example])",
	} {
		_, err := outputSource(arg)
		assert.ErrorContains(t, err, want, arg)
	}
	err = outputsKept("x_test.go", "package x\n\nfunc ExampleX() {\n\t// snippet:end r\n\t// Output: 1\n}\n")
	assert.EqualError(t, err, "x_test.go:4: ExampleX has an // Output: go test does not see (it must begin its own comment group: a blank line before it)")
	assert.NoError(t, outputsKept("x_test.go", "package x\n\nfunc ExampleX() {\n\t// snippet:end r\n\n\t// Output: 1\n}\n"))

	_, err = snippetSource("../go.mod")
	assert.ErrorContains(t, err, "expected a path inside the repository")
}
