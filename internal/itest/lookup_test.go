package itest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/internal/cli"
)

// Actors are found by id, name, short name or alias, in any case and
// without accents, in every place a command names one; a typo gets the
// closest ids. (An alias was "no actor has the id"; a typo got no
// suggestion.)
func TestQueriesFindActorsByName(t *testing.T) {
	loadBuiltIn(t)
	svg := filepath.Join(t.TempDir(), "x.svg")
	for _, c := range []struct {
		args []string
		want string // in standard output
	}{
		{[]string{"query", "--named", "actor-ties", "-p", "id=Kyrgyz Republic", "--format", "csv"}, ",kazakhstan,Kazakhstan,state,"},
		{[]string{"query", "--named", "members-at", "-p", "org=Collective Security Treaty Organisation", "--at", "2012-02-01", "--format", "csv"}, "kazakhstan"},
		{[]string{"query", "--named", "members-at", "-p", "org=NATO", "--format", "csv"}, "member"},
		{[]string{"query", "--named", "actor-ties", "-p", "id=turkiye", "--format", "csv"}, ",nato,NATO,organisation,"},
		{[]string{"compare", "NATO", "Collective Security Treaty", "Sco", "--at", "2012-02-01", "--format", "csv"}, "Kazakhstan"},
		{[]string{"report", "Nato", "csto", "--network", "Northern Distribution Network", "--at", "2012-02-01", "-o", filepath.Join(t.TempDir(), "r.html")}, ""},
		{[]string{"timeline", "NATO", "-o", filepath.Join(t.TempDir(), "t.csv")}, ""},
	} {
		out, stderr, code := relmapRun(c.args...)
		if code != 0 || !strings.Contains(out, c.want) {
			t.Errorf("%q: exit %d, stdout %.300q\n%s", c.args, code, out, stderr)
		}
	}
	for _, c := range []struct {
		args []string
		want string // in standard error
	}{
		{[]string{"query", "--named", "actor-ties", "-p", "id=kyrgystan"},
			`id: no actor has the id, name or alias "kyrgystan" (did you mean kyrgyzstan?)`},
		{[]string{"render", "--view", "neighbourhood", "-p", "id=Kazakstan", "-o", svg},
			`id: no actor has the id, name or alias "Kazakstan" (did you mean kazakhstan?)`},
		{[]string{"compare", "nato", "osec"}, `no actor has the id, name or alias "osec" (did you mean osce`},
		{[]string{"query", "--named", "shortest-path", "-p", "from=kazak", "-p", "to=zzzzzzzz"},
			`from: no actor has the id, name or alias "kazak" (did you mean kazakhstan`},
	} {
		_, stderr, code := relmapRun(c.args...)
		if code != cli.ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, stderr %s\nwant %q", c.args, code, stderr, c.want)
		}
	}
	if _, err := os.Stat(svg); err == nil {
		t.Error("a figure was written for an actor that does not exist")
	}
}

