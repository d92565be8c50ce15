package seed

import (
	"cmp"
	"fmt"
	"net/url"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/relmap/relmap/graph"
)

// Limits on values. Seed files are written by hand; a value past these is a
// paste gone wrong, and it would otherwise travel into every view.
const (
	maxID       = 64
	maxName     = 200
	maxTitle    = 300
	maxNote     = 2000
	maxEvidence = 300
	maxURL      = 2000
)

// isSlug reports whether s is an id (graph.IsID).
func isSlug(s string) bool { return graph.IsID(s) }

const slugHint = "use lower-case a-z, 0-9 and '-', starting with a letter or digit"

// rule says what a field may hold.
type rule struct {
	max       int
	required  bool
	slug      bool
	multiline bool
	forbid    string // a separator of the CSV form, see csv.go
	hint      string // for a missing value
}

var (
	ruleID       = rule{max: maxID, required: true, slug: true}
	ruleRef      = rule{max: maxID, required: true, slug: true}
	ruleName     = rule{max: maxName, required: true}
	ruleLine     = rule{max: maxName}
	ruleNote     = rule{max: maxNote, multiline: true}
	ruleWord     = rule{max: maxID, required: true}
	ruleAlias    = rule{max: maxName, required: true, forbid: listSep}
	ruleAttr     = rule{max: maxName, forbid: listSep}
	ruleSection  = rule{max: maxName, required: true, forbid: partSep}
	ruleEvidence = rule{max: maxEvidence, required: true, forbid: partSep}
)

type actorDef struct {
	id   string
	kind graph.Kind
	at   pos
}

// leg is a transit tie, kept to check each route's order and connections.
type leg struct {
	route, period string
	order         int
	from, to      string
	at            pos
	file, idx     int // the tie's place in reading order (see tieFile)
}

// builder validates items and assembles datasets. Identifiers are global
// across every dataset loaded together, because the graph makes them so:
// actor and document ids are unique in Neo4j, and ties may join actors of
// other datasets.
//
// Items arrive kind by kind: every document, then every actor, then every
// tie (see parse), so that each reference can be checked as its item
// arrives and a tie need not be kept once it is a graph.Tie. By the ties,
// documents and actors are complete and only read, so files of ties are
// read on several goroutines, each with a builder of its own from fork.
type builder struct {
	p         *problems
	sets      map[string]*graph.Dataset // guarded by setsMu
	setsMu    *sync.Mutex
	docs      map[string]pos
	published map[string]graph.Date // documents' publication dates, for attestation
	today     graph.Date            // the day checked dates may not pass
	docIDs    []string
	actors    map[string]int // index in actorDefs
	actorDefs []actorDef
	known     map[string]actorRef // the actors once all are read
	arena     string              // their ids, end to end
	actorIDs  []string
	routeIDs  []string
	tieFiles  []*tieFile // in reading order
	legs      []leg
	// actorIndex and coordsAt serve the coordinates, read once every
	// actor is built (see coords.go).
	actorIndex map[string]*graph.Actor
	coordsAt   map[string]pos
	ext        *external // the graph's items, when loading on top of it
	work
}

// work is what one builder keeps for itself.
type work struct {
	cur    *tieFile // the file whose ties are being read, tieFiles[curIdx]
	curIdx int
	mySets map[string]*graph.Dataset
	setOK  string // the last dataset name that passed its check
	// Ties repeat a few attribute sets and citation lists many times over;
	// equal valid ones share one map or slice (ties are never changed once
	// built), which saves memory and the allocations.
	attrSets  map[string]map[string]string
	citeLists map[string][]graph.Citation
	scratch   []byte
	pairs     []attrPair
	names     []string
	cites     []graph.Citation
}

func newWork() work {
	return work{mySets: map[string]*graph.Dataset{}, attrSets: map[string]map[string]string{},
		citeLists: map[string][]graph.Citation{}}
}

// tieFile is what reading one file's ties gave: the ties in reading order,
// in chunks (a growing slice of a million ties would be copied over and over),
// the transit legs among them, and the problems found.
type tieFile struct {
	chunks [][]graph.Tie
	n      int
	cols   map[int]int // a tie's column where it is not 1 (YAML), by index
	legs   []leg
	p      problems
}

type attrPair struct{ name, value string }

