package cypher

import (
	"errors"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	cases := []struct {
		src  string
		want []string
	}{
		{"RETURN 1", []string{"RETURN 1"}},
		{"RETURN 1; RETURN 2;", []string{"RETURN 1", "RETURN 2"}},
		{"RETURN 'a;b' AS x; RETURN \"c;d\"", []string{"RETURN 'a;b' AS x", "RETURN \"c;d\""}},
		{"RETURN 'it\\'s; fine'", []string{"RETURN 'it\\'s; fine'"}},
		{"MATCH (`odd;name`) RETURN 1", []string{"MATCH (`odd;name`) RETURN 1"}},
		{"MATCH (`a``;b`) RETURN 1; RETURN 2", []string{"MATCH (`a``;b`) RETURN 1", "RETURN 2"}},
		{"// a comment; not a split\nRETURN 1", []string{"// a comment; not a split\nRETURN 1"}},
		{"/* block; comment */ RETURN 1; RETURN 2", []string{"/* block; comment */ RETURN 1", "RETURN 2"}},
		{"  ;  ; // only a comment\n", nil},
		// A part holding only a block comment is no statement either.
		{"RETURN 1; /* nothing; here */ ;", []string{"RETURN 1"}},
		{"RETURN 1 // trailing; comment", []string{"RETURN 1 // trailing; comment"}},
		{"RETURN 'unclosed; string", []string{"RETURN 'unclosed; string"}},
		{"", nil},
	}
	for _, c := range cases {
		got := Split(c.src)
		if strings.Join(got, "|") != strings.Join(c.want, "|") || len(got) != len(c.want) {
			t.Errorf("Split(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}

func TestTokens(t *testing.T) {
	got := Tokens("MATCH (n:`Odd``Name`) /* c */ WHERE n.x = 'a\\'b' // tail\nRETURN 0x1F, 1e3, 2.5, 1TERMINATE, $p")
	var kinds []string
	for _, tok := range got {
		kinds = append(kinds, []string{"W", "N", "S", "Q", "Y"}[tok.Kind]+":"+tok.Text)
	}
	want := "W:MATCH Y:( W:n Y:: Q:`Odd``Name` Y:) W:WHERE W:n Y:. W:x Y:= S:'a\\'b' W:RETURN N:0x1F Y:, N:1e3 Y:, N:2.5 Y:, N:1 W:TERMINATE Y:, Y:$ W:p"
	if strings.Join(kinds, " ") != want {
		t.Errorf("tokens:\n got %s\nwant %s", strings.Join(kinds, " "), want)
	}
}

func TestCheckReadRefuses(t *testing.T) {
	cases := []struct{ stmt, construct string }{
		{"SHOW TRANSACTIONS YIELD * TERMINATE TRANSACTIONS", "TERMINATE TRANSACTIONS"},
		{"SHOW TRANSACTIONS YIELD transactionId AS t WHERE t <> '' TERMINATE TRANSACTION t", "TERMINATE TRANSACTIONS"},
		{"terminate /* hidden? */ transactions 'neo4j-transaction-1'", "TERMINATE TRANSACTIONS"},
		{"TERMINATE\n//x\nTRANSACTIONS 'a'", "TERMINATE TRANSACTIONS"},
		{"LOAD CSV FROM 'http://127.0.0.1:1/x' AS r RETURN r", "LOAD CSV"},
		{"MATCH (n) WITH n LIMIT 1 load\tcsv WITH HEADERS FROM 'file:///etc/passwd' AS r RETURN r", "LOAD CSV"},
		{"RETURN 'x' AS s; LOAD CSV FROM 'x' AS r RETURN r", "LOAD CSV"},
		{"CALL db.clearQueryCaches()", "CALL db.clearQueryCaches"},
		{"CALL db . clearQueryCaches", "CALL db.clearQueryCaches"},
		{"CALL `db`.`clearQueryCaches`()", "CALL db.clearQueryCaches"},
		{"CALL `db.clearQueryCaches`()", "CALL db.clearQueryCaches"},
		{"CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')", "CALL dbms.setConfigValue"},
		{"MATCH (n) CALL { WITH n CALL db.stats.clear() YIELD section RETURN 1 AS x } RETURN x", "CALL db.stats.clear"},
		{"RETURN apoc.util.sleep(1000)", "apoc.util.sleep()"},
		{"GRANT ROLE admin TO bob", "GRANT"},
		{"USE system ALTER USER neo4j SET PASSWORD 'x'", "ALTER"},
		{"EXPLAIN STOP DATABASE neo4j", "STOP"},
		{"CYPHER runtime=slotted START DATABASE neo4j", "START"},
		{"CREATE OR REPLACE DATABASE x", "CREATE DATABASE"},
		{"DROP USER bob", "DROP USER"},
		{"TERMINATE TRANSACTIONS 'neo4j-transaction-7'", "TERMINATE TRANSACTIONS"},
	}
	for _, c := range cases {
		err := CheckRead(c.stmt)
		var rme *ReadModeError
		if !errors.As(err, &rme) {
			t.Errorf("CheckRead(%q) = %v, want it refused", c.stmt, err)
			continue
		}
		if rme.Construct != c.construct {
			t.Errorf("CheckRead(%q) names %q, want %q", c.stmt, rme.Construct, c.construct)
		}
		if !strings.Contains(err.Error(), "--write") {
			t.Errorf("the refusal does not say what to do: %v", err)
		}
	}
}

func TestCheckReadAllows(t *testing.T) {
	for _, stmt := range []string{
		"RETURN 1",
		"MATCH (s:State {region: $r}) RETURN s.id, s.name",
		"RETURN 'LOAD CSV FROM x' AS s, \"TERMINATE TRANSACTIONS\" AS t",
		"// LOAD CSV FROM 'x'\nRETURN 1",
		"/* CALL db.clearQueryCaches() */ RETURN 1",
		"MATCH (`LOAD`)-[:`CSV`]->(x) RETURN x",
		"MATCH (n) RETURN n.load, n.terminate, n.call",
		"SHOW TRANSACTIONS",
		"SHOW TRANSACTIONS YIELD transactionId, currentQuery",
		"CALL db.labels() YIELD label RETURN label",
		"CALL db.labels",
		"MATCH (n) CALL { WITH n RETURN count(*) AS c } RETURN c",
		"MATCH (n) CALL (n) { RETURN n.id AS id } RETURN id",
		"RETURN date.truncate('month', date()), duration.between(date(), date()), point.distance(point({x:0,y:0}), point({x:1,y:1}))",
		"RETURN vector.similarity.cosine([1.0], [1.0])",
		"WITH {call: 1, load: 2} AS m RETURN m.call",
		"CREATE (:X)", // a write: the read transaction refuses it on the server
		"MATCH (start:State), (stop:State) RETURN start, stop",
	} {
		if err := CheckRead(stmt); err != nil {
			t.Errorf("CheckRead(%q) = %v, want it allowed", stmt, err)
		}
	}
}

func TestCheckReadPosition(t *testing.T) {
	err := CheckRead("MATCH (n)\n  LOAD CSV FROM 'x' AS r RETURN r")
	var rme *ReadModeError
	if !errors.As(err, &rme) || rme.Line != 2 || rme.Column != 3 {
		t.Fatalf("got %#v", err)
	}
}

func TestCheckReadNamesCalledCall(t *testing.T) {
	for _, stmt := range []string{
		"WITH 1 AS call RETURN call ORDER BY call DESC",
		"MATCH (n) RETURN n.call AS x",
		"MATCH (n) WHERE n.call IS NULL AND n.call IN [1] RETURN n",
	} {
		if err := CheckRead(stmt); err != nil {
			t.Errorf("CheckRead(%q) = %v, want it allowed", stmt, err)
		}
	}
	if err := CheckRead("RETURN A.\nCALL db.clearQueryCaches()"); err == nil {
		t.Error("a procedure call after a dot went unseen")
	}
}

func TestExcerpt(t *testing.T) {
	got := Excerpt("MATCH (n)\nRETRUN n", 2, 1)
	if got != "\n  2 | RETRUN n\n    | ^" {
		t.Errorf("got %q", got)
	}
	if Excerpt("RETURN 1", 3, 1) != "" {
		t.Error("a line past the end")
	}
}

func TestReadModeRuleNamesEveryProcedure(t *testing.T) {
	rule := ReadModeRule(80)
	for _, p := range append(append([]string{"LOAD CSV", "TERMINATE", "GRANT"}, ReadProcedures...), FunctionNamespaces...) {
		if !strings.Contains(rule, p) {
			t.Errorf("the rule does not name %s", p)
		}
	}
	for _, l := range strings.Split(rule, "\n") {
		if len(l) > 80 {
			t.Errorf("line of %d columns: %q", len(l), l)
		}
	}
}