// An answer that is empty because an argument names nothing fails (exit 1)
// saying why and what would work, and writes no file; a genuinely empty
// answer says so on standard error. (They wrote empty SVGs, printed "—"
// everywhere, or "0 row(s)", and exited 0.)
func TestQueriesEmptyExplained(t *testing.T) {
	loadBuiltIn(t)
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"render", "--view", "sphere", "-p", "org=kazakhstan", "-o", filepath.Join(dir, "kz.svg")},
			"org: kazakhstan is a state, not an organisation with members; organisations with members: csto, "},
		{[]string{"render", "--view", "sphere", "-p", "org=eu", "-o", filepath.Join(dir, "eu.svg")},
			"org: eu (European Union) has no members or partners in the graph"},
		{[]string{"render", "--named", "members-at", "-o", filepath.Join(dir, "m.svg")},
			"members-at returned"},
		{[]string{"compare", "nato", "eu", "osce"}, "eu (European Union) has no members or partners in the graph"},
		{[]string{"query", "--named", "members-at", "-p", "org=nato", "--at", "1940"},
			"org: no membership or partnership of nato is in force on 1940-01-01: the first begins 1949"},
		{[]string{"render", "--view", "sphere", "-p", "org=csto", "--at", "1980", "-o", filepath.Join(dir, "csto.svg")},
			"org: no membership or partnership of csto is in force on 1980-01-01: the first begins 1994"},
		{[]string{"compare", "--at", "1900"}, "is in force on 1900: the first begins"},
	} {
		out, stderr, code := relmapRun(c.args...)
		if code != cli.ExitError || !strings.Contains(stderr, c.want) || out != "" {
			t.Errorf("%q: exit %d, stdout %.200q, stderr %s\nwant %q", c.args, code, out, stderr, c.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files written for empty answers: %v", entries)
	}
	// Nothing is wrong with the question: NATO had no observer in 2012.
	out, stderr, code := relmapRun("query", "--named", "members-at", "-p", "org=nato", "-p", "role=observer", "--at", "2012-02-01")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(stderr, "0 row(s)") {
		t.Errorf("a genuinely empty answer: exit %d, %q, %s", code, out, stderr)
	}
}

// One output convention: -o FILE writes there, in the format its extension
// names unless --format says otherwise, and nothing to standard output; -o -
// is standard output; tables go plain when piped. (compare -o x.svg also
// printed the CSV matrix; export -o x.graphml insisted on --format; render
// had no --format; compare had no tsv; queries printed a table when piped.)
func TestOutputConvention(t *testing.T) {
	loadBuiltIn(t)
	dir := t.TempDir()
	file := func(name string) string { return filepath.Join(dir, name) }
	for _, c := range []struct {
		args    []string
		file    string // written, with this in it
		content string
	}{
		{[]string{"compare", "--at", "2012-02-01", "-o", file("c.svg")}, "c.svg", "<svg"},
		{[]string{"compare", "--at", "2012-02-01", "-o", file("c.md")}, "c.md", "| State |"},
		{[]string{"compare", "--at", "2012-02-01", "-o", file("c.tsv")}, "c.tsv", "id\tstate\t"},
		{[]string{"compare", "--at", "2012-02-01", "-o", file("c.txt"), "--format", "json"}, "c.txt", `"orgs"`},
		{[]string{"export", "-o", file("x.graphml")}, "x.graphml", "<graphml"},
		{[]string{"render", "--view", "ndn", "--format", "dot", "-o", file("ndn.txt")}, "ndn.txt", "digraph"},
		{[]string{"query", "--named", "members-at", "-o", file("m.json")}, "m.json", `"member"`},
		{[]string{"queries", "-o", file("q.md")}, "q.md", "| members-at |"},
		{[]string{"analyse", "--at", "2012-02-01", "-o", file("a.tsv")}, "a.tsv", "\t"},
	} {
		out, stderr, code := relmapRun(c.args...)
		b, err := os.ReadFile(file(c.file))
		if code != 0 || out != "" || err != nil || !strings.Contains(string(b), c.content) {
			t.Errorf("%q: exit %d, stdout %.200q, file %.200q (%v)\n%s", c.args, code, out, b, err, stderr)
		}
	}
	for _, c := range []struct {
		args  []string
		start string // of standard output
	}{
		{[]string{"queries"}, "name,parameters,description\n"}, // piped: CSV, not a table
		{[]string{"queries", "--format", "tsv"}, "name\tparameters\tdescription\n"},
		{[]string{"compare", "--at", "2012-02-01", "--format", "tsv"}, "id\tstate\t"},
		{[]string{"render", "--view", "ndn", "--format", "dot", "-o", "-"}, "digraph"},
		{[]string{"render", "--view", "ndn", "-o", "-"}, "<?xml"},
		{[]string{"export", "--format", "json", "-o", "-"}, "{"},
	} {
		out, stderr, code := relmapRun(c.args...)
		if code != 0 || !strings.HasPrefix(out, c.start) {
			t.Errorf("%q: exit %d, stdout %.200q\n%s", c.args, code, out, stderr)
		}
	}
	_, stderr, code := relmapRun("export", "-o", file("x.unknown"))
	if code != cli.ExitUsage || !strings.Contains(stderr, "give --format") {
		t.Errorf("an extension that names no format: exit %d, %s", code, stderr)
	}
}
