// Package neo4jstore implements graph.Store on Neo4j 5 over Bolt (a local
// embedded server, Docker, Desktop, Aura or a cluster through neo4j://).
//
// Every statement is parameterised; the only names spliced into Cypher are
// labels and relationship types from the domain's closed sets. Writes run in
// ExecuteWrite callbacks that are safe to retry; reads in ExecuteRead. The
// exception is Query, the user's own Cypher, which runs as cypher-shell runs
// it, in an auto-commit transaction (see Query).
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/lazyre"
)

// Config says which server and database to use.
type Config struct {
	URI      string
	User     string
	Password string
	Database string        // "" means the server's default database
	Timeout  time.Duration // connection timeout; 0 means 5s
	// BookmarkFile carries the last bookmark between processes (see
	// bookmarks.go); "" keeps bookmarks within this process only.
	BookmarkFile string
}

// Store is a graph.Store on Neo4j.
type Store struct {
	driver    neo4j.DriverWithContext
	cfg       Config
	bookmarks *bookmarks
}

var _ graph.Store = (*Store)(nil)

// Open creates a driver for cfg. It does not connect: the first call does.
func Open(cfg Config) (*Store, error) {
	if cfg.Timeout == 0 {
		cfg.Timeout = 5 * time.Second
	}
	drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""),
		func(c *config.Config) {
			c.SocketConnectTimeout = cfg.Timeout
			c.ConnectionAcquisitionTimeout = cfg.Timeout
			c.MaxTransactionRetryTime = 15 * time.Second
			c.UserAgent = "relmap"
			// Fewer, larger socket reads when streaming records.
			c.ReadBufferSize = 64 << 10
		})
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v (expected e.g. bolt://host:7687, neo4j://host, neo4j+s://host)", graph.ErrUnavailable, RedactURI(cfg.URI), err)
	}
	return &Store{driver: drv, cfg: cfg, bookmarks: openBookmarks(cfg.BookmarkFile, cfg.URI, cfg.Database)}, nil
}

// Close records the session's last bookmark for the next process and
// releases the driver's connections.
func (s *Store) Close(ctx context.Context) error {
	err := s.bookmarks.save()
	if cerr := s.driver.Close(ctx); cerr != nil {
		return cerr
	}
	return err
}

// fetchSize is how many records the server sends per PULL. The driver
// reads them from the socket only as the caller asks for them, so memory
// does not grow with it; ten times the default of 1,000 cut the time to
// stream a million rows by a fifth, and fetching everything at once
// gained nothing more.
const fetchSize = 10_000

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: s.cfg.Database,
		FetchSize: fetchSize, BookmarkManager: s.bookmarks.current()})
}

// Ping opens (and keeps, for what follows) one authenticated connection.
func (s *Store) Ping(ctx context.Context) error {
	cctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	return s.connectivity(s.driver.VerifyConnectivity(cctx))
}

// Info checks connectivity and reports the server's version.
func (s *Store) Info(ctx context.Context) (graph.ServerInfo, error) {
	info := graph.ServerInfo{Address: RedactURI(s.cfg.URI), Database: s.cfg.Database}
	cctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	if err := s.driver.VerifyConnectivity(cctx); err != nil {
		return info, s.connectivity(err)
	}
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	res, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		r, err := tx.Run(ctx, "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition", nil)
		if err != nil {
			return nil, err
		}
		rec, err := r.Single(ctx)
		if err != nil {
			return nil, err
		}
		return rec.Values, nil
	})
	if err != nil {
		return info, s.classify(err)
	}
	vals := res.([]any)
	info.Product, _ = vals[0].(string)
	info.Version, _ = vals[1].(string)
	info.Edition, _ = vals[2].(string)
	if info.Database == "" {
		info.Database = "(default)"
	}
	return info, nil
}

