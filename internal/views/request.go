package views

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/params"
	"github.com/relmap/relmap/internal/queries"
	"github.com/relmap/relmap/internal/render"
)

// Request is what to draw from the database: a built-in view, a named
// question or Cypher, with the user's parameters.
type Request struct {
	View, Named, Cypher string
	Params              map[string]any
	At                  graph.Date // with AtGiven: the day to draw
	AtGiven             bool
	Depth               int // with DepthGiven: the neighbourhood's depth
	DepthGiven          bool
	Title               string // "" for the view's own
}

// RequestError says what is wrong with a request, before any database is
// asked: the user's mistake, not a failure.
type RequestError struct{ msg string }

func (e *RequestError) Error() string { return e.msg }

func badRequest(format string, a ...any) error { return &RequestError{fmt.Sprintf(format, a...)} }

// Plan is a request resolved against the views and the named questions.
type Plan struct {
	View   View // zero unless a built-in view is drawn
	Name   string
	Cypher string
	Params map[string]any
	AsOf   graph.Date        // the day drawn, zero for every period
	Actors map[string]string // actor ids among the parameters, by parameter
	Title  string
}

// Resolve checks a request and works out its question and parameters.
func Resolve(r Request) (Plan, error) {
	if r.View != "" && r.Named != "" {
		return Plan{}, badRequest("give either --view or --named, not both")
	}
	p := Plan{Name: r.Named, Params: map[string]any{}, Title: r.Title}
	// asked names the request as the user gave it: a view's question
	// (view-ndn, shared by ndn and map) is no name the user knows.
	asked := "--named " + r.Named
	for k, v := range r.Params {
		p.Params[k] = v
	}
	if r.View != "" {
		v, ok := Get(r.View)
		if !ok {
			return Plan{}, badRequest("no view %q (views: %s)", r.View, strings.Join(Names(), ", "))
		}
		p.View, p.Name = v, v.Query
		asked = "--view " + r.View
	}
	if r.DepthGiven {
		if hood, _ := Get("neighbourhood"); p.Name != hood.Query {
			return Plan{}, badRequest("--depth is for --view neighbourhood")
		}
		if r.Depth < 1 || r.Depth > 2 {
			return Plan{}, badRequest("--depth %d: want 1 or 2", r.Depth)
		}
		p.Params["depth"] = int64(r.Depth)
	}
	switch {
	case p.Name != "" && r.Cypher != "":
		return Plan{}, badRequest("give either Cypher or --view/--named, not both")
	case p.Name != "":
		q, ok := queries.Get(p.Name)
		if !ok {
			return Plan{}, badRequest("%s", queries.Unknown(p.Name, "`relmap queries` lists them"))
		}
		if r.AtGiven {
			if !q.Time {
				return Plan{}, badRequest("%s draws every period and takes no --at; leave --at out (each tie is drawn with its dates)", asked)
			}
			p.Params["at"] = r.At
		}
		full, err := q.Params(p.Params)
		if err != nil {
			return Plan{}, badRequest("%s: %v", asked, err)
		}
		p.Params, p.Cypher = full, q.Cypher
		if q.Time {
			p.AsOf, _ = full["at"].(graph.Date)
		}
		p.Actors = q.ActorIDs(full)
	case r.Cypher != "":
		p.Cypher = r.Cypher
		if r.AtGiven {
			p.AsOf, p.Params["at"] = r.At, r.At
		}
		if p.Title == "" {
			p.Title = "Custom query"
		}
	default:
		return Plan{}, badRequest("say what to draw: --view (%s), --named NAME or Cypher", strings.Join(Names(), ", "))
	}
	return p, nil
}

// QueryError is the database's refusal of the plan's Cypher.
type QueryError struct {
	Err    error
	Cypher string
}

func (e *QueryError) Error() string { return e.Err.Error() }
func (e *QueryError) Unwrap() error { return e.Err }

// Answer is what the database gave for a plan.
type Answer struct {
	Graph   render.Subgraph
	Snap    []*graph.Dataset // the snapshot that cites and fingerprints it
	Records int              // how many records the question returned
}

