package cli

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/relmap/relmap/graph"
)

func TestQueryOnATerminalWithoutCypherPointsToTheShell(t *testing.T) {
	var out, errOut bytes.Buffer
	f := &fakeStore{}
	streams := Streams{In: strings.NewReader("RETURN 1"), Out: &out, ErrOut: &errOut, InTTY: true}
	err := RunWith(context.Background(), streams, []string{"query"}, func(context.Context, Conn) (graph.Store, error) { return f, nil })
	if ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), "relmap shell") || len(f.queries) != 0 {
		t.Fatalf("exit %d, err %v, queries %q", ExitCode(err), err, f.queries)
	}
}

func TestCtrlCWhileReadingStdinEndsAtOnce(t *testing.T) {
	r, w := io.Pipe() // input that never ends
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- RunWith(ctx, Streams{In: r, Out: &out, ErrOut: &errOut}, []string{"query"},
			func(context.Context, Conn) (graph.Store, error) { return &fakeStore{}, nil })
	}()
	cancel()
	select {
	case err := <-done:
		if ExitCode(err) != ExitInterrupted {
			t.Fatalf("exit %d (%v), want %d", ExitCode(err), err, ExitInterrupted)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("query still waits on its input after the interrupt")
	}
}
