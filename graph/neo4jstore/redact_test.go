package neo4jstore

import "testing"

func TestRedactURI(t *testing.T) {
	for in, want := range map[string]string{
		"bolt://127.0.0.1:7687":              "bolt://127.0.0.1:7687",
		"neo4j+s://u:pw@host:7687/db":        "neo4j+s://***@host:7687/db",
		"bolt://neo4j:pa/ss@localhost":       "bolt://***@localhost",
		"bolt://neo4j:1234/x@localhost:7687": "bolt://***@localhost:7687",
		"bolt://u:a?b#c@host":                "bolt://***@host",
		"user:pw@host":                       "***@host",
		"bolt://host?routing=x":              "bolt://host?routing=x",
	} {
		if got := RedactURI(in); got != want {
			t.Errorf("RedactURI(%q) = %q, want %q", in, got, want)
		}
	}
}
