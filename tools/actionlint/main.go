// actionlint's command as cmd/actionlint builds it (github.com/rhysd/actionlint, at the version
// go.mod pins), with one addition for doppio-lint: an argument `@FILE` stands for the paths listed
// in FILE, one a line. doppio-lint names each workflow it lints, and 1,500 paths overflow both a
// Windows command line (32 kB) and the arguments Go's js/wasm port accepts (about 8 kB).
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/rhysd/actionlint"

	_ "time/tzdata"
)

func main() {
	args, err := expandListFiles(os.Args)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(actionlint.ExitStatusInvalidCommandOption)
	}
	cmd := actionlint.Command{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	os.Exit(cmd.Main(args))
}

// expandListFiles replaces each `@FILE` argument with the non-empty lines of FILE.
func expandListFiles(args []string) ([]string, error) {
	expanded := make([]string, 0, len(args))
	for i, arg := range args {
		if i == 0 || !strings.HasPrefix(arg, "@") {
			expanded = append(expanded, arg)
			continue
		}
		data, err := os.ReadFile(arg[1:])
		if err != nil {
			return nil, fmt.Errorf("cannot read the list of files %s: %w", arg[1:], err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if line = strings.TrimSuffix(line, "\r"); line != "" {
				expanded = append(expanded, line)
			}
		}
	}
	return expanded, nil
}