// maxShared bounds each cache of shared attribute sets and citation lists;
// past it, ties get their own as before.
const maxShared = 1 << 14

func newBuilder(p *problems) *builder {
	return &builder{p: p, sets: map[string]*graph.Dataset{}, setsMu: &sync.Mutex{}, docs: map[string]pos{},
		published: map[string]graph.Date{}, today: graph.Today(),
		actors: map[string]int{}, work: newWork()}
}

// fork returns a builder for reading ties on another goroutine.
func (b *builder) fork() *builder {
	w := *b
	w.work = newWork()
	return &w
}

// documentsDone ends the documents; actors come next.
func (b *builder) documentsDone() {
	sort.Strings(b.docIDs)
}

// actorRef is a known actor: its id, arena[off:off+n], and its kind,
// graph.Kinds[kind-1] (0 for an unknown kind).
type actorRef struct {
	off  uint32
	n    uint8
	kind uint8
}

// actorsDone ends the actors; ties come next. Every tie looks up two actors,
// which made reading ties wait on memory: ids copied end to end into one
// string, and a map of small values keyed by them, fit in far fewer cache
// lines than the ids and definitions as read.
func (b *builder) actorsDone() {
	sort.Strings(b.actorIDs)
	sort.Strings(b.routeIDs)
	var arena strings.Builder
	for _, id := range b.actorIDs {
		arena.WriteString(id)
	}
	b.arena = arena.String()
	b.known = make(map[string]actorRef, len(b.actorIDs))
	off := 0
	for _, id := range b.actorIDs {
		ref := actorRef{off: uint32(off), n: uint8(len(id))}
		for i, k := range graph.Kinds {
			if k.Kind == b.actorDefs[b.actors[id]].kind {
				ref.kind = uint8(i + 1)
			}
		}
		b.known[b.arena[off:off+len(id)]] = ref
		off += len(id)
	}
}

// datasets ends the ties and returns the datasets in canonical order.
func (b *builder) datasets() []*graph.Dataset {
	b.finishTies()
	b.checkRoutes()
	b.checkUses()
	names := make([]string, 0, len(b.sets))
	for n := range b.sets {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*graph.Dataset, len(names))
	for i, n := range names {
		out[i] = b.sets[n]
		out[i].Sort()
	}
	return out
}

func (b *builder) set(it *item) *graph.Dataset {
	name := strings.TrimSpace(it.dataset.s)
	if name != "" && name != b.setOK {
		if _, ok := b.check(it.dataset, "dataset", rule{max: maxID, slug: true}, it.at); ok {
			b.setOK = strings.Clone(name)
		}
	}
	if ds := b.mySets[name]; ds != nil {
		return ds
	}
	b.setsMu.Lock()
	defer b.setsMu.Unlock()
	ds := b.sets[name]
	if ds == nil {
		ds = &graph.Dataset{Name: strings.Clone(name)}
		b.sets[ds.Name] = ds
	}
	b.mySets[ds.Name] = ds
	return ds
}

// get checks the field name of it against r and returns its trimmed value;
// ok is false when the value is missing or invalid.
func (b *builder) get(it *item, name string, r rule) (string, bool) {
	return b.check(it.field(name), name, r, it.at)
}

func (b *builder) check(v value, name string, r rule, owner pos) (string, bool) {
	if v.bad {
		return "", false
	}
	s := strings.TrimSpace(v.s)
	if s == "" {
		if r.required {
			b.p.add(owner, r.hint, "missing `%s`", name)
		}
		return "", false
	}
	if n := utf8.RuneCountInString(s); n > r.max {
		b.p.add(v.at, "shorten it", "`%s` is %d characters long; at most %d are allowed", name, n, r.max)
		return "", false
	}
	ascii := true
	for _, c := range s {
		if c == '\n' && !r.multiline {
			b.p.add(v.at, "keep it on one line", "`%s` spans several lines", name)
			return "", false
		}
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c >= 0x80 && c < 0xa0 {
			b.p.add(v.at, "remove it", "`%s` contains the control character %U", name, c)
			return "", false
		}
		if c >= utf8.RuneSelf {
			ascii = false
			if msg := invisible(c); msg != "" {
				b.p.add(v.at, "remove it (it does not show, yet makes the value differ from what it looks like)", "`%s` contains %s", name, msg)
				return "", false
			}
		}
	}
	if !ascii {
		// One spelling per text: "café" typed and "café" pasted are one
		// value, in keys and names alike.
		s = norm.NFC.String(s)
	}
	if r.slug && !isSlug(s) {
		b.p.add(v.at, slugHint, "`%s` '%s' is not a valid id", name, s)
		return "", false
	}
	if r.forbid != "" && strings.Contains(s, r.forbid) {
		b.p.add(v.at, "it separates values in CSV files; rephrase", "`%s` contains '%s'", name, r.forbid)
		return "", false
	}
	return s, true
}

