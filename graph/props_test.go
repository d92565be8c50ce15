package graph

import (
	"math"
	"reflect"
	"testing"
)

func TestTieFromProps(t *testing.T) {
	cases := []struct {
		name  string
		rel   string
		props map[string]any
		want  Tie
		known bool
	}{
		{"precision cuts the stored first day back", "MEMBER_OF", map[string]any{
			PropKey: "k", PropDataset: "core", PropTypeName: "member_of", "role": "member",
			PropSince: MustDate("2001-06-15"), PropSincePr: "day",
			PropUntil: MustDate("2012-01-01"), PropUntilPr: "year",
			PropSrcDoc: []any{"a", "b"}, PropSrcSect: []any{"s1", "s2"}, PropSrcEvid: []any{"e1", ""},
			PropSources: []any{"a, s1: e1", "b, s2"}},
			Tie{Key: "k", Dataset: "core", Type: TieMemberOf, Attrs: map[string]string{"role": "member"},
				Since: MustDate("2001-06-15"), Until: MustDate("2012"),
				Sources: []Citation{{Doc: "a", Section: "s1", Evidence: "e1"}, {Doc: "b", Section: "s2"}}}, true},
		{"integer attribute and month precision", "TRANSIT_LEG", map[string]any{
			PropKey: "leg", "order": int64(3), "mode": "rail", "route": "ndn-north",
			PropSince: MustDate("2009-03-01"), PropSincePr: "month"},
			Tie{Key: "leg", Type: TieTransit, Attrs: map[string]string{"order": "3", "mode": "rail", "route": "ndn-north"},
				Since: MustDate("2009-03")}, true},
		{"a date given as text, as a custom query may return it", "LOCATED_IN", map[string]any{PropSince: "2001-06"},
			Tie{Type: TieLocatedIn, Since: MustDate("2001-06")}, true},
		{"a type relmap does not define", "KNOWS", map[string]any{"weight": 1.5, "empty": ""},
			Tie{Type: "knows", Attrs: map[string]string{"weight": "1.5"}}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, known := TieFromProps(c.rel, c.props)
			if known != c.known || !reflect.DeepEqual(got, c.want) {
				t.Errorf("TieFromProps(%s) = %+v, %v\nwant %+v, %v", c.rel, got, known, c.want, c.known)
			}
		})
	}
}

func TestActorFromProps(t *testing.T) {
	got := ActorFromProps([]string{ActorLabel, "State"}, map[string]any{PropID: "kazakhstan", PropName: "Kazakhstan",
		PropRegion: RegionCentralAsia, PropAliases: []any{"Qazaqstan"}})
	want := Actor{ID: "kazakhstan", Kind: KindState, Name: "Kazakhstan", Region: RegionCentralAsia, Aliases: []string{"Qazaqstan"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("kind from the label: got %+v, want %+v", got, want)
	}
	got = ActorFromProps([]string{"Place"}, map[string]any{PropID: "nato", PropKind: "organisation", PropShort: "NATO",
		PropSrcDoc: []any{"ref"}, PropSrcSect: []any{"record"}, PropSrcEvid: []any{"founded 1949"}})
	want = Actor{ID: "nato", Kind: KindOrganisation, Short: "NATO", Sources: []Citation{{Doc: "ref", Section: "record", Evidence: "founded 1949"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("kind property wins over labels: got %+v, want %+v", got, want)
	}
}

func TestCitationText(t *testing.T) {
	cs := []Citation{{Doc: "a", Section: "s", Evidence: "e"}, {Doc: "b", Evidence: "e"}, {Doc: "c", Section: "s"}, {Doc: "a"}}
	if got, want := CitationsText(cs), "a, s: e; b: e; c, s; a"; got != want {
		t.Errorf("CitationsText = %q, want %q", got, want)
	}
	var details []string
	for _, c := range cs {
		details = append(details, c.Detail())
	}
	if got, want := details, []string{"s: e", "e", "s", ""}; !reflect.DeepEqual(got, want) {
		t.Errorf("Detail = %q, want %q", got, want)
	}
	if got, want := CitedDocs(cs), []string{"a", "b", "c"}; !reflect.DeepEqual(got, want) {
		t.Errorf("CitedDocs = %q, want %q", got, want)
	}
}

func TestActorFromPropsPoint(t *testing.T) {
	cite := Citation{Doc: "general-reference", Section: "Capitals", Evidence: "Astana 51.17N 71.45E", Checked: MustDate("2026-12")}
	cases := []struct {
		name  string
		props map[string]any
		want  *Point
	}{
		{"both coordinates and their citation", map[string]any{PropLat: 51.17, PropLon: int64(71),
			PropCoordSrc: []any{PointCitations([]Citation{cite})[0]}}, &Point{Lat: 51.17, Lon: 71, Sources: []Citation{cite}}},
		{"latitude alone is no point", map[string]any{PropLat: 51.17}, nil},
		{"coordinates as text from a custom query", map[string]any{PropLat: "-33.5", PropLon: "151.25"}, &Point{Lat: -33.5, Lon: 151.25}},
		{"none", map[string]any{}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ActorFromProps([]string{"Place"}, c.props).At
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("At = %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestCheckLatLon(t *testing.T) {
	cases := []struct {
		lat, lon float64
		bad      bool
	}{{0, 0, false}, {90, 180, false}, {-90, -180, false}, {90.01, 0, true}, {0, -180.5, true}, {math.NaN(), 0, true}}
	for _, c := range cases {
		if got := CheckLatLon(c.lat, c.lon) != ""; got != c.bad {
			t.Errorf("CheckLatLon(%g, %g) bad = %v, want %v", c.lat, c.lon, got, c.bad)
		}
	}
}
