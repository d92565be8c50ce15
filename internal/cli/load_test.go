package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed"
)

// inputStore is a fake store that recognises one input hash.
type inputStore struct {
	*fakeStore
	known   string
	checked []string
	opts    []graph.LoadOptions
}

func (s *inputStore) Load(ctx context.Context, ds []*graph.Dataset, o graph.LoadOptions) (graph.LoadSummary, error) {
	s.opts = append(s.opts, o)
	return s.fakeStore.Load(ctx, ds, o)
}

func (s *inputStore) LoadedInput(_ context.Context, input string) (graph.LoadSummary, bool, error) {
	s.checked = append(s.checked, input)
	if input != s.known {
		return graph.LoadSummary{}, false, nil
	}
	return graph.LoadSummary{Unchanged: true, Datasets: []graph.DatasetChange{{Name: "d", Unchanged: true,
		Documents: graph.Change{Kept: 1}, Actors: graph.Change{Kept: 2}, Ties: graph.Change{Kept: 3}}}}, true, nil
}

func runLoad(t *testing.T, s *inputStore, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	t.Setenv("RELMAP_DATA", t.TempDir())
	err := RunWith(context.Background(), Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		append([]string{"load"}, args...), func(context.Context, Conn) (graph.Store, error) { return s, nil })
	return out.String(), errOut.String(), ExitCode(err)
}

// Files whose hash the store recognises are not read at all: here they are
// not even valid, and the load still reports them unchanged.
func TestLoadSkipsRecognisedInput(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("dataset: d\nactors:\n  - {id: x, kind: nonsense}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := seed.InputHash([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	s := &inputStore{fakeStore: &fakeStore{}, known: h}
	out, errOut, code := runLoad(t, s, dir)
	if code != 0 || !strings.Contains(out, "dataset d: unchanged (1 documents, 2 actors, 3 ties)") || errOut != "" {
		t.Errorf("recognised input: exit %d, out %q, err %q", code, out, errOut)
	}
	if s.loaded != nil {
		t.Error("recognised input was loaded")
	}

	// --force reads them, and finds the problem.
	_, errOut, code = runLoad(t, s, "--force", dir)
	if code != ExitError || !strings.Contains(errOut, "unknown actor kind 'nonsense'") {
		t.Errorf("--force: exit %d, err %q", code, errOut)
	}

	// So does any other input.
	s.known = "something else"
	_, errOut, code = runLoad(t, s, dir)
	if code != ExitError || !strings.Contains(errOut, "unknown actor kind 'nonsense'") {
		t.Errorf("unrecognised input: exit %d, err %q", code, errOut)
	}
}

// The hash of the input reaches the store with the datasets, so that it is
// recorded with them.
func TestLoadPassesInputHash(t *testing.T) {
	dir := filepath.Join("..", "seed", "testdata", "good")
	h, err := seed.InputHash([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	s := &inputStore{fakeStore: &fakeStore{}}
	if _, errOut, code := runLoad(t, s, dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if len(s.checked) != 1 || s.checked[0] != h {
		t.Errorf("checked %v, want [%s]", s.checked, h)
	}
	if len(s.opts) != 1 || s.opts[0].Input != h || s.loaded == nil {
		t.Errorf("load options %+v, want the input %s", s.opts, h)
	}
}

// The flags of load and unload that bound waiting and allow removals reach
// the store; bad values are usage errors.
func TestLoadAndUnloadFlags(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "d.yaml"), []byte("dataset: d\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := &inputStore{fakeStore: &fakeStore{}}
	if _, errOut, code := runLoad(t, s, "--prune", "--lock-timeout", "1m30s", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if o := s.opts[0]; !o.Prune || o.LockTimeout.String() != "1m30s" || o.Waiting == nil {
		t.Errorf("options %+v", o)
	}
	for _, args := range [][]string{{"load", "--lock-timeout", "-1s", dir}, {"load", "--lock-timeout", "soon", dir},
		{"unload"}, {"unload", "a", "b"}, {"unload", "--lock-timeout", "-5s", "a"}} {
		if _, errOut, code := run(t, &fakeStore{}, args...); code != ExitUsage {
			t.Errorf("%q: exit %d, want %d: %s", args, code, ExitUsage, errOut)
		}
	}
	// A store that cannot remove datasets says so.
	if _, errOut, code := run(t, &fakeStore{}, "unload", "d"); code != ExitError || !strings.Contains(errOut, "cannot remove datasets") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}
