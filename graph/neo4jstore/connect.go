package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/relmap/relmap/graph"
)

// connectivity classifies an error of the connectivity check. Whatever goes
// wrong before a session exists, short of refused credentials, a missing
// database or an interruption, means no Neo4j answers at the address: a web
// server replying HTTP, another protocol, or bytes that are no Bolt. The
// driver reports those as usage or protocol errors, some with its own
// structures in the text; here they are all graph.ErrUnavailable, in words.
func (s *Store) connectivity(err error) error {
	c := s.classify(err)
	switch {
	case c == nil, errors.Is(c, graph.ErrUnavailable), errors.Is(c, graph.ErrAuth),
		errors.Is(err, context.Canceled):
		return c
	}
	msg := err.Error()
	if strings.Contains(msg, "server responded HTTP") {
		return fmt.Errorf("%w: the server at %s answered in HTTP, not Bolt: is that Neo4j's HTTP port (7474) rather than its Bolt port (7687)?",
			graph.ErrUnavailable, RedactURI(s.cfg.URI))
	}
	return fmt.Errorf("%w: the server at %s does not answer as Neo4j over Bolt does (%s)",
		graph.ErrUnavailable, RedactURI(s.cfg.URI), plain(msg))
}

// plain is the first line of a driver message, without the braces of
// printed structures, cut to a readable length.
func plain(msg string) string {
	msg, _, _ = strings.Cut(msg, "\n")
	msg = strings.Map(func(r rune) rune {
		switch r {
		case '{', '}', '&':
			return -1
		}
		return r
	}, msg)
	if r := []rune(msg); len(r) > 160 {
		msg = string(r[:160]) + "…"
	}
	return strings.TrimSpace(msg)
}