// Query streams the records of one statement to fn.
//
// The statement runs in an auto-commit transaction, as cypher-shell runs
// it: one round trip where a managed transaction takes three (BEGIN, the
// statement, COMMIT), which is most of the time of a small read on a server
// that spends milliseconds on any message; statements that manage their own
// transactions (CALL { … } IN TRANSACTIONS) work, and the server still
// enforces the session's access mode, so without opts.Write a write is
// refused. Auto-commit is not retried by the driver, so a read that meets a
// transient server error is run again here, but only while no record has
// been passed to fn (a retry after that would repeat records); a write is
// never run again, as it may have committed part of its work (CALL { … } IN
// TRANSACTIONS commits batch by batch).
func (s *Store) Query(ctx context.Context, cypher string, params map[string]any, opts graph.QueryOptions, fn func(graph.Record) error) (graph.QuerySummary, error) {
	mode := neo4j.AccessModeRead
	if opts.Write {
		mode = neo4j.AccessModeWrite
	}
	// --timeout is the server's transaction timeout, not a deadline on ctx:
	// a context with a deadline makes the driver read every chunk through a
	// goroutine of its own, which made streaming three times slower.
	var txOpts []func(*neo4j.TransactionConfig)
	if opts.Timeout > 0 {
		txOpts = append(txOpts, neo4j.WithTxTimeout(opts.Timeout))
	}
	tag, stop := s.interruptible(ctx)
	defer stop()
	txOpts = append(txOpts, tag)
	sess := s.session(ctx, mode)
	defer func() { sess.Close(ctx) }()
	params = toDriverParams(params)
	var sum graph.QuerySummary
	run := func() (neo4j.ResultSummary, error) {
		r, err := sess.Run(ctx, cypher, params, txOpts...)
		if err != nil {
			return nil, err
		}
		keys, err := r.Keys()
		if err != nil {
			return nil, err
		}
		sum.Keys = keys
		for r.Next(ctx) {
			rec := r.Record()
			vals := make([]any, len(rec.Values))
			for i, v := range rec.Values {
				vals[i] = fromDriver(v)
			}
			sum.Records++
			if err := fn(graph.Record{Keys: keys, Values: vals}); err != nil {
				return nil, stopError{err}
			}
		}
		if err := r.Err(); err != nil {
			return nil, err
		}
		return r.Consume(ctx)
	}
	deadline := time.Now().Add(queryRetryTime)
	retriedBookmarks := false
	for wait := 50 * time.Millisecond; ; wait *= 2 {
		rs, err := run()
		var stop stopError
		switch {
		case errors.As(err, &stop):
			return sum, stop.err
		case err != nil && errors.Is(ctx.Err(), context.Canceled):
			// The driver's "read cancelled" (or the server's "terminated")
			// does not unwrap to context.Canceled, which callers look for
			// (Ctrl-C).
			return sum, fmt.Errorf("%w: %v", ctx.Err(), err)
		case bookmarkRefused(err) && !retriedBookmarks && sum.Records == 0:
			// A stored bookmark of another life of this database: nothing
			// ran, so run again without it.
			retriedBookmarks = true
			s.bookmarks.forget()
			sess.Close(ctx)
			sess = s.session(ctx, mode)
			continue
		case err == nil:
			sum.ResultAvail = rs.ResultAvailableAfter()
			sum.ResultCons = rs.ResultConsumedAfter()
			sum.QueryType = queryType(rs.StatementType())
			sum.Counters = counters(rs.Counters())
			for _, n := range rs.Notifications() {
				sum.Notification = append(sum.Notification, n.Title()+": "+n.Description())
			}
			return sum, nil
		case opts.Write || sum.Records > 0 || !transient(err) || time.Now().Add(wait).After(deadline):
			return sum, s.classify(err)
		}
		select {
		case <-ctx.Done():
			return sum, fmt.Errorf("%w while waiting to retry: %v", ctx.Err(), err)
		case <-time.After(wait):
		}
	}
}

// queryRetryTime bounds the retries of a statement that met a transient
// server error (a deadlock, a leader switch) before returning any record.
const queryRetryTime = 15 * time.Second

// transient reports whether the server says trying again may succeed (the
// driver's own judgement of its error). Connection failures are not retried:
// they are reported at once, with the way out.
func transient(err error) bool {
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && ne.IsRetriable()
}

// stopError carries an error from the record callback out of the transaction
// function without being mistaken for a retryable server error.
type stopError struct{ err error }

func (e stopError) Error() string { return e.err.Error() }

func queryType(t neo4j.StatementType) string {
	switch t {
	case neo4j.StatementTypeReadOnly:
		return "r"
	case neo4j.StatementTypeReadWrite:
		return "rw"
	case neo4j.StatementTypeWriteOnly:
		return "w"
	case neo4j.StatementTypeSchemaWrite:
		return "s"
	}
	return ""
}

func counters(c neo4j.Counters) map[string]int {
	m := map[string]int{
		"nodes_created":         c.NodesCreated(),
		"nodes_deleted":         c.NodesDeleted(),
		"relationships_created": c.RelationshipsCreated(),
		"relationships_deleted": c.RelationshipsDeleted(),
		"properties_set":        c.PropertiesSet(),
		"labels_added":          c.LabelsAdded(),
		"labels_removed":        c.LabelsRemoved(),
		"indexes_added":         c.IndexesAdded(),
		"indexes_removed":       c.IndexesRemoved(),
		"constraints_added":     c.ConstraintsAdded(),
		"constraints_removed":   c.ConstraintsRemoved(),
	}
	for k, v := range m {
		if v == 0 {
			delete(m, k)
		}
	}
	return m
}

var posRE = lazyre.New(`\(line (\d+), column (\d+)`)

