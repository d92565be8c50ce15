package shell

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/chzyer/readline"
)

// HistoryPath is where the shell keeps its history between sessions:
// $XDG_STATE_HOME/relmap/history, else ~/.local/state/relmap/history.
func HistoryPath() (string, error) {
	base := os.Getenv("XDG_STATE_HOME")
	if base == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		base = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(base, "relmap", "history"), nil
}

// prepareHistory creates the history file, readable by its owner only: the
// statements typed may name what an analyst is looking into. readline
// rewrites a history longer than its limit through path+".tmp", created
// with the umask's mode: that file is made here first, so that it and the
// history renamed from it stay private too.
func prepareHistory(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	for _, p := range []string{path, path + ".tmp"} {
		f, err := os.OpenFile(p, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		f.Close()
		if err := os.Chmod(p, 0o600); err != nil {
			return err
		}
	}
	return nil
}

// settleHistory removes the temporary file readline did not use and makes
// sure the history is private.
func settleHistory(path string) error {
	if err := os.Remove(path + ".tmp"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return os.Chmod(path, 0o600)
}

// Terminal is a LineReader for a person at a terminal: line editing,
// history kept in a file between sessions and completion, by readline.
type Terminal struct{ rl *readline.Instance }

// NewTerminal opens the terminal's line editor with the history file at
// historyPath ("" for none) and completion by c.
func NewTerminal(in io.ReadCloser, out, errOut io.Writer, historyPath string, c Completer) (*Terminal, error) {
	if historyPath != "" {
		if err := prepareHistory(historyPath); err != nil {
			return nil, err
		}
	}
	rl, err := readline.NewEx(&readline.Config{
		HistoryFile: historyPath,
		// A statement over several lines is one entry, saved by Remember.
		DisableAutoSaveHistory: true,
		HistorySearchFold:      true,
		AutoComplete:           readlineCompleter{c},
		InterruptPrompt:        "^C",
		Stdin:                  in,
		Stdout:                 out,
		Stderr:                 errOut,
	})
	if err != nil {
		return nil, err
	}
	if historyPath != "" {
		if err := settleHistory(historyPath); err != nil {
			rl.Close()
			return nil, err
		}
	}
	return &Terminal{rl: rl}, nil
}

// ReadLine implements LineReader.
func (t *Terminal) ReadLine(prompt string) (string, error) {
	t.rl.SetPrompt(prompt)
	line, err := t.rl.Readline()
	if errors.Is(err, readline.ErrInterrupt) {
		return "", ErrInterrupt
	}
	return line, err
}

// Remember implements LineReader.
func (t *Terminal) Remember(entry string) error { return t.rl.SaveHistory(entry) }

// Close gives the terminal back as it was.
func (t *Terminal) Close() error { return t.rl.Close() }

// readlineCompleter adapts a Completer to readline, which wants the rest of
// each candidate after what is typed.
type readlineCompleter struct{ c Completer }

func (r readlineCompleter) Do(line []rune, pos int) ([][]rune, int) {
	cands, n := r.c.Complete(line, pos)
	out := make([][]rune, 0, len(cands))
	for _, c := range cands {
		out = append(out, []rune(c)[n:])
	}
	return out, n
}

// Plain is a LineReader for a script piped in: no prompt, no history.
type Plain struct{ r *bufio.Reader }

// NewPlain reads lines from r.
func NewPlain(r io.Reader) *Plain { return &Plain{bufio.NewReader(r)} }

// ReadLine implements LineReader.
func (p *Plain) ReadLine(string) (string, error) {
	line, err := p.r.ReadString('\n')
	if err != nil && (line == "" || !errors.Is(err, io.EOF)) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// Remember implements LineReader.
func (*Plain) Remember(string) error { return nil }
