package graph

import (
	"errors"
	"fmt"
)

// Errors a Store returns, wrapped with details; commands map them to exit
// codes with errors.Is and errors.As.
var (
	// ErrUnavailable: the database could not be reached.
	ErrUnavailable = errors.New("database unreachable")
	// ErrAuth: the server refused the credentials.
	ErrAuth = errors.New("authentication failed")
	// ErrTimeout: a statement ran past its timeout and was rolled back.
	ErrTimeout = errors.New("query timed out")
	// ErrBusy: another load holds the dataset's lock.
	ErrBusy = errors.New("another load is running")
)

// QueryError is a statement the server refused (syntax, semantics, a write in
// read-only mode, a constraint).
type QueryError struct {
	Code    string // Neo4j status code
	Message string // the server's message
	// Line and Column (1-based) locate the problem in the statement when the
	// server says where it is; 0 when unknown.
	Line, Column int
}

func (e *QueryError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s (line %d, column %d): %s", e.Code, e.Line, e.Column, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}
