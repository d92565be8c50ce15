package views

import (
	"testing"

	"github.com/relmap/relmap/graph"
)

// TestParamTextReadsBack: the parameters a figure records read back as
// given: a DATE bare, date-shaped text quoted.
func TestParamTextReadsBack(t *testing.T) {
	got := ParamText(map[string]any{"at": graph.Date{Year: 2012, Month: 2, Day: 1}, "org": "nato", "s": "2012-02-01"})
	if want := "at=2012-02-01 org=nato s='2012-02-01'"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