func (b *builder) date(it *item, name string, required bool) (graph.Date, bool) {
	s, ok := b.get(it, name, rule{max: maxID, required: required,
		hint: "give the earliest date the source attests, and say so in `note`"})
	if !ok {
		return graph.Date{}, false
	}
	d, err := graph.ParseDate(s)
	if err != nil {
		b.p.add(it.field(name).at, "", "`%s`: %v", name, err)
		return graph.Date{}, false
	}
	return d, true
}

func (b *builder) document(it *item) {
	ds := b.set(it)
	d := graph.Document{Dataset: ds.Name, File: it.at.file, Line: it.at.line}
	id, idOK := b.get(it, "id", ruleID)
	d.ID = id
	d.Title, _ = b.get(it, "title", rule{max: maxTitle, required: true})
	d.Publisher, _ = b.get(it, "publisher", ruleLine)
	d.Published, _ = b.date(it, "published", false)
	if u, ok := b.get(it, "url", rule{max: maxURL}); ok {
		if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			b.p.add(it.field("url").at, "write a full http:// or https:// address", "`url` '%s' is not a web address", u)
		}
		d.URL = u
	}
	if k, ok := b.get(it, "kind", ruleLine); ok {
		if k != "document" && k != "reference" {
			b.p.add(it.field("kind").at, "a document is a publication; a reference is general reference material",
				"document kind '%s' is not document or reference", k)
		}
		d.Kind = k
	}
	d.Note, _ = b.get(it, "note", ruleNote)
	if idOK {
		if first, dup := b.docs[id]; dup {
			b.p.add(it.at, "document ids are unique across all datasets; rename or remove one",
				"document '%s' is defined twice (also at %s)", id, first.ref(it.at))
		} else {
			b.docs[id] = it.at
			b.docIDs = append(b.docIDs, id)
			b.checkOwned("document", id, ds.Name, it.at)
			if !d.Published.IsZero() {
				b.published[id] = d.Published
			}
		}
	}
	ds.Documents = append(ds.Documents, d)
}

// addActor registers and checks one actor. Its id and kind are recorded before
// its fields are checked, and the first definition of a duplicate is the
// one that counts.
func (b *builder) addActor(it *item) {
	b.registerActor(it)
	ds := b.set(it)
	a := graph.Actor{Dataset: ds.Name, File: it.at.file, Line: it.at.line}
	a.ID, _ = b.get(it, "id", ruleID)
	if a.ID != "" {
		b.checkOwned("actor", a.ID, ds.Name, it.at)
	}
	if k, ok := b.get(it, "kind", ruleWord); ok {
		kind, err := graph.ParseKind(k)
		if err != nil {
			hint := didYouMean(k, graph.KindNames())
			if hint == "" {
				hint = "one of " + strings.Join(graph.KindNames(), ", ")
			}
			b.p.add(it.field("kind").at, hint, "unknown actor kind '%s'", k)
		}
		a.Kind = kind
	}
	a.Name, _ = b.get(it, "name", ruleName)
	a.Short, _ = b.get(it, "short", ruleLine)
	for _, v := range it.aliases {
		if s, ok := b.check(v, "aliases", ruleAlias, v.at); ok {
			a.Aliases = append(a.Aliases, s)
		}
	}
	if r, ok := b.get(it, "region", rule{max: maxID, slug: true}); ok {
		a.Region = r
	}
	a.Note, _ = b.get(it, "note", ruleNote)
	a.Sources = b.citations(it, false)
	ds.Actors = append(ds.Actors, a)
}

