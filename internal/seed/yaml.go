package seed

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/relmap/relmap/internal/lazyre"
	"gopkg.in/yaml.v3"
)

// The YAML reader works on yaml.Node rather than decoding into structs: nodes
// keep line numbers, keep a scalar's text as written (2012 is not an int and
// 2012-06-28 not a timestamp to us) and show duplicate keys, which decoding
// into a struct would let through or reject without saying where.

type yreader struct {
	file string
	data []byte
	p    *problems
}

func (y *yreader) at(n *yaml.Node) pos { return pos{y.file, n.Line, n.Column} }

func parseYAML(file string, data []byte, p *problems) parsed {
	y := &yreader{file: file, data: data, p: p}
	root, ok := y.decode(data)
	if !ok {
		return parsed{}
	}
	if root.Kind != yaml.MappingNode {
		p.add(y.at(root), "a seed file is a mapping: `dataset: NAME`, then `documents:`, `actors:` and `ties:`",
			"the file is %s, not a mapping of fields", describe(root))
		return parsed{}
	}
	ds := value{at: pos{file, 1, 1}}
	lists := map[string]*yaml.Node{}
	for _, e := range y.mapping(root) {
		switch e.key {
		case "dataset":
			s, ok := y.scalar(e.v, "dataset")
			ds = value{s: s, at: y.at(e.v), bad: !ok}
		case "documents", "actors", "ties", "coordinates":
			lists[e.key] = e.v
		default:
			if y.unknown(e, topFields) == "dataset" {
				ds.bad = true // reported as unknown; not as missing too
			}
		}
	}
	if strings.TrimSpace(ds.s) == "" && !ds.bad {
		p.add(ds.at, "start the file with `dataset: NAME`; files that name the same dataset form one", "missing `dataset`")
	}
	var out parsed
	if !ds.bad && strings.TrimSpace(ds.s) != "" {
		out.dataset = ds
	}
	out.docs = y.items(lists["documents"], "documents", docFields, false, ds)
	out.actors = y.items(lists["actors"], "actors", actorFields, false, ds)
	out.ties = y.items(lists["ties"], "ties", tieFields, true, ds)
	out.coords = y.items(lists["coordinates"], "coordinates", coordFields, false, ds)
	return out
}

var yamlLineRE = lazyre.New(`^yaml: line (\d+): (.*)$`)

// decode parses the single YAML document in data.
func (y *yreader) decode(data []byte) (root *yaml.Node, ok bool) {
	defer func() {
		// The parser is third-party code fed hand-written input; a panic
		// there must become a message, not a crash of relmap validate.
		if r := recover(); r != nil {
			y.p.add(pos{y.file, 1, 1}, "", "the YAML parser failed: %v", r)
			root, ok = nil, false
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			y.p.add(pos{y.file, 1, 1}, "a seed file starts with `dataset: NAME`", "the file is empty")
		} else {
			y.syntax(err)
		}
		return nil, false
	}
	if len(doc.Content) == 0 {
		y.p.add(pos{y.file, 1, 1}, "a seed file starts with `dataset: NAME`", "the file is empty")
		return nil, false
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		y.p.add(pos{y.file, max(next.Line, 1), 1}, "keep one dataset document per file, without `---`", "a second YAML document starts here")
		return nil, false
	} else if !errors.Is(err, io.EOF) {
		y.syntax(err)
		return nil, false
	}
	if !y.plain(doc.Content[0]) {
		return nil, false
	}
	return doc.Content[0], true
}

func (y *yreader) syntax(err error) {
	msg, line := err.Error(), 1
	if m := yamlLineRE().FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	hint := "check the indentation, and quote values that contain ': ' or start with a special character"
	if lines := bytes.Split(y.data, []byte("\n")); line <= len(lines) && bytes.HasPrefix(lines[line-1], []byte("\t")) {
		hint = "indent with spaces: YAML does not allow tabs there"
	}
	y.p.add(pos{y.file, line, 1}, hint, "YAML syntax: %s", msg)
}

