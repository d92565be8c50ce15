package cypher

import (
	"fmt"
	"slices"
	"strings"
)

// A read transaction stops a statement from writing the graph, but not from
// acting on the server in other ways: terminating other sessions'
// transactions, fetching URLs and files with LOAD CSV, clearing caches or
// changing settings through procedures, running administration commands.
// CheckRead refuses those, so that read mode has no side effects at all.
//
// The rule, as `relmap query --help` states it:
//
//   - refused anywhere in a statement: LOAD CSV, TERMINATE TRANSACTION(S);
//   - refused as the statement's first clause (after USE, CYPHER, EXPLAIN or
//     PROFILE): the administration commands GRANT, DENY, REVOKE, ALTER,
//     RENAME, START, STOP, ENABLE, DEALLOCATE, REALLOCATE, DRYRUN, and
//     CREATE or DROP of a DATABASE, COMPOSITE DATABASE, ALIAS, USER, ROLE or
//     SERVER;
//   - CALL of a procedure: only those in ReadProcedures (CALL { … }
//     subqueries are checked like the rest of the statement);
//   - a namespaced function (name.name(…)): only the built-in namespaces in
//     FunctionNamespaces, so no plug-in function runs.
//
// Keywords count only as tokens: inside strings, `quoted names` and
// comments they are text. Keywords are case-insensitive, procedure names
// are compared exactly, as the server resolves them.

// ReadProcedures are the procedures a statement may CALL in read mode: the
// built-in ones that only describe the database.
var ReadProcedures = []string{
	"db.info", "db.labels", "db.ping", "db.propertyKeys", "db.relationshipTypes",
	"db.schema.nodeTypeProperties", "db.schema.relTypeProperties", "db.schema.visualization",
	"db.index.fulltext.listAvailableAnalyzers", "db.index.fulltext.queryNodes",
	"db.index.fulltext.queryRelationships", "db.index.vector.queryNodes",
	"db.index.vector.queryRelationships", "dbms.components", "dbms.showCurrentUser",
}

// FunctionNamespaces are the namespaces of the built-in functions
// (date.truncate, point.distance, vector.similarity.cosine, …).
var FunctionNamespaces = []string{
	"date", "datetime", "db", "duration", "graph", "localdatetime", "localtime", "point", "time", "vector",
}

var adminCommands = []string{
	"GRANT", "DENY", "REVOKE", "ALTER", "RENAME", "START", "STOP", "ENABLE",
	"DEALLOCATE", "REALLOCATE", "DRYRUN",
}

// notNames are the keywords that may follow a variable or property named
// call; no procedure namespace is one of them.
var notNames = []string{
	"AND", "AS", "ASC", "ASCENDING", "CALL", "CONTAINS", "CREATE", "DELETE", "DESC", "DESCENDING",
	"DETACH", "ELSE", "END", "ENDS", "FOREACH", "IN", "IS", "LIMIT", "MATCH", "MERGE", "NOT",
	"OFFSET", "OPTIONAL", "OR", "ORDER", "REMOVE", "RETURN", "SET", "SKIP", "STARTS", "THEN",
	"UNION", "UNWIND", "USE", "WHEN", "WHERE", "WITH", "XOR", "YIELD",
}

var adminObjects = []string{"DATABASE", "DATABASES", "COMPOSITE", "ALIAS", "USER", "ROLE", "ROLES", "SERVER"}

// ReadModeError is a statement refused in read mode.
type ReadModeError struct {
	Construct string // what was found, e.g. "LOAD CSV" or "CALL db.clearQueryCaches"
	Why       string // what it would do
	// Line and Column (1-based) locate it in the statement.
	Line, Column int
}

func (e *ReadModeError) Error() string {
	return fmt.Sprintf("read mode refuses %s at line %d, column %d: %s; run it with --write if that is intended",
		e.Construct, e.Line, e.Column, e.Why)
}