// actor returns the actor registered as id; once all actors are read, with
// its id and kind only.
func (b *builder) actor(id string) (actorDef, bool) {
	if b.known != nil {
		r, ok := b.known[id]
		if !ok {
			return actorDef{}, false
		}
		a := actorDef{id: b.arena[r.off : r.off+uint32(r.n)]}
		if r.kind > 0 {
			a.kind = graph.Kinds[r.kind-1].Kind
		}
		return a, true
	}
	i, ok := b.actors[id]
	if !ok {
		return actorDef{}, false
	}
	return b.actorDefs[i], true
}

func (b *builder) registerActor(it *item) {
	id := strings.TrimSpace(it.field("id").s)
	if !isSlug(id) || len(id) > maxID {
		return
	}
	if first, dup := b.actor(id); dup {
		b.p.add(it.at, "actor ids are unique across all datasets; rename or remove one",
			"actor '%s' is defined twice (also at %s)", id, first.at.ref(it.at))
		return
	}
	k, _ := graph.ParseKind(strings.TrimSpace(it.field("kind").s))
	id = strings.Clone(id)
	b.actors[id] = len(b.actorDefs)
	b.actorDefs = append(b.actorDefs, actorDef{id: id, kind: k, at: it.at})
	b.actorIDs = append(b.actorIDs, id)
	if k == graph.KindRoute {
		b.routeIDs = append(b.routeIDs, id)
	}
}

// citations checks an item's sources. Valid lists are shared between
// items that cite the same (see builder).
func (b *builder) citations(it *item, required bool) []graph.Citation {
	if len(it.sources) == 0 {
		if required {
			b.p.add(it.at, "add `sources` with `doc`, `section` and `evidence`", "a tie needs at least one source")
		}
		return nil
	}
	before := len(b.p.list)
	out := b.cites[:0]
	for i := range it.sources {
		c := &it.sources[i]
		var cit graph.Citation
		if doc, ok := b.check(c.field("doc"), "doc", ruleRef, c.at); ok {
			if _, found := b.docs[doc]; !found && !b.ext.document(doc, c.field("doc").at) {
				b.p.add(c.field("doc").at, b.refHint(doc, b.allDocIDs(), b.defineHint("documents:")), "unknown document '%s'%s", doc, b.notInGraph())
			}
			cit.Doc = doc
		}
		cit.Section, _ = b.check(c.field("section"), "section", ruleSection, c.at)
		cit.Evidence, _ = b.check(c.field("evidence"), "evidence", ruleEvidence, c.at)
		if s, ok := b.check(c.field("checked"), "checked", rule{max: maxID}, c.at); ok {
			d, err := graph.ParseDate(s)
			if err != nil {
				b.p.add(c.field("checked").at, "give the month (YYYY-MM) or day the record was read", "`checked`: %v", err)
			} else if msg := graph.CheckChecked(d, graph.Date{}, b.today); msg != "" {
				b.p.add(c.field("checked").at, "a record can only be checked on or before today", "%s", msg)
			}
			cit.Checked = d
		}
		out = append(out, cit)
	}
	b.cites = out
	valid := len(b.p.list) == before
	if valid {
		key := b.scratch[:0]
		for _, c := range out {
			key = append(append(append(append(append(key, c.Doc...), 0), c.Section...), 0), c.Evidence...)
			key = append(append(key, 0), c.Checked.String()...)
			key = append(key, 0)
		}
		b.scratch = key
		if shared, ok := b.citeLists[string(key)]; ok {
			return shared
		}
	}
	list := make([]graph.Citation, len(out))
	for i, c := range out {
		list[i] = graph.Citation{Doc: strings.Clone(c.Doc), Section: strings.Clone(c.Section), Evidence: strings.Clone(c.Evidence),
			Checked: c.Checked}
	}
	if valid && len(b.citeLists) < maxShared {
		b.citeLists[string(b.scratch)] = list
	}
	return list
}

// attest checks a tie's checked dates against its start (future dates are
// refused with the citation) and sets its attestation.
func (b *builder) attest(it *item, t *graph.Tie, sinceOK bool) {
	if sinceOK && len(t.Sources) == len(it.sources) {
		for i, c := range t.Sources {
			if c.Checked.IsZero() || c.Checked.First().After(b.today.First()) {
				continue
			}
			if msg := graph.CheckChecked(c.Checked, t.Since, b.today); msg != "" {
				b.p.add(it.sources[i].field("checked").at, "a source cannot speak for a tie before the tie began; correct `checked` or `since`", "%s", msg)
			}
		}
	}
	t.Attested = graph.Attest(t.Sources, t.Until, func(doc string) graph.Date {
		if d, ok := b.published[doc]; ok {
			return d
		}
		return b.ext.published(doc)
	})
}

