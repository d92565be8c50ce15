package itest

import (
	"bufio"
	"bytes"
	"context"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// readmeCommand is one command of a ```sh block of README.md.
type readmeCommand struct {
	line int // in README.md
	text string
}

// readmeCommands extracts the commands of README.md's ```sh blocks: one a
// line, a line ending in a backslash joined to the next, and in a block
// written as a terminal session ("$ relmap db env" above its output) only
// the lines after the prompt.
func readmeCommands(t *testing.T, readme []byte) []readmeCommand {
	t.Helper()
	var out []readmeCommand
	var block []readmeCommand
	in := false
	sc := bufio.NewScanner(bytes.NewReader(readme))
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		switch {
		case !in && strings.TrimSpace(l) == "```sh":
			in, block = true, nil
		case in && strings.TrimSpace(l) == "```":
			in = false
			session := slices.ContainsFunc(block, func(c readmeCommand) bool { return strings.HasPrefix(c.text, "$ ") })
			for _, c := range block {
				if session {
					if !strings.HasPrefix(c.text, "$ ") {
						continue // the output shown
					}
					c.text = strings.TrimPrefix(c.text, "$ ")
				}
				out = append(out, c)
			}
		case in:
			if k := len(block) - 1; k >= 0 && strings.HasSuffix(block[k].text, `\`) {
				block[k].text = strings.TrimSuffix(block[k].text, `\`) + "\n" + l
				continue
			}
			if k := len(block) - 1; k >= 0 && openQuote(block[k].text) {
				block[k].text += "\n" + l // a statement spread over lines
				continue
			}
			if strings.TrimSpace(l) != "" && !strings.HasPrefix(strings.TrimSpace(l), "#") {
				block = append(block, readmeCommand{n, l})
			}
		}
	}
	if in {
		t.Fatal("README.md: a ```sh block is not closed")
	}
	return out
}

// readmeNotRun are the README's commands a test cannot run, each with why.
// Every one must still be in README.md, so the list cannot go stale.
var readmeNotRun = map[string]string{
	"make demo": "the demo starts its own database; make test runs this test",
	"make test": "runs this test",
	"go install github.com/relmap/relmap/cmd/relmap@latest": "fetches from the network; the test runs the built binary",
	"relmap db start":                         "the test runs against its own throwaway database",
	"relmap db status; relmap db stop":        "would stop the test's database",
	`eval "$(relmap db env)"; cypher-shell`:   "cypher-shell is interactive and not installed with relmap",
	`eval "$(relmap db env --show-password)"`: "sets variables for the next commands of a shell session",
}

// Every command README.md shows in a ```sh block runs, as written, against
// the real database with the built binary, and succeeds; a command writing a
// file (-o FILE) writes it and prints nothing on standard output. The first
// example (the CSTO's members) answers at its date: each member once, and
// none that had left by then.
func TestReadmeExamples(t *testing.T) {
	s := openStore(t)
	_ = s
	bin := benchBinary(t)
	cfg, _, _ := conn()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	cmds := readmeCommands(t, readme)
	if len(cmds) < 30 {
		t.Fatalf("only %d commands found in README.md's ```sh blocks", len(cmds))
	}
	// The commands run in a directory of their own, with the seeds beside
	// them as in a checkout and relmap first on PATH.
	work := t.TempDir()
	if err := os.CopyFS(filepath.Join(work, "seeds"), os.DirFS(filepath.Join("..", "..", "seeds"))); err != nil {
		t.Fatal(err)
	}
	binDir := t.TempDir()
	if err := os.Symlink(bin, filepath.Join(binDir, "relmap")); err != nil {
		t.Fatal(err)
	}
	env := append(benchEnv(cfg), "PATH="+binDir+string(os.PathListSeparator)+os.Getenv("PATH"),
		"XDG_STATE_HOME="+t.TempDir(), "COLUMNS=")
	notRun := maps.Clone(readmeNotRun)
	if os.Getenv("RELMAP_DATA") == "" {
		// `relmap db env` speaks of the local database, and there is none.
		notRun["relmap db env"] = "the test database is not a local one (NEO4J_URI)"
	}
	seen := map[string]bool{}
	outFile := regexp.MustCompile(`(?:^|\s)-o\s+(\S+)`)
	var first *readmeCommand
	for i, c := range cmds {
		cmdText := strings.TrimSpace(stripShellComment(c.text))
		if why, skip := notRun[cmdText]; skip {
			seen[cmdText] = true
			t.Logf("README.md:%d: not run (%s): %s", c.line, why, cmdText)
			continue
		}
		if first == nil && strings.HasPrefix(cmdText, "relmap query ") {
			first = &cmds[i]
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		cmd := exec.CommandContext(ctx, "sh", "-c", c.text)
		cmd.Dir, cmd.Env, cmd.Stdin = work, env, strings.NewReader("")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		cancel()
		if err != nil {
			t.Errorf("README.md:%d: %s: %v\n%s", c.line, cmdText, err, stderr.String())
			continue
		}
		if m := outFile.FindStringSubmatch(cmdText); m != nil && m[1] != "-" {
			if stdout.Len() > 0 {
				t.Errorf("README.md:%d: %s: -o %s, yet %d bytes on standard output: %.200s", c.line, cmdText, m[1], stdout.Len(), stdout.String())
			}
			if info, err := os.Stat(filepath.Join(work, m[1])); err != nil || info.Size() == 0 && !info.IsDir() {
				t.Errorf("README.md:%d: %s: -o %s wrote nothing: %v", c.line, cmdText, m[1], err)
			}
		}
		if first == &cmds[i] {
			checkCSTOExample(t, c, cmdText, stdout.String())
		}
	}
	for k := range readmeNotRun {
		if !seen[k] {
			t.Errorf("README.md no longer shows %q: drop it from readmeNotRun", k)
		}
	}
}

// checkCSTOExample checks the README's first query: the CSTO's members on
// its date, each once, none that had left (Georgia, Azerbaijan) or had not
// come back yet.
func checkCSTOExample(t *testing.T, c readmeCommand, cmdText, out string) {
	t.Helper()
	if !strings.Contains(cmdText, "csto") || !strings.Contains(cmdText, "--at ") {
		t.Errorf("README.md:%d: the first example should ask for the CSTO's members at a date: %s", c.line, cmdText)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")[1:] // CSV when piped, after its header
	var states []string
	for _, l := range lines {
		states = append(states, strings.SplitN(l, ",", 2)[0])
	}
	want := []string{"Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan", "Uzbekistan"}
	if !slices.Equal(states, want) {
		t.Errorf("README.md:%d: the CSTO's members: %v, want %v (each once, as on 2012-02-01)\n%s", c.line, states, want, out)
	}
}

// openQuote reports whether s ends inside a quoted string.
func openQuote(s string) bool {
	var quote rune
	prev := ' '
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote == 0 && (r == '\'' || r == '"'):
			quote = r
		case quote == 0 && r == '#' && (prev == ' ' || prev == '\t'):
			return false // a comment: quotes in it do not count
		}
		prev = r
	}
	return quote != 0
}

// stripShellComment drops a trailing shell comment (" # ...") outside quotes.
func stripShellComment(s string) string {
	var quote rune
	for i, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t'):
			return s[:i]
		}
	}
	return s
}

// The extraction itself: blocks, continuations, sessions and comments.
func TestReadmeCommandsExtracted(t *testing.T) {
	md := "text\n```sh\nrelmap load   # the dataset's\n\n# a comment line\nrelmap query 'RETURN\n 1' \\\n  --format csv\n```\n" +
		"```text\nrelmap> :help\n```\n```sh\n$ relmap db env\nexport NEO4J_URI='bolt://x'\n```\n"
	got := readmeCommands(t, []byte(md))
	var texts []string
	for _, c := range got {
		texts = append(texts, strings.TrimSpace(stripShellComment(c.text)))
	}
	want := []string{"relmap load", "relmap query 'RETURN\n 1' \n  --format csv", "relmap db env"}
	if !slices.Equal(texts, want) {
		t.Errorf("got %q\nwant %q", texts, want)
	}
	if got[0].line != 3 || got[2].line != 14 {
		t.Errorf("lines: %d %d", got[0].line, got[2].line)
	}
	if stripShellComment(`relmap query 'x # y' # z`) != `relmap query 'x # y' ` {
		t.Errorf("stripShellComment: %q", stripShellComment(`relmap query 'x # y' # z`))
	}
}
