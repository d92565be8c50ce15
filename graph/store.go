package graph

import (
	"context"
	"time"
)

// Store is the database behind relmap. Commands depend on this interface only,
// so they can be tested without a database; graph/neo4jstore implements it on
// Neo4j. Methods may be called from several goroutines at once (render asks
// for its subgraph and the snapshot that cites it together).
type Store interface {
	// Ping checks that the server answers and accepts the credentials; it
	// runs no query, so it costs a connection and nothing more.
	Ping(ctx context.Context) error
	// Info reports the server's product name, version and edition, and the
	// database in use.
	Info(ctx context.Context) (ServerInfo, error)
	// Load makes the graph's copy of each dataset equal to ds and reports what
	// changed. With opts.DryRun nothing is written.
	Load(ctx context.Context, ds []*Dataset, opts LoadOptions) (LoadSummary, error)
	// Query runs one Cypher statement with parameters, streaming each record
	// to fn as it arrives. Without opts.Write the server runs it read-only.
	Query(ctx context.Context, cypher string, params map[string]any, opts QueryOptions, fn func(Record) error) (QuerySummary, error)
	// Snapshot reads the content relmap owns back into datasets (all of them
	// when names is empty), in canonical order.
	Snapshot(ctx context.Context, names ...string) ([]*Dataset, error)
	// Fingerprint hashes the content relmap owns, canonically (see
	// FingerprintOf): a graph loaded from files has the files' fingerprint.
	Fingerprint(ctx context.Context) (Fingerprint, error)
	Close(ctx context.Context) error
}

// ServerInfo describes the server a Store talks to.
type ServerInfo struct {
	Address  string
	Product  string // e.g. "Neo4j Kernel"
	Version  string // e.g. "5.26.30"
	Edition  string // e.g. "community"
	Database string
}

// LoadOptions tune Load.
type LoadOptions struct {
	DryRun    bool
	BatchSize int  // rows per UNWIND batch; 0 picks the default
	Force     bool // write even when the stored content hash matches
	// LockTimeout: give up with ErrBusy after waiting this long for
	// another load to finish; 0 waits as long as it takes.
	LockTimeout time.Duration
	// Waiting is told, once, what a load waits for when another holds the
	// lock for over a second; may be nil. Called outside transactions.
	Waiting func(holder string)
	// Prune lets a load remove more than half of what a dataset holds;
	// without it such a load is refused (loadplan.PruneError).
	Prune    bool
	Progress func(done, total int64) // called outside transactions; may be nil
	// Input is a hash of the files the datasets were read from (see
	// seed.InputHash), recorded with them for InputChecker; "" records none.
	Input string
}

// InputChecker is a Store that can tell, from the hash of a load's input
// files alone, that the graph holds what they hold: a re-load of unchanged
// files then needs neither parsing nor validation.
type InputChecker interface {
	// LoadedInput reports whether every dataset last loaded from the files
	// with hash input (LoadOptions.Input) still holds what that load wrote,
	// as far as the stored content hashes tell; the summary lists them as
	// unchanged, with their counts.
	LoadedInput(ctx context.Context, input string) (LoadSummary, bool, error)
}

// KnownItems are the actors and documents the graph holds, by id, that
// files loaded on top may refer to without defining them.
type KnownItems struct {
	Actors    map[string]KnownActor
	Documents map[string]KnownDocument
	// Unasked: the graph could not be asked, and any reference the files
	// do not resolve is taken to resolve there (to check files for every
	// other problem while the database is down).
	Unasked bool
}

// KnownDocument is a document the graph holds: its dataset, and its date
// of publication, which a tie citing it is attested to.
type KnownDocument struct {
	Dataset   string
	Published Date
}

// KnownActor is an actor the graph holds: its kind and dataset.
type KnownActor struct {
	Kind    Kind
	Dataset string
}

// Cataloguer is a Store that lists the actors and documents it holds, so
// that files of one dataset can refer to another's.
type Cataloguer interface {
	Known(ctx context.Context) (KnownItems, error)
}

// Unloader is a Store that can remove a whole dataset.
type Unloader interface {
	// Unload removes every document, actor and tie the dataset owns, and the
	// dataset itself (see Load for what happens to actors others still tie
	// to). With opts.DryRun nothing is written. A dataset the graph does not
	// hold is an error that lists those it does.
	Unload(ctx context.Context, name string, opts LoadOptions) (DatasetChange, error)
}

// LoadSummary counts what a load changed, per dataset and kind of item.
type LoadSummary struct {
	Datasets  []DatasetChange
	Unchanged bool // every dataset's content hash matched; nothing was compared or written
	DryRun    bool
}

// DatasetChange is what a load did (or would do) to one dataset.
type DatasetChange struct {
	Name      string
	Hash      string
	Unchanged bool
	Documents Change
	Actors    Change
	Ties      Change
	// NeedsPrune: the load removes more than half of the dataset, which
	// needs LoadOptions.Prune (set on dry runs, which are not refused).
	NeedsPrune bool
	// Details lists each created, updated or removed item ("+ actor nato"),
	// filled for dry runs.
	Details []string
}

// Change counts created, updated and removed items.
type Change struct {
	Created, Updated, Removed, Kept int
}

// QueryOptions tune Query.
type QueryOptions struct {
	Write   bool
	Timeout time.Duration // 0: the server's default
}

// QuerySummary is what the server reports after a statement.
type QuerySummary struct {
	Keys         []string
	Records      int64
	Counters     map[string]int // non-zero update counters, for writes
	ResultAvail  time.Duration  // server time until the first record was available
	ResultCons   time.Duration  // server time until the last record was consumed
	QueryType    string         // r, rw, w, s
	Notification []string
}

// Fingerprint is a canonical hash of relmap-owned content with its counts.
type Fingerprint struct {
	Hash      string
	Documents int
	Actors    int
	Ties      int
}

// Record is one row of a query result: values in column order.
type Record struct {
	Keys   []string
	Values []any
}

// The value types a Record may hold besides nil, bool, int64, float64, string,
// []any, map[string]any, Date (for Neo4j dates), time.Time (date-times) and
// time.Duration.

// Node is a graph node as returned by a query.
type Node struct {
	ElementID string
	Labels    []string
	Props     map[string]any
}

// Relationship is a graph relationship as returned by a query.
type Relationship struct {
	ElementID string
	StartID   string // ElementID of the start node
	EndID     string // ElementID of the end node
	Type      string
	Props     map[string]any
}

// Path alternates nodes and relationships: Nodes has one more element than
// Rels.
type Path struct {
	Nodes []Node
	Rels  []Relationship
}
