package help

import (
	"io/fs"
	"strings"
	"testing"
)

func TestTextsHaveNoFinalLineBreak(t *testing.T) {
	names, err := fs.Glob(texts, "*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("no texts: %v", err)
	}
	for _, n := range names {
		s := Text(strings.TrimSuffix(n, ".txt"))
		if s == "" || strings.HasSuffix(s, "\n") {
			t.Errorf("%s: %q", n, s)
		}
	}
}

func TestUnknownNamePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for a text that does not exist")
		}
	}()
	Text("no-such-command.long")
}
