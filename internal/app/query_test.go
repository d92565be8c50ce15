package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relmap/relmap/internal/usage"
)

func TestStatementsComeFromOneSource(t *testing.T) {
	g := &Env{Streams: Streams{In: strings.NewReader("RETURN 1; RETURN 2;")}}
	st, err := QueryOptions{}.statements(context.Background(), g)
	if err != nil || len(st) != 2 || st[1].origin != "stdin, statement 2" {
		t.Fatalf("stdin: %v %+v", err, st)
	}
	file := filepath.Join(t.TempDir(), "q.cypher")
	os.WriteFile(file, []byte("// two\nRETURN 'a;b';\nRETURN 3"), 0o600)
	st, err = QueryOptions{File: file}.statements(context.Background(), g)
	if err != nil || len(st) != 2 || !strings.Contains(st[0].text, "'a;b'") {
		t.Fatalf("file: %v %+v", err, st)
	}
	st, err = QueryOptions{Named: "members-at", Params: []string{"org=csto"}, At: "2012-02-01", AtGiven: true}.statements(context.Background(), g)
	if err != nil || len(st) != 1 || st[0].params["org"] != "csto" || st[0].actors["org"] != "csto" {
		t.Fatalf("named: %v %+v", err, st)
	}
	for name, o := range map[string]QueryOptions{
		"two sources":    {Cypher: "RETURN 1", CypherGiven: true, Named: "members-at"},
		"empty argument": {CypherGiven: true},
		"unknown named":  {Named: "no-such-question"},
		"missing file":   {File: filepath.Join(t.TempDir(), "none")},
		"bad --at":       {Cypher: "RETURN 1", CypherGiven: true, At: "soon", AtGiven: true},
	} {
		if _, err := o.statements(context.Background(), g); usage.ExitCode(err) != usage.ExitUsage {
			t.Errorf("%s: %v, want a usage error", name, err)
		}
	}
	tty := &Env{Streams: Streams{In: strings.NewReader(""), InTTY: true}}
	if _, err := (QueryOptions{}).statements(context.Background(), tty); err == nil || !strings.Contains(err.Error(), "relmap shell") {
		t.Errorf("a terminal without Cypher: %v", err)
	}
}

func TestReadInputEndsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	block := make(chan struct{})
	defer close(block)
	start := time.Now()
	_, err := readInput(ctx, func() ([]byte, error) { <-block; return nil, nil })
	if !errors.Is(err, context.Canceled) || time.Since(start) > 5*time.Second {
		t.Errorf("err %v after %s", err, time.Since(start))
	}
	b, err := readInput(context.Background(), func() ([]byte, error) { return []byte("x"), nil })
	if err != nil || string(b) != "x" {
		t.Errorf("got %q, %v", b, err)
	}
}
