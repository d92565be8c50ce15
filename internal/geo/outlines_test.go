package geo

import "testing"

func TestOutlines(t *testing.T) {
	cs, err := Outlines()
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]Country{}
	for _, c := range cs {
		by[c.Name] = c
	}
	// Every state a map of Central Asia and its neighbours draws, and a
	// point known to lie inside each.
	inside := map[string]LonLat{
		"Kazakhstan": {67, 48}, "Uzbekistan": {63.3, 41.9}, "Turkmenistan": {59.4, 39.1},
		"Kyrgyzstan": {74.8, 41.5}, "Tajikistan": {71.3, 38.9}, "Afghanistan": {66, 33.9},
		"Iran": {54.3, 32.4}, "Russia": {37.62, 55.76}, "China": {103.8, 34.5}, "Georgia": {43.5, 42.2},
		"Azerbaijan": {47.7, 40.3}, "Pakistan": {69.4, 29.9}, "Latvia": {24.6, 56.9},
	}
	for name, p := range inside {
		c, ok := by[name]
		if !ok {
			t.Errorf("no outline of %s", name)
			continue
		}
		in := false
		for _, r := range c.Rings {
			if contains(r, p) {
				in = !in
			}
		}
		if !in {
			t.Errorf("%s's outline does not contain %v", name, p)
		}
	}
	if _, ok := by["Kazakhstan"]; ok && contains(by["Kazakhstan"].Rings[0], LonLat{51, 42}) {
		t.Error("Kazakhstan's outline contains the Caspian")
	}
}

func TestParseOutlinesRefusesBadLines(t *testing.T) {
	for _, s := range []string{"X\t1 2 3", "X 1 2 3 4 5 6", "X\t1 2 a 4 5 6"} {
		if _, err := parseOutlines(s); err == nil {
			t.Errorf("parseOutlines(%q) accepted", s)
		}
	}
}

// contains is the even-odd rule.
func contains(ring []LonLat, p LonLat) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a.Lat > p.Lat) != (b.Lat > p.Lat) && p.Lon < (b.Lon-a.Lon)*(p.Lat-a.Lat)/(b.Lat-a.Lat)+a.Lon {
			in = !in
		}
	}
	return in
}
