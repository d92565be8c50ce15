package cli

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/usage"
)

// fakeStore is an in-memory graph.Store for command tests: it keeps what was
// loaded and answers queries from a fixed list of records.
type fakeStore struct {
	infoErr  error
	loaded   []*graph.Dataset
	records  []graph.Record
	queries  []string
	params   []map[string]any
	opts     []graph.QueryOptions
	queryErr error
	// replies, when set, answer successive queries in turn instead of records.
	replies [][]graph.Record
}

func (f *fakeStore) Ping(context.Context) error { return f.infoErr }

func (f *fakeStore) Info(context.Context) (graph.ServerInfo, error) {
	return graph.ServerInfo{Version: "5.26.0", Edition: "community"}, f.infoErr
}

func (f *fakeStore) Load(_ context.Context, ds []*graph.Dataset, o graph.LoadOptions) (graph.LoadSummary, error) {
	sum := graph.LoadSummary{DryRun: o.DryRun}
	for _, d := range ds {
		sum.Datasets = append(sum.Datasets, graph.DatasetChange{Name: d.Name,
			Actors: graph.Change{Created: len(d.Actors)}, Ties: graph.Change{Created: len(d.Ties)},
			Documents: graph.Change{Created: len(d.Documents)}})
	}
	if !o.DryRun {
		f.loaded = ds
	}
	return sum, nil
}

func (f *fakeStore) Query(_ context.Context, q string, p map[string]any, o graph.QueryOptions, fn func(graph.Record) error) (graph.QuerySummary, error) {
	f.queries = append(f.queries, q)
	f.params = append(f.params, p)
	f.opts = append(f.opts, o)
	if f.queryErr != nil {
		return graph.QuerySummary{}, f.queryErr
	}
	recs := f.records
	if len(f.replies) > 0 {
		recs, f.replies = f.replies[0], f.replies[1:]
	}
	var keys []string
	for _, r := range recs {
		keys = r.Keys
		if err := fn(r); err != nil {
			return graph.QuerySummary{}, err
		}
	}
	return graph.QuerySummary{Keys: keys, Records: int64(len(recs))}, nil
}

// Snapshot holds only the datasets named, as the Neo4j store's does.
func (f *fakeStore) Snapshot(_ context.Context, names ...string) ([]*graph.Dataset, error) {
	if len(names) == 0 {
		return f.loaded, nil
	}
	var out []*graph.Dataset
	for _, d := range f.loaded {
		if slices.Contains(names, d.Name) {
			out = append(out, d)
		}
	}
	return out, nil
}

func (f *fakeStore) Fingerprint(context.Context) (graph.Fingerprint, error) {
	return graph.FingerprintOf(f.loaded), nil
}

func (f *fakeStore) Close(context.Context) error { return nil }

// run runs relmap with a fake store and returns stdout, stderr and the exit code.
func run(t *testing.T, f *fakeStore, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	streams := Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	var factory StoreFactory
	if f != nil {
		factory = func(context.Context, Conn) (graph.Store, error) { return f, nil }
	}
	t.Setenv("RELMAP_DATA", t.TempDir())
	err := RunWith(context.Background(), streams, args, factory)
	if err != nil {
		if !usage.IsSilent(err) {
			errOut.WriteString("relmap: " + err.Error() + "\n")
		}
	}
	return out.String(), errOut.String(), ExitCode(err)
}
