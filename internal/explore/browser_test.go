package explore

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/analyse"
	"github.com/relmap/relmap/internal/browsertest"
	"github.com/relmap/relmap/internal/compare"
)

// The browser tests open the page from disk in real headless Chromium,
// driven through the DevTools protocol, with the network shut (every host
// name resolves to nothing and any proxied request goes to a closed port),
// and watch every request the page starts and every console message.

// tab is one page opened in a fresh headless Chromium.
type tab struct {
	ctx     context.Context
	url     string
	mu      sync.Mutex
	console []string // console messages and uncaught exceptions
	reqs    []string // URLs of every request the page started
}

// openPage writes html to a file and opens it.
func openPage(t testing.TB, html []byte) *tab {
	t.Helper()
	path := browsertest.Chromium(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "explore.html")
	if err := os.WriteFile(file, html, 0o644); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.Flag("proxy-server", "127.0.0.1:9"),
		chromedp.WindowSize(1600, 1000),
	}
	tb := &tab{url: "file://" + filepath.ToSlash(file)}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(tb.record))
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTime(); cancel(); cancelAlloc() })
	tb.ctx = ctx
	err := chromedp.Do(ctx)
	if err == nil {
		_, err = chromedp.Call(ctx, network.Enable, network.EnableParams{})
	}
	if err == nil {
		// Durations in the main thread's CPU time, for the benchmark (see
		// tab.cpu).
		_, err = chromedp.Call(ctx, performance.Enable, performance.EnableParams{TimeDomain: performance.EnableTimeDomainThreadTicks})
	}
	if err == nil {
		err = chromedp.Do(ctx, chromedp.Navigate(tb.url))
	}
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](`!!(window.explorer && window.explorer.firstRender)`, chromedp.WithPollingTimeout(time.Minute)))
	}
	if err != nil {
		t.Fatalf("opening the page: %v (console: %v)", err, tb.messages())
	}
	return tb
}

// record keeps what the page asks of the network and says on its console.
func (tb *tab) record(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		tb.reqs = append(tb.reqs, e.Request.URL)
	case *runtime.EventConsoleAPICalled:
		var args []string
		for _, a := range e.Args {
			args = append(args, string(a.Value)+a.Description)
		}
		tb.console = append(tb.console, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(args, " ")))
	case *runtime.EventExceptionThrown:
		d := e.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		tb.console = append(tb.console, fmt.Sprintf("exception at %d:%d: %s", d.LineNumber+1, d.ColumnNumber+1, msg))
	case *log.EventEntryAdded:
		tb.console = append(tb.console, fmt.Sprintf("log %s: %s %s", e.Entry.Level, e.Entry.Text, e.Entry.URL))
	}
}

// cpu is the CPU time in milliseconds that the page's main thread has
// spent in tasks so far (Chromium's TaskDuration metric in thread time):
// unlike the Performance API's clock, it does not count time spent waiting
// for a core that other processes hold.
func (tb *tab) cpu(t testing.TB) float64 {
	t.Helper()
	res, err := chromedp.Call(tb.ctx, performance.GetMetrics, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range res.Metrics {
		if m.Name == "TaskDuration" {
			return m.Value * 1000
		}
	}
	t.Fatal("Chromium reports no TaskDuration metric")
	return 0
}

func (tb *tab) messages() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.console...)
}

func (tb *tab) requests() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.reqs...)
}