// plain rejects aliases: a seed file is read by people, who should see every
// value where it applies, and expanding aliases invites exponential blow-up.
func (y *yreader) plain(n *yaml.Node) bool {
	ok := true
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.AliasNode {
			y.p.add(y.at(n), "write the value out in full", "YAML aliases (*%s) are not supported", n.Value)
			ok = false
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return ok
}

type entry struct {
	key  string
	k, v *yaml.Node
}

// mapping returns a mapping's entries in order, reporting duplicate and
// non-scalar keys; of duplicates the first counts.
func (y *yreader) mapping(n *yaml.Node) []entry {
	var out []entry
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			y.p.add(y.at(k), "", "a field name must be a plain word, not %s", describe(k))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			y.p.add(y.at(k), "remove one of them", "duplicate key '%s' (also at line %d)", k.Value, first.Line)
			continue
		}
		seen[k.Value] = k
		out = append(out, entry{k.Value, k, v})
	}
	return out
}

// unknown reports a field that is not one of known and returns the likely
// intended field, or "".
func (y *yreader) unknown(e entry, known []string) string {
	hint := didYouMean(e.key, known)
	if hint == "" {
		hint = "known fields: " + strings.Join(known, ", ")
	}
	y.p.add(y.at(e.k), hint, "unknown field '%s'", e.key)
	return suggest(e.key, known)
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return "a single value"
}

// scalar returns a scalar's text as written; null is the empty string.
func (y *yreader) scalar(n *yaml.Node, name string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		y.p.add(y.at(n), "quote the value if it contains ': ', '[' or '{'", "`%s` must be a single value, not %s", name, describe(n))
		return "", false
	}
	if isNull(n) {
		return "", true
	}
	return n.Value, true
}

// list returns the elements of the list n; null is the empty list.
func (y *yreader) list(n *yaml.Node, name, hint string) []*yaml.Node {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		y.p.add(y.at(n), hint, "`%s` must be a list, not %s", name, describe(n))
		return nil
	}
	return n.Content
}

// items reads a list of entries. For ties, fields other than the common ones
// are the type's attributes, checked later against the type.
func (y *yreader) items(n *yaml.Node, list string, fields []string, tie bool, ds value) []item {
	var out []item
	for _, c := range y.list(n, list, "write each entry on a line starting with '- '") {
		if c.Kind != yaml.MappingNode {
			y.p.add(y.at(c), "", "an entry of `%s` must be a mapping of fields, not %s", list, describe(c))
			continue
		}
		it := item{at: y.at(c), dataset: ds}
		for _, e := range y.mapping(c) {
			switch {
			case e.key == "aliases" && has(fields, "aliases"):
				it.aliases = y.aliases(e.v)
			case e.key == "sources" && has(fields, "sources"):
				it.sources = y.citations(e.v)
			case has(fields, e.key) || tie:
				s, ok := y.scalar(e.v, e.key)
				it.set(e.key, value{s: s, at: y.at(e.v), bad: !ok})
			default:
				it.stand(y.unknown(e, fields), y.at(e.k))
			}
		}
		out = append(out, it)
	}
	return out
}

func (y *yreader) aliases(n *yaml.Node) []value {
	var out []value
	for _, c := range y.list(n, "aliases", "write aliases: [Name, Other name]") {
		if s, ok := y.scalar(c, "aliases"); ok {
			out = append(out, value{s: s, at: y.at(c)})
		}
	}
	return out
}

func (y *yreader) citations(n *yaml.Node) []item {
	var out []item
	for _, c := range y.list(n, "sources", "write each source as '- doc: ...' with section and evidence") {
		if c.Kind != yaml.MappingNode {
			y.p.add(y.at(c), "a source has `doc`, `section` and `evidence`", "a source must be a mapping of fields, not %s", describe(c))
			continue
		}
		it := item{at: y.at(c)}
		for _, e := range y.mapping(c) {
			if !has(citationFields, e.key) {
				it.stand(y.unknown(e, citationFields), y.at(e.k))
				continue
			}
			s, ok := y.scalar(e.v, e.key)
			it.set(e.key, value{s: s, at: y.at(e.v), bad: !ok})
		}
		out = append(out, it)
	}
	return out
}