func (b *builder) refHint(s string, ids []string, otherwise string) string {
	if h := didYouMean(s, ids); h != "" {
		return h
	}
	return otherwise
}

// end resolves a tie's from or to.
func (b *builder) end(it *item, name string) (actorDef, string, bool) {
	id, ok := b.get(it, name, ruleRef)
	if !ok {
		return actorDef{}, "", false
	}
	a, found := b.actor(id)
	if !found {
		a, found = b.ext.actor(id, it.field(name).at)
	}
	if !found {
		b.p.add(it.field(name).at, b.refHint(id, b.allActorIDs(), b.defineHint("actors:")), "unknown actor '%s'%s", id, b.notInGraph())
		return actorDef{}, id, false
	}
	return a, a.id, true
}

func (b *builder) tie(it *item) {
	ds := b.set(it)
	t := graph.Tie{Dataset: ds.Name, File: it.at.file, Line: it.at.line}
	typ, typeOK := b.get(it, "type", ruleWord)
	var info graph.TieTypeInfo
	if typeOK {
		info, typeOK = graph.LookupTieType(graph.TieType(typ))
		if !typeOK {
			b.p.add(it.field("type").at, b.refHint(typ, graph.TieTypeNames(), "see the tie types in seeds/README.md"),
				"unknown tie type '%s'", typ)
		}
		t.Type = graph.TieType(typ)
		if typeOK {
			t.Type = info.Type
		}
	}
	from, fromID, fromOK := b.end(it, "from")
	to, toID, toOK := b.end(it, "to")
	t.From, t.To = fromID, toID
	if typeOK && fromOK && toOK && from.kind != "" && to.kind != "" {
		if err := info.CheckEnds(from.kind, to.kind); err != nil {
			at := it.field("from").at
			if !strings.Contains(err.Error(), "cannot start") {
				at = it.field("to").at
			}
			b.p.add(at, "", "%v", err)
		}
	}
	attrsOK := typeOK && b.attrs(it, info, &t)
	var sinceOK, untilOK bool
	t.Since, sinceOK = b.date(it, "since", true)
	t.Until, untilOK = b.date(it, "until", false)
	if sinceOK && untilOK && !t.Until.First().After(t.Since.First()) {
		b.p.add(it.field("until").at, "a tie is in force from since up to the day before until",
			"`until` %s is not after `since` %s", t.Until, t.Since)
	}
	key, keyOK := b.get(it, "key", rule{max: maxID, slug: true})
	keyOK = keyOK || strings.TrimSpace(it.field("key").s) == ""
	if note, _ := b.get(it, "note", ruleNote); note != "" {
		t.Note = strings.Clone(note)
	}
	t.Sources = b.citations(it, true)
	b.attest(it, &t, sinceOK)
	if typeOK && fromID != "" && toID != "" && attrsOK && keyOK {
		// Whether the key is taken already is found in finishTies.
		t.Key = graph.TieKey(t, key)
	}
	f := b.cur
	idx := f.add(t)
	if it.at.col != 1 {
		f.cols[idx] = it.at.col
	}
	if t.Key != "" && t.Type == graph.TieTransit {
		order, _ := strconv.Atoi(t.Attrs["order"])
		f.legs = append(f.legs, leg{t.Attrs["route"], strings.Clone(key), order, fromID, toID, it.at, b.curIdx, idx})
	}
}

const tieChunk = 1 << 13

// add keeps t and returns its index in the file.
func (f *tieFile) add(t graph.Tie) int {
	if n := len(f.chunks); n == 0 || len(f.chunks[n-1]) == tieChunk {
		f.chunks = append(f.chunks, make([]graph.Tie, 0, tieChunk))
	}
	last := &f.chunks[len(f.chunks)-1]
	*last = append(*last, t)
	f.n++
	return f.n - 1
}

func (f *tieFile) at(idx int) *graph.Tie {
	return &f.chunks[idx/tieChunk][idx%tieChunk]
}

