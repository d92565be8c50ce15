package export

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/relmap/relmap/internal/nxcheck"
)

// TestNetworkXReadsGraphML reads the fixture's GraphML with
// networkx.read_graphml (testdata/read_graph.py): the counts match, typed
// attributes arrive typed, Cyrillic labels arrive intact. It needs python3
// with networkx (pip install networkx).
func TestNetworkXReadsGraphML(t *testing.T) {
	ds := fixture()
	var got networkXGraph
	readWithNetworkX(t, "fixture.graphml", writeGraphML(t, ds), &got)
	var actors, ties int
	for _, d := range ds {
		actors += len(d.Actors)
		ties += len(d.Ties)
	}
	if !got.Multigraph {
		t.Error("NetworkX did not read the two periods of one membership as parallel edges")
	}
	if !got.Directed || got.Nodes != actors+1 || got.Edges != ties {
		t.Errorf("NetworkX read directed=%v, %d nodes, %d edges; want directed, %d nodes, %d edges",
			got.Directed, got.Nodes, got.Edges, actors+1, ties)
	}
	for name, want := range map[string]string{"order": "int", "symmetric": "bool", "sphere": "bool",
		"external": "bool", "label": "str", "role": "str", "since": "str", "note": "str"} {
		if got.Types[name] != want {
			t.Errorf("NetworkX reads %s as %q, want %s", name, got.Types[name], want)
		}
	}
	for id, want := range map[string]string{"kazakhstan": "Казахстан", "csto": "ОДКБ", "sco": "ШОС", "tajikistan": "tajikistan"} {
		if got.Labels[id] != want {
			t.Errorf("node %s label %q, want %q", id, got.Labels[id], want)
		}
	}
}

// networkXGraph is what testdata/read_graph.py prints.
type networkXGraph struct {
	Directed, Multigraph bool
	Mode                 string
	Nodes, Edges         int
	Types                map[string]string
	Labels               map[string]string
	EdgeList             []struct {
		Source, Target, Key, ID, Start, End string
		Confirmed                           [][3]any
	} `json:"edge_list"`
}

// readWithNetworkX writes data to a file named name and reads it with
// testdata/read_graph.py into got.
func readWithNetworkX(t *testing.T, name string, data []byte, got *networkXGraph) {
	t.Helper()
	py := nxcheck.Python(t)
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, filepath.Join("testdata", "read_graph.py"), path)
	cmd.Stderr = &testWriter{t}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("read_graph.py: %v\n%s", err, out)
	}
	if err := json.Unmarshal(out, got); err != nil {
		t.Fatalf("read_graph.py printed %q: %v", out, err)
	}
}

// testWriter logs a command's stderr into the test.
type testWriter struct{ t *testing.T }

func (w *testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(p))
	return len(p), nil
}
