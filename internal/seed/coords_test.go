package seed

import (
	"strings"
	"testing"
)

const coordsBase = `dataset: t
documents:
  - id: general-reference
    title: General reference
    kind: reference
actors:
  - id: tashkent
    kind: place
    name: Tashkent
  - id: uzbekistan
    kind: state
    name: Uzbekistan
coordinates:
`

func coordEntry(actor, lat, lon string) string {
	return "  - actor: " + actor + "\n    lat: " + lat + "\n    lon: " + lon + `
    sources:
      - doc: general-reference
        section: Gazetteer
        evidence: city centre
        checked: 2026-01
`
}

func TestCoordinates(t *testing.T) {
	ds, err := ParseFile("c.yaml", []byte(coordsBase+coordEntry("tashkent", "41.31", "69.28")))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := ds[0].Actor("tashkent")
	if a.At == nil || a.At.Lat != 41.31 || a.At.Lon != 69.28 || len(a.At.Sources) != 1 || a.At.Sources[0].Checked.String() != "2026-01" {
		t.Fatalf("tashkent.At = %+v", a.At)
	}
	if u, _ := ds[0].Actor("uzbekistan"); u.At != nil {
		t.Errorf("uzbekistan has no entry but At = %+v", u.At)
	}
}

func TestCoordinatesRefused(t *testing.T) {
	cases := []struct {
		name, entries string
		want          []string // each must appear in the error
	}{
		{"unknown actor with a suggestion", coordEntry("tashkend", "41.31", "69.28"),
			[]string{"c.yaml:14", "unknown actor 'tashkend'", "tashkent"}},
		{"latitude out of range", coordEntry("tashkent", "91", "69.28"), []string{"c.yaml:15", "`lat` 91 is outside -90 to 90"}},
		{"longitude out of range", coordEntry("tashkent", "41.31", "-181"), []string{"c.yaml:16", "`lon` -181 is outside -180 to 180"}},
		{"not a number", coordEntry("tashkent", "41°N", "69.28"), []string{"`lat` '41°N' is not a number"}},
		{"twice", coordEntry("tashkent", "41.31", "69.28") + coordEntry("tashkent", "41", "69"),
			[]string{"coordinates of 'tashkent' are given twice (also at line 14)"}},
		{"no source", "  - actor: tashkent\n    lat: 1\n    lon: 2\n", []string{"coordinates need a source"}},
		{"missing longitude", "  - actor: tashkent\n    lat: 1\n    sources: [{doc: general-reference, section: s, evidence: e, checked: 2026-01}]\n",
			[]string{"missing `lon`"}},
		{"unknown field", "  - actor: tashkent\n    lat: 1\n    long: 2\n", []string{"unknown field 'long'"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseFile("c.yaml", []byte(coordsBase+c.entries))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}
