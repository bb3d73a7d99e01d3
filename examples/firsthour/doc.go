// Package firsthour holds the programs README.md shows (events, spawn,
// port, sockets: each a complete program whose Example test verifies its
// output)
// and the tests that keep README.md true:
//
//   - TestREADMESnippets (every platform): every ```go block of README.md
//     is, byte for byte, the file or the marked region of a file named by
//     the <!-- snippet: ... --> comment above it, and every block under
//     <!-- output: FILE ExampleName --> is that Example's verified
//     // Output:. `go test ./examples/firsthour -run TestREADMESnippets
//     -update` rewrites the blocks from their sources.
//   - TestOutsideModule (Linux): runs the README's "Using wincgo from your
//     own module" commands in a new module outside the repository, one per
//     program, with each program as README.md shows it, and checks that it
//     prints what README.md says.
//
// Markers in README.md, each on the line before a fenced block:
//
//	<!-- snippet: PATH -->            the whole file PATH (from the repository root)
//	<!-- snippet: PATH#NAME -->       the lines between "// snippet:begin NAME" and
//	                                  "// snippet:end NAME" in PATH, dedented
//	<!-- output: PATH ExampleName --> the // Output: of ExampleName in PATH
//	<!-- outside-module: STEP -->     shell commands TestOutsideModule runs (init, run, exec, tools)
package firsthour
