package cypher

import (
	"errors"
	"strings"
	"testing"
)

var fuzzSeeds = []string{
	"RETURN 1; RETURN 2",
	"RETURN 'a;b' AS x; RETURN \"c\\\";d\"",
	"MATCH (`a``;b`) RETURN 1 // c;\n; /* x; */ RETURN 2",
	"SHOW TRANSACTIONS YIELD * TERMINATE TRANSACTIONS",
	"LOAD CSV FROM 'http://127.0.0.1:1/x' AS r RETURN r",
	"CALL db.clearQueryCaches()",
	"RETURN 0x1F, 1e3, 1TERMINATE, $p, apoc.x.y(1)",
	"/* unclosed",
	"'unclosed",
	"USE system CYPHER 5 runtime=slotted EXPLAIN GRANT ROLE r TO u",
}

// FuzzSplit checks that statements come back whole: each is a piece of the
// source, none is empty, and joining them again splits the same way.
func FuzzSplit(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		stmts := Split(src)
		for _, s := range stmts {
			if strings.TrimSpace(s) == "" || len(Tokens(s)) == 0 {
				t.Fatalf("Split(%q) holds an empty statement %q", src, s)
			}
			if !strings.Contains(src, s) {
				t.Fatalf("Split(%q) holds %q, which is not in the source", src, s)
			}
		}
		again := Split(strings.Join(stmts, "\n;\n"))
		if strings.Join(again, "\x00") != strings.Join(stmts, "\x00") {
			t.Fatalf("Split(%q) = %q, but joined and split again %q", src, stmts, again)
		}
	})
}

// FuzzCheckRead checks that nothing before a side effect can hide it: when
// a prefix leaves the tokenizer outside any string, name or comment (a
// RETURN after it is seen as tokens), LOAD CSV, TERMINATE TRANSACTIONS and
// a state-changing procedure after it are refused. It also checks that the
// tokens are the source's own text, in order, with only space and comments
// between them.
func FuzzCheckRead(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, prefix string) {
		_ = CheckRead(prefix)
		checkTokens(t, prefix)
		probe := Tokens(prefix + "\nRETURN 424242")
		if n := len(probe); n < 2 || probe[n-2].Text != "RETURN" || probe[n-1].Text != "424242" {
			return // the prefix ends inside a string, quoted name or comment
		}
		for _, tail := range []string{
			"\nLOAD CSV FROM 'http://127.0.0.1:1/x' AS r RETURN r",
			"\nTERMINATE TRANSACTIONS 'neo4j-transaction-1'",
			"\nCALL db.clearQueryCaches()",
		} {
			var rme *ReadModeError
			if err := CheckRead(prefix + tail); !errors.As(err, &rme) {
				t.Fatalf("CheckRead(%q) = %v: the side effect went unseen", prefix+tail, err)
			}
		}
	})
}

func checkTokens(t *testing.T, src string) {
	t.Helper()
	end := 0
	for _, tok := range Tokens(src) {
		if tok.Pos < end || tok.Pos+len(tok.Text) > len(src) || src[tok.Pos:tok.Pos+len(tok.Text)] != tok.Text || tok.Text == "" {
			t.Fatalf("Tokens(%q): %+v is not the source's text after offset %d", src, tok, end)
		}
		gap := strings.TrimLeftFunc(src[end:tok.Pos], isSpace)
		if gap != "" && !strings.HasPrefix(gap, "//") && !strings.HasPrefix(gap, "/*") {
			t.Fatalf("Tokens(%q): %q before %+v is neither space nor a comment", src, gap, tok)
		}
		end = tok.Pos + len(tok.Text)
	}
}