// readTies reads the files of ties that jobs stands for, each into a tieFile
// of its own, on as many goroutines as there are processors. The files'
// results are then taken in reading order, so the outcome does not depend
// on which goroutine read what.
func (b *builder) readTies(jobs []func(b *builder)) {
	files := make([]*tieFile, len(jobs))
	for i := range files {
		files[i] = &tieFile{cols: map[int]int{}}
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		w := b.fork()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				w.cur, w.curIdx, w.p = files[i], i, &files[i].p
				jobs[i](w)
			}
		}()
	}
	b.tieFiles = files
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, f := range files {
		b.p.list = append(b.p.list, f.p.list...)
		f.p.list = nil
	}
}

// finishTies sorts every tie by key, which is also how a key given twice
// shows up (across datasets too: the graph makes keys global), reports each
// repeat against the first in reading order, and hands each dataset its ties
// in canonical order. Sorting small records of the keys and then copying
// each tie once is much cheaper than sorting the ties themselves, and
// cheaper than looking every key up in a map of a million.
func (b *builder) finishTies() {
	var sets []*graph.Dataset
	order := b.sortedTies(&sets)
	tie := func(k *keyed) *graph.Tie { return b.tieFiles[k.file].at(int(k.idx)) }
	repeated := map[[2]int32]bool{}
	for i := 1; i < len(order); i++ {
		if !order[i].sameKey(&order[i-1]) || tie(&order[i]).Key == "" {
			continue
		}
		first := i - 1
		for first > 0 && order[first-1].sameKey(&order[i]) {
			first--
		}
		t, f := tie(&order[i]), tie(&order[first])
		at := pos{t.File, t.Line, 1}
		if c, ok := b.tieFiles[order[i].file].cols[int(order[i].idx)]; ok {
			at.col = c
		}
		b.p.add(at, "if these are two periods of one relation, give one a `key` to tell them apart",
			"tie %s is defined twice (also at %s)", t.Key, pos{file: f.File, line: f.Line}.ref(at))
		repeated[[2]int32{order[i].file, order[i].idx}] = true
	}
	b.nearDuplicates(order, tie)
	for _, f := range b.tieFiles {
		for _, l := range f.legs {
			if !repeated[[2]int32{int32(l.file), int32(l.idx)}] {
				b.legs = append(b.legs, l)
			}
		}
	}
	// Each dataset's ties in key order; the second half of the order is
	// copied on another goroutine, from where the first half leaves off.
	counts := make([]int, len(sets))
	for i := range order {
		counts[order[i].ds]++
	}
	for i, d := range sets {
		d.Ties = make([]graph.Tie, counts[i])
	}
	mid := len(order) / 2
	from := make([]int, len(sets))
	for i := range order[:mid] {
		from[order[i].ds]++
	}
	copyTies := func(part []keyed, next []int) {
		for i := range part {
			k := &part[i]
			sets[k.ds].Ties[next[k.ds]] = *tie(k)
			next[k.ds]++
		}
	}
	done := make(chan struct{})
	go func() {
		copyTies(order[mid:], from)
		close(done)
	}()
	copyTies(order[:mid], make([]int, len(sets)))
	<-done
	b.tieFiles = nil
}

// keyed is a tie's key, split at its first '|' (after the tie type), and its
// place: the idx-th tie read from the file-th file of ties, in dataset
// sets[ds]. The first 16 bytes after the type are kept in hi and lo, so
// that most comparisons need not fetch the key itself from memory.
type keyed struct {
	hi, lo    uint64
	rest      string
	group     int32 // the key's part up to its first '|': groups sort apart
	file, idx int32
	ds        int32
}

func (a *keyed) sameKey(b *keyed) bool {
	return a.group == b.group && a.hi == b.hi && a.lo == b.lo && a.rest == b.rest
}

func cmpKeyed(a, b keyed) int {
	switch {
	case a.hi != b.hi:
		return cmp.Compare(a.hi, b.hi)
	case a.lo != b.lo:
		return cmp.Compare(a.lo, b.lo)
	}
	if c := strings.Compare(a.rest, b.rest); c != 0 {
		return c
	}
	if a.file != b.file {
		return cmp.Compare(a.file, b.file)
	}
	return cmp.Compare(a.idx, b.idx)
}