// eval runs a JavaScript expression (awaiting a promise) and decodes its value.
func eval[T any](t testing.TB, tb *tab, js string) T {
	t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// do runs actions in the page.
func (tb *tab) do(t testing.TB, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tb.ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func (tb *tab) text(t testing.TB, sel string) string {
	t.Helper()
	s, err := chromedp.Run(tb.ctx, chromedp.Text(sel))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// slide moves the slider to day as a person would: the range input's value
// changes and it fires an input event.
func (tb *tab) slide(t testing.TB, day string) {
	t.Helper()
	got := eval[string](t, tb, fmt.Sprintf(`(() => { const s = document.getElementById('slider');
		s.value = Date.UTC(%s) / 86400000; s.dispatchEvent(new Event('input', {bubbles: true}));
		return document.getElementById('date').value; })()`, jsDate(day)))
	if got != day {
		t.Fatalf("slider moved to %s, the page shows %s", day, got)
	}
}

func jsDate(day string) string {
	var y, m, d int
	fmt.Sscanf(day, "%d-%d-%d", &y, &m, &d)
	return fmt.Sprintf("%d, %d, %d", y, m-1, d)
}

// visibleTies lists the keys of the ties the page draws, in data order.
func (tb *tab) visibleTies(t testing.TB) []string {
	t.Helper()
	return eval[[]string](t, tb, `explorer.visibleTies()`)
}

// wantTies lists, in data order, the keys of ties in force on day (by the
// domain's time rule) that keep passes.
func wantTies(ds *graph.Dataset, day graph.Date, keep func(graph.Tie) bool) []string {
	d := Build(ds, Options{At: day})
	keys := []string{}
	for _, tie := range d.Ties { // the page's order
		for _, t := range ds.Ties {
			if t.Key == tie.Key && t.ValidAt(day) && (keep == nil || keep(t)) {
				keys = append(keys, t.Key)
			}
		}
	}
	return keys
}

// standing selects the actor and reads the panel's "Spheres on" list:
// sphere id to its text, and whether the state's disc shows the sphere.
func (tb *tab) standing(t testing.TB, id string) map[string][2]string {
	t.Helper()
	rows := eval[[][3]string](t, tb, fmt.Sprintf(`(() => { const i = DATA.actors.findIndex(a => a.id === %q); explorer.select(i);
		const n = explorer.cy.getElementById('n' + i);
		return [...document.querySelectorAll('#standing li')].map((li, j) =>
			[li.dataset.sphere, li.textContent, n.data('p' + j) > 0 ? 'disc' : '']); })()`, id))
	out := map[string][2]string{}
	for _, r := range rows {
		out[r[0]] = [2]string{r[1], r[2]}
	}
	return out
}

func TestExplorerInChromium(t *testing.T) {
	browsertest.Chromium(t)
	ds := builtin(t)
	tb := openPage(t, writePage(t, ds, sourceDate))

	t.Run("early-2012 spheres", func(t *testing.T) {
		tb.slide(t, "2012-02-01")
		if got, want := tb.visibleTies(t), wantTies(ds, sourceDate, nil); !slices.Equal(got, want) {
			t.Errorf("ties drawn on 2012-02-01:\n got %v\nwant %v", got, want)
		}
		// What the source says of early 2012, and the comparison's rule for
		// every state of every region.
		source := map[string][3]string{
			"kazakhstan":   {"IPAP", "member", "member"},
			"kyrgyzstan":   {"PARP", "member", "member"},
			"tajikistan":   {"IPCP", "member", "member"},
			"turkmenistan": {"IPCP", "none", "none"},
			"uzbekistan":   {"PARP", "member", "member"},
		}
		res, err := compare.Compare(ds, nil, compare.AllRegions, sourceDate)
		if err != nil {
			t.Fatal(err)
		}
		for i, st := range res.States {
			got := tb.standing(t, st.ID)
			for j, org := range res.Orgs {
				c := res.Cells[i][j]
				label := c.Label()
				if label == "" {
					label = "none"
				}
				if want, ok := source[st.ID]; ok && want[j] != label {
					t.Errorf("the comparison itself puts %s at %s in %s; the source says %s", st.ID, label, org.ID, want[j])
				}
				want := [2]string{org.Label() + ": " + label, ""}
				if c.In() {
					want[1] = "disc"
				}
				if g := got[org.ID]; g[1] != want[1] || !strings.HasPrefix(g[0], want[0]) {
					t.Errorf("%s towards %s on 2012-02-01: page shows %q (%s), want %q (%s)", st.ID, org.ID, g[0], g[1], want[0], want[1])
				}
			}
		}
	})

	t.Run("bridges marked and actors sized by betweenness", func(t *testing.T) {
		for _, day := range []string{"2012-02-01", "2013-01-01", "1999-01-01"} {
			tb.slide(t, day)
			r, err := analyse.Analyse(ds, nil, graph.MustDate(day))
			if err != nil {
				t.Fatal(err)
			}
			want := []string{}
			for _, b := range r.Bridges() {
				want = append(want, b.Actor.ID)
			}
			slices.Sort(want)
			got := eval[[]string](t, tb, `DATA.actors.map((a, i) => [a.id, explorer.cy.getElementById('n' + i)]).
				filter(([, n]) => n.hasClass('bridge')).map(([id]) => id).sort()`)
			if !slices.Equal(got, want) {
				t.Errorf("bridges marked on %s: %v; analyse finds %v", day, got, want)
			}
			if day == "2012-02-01" && !slices.Contains(got, "kazakhstan") {
				t.Errorf("Kazakhstan, inside all three spheres in early 2012, is not marked as a bridge")
			}
		}
		tb.slide(t, "2012-02-01")
		// The most between actor on the opening day is drawn larger than
		// a state without a link, and the panel gives its figure.
		m := analyse.Measure(analyse.Links(ds, sourceDate))
		top, best := "", -1.0
		for id, b := range m.Betweenness {
			if a, _ := ds.Actor(id); a.Kind == graph.KindState && (b > best || b == best && id < top) {
				top, best = id, b
			}
		}
		var lonely string
		for _, a := range ds.Actors {
			if _, linked := m.Degree[a.ID]; a.Kind == graph.KindState && !linked {
				lonely = a.ID
				break
			}
		}
		if lonely == "" {
			t.Fatal("every state has a link on the opening day; the test needs one without")
		}
		width := func(id string) float64 {
			return eval[float64](t, tb, fmt.Sprintf(`explorer.cy.getElementById('n' + DATA.actors.findIndex(a => a.id === %q)).width()`, id))
		}
		if wt, wl := width(top), width(lonely); !(wt > wl) {
			t.Errorf("%s (betweenness %.4f) is drawn %.1f wide, no larger than %s without a link (%.1f)", top, best, wt, lonely, wl)
		}
		panel := eval[string](t, tb, fmt.Sprintf(`(() => { explorer.select(DATA.actors.findIndex(a => a.id === %q));
			return document.getElementById('centrality').textContent; })()`, top))
		if want := fmt.Sprintf("Betweenness on 2012-02-01: %.4f", best); !strings.HasPrefix(panel, want) {
			t.Errorf("the panel says %q, want it to start %q", panel, want)
		}
		eval[chromedp.Void](t, tb, `explorer.select(null)`)
	})

	t.Run("Uzbekistan out of the CSTO in 2013", func(t *testing.T) {
		tb.slide(t, "2013-01-01")
		day := graph.MustDate("2013-01-01")
		got := tb.visibleTies(t)
		if want := wantTies(ds, day, nil); !slices.Equal(got, want) {
			t.Errorf("ties drawn on 2013-01-01:\n got %v\nwant %v", got, want)
		}
		for _, tie := range ds.Ties {
			if tie.From == "uzbekistan" && tie.To == "csto" && slices.Contains(got, tie.Key) {
				t.Errorf("tie %s still drawn on 2013-01-01", tie.Key)
			}
		}
		if s := tb.standing(t, "uzbekistan")["csto"]; s[0] != "CSTO: none" || s[1] != "" {
			t.Errorf("Uzbekistan towards the CSTO on 2013-01-01: %q (%s), want none without a disc", s[0], s[1])
		}
		if s := tb.standing(t, "kazakhstan")["csto"]; !strings.HasPrefix(s[0], "CSTO: member") || s[1] != "disc" {
			t.Errorf("Kazakhstan towards the CSTO on 2013-01-01: %q (%s), want member", s[0], s[1])
		}
	})

	t.Run("unconfirmed ties drawn faded", func(t *testing.T) {
		for _, day := range []string{"2012-02-01", "2026-01-01"} {
			tb.slide(t, day)
			at := graph.MustDate(day)
			got := eval[[]string](t, tb, `explorer.unconfirmedTies()`)
			want := wantTies(ds, at, func(t graph.Tie) bool { return t.UnconfirmedAt(at) })
			if !slices.Equal(got, want) {
				t.Errorf("unconfirmed ties drawn on %s:\n got %v\nwant %v", day, got, want)
			}
			if day == "2026-01-01" && len(want) == 0 {
				t.Errorf("no tie is unconfirmed on %s: the data no longer tests the styling", day)
			}
		}
		// A state's standing towards a sphere is unconfirmed when none of
		// the ties that decide it is confirmed on the day.
		at := graph.MustDate("2026-01-01")
		res, err := compare.Compare(ds, nil, graph.RegionCentralAsia, at)
		if err != nil {
			t.Fatal(err)
		}
		unconfirmed := 0
		for i, st := range res.States {
			got := tb.standing(t, st.ID)
			for j, org := range res.Orgs {
				c := res.Cells[i][j]
				if !c.In() {
					continue
				}
				confirmed := slices.ContainsFunc(c.Ties, func(t graph.Tie) bool { return t.ConfirmedAt(at) })
				if !confirmed {
					unconfirmed++
				}
				if shown := !strings.Contains(got[org.ID][0], "unconfirmed"); shown != confirmed {
					t.Errorf("%s towards %s on %s: the page shows %q, confirmed by the data: %v", st.ID, org.ID, at, got[org.ID][0], confirmed)
				}
			}
		}
		if unconfirmed == 0 {
			t.Logf("every standing of Central Asia is confirmed on %s", at)
		}
		if legend := tb.text(t, `#filters`); !strings.Contains(legend, "unconfirmed: in force only because no end is recorded") {
			t.Errorf("the legend does not name the unconfirmed style: %q", legend)
		}
	})

	t.Run("a click shows the ties' citations", func(t *testing.T) {
		eval[chromedp.Void](t, tb, `explorer.select(null)`)
		xy := eval[[]float64](t, tb, `(() => { const cy = explorer.cy, n = cy.getElementById('n' + DATA.actors.findIndex(a => a.id === 'uzbekistan'));
			cy.stop(true, true); cy.zoom(2); cy.center(n); const p = n.renderedPosition(), c = cy.container().getBoundingClientRect();
			return [c.left + p.x, c.top + p.y]; })()`)
		tb.do(t, chromedp.MouseClickXY(xy[0], xy[1]), chromedp.WaitVisible(`#panel #ties`))
		panel := tb.text(t, `#panel`)
		if !strings.HasPrefix(panel, "Uzbekistan") {
			t.Fatalf("the panel after the click: %.80q", panel)
		}
		titles := map[string]string{}
		for _, d := range ds.Documents {
			titles[d.ID] = d.Title
		}
		items := eval[map[string]string](t, tb, `Object.fromEntries([...document.querySelectorAll('#ties li.tie')].map(li => [li.dataset.key, li.textContent]))`)
		n := 0
		for _, tie := range ds.Ties {
			if tie.From != "uzbekistan" && tie.To != "uzbekistan" {
				continue
			}
			item, ok := items[tie.Key]
			if !ok {
				t.Errorf("the panel does not list tie %s", tie.Key)
			}
			for _, c := range tie.Sources {
				n++
				for _, part := range []string{titles[c.Doc], c.Section, c.Evidence} {
					if !strings.Contains(item, part) {
						t.Errorf("tie %s in the panel lacks %q of its citation %s: %q", tie.Key, part, c, item)
					}
				}
			}
		}
		if n == 0 {
			t.Fatal("the data has no citation for Uzbekistan's ties")
		}
	})

	t.Run("search finds an alias", func(t *testing.T) {
		for _, c := range []struct{ query, id, name string }{
			{"Kyrgyz Rep", "kyrgyzstan", "Kyrgyzstan"},
			{"TURKIYE", "turkey", "Turkey"},
			{"inteqal", "", ""},
		} {
			eval[chromedp.Void](t, tb, `document.getElementById('search').value = ''`)
			tb.do(t, chromedp.SendKeys(`#search`, c.query))
			ids := eval[[]string](t, tb, `[...document.querySelectorAll('#results li')].map(li => li.dataset.id)`)
			want := c.id
			if want == "" {
				want = aliasOwner(t, ds, c.query)
			}
			if len(ids) == 0 || ids[0] != want {
				t.Errorf("search %q lists %v, want %s first", c.query, ids, want)
				continue
			}
			tb.do(t, chromedp.SendKeys(`#search`, "\r"))
			panel := tb.text(t, `#panel h3`)
			if a, _ := ds.Actor(want); panel != a.Name {
				t.Errorf("Enter after search %q shows %q, want %q", c.query, panel, a.Name)
			}
		}
	})

	t.Run("play runs the slider and pauses", func(t *testing.T) {
		tb.slide(t, "2000-01-01")
		tb.do(t, chromedp.Click(`#play`))
		if _, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](`explorer.day() >= '2000-03-01'`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			t.Fatalf("the day did not move after play: %v (day %s)", err, eval[string](t, tb, `explorer.day()`))
		}
		tb.do(t, chromedp.Click(`#play`))
		paused := eval[string](t, tb, `explorer.day()`)
		tb.do(t, chromedp.Sleep(500*time.Millisecond))
		if now := eval[string](t, tb, `explorer.day()`); now != paused || tb.text(t, `#play`) != "▶ Play" {
			t.Errorf("after pause the day went from %s to %s; button %q", paused, now, tb.text(t, `#play`))
		}
	})

	t.Run("filters", func(t *testing.T) {
		tb.slide(t, "2012-02-01")
		check := func(what string, keep func(graph.Tie) bool) {
			t.Helper()
			got, want := tb.visibleTies(t), wantTies(ds, sourceDate, keep)
			if len(want) == 0 || !slices.Equal(got, want) {
				t.Errorf("%s:\n got %v\nwant %v", what, got, want)
			}
		}
		eval[chromedp.Void](t, tb, `document.querySelector('input[data-type="member_of"]').click()`)
		check("without member_of", func(t graph.Tie) bool { return t.Type != graph.TieMemberOf })
		eval[chromedp.Void](t, tb, `document.querySelector('input[data-type="member_of"]').click()`)

		nato := []string{"nato", "pfp", "ipcp", "parp", "ipap"}
		choose(t, tb, "#org", "NATO")
		check("NATO and its programmes", func(t graph.Tie) bool { return slices.Contains(nato, t.From) || slices.Contains(nato, t.To) })
		choose(t, tb, "#org", "All")

		doc := ds.Documents[0]
		for _, d := range ds.Documents {
			if d.ID == "eucam-watch-11" {
				doc = d
			}
		}
		choose(t, tb, "#source", doc.Title)
		check("cited from "+doc.ID, func(t graph.Tie) bool {
			return slices.ContainsFunc(t.Sources, func(c graph.Citation) bool { return c.Doc == doc.ID })
		})
		choose(t, tb, "#source", "All")

		eval[chromedp.Void](t, tb, `document.getElementById('confirmed').click()`)
		check("confirmed only", func(t graph.Tie) bool { return t.ConfirmedAt(sourceDate) })
		eval[chromedp.Void](t, tb, `document.getElementById('confirmed').click()`)
	})

	if m := tb.messages(); len(m) > 0 {
		t.Errorf("console messages:\n%s", strings.Join(m, "\n"))
	}
	for _, r := range tb.requests() {
		if r != tb.url {
			t.Errorf("the page requested %s", r)
		}
	}
	if r := tb.requests(); len(r) == 0 {
		t.Error("no request seen at all, not even the page's own: are requests watched?")
	}
}

// choose picks the option with the given text in a select, as a person would.
func choose(t *testing.T, tb *tab, sel, text string) {
	t.Helper()
	ok := eval[bool](t, tb, fmt.Sprintf(`(() => { const s = document.querySelector(%q);
		const o = [...s.options].find(o => o.textContent === %q); if (!o) return false;
		s.value = o.value; s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`, sel, text))
	if !ok {
		t.Fatalf("%s has no option %q", sel, text)
	}
}

// aliasOwner is the id of the one actor with alias q (any case).
func aliasOwner(t *testing.T, ds *graph.Dataset, q string) string {
	for _, a := range ds.Actors {
		for _, al := range a.Aliases {
			if strings.EqualFold(al, q) {
				return a.ID
			}
		}
	}
	t.Fatalf("no actor has the alias %q", q)
	return ""
}