// classify turns driver errors into the domain's errors. The driver's
// IsNeo4jError does not unwrap, hence errors.As throughout.
func (s *Store) classify(err error) error {
	if err == nil {
		return nil
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		if bookmarkRefused(err) {
			// Forgotten now, so that the next command starts afresh.
			s.bookmarks.forget()
			return fmt.Errorf("%w: the server refused relmap's last bookmark (%s); relmap has forgotten it: run the command again", graph.ErrUnavailable, ne.Msg)
		}
		switch {
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Security.Unauthorized"),
			strings.HasPrefix(ne.Code, "Neo.ClientError.Security.AuthenticationRateLimit"),
			strings.HasPrefix(ne.Code, "Neo.ClientError.Security.CredentialsExpired"):
			hint := "check NEO4J_USERNAME and the password"
			if s.cfg.Password == "" {
				hint = "no password was given: set NEO4J_PASSWORD or use --password-file"
			}
			return fmt.Errorf("%w at %s as user %q: %s (%s)", graph.ErrAuth, RedactURI(s.cfg.URI), s.cfg.User, ne.Msg, hint)
		case strings.Contains(ne.Code, "TransactionTimedOut"):
			return fmt.Errorf("%w: %s", graph.ErrTimeout, ne.Msg)
		case ne.Code == "Neo.ClientError.Database.DatabaseNotFound":
			return fmt.Errorf("%w: database %q does not exist on %s (Community edition has one user database, usually \"neo4j\")", graph.ErrUnavailable, s.cfg.Database, RedactURI(s.cfg.URI))
		}
		qe := &graph.QueryError{Code: ne.Code, Message: ne.Msg}
		if m := posRE().FindStringSubmatch(ne.Msg); m != nil {
			qe.Line, _ = strconv.Atoi(m[1])
			qe.Column, _ = strconv.Atoi(m[2])
		}
		return qe
	}
	var ie *neo4j.InvalidAuthenticationError
	if errors.As(err, &ie) {
		return fmt.Errorf("%w at %s: %v", graph.ErrAuth, RedactURI(s.cfg.URI), err)
	}
	var ce *neo4j.ConnectivityError
	var oe *net.OpError
	if errors.As(err, &ce) || errors.As(err, &oe) || errors.Is(err, context.DeadlineExceeded) ||
		strings.Contains(err.Error(), "ConnectivityError") {
		return fmt.Errorf("%w: cannot reach Neo4j at %s: %v", graph.ErrUnavailable, RedactURI(s.cfg.URI), err)
	}
	return err
}

// toDriverParams converts domain values (graph.Date) into driver values.
func toDriverParams(p map[string]any) map[string]any {
	if p == nil {
		return nil
	}
	out := make(map[string]any, len(p))
	for k, v := range p {
		out[k] = toDriver(v)
	}
	return out
}

func toDriver(v any) any {
	switch x := v.(type) {
	case graph.Date:
		return dbtype.Date(x.First())
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = toDriver(e)
		}
		return out
	case map[string]any:
		return toDriverParams(x)
	}
	return v
}

// fromDriver converts driver values into the value types of graph.Record.
func fromDriver(v any) any {
	switch x := v.(type) {
	case dbtype.Node:
		return graph.Node{ElementID: x.ElementId, Labels: x.Labels, Props: propsFromDriver(x.Props)}
	case dbtype.Relationship:
		return graph.Relationship{ElementID: x.ElementId, StartID: x.StartElementId, EndID: x.EndElementId,
			Type: x.Type, Props: propsFromDriver(x.Props)}
	case dbtype.Path:
		return pathFromDriver(x)
	case dbtype.Date:
		t := x.Time()
		return graph.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	case dbtype.LocalDateTime:
		return x.Time()
	case dbtype.LocalTime:
		return x.Time().Format("15:04:05.999999999")
	case dbtype.Time:
		return x.Time().Format("15:04:05.999999999Z07:00")
	case dbtype.Duration:
		return x.String()
	case dbtype.Point2D:
		return x.String()
	case dbtype.Point3D:
		return x.String()
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = fromDriver(e)
		}
		return out
	case map[string]any:
		return propsFromDriver(x)
	}
	return v
}

func propsFromDriver(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = fromDriver(v)
	}
	return out
}

// pathFromDriver lays a path out in walking order. The driver lists each
// distinct node once, so a path that comes back to a node would otherwise
// have fewer nodes than graph.Path promises (one more than relationships).
func pathFromDriver(x dbtype.Path) graph.Path {
	byID := make(map[string]graph.Node, len(x.Nodes))
	for _, n := range x.Nodes {
		byID[n.ElementId] = fromDriver(n).(graph.Node)
	}
	p := graph.Path{}
	if len(x.Nodes) == 0 {
		return p
	}
	cur := x.Nodes[0].ElementId
	p.Nodes = append(p.Nodes, byID[cur])
	for _, r := range x.Relationships {
		rel := fromDriver(r).(graph.Relationship)
		p.Rels = append(p.Rels, rel)
		if rel.StartID == cur {
			cur = rel.EndID
		} else {
			cur = rel.StartID
		}
		p.Nodes = append(p.Nodes, byID[cur])
	}
	return p
}

// RedactURI hides any user information in a URI, parsed or not, so that
// the URI can be shown in messages: everything between the scheme and the
// last '@' (a password may itself hold '/', '?' or '#').
func RedactURI(uri string) string {
	scheme, rest, ok := strings.Cut(uri, "://")
	if !ok {
		scheme, rest = "", uri
	}
	if i := strings.LastIndex(rest, "@"); i >= 0 {
		rest = "***@" + rest[i+1:]
	}
	if ok {
		return scheme + "://" + rest
	}
	return rest
}