// bigEndian reads up to 8 bytes of s at i as a big-endian number, padded
// with zeros: numbers compare as the bytes do.
func bigEndian(s string, i int) uint64 {
	var v uint64
	for j := range 8 {
		v <<= 8
		if i+j < len(s) {
			v |= uint64(s[i+j])
		}
	}
	return v
}

// sortedTies returns the places of all ties ordered by key, then place, and
// the datasets they belong to. Keys are first grouped by the part before
// their first '|', which no other group's part begins with, so groups sort
// as their parts do and each group is sorted on its own, two at a time.
func (b *builder) sortedTies(sets *[]*graph.Dataset) []keyed {
	groupOf := map[string]int32{}
	var prefixes []string
	var groups [][]keyed
	setOf := map[string]int32{}
	for fi, f := range b.tieFiles {
		for idx := range f.n {
			t := f.at(idx)
			prefix, rest := t.Key, ""
			if i := strings.IndexByte(t.Key, '|'); i >= 0 {
				prefix, rest = t.Key[:i+1], t.Key[i+1:]
			}
			g, ok := groupOf[prefix]
			if !ok {
				g = int32(len(prefixes))
				groupOf[prefix] = g
				prefixes = append(prefixes, prefix)
				groups = append(groups, nil)
			}
			ds, ok := setOf[t.Dataset]
			if !ok {
				ds = int32(len(*sets))
				setOf[t.Dataset] = ds
				*sets = append(*sets, b.sets[t.Dataset])
			}
			groups[g] = append(groups[g], keyed{bigEndian(rest, 0), bigEndian(rest, 8), rest, g, int32(fi), int32(idx), ds})
		}
	}
	byPrefix := make([]int, len(groups))
	for i := range byPrefix {
		byPrefix[i] = i
	}
	slices.SortFunc(byPrefix, func(x, y int) int { return strings.Compare(prefixes[x], prefixes[y]) })
	bySize := slices.Clone(byPrefix)
	slices.SortFunc(bySize, func(x, y int) int { return len(groups[y]) - len(groups[x]) })
	next := make(chan int)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for g := range next {
				slices.SortFunc(groups[g], cmpKeyed)
			}
		}()
	}
	for _, g := range bySize {
		next <- g
	}
	close(next)
	wg.Wait()
	n := 0
	for _, g := range groups {
		n += len(g)
	}
	out := make([]keyed, 0, n)
	for _, g := range byPrefix {
		out = append(out, groups[g]...)
		groups[g] = nil
	}
	return out
}

// attrs reads a tie's attributes: every field that is not a common one. It
// reports whether they are all valid.
func (b *builder) attrs(it *item, info graph.TieTypeInfo, t *graph.Tie) bool {
	names := b.names[:0]
	for _, f := range it.fields {
		if !has(tieFields, f.name) {
			names = append(names, f.name)
		}
	}
	slices.Sort(names)
	b.names = names
	before := len(b.p.list)
	ok := true
	pairs := b.pairs[:0]
	var bad map[string]bool
	for _, n := range names {
		v := it.field(n)
		if _, found := info.Attr(n); !found {
			known := make([]string, 0, len(tieFields)+len(info.Attrs))
			known = append(known, tieFields...)
			for _, a := range info.Attrs {
				known = append(known, a.Name)
			}
			it.stand(suggest(n, known), v.at)
			hint := didYouMean(n, known)
			if hint == "" && len(info.Attrs) == 0 {
				hint = fmt.Sprintf("a %s tie takes no attributes", info.Type)
			} else if hint == "" {
				hint = fmt.Sprintf("a %s tie takes %s", info.Type, strings.Join(known[len(tieFields):], ", "))
			}
			b.p.add(v.at, hint, "unknown field '%s'", n)
			ok = false
			continue
		}
		if v.bad {
			if bad == nil {
				bad = map[string]bool{}
			}
			bad[n] = true
			ok = false
		} else if s, valid := b.check(v, n, ruleAttr, v.at); valid {
			pairs = append(pairs, attrPair{n, s})
		} else if strings.TrimSpace(v.s) != "" {
			ok = false
		}
	}
	b.pairs = pairs
	// What follows depends only on the type and the pairs (every actor is
	// known by now), so a set that passed once passes again.
	var key []byte
	if ok && len(b.p.list) == before {
		key = append(b.scratch[:0], info.Type...)
		for _, a := range pairs {
			key = append(append(append(append(key, 0), a.name...), 0), a.value...)
		}
		b.scratch = key
		if shared, found := b.attrSets[string(key)]; found {
			t.Attrs = shared
			return true
		}
	}
	attrs := make(map[string]string, len(pairs))
	for _, a := range pairs {
		attrs[strings.Clone(a.name)] = strings.Clone(a.value)
	}
	for _, err := range info.CheckAttrs(attrs) {
		if a := info.Attrs; len(a) > 0 && missingBad(err, bad) {
			continue
		}
		at := it.at
		for _, n := range names {
			if strings.HasPrefix(err.Error(), n+" ") {
				at = it.field(n).at
			}
		}
		b.p.add(at, "", "%v", err)
		ok = false
	}
	for _, a := range info.Attrs {
		if a.Int && attrs[a.Name] != "" {
			// "01" and "1" are one leg; the key must not tell them apart.
			if i, err := strconv.Atoi(attrs[a.Name]); err == nil {
				attrs[a.Name] = strconv.Itoa(i)
			}
		}
	}
	if r, found := attrs["route"]; found && info.Type == graph.TieTransit {
		a, isActor := b.actor(r)
		if !isActor {
			a, isActor = b.ext.actor(r, it.field("route").at)
		}
		if !isActor {
			b.p.add(it.field("route").at, b.refHint(r, b.routeIDs, "define it under `actors:` with kind route"), "unknown route '%s'", r)
			ok = false
		} else if a.kind != graph.KindRoute && a.kind != "" {
			b.p.add(it.field("route").at, "`route` names the route actor this leg belongs to", "'%s' is a %s, not a route", r, a.kind)
			ok = false
		}
	}
	if len(attrs) == 0 {
		attrs = nil
	}
	t.Attrs = attrs
	if ok && key != nil && len(b.p.list) == before && len(b.attrSets) < maxShared {
		b.attrSets[string(key)] = attrs
	}
	return ok
}

