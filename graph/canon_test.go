package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The canonical forms were defined through encoding/json; the hand-written
// encoder must give the same bytes, or every stored content hash changes.

type refCitation struct{ Doc, Section, Evidence, Checked string }

func refCitations(cs []Citation) []refCitation {
	out := make([]refCitation, len(cs))
	for i, c := range cs {
		out[i] = refCitation{c.Doc, c.Section, c.Evidence, c.Checked.String()}
	}
	return out
}

func refJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func refDocument(d Document) string {
	return refJSON([]any{"document", d.Dataset, d.ID, d.Title, d.Publisher, d.Published.String(), d.URL, d.Kind, d.Note})
}

func refActor(a Actor) string {
	aliases := a.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	fields := []any{"actor", a.Dataset, a.ID, string(a.Kind), a.Name, a.Short, aliases, a.Region, a.Note, refCitations(a.Sources)}
	if a.At != nil {
		fields = append(fields, struct {
			Lat, Lon float64
			Sources  []refCitation
		}{a.At.Lat, a.At.Lon, refCitations(a.At.Sources)})
	}
	return refJSON(fields)
}

func refTie(t Tie) string {
	names := make([]string, 0, len(t.Attrs))
	for n, v := range t.Attrs {
		if v != "" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	attrs := make([][2]string, len(names))
	for i, n := range names {
		attrs[i] = [2]string{n, t.Attrs[n]}
	}
	return refJSON([]any{"tie", t.Dataset, t.Key, string(t.Type), t.From, t.To, attrs,
		t.Since.String(), t.Until.String(), t.Note, refCitations(t.Sources), t.Attested.String()})
}

func refFingerprint(ds []*Dataset) string {
	var lines []string
	for _, d := range ds {
		for _, x := range d.Documents {
			lines = append(lines, refDocument(x))
		}
		for _, x := range d.Actors {
			lines = append(lines, refActor(x))
		}
		for _, x := range d.Ties {
			lines = append(lines, refTie(x))
		}
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// awkward holds the characters JSON escapes or that sort before a quote.
var awkward = []string{"", "a", "Z", " ", "!", "\"", "\\", "<", ">", "&", "\n", "\r", "\t", "\b", "\f", "\x01", "\x1f", "\x7f",
	"é", "\u2028", "\u2029", "\xff", "\xe2\x80", "日本", "|", "#", "=", "-", "0", "9"}

func randText(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(5) {
		b.WriteString(awkward[r.IntN(len(awkward))])
	}
	return b.String()
}

func randDate(r *rand.Rand) Date {
	switch r.IntN(5) {
	case 0:
		return Date{}
	case 1:
		return Date{Year: 1800 + r.IntN(400)}
	case 2:
		return Date{Year: 1800 + r.IntN(400), Month: 1 + r.IntN(12)}
	case 3:
		return Date{Year: r.IntN(20000) - 100, Month: r.IntN(200), Day: r.IntN(200)}
	}
	return Date{Year: 1800 + r.IntN(400), Month: 1 + r.IntN(12), Day: 1 + r.IntN(28)}
}

func randCitations(r *rand.Rand) []Citation {
	if r.IntN(4) == 0 {
		return nil
	}
	out := make([]Citation, r.IntN(3))
	for i := range out {
		out[i] = Citation{randText(r), randText(r), randText(r), randDate(r)}
	}
	return out
}

func randDataset(r *rand.Rand, name string) *Dataset {
	d := &Dataset{Name: name}
	for range r.IntN(6) {
		d.Documents = append(d.Documents, Document{ID: randText(r), Dataset: name, Title: randText(r), Publisher: randText(r),
			Published: randDate(r), URL: randText(r), Kind: randText(r), Note: randText(r)})
	}
	for range r.IntN(6) {
		a := Actor{ID: randText(r), Dataset: name, Kind: Kind(randText(r)), Name: randText(r), Short: randText(r),
			Region: randText(r), Note: randText(r), Sources: randCitations(r)}
		if r.IntN(2) == 0 {
			a.Aliases = []string{randText(r), randText(r)}
		}
		if r.IntN(2) == 0 {
			a.At = &Point{Lat: (r.Float64() - 0.5) * 180, Lon: (r.Float64() - 0.5) * 360, Sources: randCitations(r)}
		}
		d.Actors = append(d.Actors, a)
	}
	for range r.IntN(8) {
		t := Tie{Key: randText(r), Dataset: name, Type: TieType(randText(r)), From: randText(r), To: randText(r),
			Since: randDate(r), Until: randDate(r), Note: randText(r), Sources: randCitations(r), Attested: randDate(r)}
		if n := r.IntN(4); n > 0 {
			t.Attrs = map[string]string{}
			for range n {
				t.Attrs[randText(r)] = randText(r)
			}
		}
		d.Ties = append(d.Ties, t)
	}
	return d
}

func TestCanonMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		d := randDataset(r, randText(r))
		for _, x := range d.Documents {
			if got, want := x.Canon(), refDocument(x); got != want {
				t.Fatalf("document %d:\n got %s\nwant %s", i, got, want)
			}
		}
		for _, x := range d.Actors {
			if got, want := x.Canon(), refActor(x); got != want {
				t.Fatalf("actor %d:\n got %s\nwant %s", i, got, want)
			}
		}
		for _, x := range d.Ties {
			if got, want := x.Canon(), refTie(x); got != want {
				t.Fatalf("tie %d:\n got %s\nwant %s", i, got, want)
			}
		}
	}
}

func TestFingerprintMatchesSortedLines(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 500 {
		var ds []*Dataset
		for j := range r.IntN(4) {
			ds = append(ds, randDataset(r, []string{"b", "a", "a-b", "ab", "a b", "<", "é"}[(i+j)%7]))
		}
		if i%2 == 0 {
			for _, d := range ds {
				d.Sort()
			}
		}
		if got, want := FingerprintOf(ds).Hash, refFingerprint(ds); got != want {
			t.Fatalf("case %d: fingerprint %s, sorted lines give %s", i, got, want)
		}
	}
}

// A sorted synthetic-like dataset takes the path that hashes as it goes;
// keys where a space follows a common prefix do not, and both agree with
// the definition.
func TestFingerprintInOrderAndNot(t *testing.T) {
	d := &Dataset{Name: "s"}
	for i := range 300 {
		d.Ties = append(d.Ties, Tie{Dataset: "s", Type: TieCooperates, From: fmt.Sprintf("a%03d", i%17), To: "b",
			Key: fmt.Sprintf("cooperates_with|a%03d|b|field=field %d|#t%d", i%17, i%10, i), Attrs: map[string]string{"field": fmt.Sprintf("field %d", i%10)},
			Since: Date{Year: 2000}, Sources: []Citation{{Doc: "doc", Section: "s" + strconv.Itoa(i), Evidence: "e"}}})
	}
	d.Sort()
	if _, ok := hashInOrder([]*Dataset{d}); !ok {
		t.Error("a sorted dataset with plain keys was not hashed in one pass")
	}
	if got, want := d.Hash(), refFingerprint([]*Dataset{d}); got != want {
		t.Errorf("in order: %s, want %s", got, want)
	}
	d.Ties = append(d.Ties, Tie{Dataset: "s", Key: "x|y"}, Tie{Dataset: "s", Key: "x|y z"})
	d.Sort()
	if _, ok := hashInOrder([]*Dataset{d}); ok {
		t.Error("keys that sort differently once quoted were hashed in one pass")
	}
	if got, want := d.Hash(), refFingerprint([]*Dataset{d}); got != want {
		t.Errorf("out of order: %s, want %s", got, want)
	}
}

var refDateRE = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$`)

// refParseDate is ParseDate as it was defined, by a regular expression.
func refParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	m := refDateRE.FindStringSubmatch(s)
	if m == nil {
		return Date{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	y, _ := strconv.Atoi(m[1])
	d := Date{Year: y}
	if y < 1800 || y > 2200 {
		return Date{}, fmt.Errorf("date %q: year %d is out of range (1800-2200)", s, y)
	}
	if m[2] != "" {
		d.Month, _ = strconv.Atoi(m[2])
		if d.Month < 1 || d.Month > 12 {
			return Date{}, fmt.Errorf("date %q: month %d does not exist", s, d.Month)
		}
	}
	if m[3] != "" {
		d.Day, _ = strconv.Atoi(m[3])
		tm := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		if d.Day < 1 || tm.Day() != d.Day {
			return Date{}, fmt.Errorf("date %q: day %d does not exist in that month", s, d.Day)
		}
	}
	return d, nil
}

func TestParseDateMatchesPattern(t *testing.T) {
	cases := []string{"", "2012", "2012-06", "2012-06-28", "2012-02-30", "2012-13", "2012-00", "1799", "2201", "12", "2012-6",
		"2012-06-1", "2012/06/28", " 2012", "2012 ", "2012-06-28x", "２０１２", "2012-", "2012--01", "2024-02-29", "2023-02-29",
		"0000", "9999-99-99", "2012-06-00", "abcd"}
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := "0123456789-/ x"
	for range 20000 {
		n := r.IntN(12)
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		got, gerr := ParseDate(s)
		want, werr := refParseDate(s)
		if got != want || fmt.Sprint(gerr) != fmt.Sprint(werr) {
			t.Fatalf("ParseDate(%q) = %v, %v; want %v, %v", s, got, gerr, want, werr)
		}
		if gerr == nil && got.String() != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, got.String())
		}
	}
}

func TestDateStringPadding(t *testing.T) {
	for _, d := range []Date{{}, {Year: 7}, {Year: 2012, Month: 6}, {Year: 2012, Month: 6, Day: 8}, {Year: 12345, Month: 123, Day: 5}, {Year: -5, Month: 1}} {
		want := ""
		switch d.Precision() {
		case PrecisionYear:
			want = fmt.Sprintf("%04d", d.Year)
		case PrecisionMonth:
			want = fmt.Sprintf("%04d-%02d", d.Year, d.Month)
		case PrecisionDay:
			want = fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
		}
		if got := d.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", d, got, want)
		}
	}
}