// CheckRead returns nil when stmt may run in read mode, and otherwise a
// *ReadModeError for the first construct with a side effect.
func CheckRead(stmt string) error {
	ts := Tokens(stmt)
	refuse := func(t Token, construct, why string) error {
		line := 1 + strings.Count(stmt[:t.Pos], "\n")
		col := 1 + len([]rune(stmt[strings.LastIndex(stmt[:t.Pos], "\n")+1:t.Pos]))
		return &ReadModeError{Construct: construct, Why: why, Line: line, Column: col}
	}
	if i := firstClause(ts); i < len(ts) && ts[i].Kind == Word {
		w := strings.ToUpper(ts[i].Text)
		switch {
		case slices.Contains(adminCommands, w):
			return refuse(ts[i], w, "it is an administration command")
		case (w == "CREATE" || w == "DROP") && i+1 < len(ts):
			j := i + 1
			if isWord(ts, j, "OR") && isWord(ts, j+1, "REPLACE") {
				j += 2
			}
			if j < len(ts) && ts[j].Kind == Word && slices.Contains(adminObjects, strings.ToUpper(ts[j].Text)) {
				return refuse(ts[i], w+" "+strings.ToUpper(ts[j].Text), "it is an administration command")
			}
		}
	}
	for i, t := range ts {
		if t.Kind != Word {
			continue
		}
		afterDot := i > 0 && ts[i-1].Kind == Symbol && ts[i-1].Text == "."
		switch w := strings.ToUpper(t.Text); {
		case w == "TERMINATE" && (isWord(ts, i+1, "TRANSACTION") || isWord(ts, i+1, "TRANSACTIONS")):
			return refuse(t, "TERMINATE TRANSACTIONS", "it stops other sessions' transactions")
		case w == "LOAD" && isWord(ts, i+1, "CSV"):
			return refuse(t, "LOAD CSV", "it makes the server read a file or fetch a URL")
		case w == "CALL":
			// Even after a dot: "n.call" is a property only when what
			// follows is no name, or an operator or clause keyword.
			name, _ := dottedName(ts, i+1)
			if name == "" || ts[i+1].Kind == Word && slices.Contains(notNames, strings.ToUpper(ts[i+1].Text)) {
				continue // a subquery, CALL { … } or CALL (x) { … }, or a name called call
			}
			if !slices.Contains(ReadProcedures, name) {
				return refuse(t, "CALL "+name, "read mode calls only the procedures that describe the database ("+
					strings.Join(ReadProcedures, ", ")+")")
			}
		case !afterDot && !(i > 0 && isWord(ts, i-1, "CALL")):
			name, end := dottedName(ts, i)
			if !strings.Contains(name, ".") || end >= len(ts) || ts[end].Text != "(" || ts[end].Kind != Symbol {
				continue
			}
			ns := name[:strings.IndexByte(name, '.')]
			if !slices.Contains(FunctionNamespaces, strings.ToLower(ns)) {
				return refuse(t, name+"()", "read mode calls only built-in functions ("+strings.Join(FunctionNamespaces, ".*, ")+".*)")
			}
		}
	}
	return nil
}

// firstClause is the index of the statement's first clause, after USE,
// CYPHER options, EXPLAIN and PROFILE.
func firstClause(ts []Token) int {
	i := 0
	for i < len(ts) {
		switch {
		case isWord(ts, i, "EXPLAIN"), isWord(ts, i, "PROFILE"):
			i++
		case isWord(ts, i, "CYPHER"):
			i++
			if i < len(ts) && ts[i].Kind == Number {
				i++
			}
			for i+2 < len(ts) && ts[i+1].Text == "=" {
				i += 3
			}
		case isWord(ts, i, "USE"):
			_, i = dottedName(ts, i+1)
			if i < len(ts) && ts[i].Text == "(" {
				i = skipParens(ts, i)
			}
		default:
			return i
		}
	}
	return i
}

func skipParens(ts []Token, i int) int {
	depth := 0
	for ; i < len(ts); i++ {
		switch ts[i].Text {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return i
}

func isWord(ts []Token, i int, w string) bool {
	return i >= 0 && i < len(ts) && ts[i].Kind == Word && strings.EqualFold(ts[i].Text, w)
}

// dottedName reads name(.name)* from ts[i] (each part a word or a quoted
// name) and returns it without quotes, and the index after it. It returns
// "" when ts[i] starts no name.
func dottedName(ts []Token, i int) (string, int) {
	var parts []string
	for i < len(ts) && (ts[i].Kind == Word || ts[i].Kind == QuotedName) {
		parts = append(parts, unquoteName(ts[i]))
		if i+2 < len(ts) && ts[i+1].Kind == Symbol && ts[i+1].Text == "." &&
			(ts[i+2].Kind == Word || ts[i+2].Kind == QuotedName) {
			i += 2
			continue
		}
		i++
		break
	}
	return strings.Join(parts, "."), i
}

func unquoteName(t Token) string {
	if t.Kind != QuotedName {
		return t.Text
	}
	s := strings.TrimPrefix(t.Text, "`")
	s = strings.TrimSuffix(s, "`")
	return strings.ReplaceAll(s, "``", "`")
}

// ReadModeRule is the rule CheckRead applies, in words for --help, wrapped
// to width columns.
func ReadModeRule(width int) string {
	items := []string{
		"LOAD CSV and TERMINATE TRANSACTION(S), anywhere in a statement;",
		"administration commands first in a statement (" + strings.Join(adminCommands, ", ") +
			"; CREATE or DROP of a DATABASE, ALIAS, USER, ROLE or SERVER);",
		"CALL of a procedure other than those that describe the database: " + strings.Join(ReadProcedures, ", ") + ";",
		"a namespaced function outside the built-in namespaces " + strings.Join(FunctionNamespaces, ", ") + ".",
	}
	var b strings.Builder
	for _, it := range items {
		b.WriteString(wrap(it, "  - ", "    ", width))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func wrap(text, first, rest string, width int) string {
	var b strings.Builder
	line := first
	for _, w := range strings.Fields(text) {
		if len(line)+len(w)+1 > width && strings.TrimSpace(line) != strings.TrimSpace(first) {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = rest
		}
		if line != first && line != rest {
			line += " "
		}
		line += w
	}
	b.WriteString(line + "\n")
	return b.String()
}