// missingBad reports whether err is CheckAttrs' complaint about a missing
// attribute that was given, but unreadably (and so already reported).
func missingBad(err error, bad map[string]bool) bool {
	for n := range bad {
		if strings.HasSuffix(err.Error(), fmt.Sprintf("needs %q", n)) {
			return true
		}
	}
	return false
}

// checkRoutes checks that each route's legs run 1, 2, ... n and that each
// leg starts where the one before it ends. Legs given a key form a route of
// their own: a separate period of the same route.
func (b *builder) checkRoutes() {
	type routeID struct{ route, period string }
	routes := map[routeID][]leg{}
	var ids []routeID
	for _, l := range b.legs {
		id := routeID{l.route, l.period}
		if routes[id] == nil {
			ids = append(ids, id)
		}
		routes[id] = append(routes[id], l)
	}
	for _, id := range ids {
		legs := routes[id]
		sort.SliceStable(legs, func(i, j int) bool { return legs[i].order < legs[j].order })
		name := id.route
		if id.period != "" {
			name += " (key " + id.period + ")"
		}
		for i, l := range legs {
			if i == 0 {
				if l.order != 1 {
					b.p.add(l.at, "number a route's legs 1, 2, 3, ... without gaps",
						"route '%s' starts at leg %d: leg 1 is missing", name, l.order)
				}
				continue
			}
			prev := legs[i-1]
			switch {
			case l.order == prev.order:
				b.p.add(l.at, "number a route's legs 1, 2, 3, ... without gaps",
					"route '%s' has two legs numbered %d (the other at %s)", name, l.order, prev.at.ref(l.at))
			case l.order == prev.order+2:
				b.p.add(l.at, "number a route's legs 1, 2, 3, ... without gaps",
					"route '%s' jumps from leg %d to leg %d: leg %d is missing", name, prev.order, l.order, prev.order+1)
			case l.order != prev.order+1:
				b.p.add(l.at, "number a route's legs 1, 2, 3, ... without gaps",
					"route '%s' jumps from leg %d to leg %d: legs %d to %d are missing", name, prev.order, l.order, prev.order+1, l.order-1)
			case l.from != prev.to:
				b.p.add(l.at, "each leg starts where the one before it ends",
					"leg %d of route '%s' starts at '%s', but leg %d ends at '%s' (%s)", l.order, name, l.from, prev.order, prev.to, prev.at.ref(l.at))
			}
		}
	}
}