// Answer asks the store for the plan's subgraph and for the snapshot. The
// two are independent reads: asked at once, one waits for the other less.
func (p Plan) Answer(ctx context.Context, s graph.Store) (Answer, error) {
	var snap []*graph.Dataset
	snapDone := make(chan error, 1)
	go func() {
		var err error
		snap, err = s.Snapshot(ctx)
		snapDone <- err
	}()
	col := render.NewCollector()
	records := 0
	if _, err := s.Query(ctx, p.Cypher, p.Params, graph.QueryOptions{}, func(r graph.Record) error {
		records++
		col.Add(r)
		return nil
	}); err != nil {
		<-snapDone
		return Answer{}, &QueryError{err, p.Cypher}
	}
	if err := <-snapDone; err != nil {
		return Answer{}, err
	}
	return Answer{Graph: col.Subgraph(), Snap: snap, Records: records}, nil
}

// SetActors puts the actor ids a lookup found (graph.ResolveNames or
// graph.RecheckIDs, by parameter) in place of the names the user gave.
func (p *Plan) SetActors(ids map[string]string) {
	for k, id := range ids {
		p.Params[k] = id
		if p.Actors != nil {
			p.Actors[k] = id
		}
	}
}

// Empty explains an answer with nothing to draw: an *graph.EmptyError when
// the question returned records none of which holds a node (its columns are
// values, as a table's are), or when an argument names nothing to draw or
// the day is before every tie asked about (graph.ExplainEmpty). It is nil
// when there is something to draw, or when the empty figure is the answer.
func (p Plan) Empty(a Answer) error {
	// The snapshot is merged at most once, and only when a check needs it.
	var all *graph.Dataset
	merged := func() *graph.Dataset {
		if all == nil {
			all = graph.Merge(a.Snap)
		}
		return all
	}
	if p.View.Asks != nil && !p.AsOf.IsZero() {
		what, ties := p.View.Asks(merged(), Params(p.Params))
		if err := graph.ExplainDay(what, ties, p.AsOf); err != nil {
			return err
		}
	}
	if len(a.Graph.Nodes) > 0 {
		return nil
	}
	if a.Records > 0 {
		what := "the statement"
		if p.Name != "" {
			what = p.Name
		}
		return &graph.EmptyError{Why: fmt.Sprintf("%s returned %d record(s) but no node, relationship or path to draw", what, a.Records),
			Hint: fmt.Sprintf("`relmap query` prints them as a table; draw a view (%s) or Cypher that returns paths, e.g. RETURN p", strings.Join(Names(), ", "))}
	}
	var asked []graph.Asked
	if q, ok := queries.Get(p.Name); ok && p.Name != "" {
		asked = q.Asked(p.Params)
	}
	return graph.ExplainEmpty(merged(), asked, p.AsOf)
}

// Options are how the fetched figure is drawn: its title (the view's, the
// question's name, or the one asked for), its layout (the view's own when
// auto), the documents its ties cite, and metadata tracing it back to the
// question, the parameters and the data.
func (p Plan) Options(sg render.Subgraph, snap []*graph.Dataset, layout string) render.Options {
	title := p.Title
	if p.View.Name != "" {
		if title == "" {
			title = p.View.Title(merge(snap), Params(p.Params))
		}
		layout = p.View.LayoutFor(layout, len(sg.Nodes))
	} else if title == "" {
		title = p.Name
	}
	return render.Options{Title: title, AsOf: p.AsOf, Layout: layout, Sources: Caption(sg, snap),
		Metadata: map[string]string{
			"query":       strings.TrimSpace(p.Cypher),
			"parameters":  ParamText(p.Params),
			"fingerprint": graph.FingerprintOf(snap).Hash,
		}}
}

// merge puts datasets' actors together for titles; ids are unique across
// datasets.
func merge(snap []*graph.Dataset) *graph.Dataset {
	out := &graph.Dataset{}
	for _, d := range snap {
		out.Actors = append(out.Actors, d.Actors...)
	}
	return out
}

// ParamText writes parameters as the command line gives them, sorted:
// "at=2012-02-01 org=nato".
func ParamText(p map[string]any) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		// params.Format writes a graph.Date as the bare date that -p reads
		// back as a DATE.
		parts = append(parts, k+"="+params.Format(p[k]))
	}
	return strings.Join(parts, " ")
}
