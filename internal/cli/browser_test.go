package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/browsertest"
	"github.com/relmap/relmap/internal/render"
	"github.com/relmap/relmap/internal/views"
)

// The browser tests open what relmap writes for people, the report and the
// rendered views, in headless Chromium with the network shut: every host
// name resolves to nothing, every proxied request goes to a closed port,
// and the files come from a server on 127.0.0.1 that counts what it is
// asked for. They look at the screenshot, the DOM after load, the console
// and Chromium's own log of network requests.

// browser returns Chromium's path, or skips or fails the test without it
// (see browsertest.Chromium).
func browser(t *testing.T) string { return browsertest.Chromium(t) }

// fileServer serves fixed files on 127.0.0.1 and counts the requests.
type fileServer struct {
	*httptest.Server
	mu    sync.Mutex
	files map[string]served
	hits  map[string]int
}

type served struct {
	contentType string
	body        []byte
}

func newFileServer(t *testing.T, files map[string]served) *fileServer {
	s := &fileServer{files: files, hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		f, ok := s.files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f.contentType)
		w.Write(f.body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *fileServer) requests() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for k, v := range s.hits {
		out[k] = v
	}
	return out
}

// visit is what one load of a page in Chromium left behind.
type visit struct {
	dom      string   // the serialised DOM after load
	ink      int      // dark pixels in the screenshot
	colour   int      // saturated pixels in the screenshot
	pixels   int      // all pixels in the screenshot
	console  []string // console lines in Chromium's log
	requests []netRequest
}

type netRequest struct {
	URL, Initiator, IsolationKey, Type string
}

// open loads pageURL once in headless Chromium, taking a screenshot and
// dumping the DOM, with the network shut except for loopback.
func open(t *testing.T, chromium, pageURL string) visit {
	t.Helper()
	dir := t.TempDir()
	shot, netlog := filepath.Join(dir, "shot.png"), filepath.Join(dir, "net.json")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
		"--user-data-dir="+filepath.Join(dir, "profile"),
		"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
		"--proxy-server=127.0.0.1:9",
		"--enable-logging=stderr", "--v=0",
		"--log-net-log="+netlog,
		"--window-size=1200,1600",
		"--screenshot="+shot,
		"--dump-dom",
		pageURL)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, tail(stderr.String(), 2000))
	}
	v := visit{dom: stdout.String()}
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, ":CONSOLE") || strings.Contains(l, "Uncaught") {
			v.console = append(v.console, l)
		}
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, tail(stderr.String(), 2000))
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			v.pixels++
			if (r+g+bl)/3 < 0x9999 {
				v.ink++
			}
			hi, lo := max(r, g, bl), min(r, g, bl)
			if hi-lo > 0x3000 {
				v.colour++
			}
		}
	}
	v.requests = readNetLog(t, netlog)
	return v
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// readNetLog lists the URL requests Chromium started, from its net log.
func readNetLog(t *testing.T, path string) []netRequest {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("net log: %v", err)
	}
	var log struct {
		Constants struct {
			LogEventTypes map[string]int `json:"logEventTypes"`
		} `json:"constants"`
		Events []struct {
			Type   int            `json:"type"`
			Params map[string]any `json:"params"`
		} `json:"events"`
	}
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatalf("net log: %v", err)
	}
	start, ok := log.Constants.LogEventTypes["URL_REQUEST_START_JOB"]
	if !ok {
		t.Fatalf("net log: no URL_REQUEST_START_JOB event type")
	}
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	var out []netRequest
	for _, e := range log.Events {
		if e.Type == start {
			out = append(out, netRequest{URL: str(e.Params, "url"), Initiator: str(e.Params, "initiator"),
				IsolationKey: str(e.Params, "network_isolation_key"), Type: str(e.Params, "request_type")})
		}
	}
	return out
}

// checkVisit applies what every page must pass: something drawn, no console
// message (the pages have no script, so any is an error or a blocked load),
// no script in the DOM, only the page itself asked of the server, and no
// request made by the page to any host but 127.0.0.1.
//
// Chromium itself tries to reach update and account servers at start-up
// whatever the page; those requests carry no initiator and are isolated by
// their own sites, so they are told apart from the page's, which are all
// isolated by the page's site.
//
// A document that is not HTML cannot say it has no icon, so for SVG
// Chromium asks the server for /favicon.ico itself; allowFavicon lets that
// one request through. The report says so in its CSP and gets no such
// request.
func checkVisit(t *testing.T, v visit, srv *fileServer, path string, minInk int, allowFavicon bool) {
	t.Helper()
	if v.ink < minInk || v.ink > v.pixels*9/10 {
		t.Errorf("screenshot looks blank or flooded: %d dark pixels of %d (want at least %d)", v.ink, v.pixels, minInk)
	}
	if v.colour < 200 {
		t.Errorf("screenshot has almost no colour (%d pixels): the sphere colours are not drawn", v.colour)
	}
	if len(v.console) > 0 {
		t.Errorf("console messages:\n%s", strings.Join(v.console, "\n"))
	}
	if regexp.MustCompile(`(?i)<script`).MatchString(v.dom) {
		t.Errorf("the DOM holds a script element")
	}
	got := srv.requests()
	if allowFavicon {
		delete(got, "/favicon.ico")
	}
	if len(got) != 1 || got[path] != 1 {
		t.Errorf("server requests %v, want only %s once", got, path)
	}
	srvURL, _ := url.Parse(srv.URL)
	sawPage := false
	for _, r := range v.requests {
		u, err := url.Parse(r.URL)
		if err != nil {
			t.Errorf("net log URL %q: %v", r.URL, err)
			continue
		}
		fromPage := strings.Contains(r.IsolationKey, "127.0.0.1") || strings.Contains(r.Initiator, "127.0.0.1")
		if fromPage && u.Hostname() != "127.0.0.1" {
			t.Errorf("the page requested %s (initiator %s)", r.URL, r.Initiator)
		}
		if r.Type == "main frame" && u.Host != srvURL.Host {
			t.Errorf("a page other than the one opened was loaded: %s", r.URL)
		}
		if u.Host == srvURL.Host && u.Path == path {
			sawPage = true
		}
	}
	if !sawPage {
		t.Errorf("the net log does not show the page's own request; is it read right? %+v", v.requests)
	}
}

// htmlTitle reads the document's <title> from a DOM dump.
func htmlTitle(dom string) string {
	m := regexp.MustCompile(`(?s)<head>.*?<title>(.*?)</title>`).FindStringSubmatch(dom)
	if m == nil {
		return ""
	}
	return m[1]
}

func TestBrowserOpensReport(t *testing.T) {
	chromium := browser(t)
	f := &fakeStore{loaded: []*graph.Dataset{reportDataset()}}
	page := writeReport(t, f, filepath.Join(t.TempDir(), "report.html"))
	srv := newFileServer(t, map[string]served{"/report.html": {"text/html; charset=utf-8", page}})
	v := open(t, chromium, srv.URL+"/report.html")
	checkVisit(t, v, srv, "/report.html", 3000, false)

	if got, want := htmlTitle(v.dom), "NATO, CSTO and SCO in Central Asia"; got != want {
		t.Errorf("document title after load %q, want %q", got, want)
	}
	if n := strings.Count(v.dom, "<title>NATO, CSTO and SCO in Central Asia</title>"); n != 1 {
		t.Errorf("the title element appears %d times", n)
	}
	for _, want := range []string{
		"1 February 2012", "as of 2012-02-01", // the report's date and the diagrams' stamp
		"Comparison of the spheres", "State by state", "Sources",
		// legend entries, drawn by Graphviz inside the inline SVG
		"member of", "participates in", "transit", "NATO sphere", "CSTO sphere", "SCO sphere",
		"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;/td&gt;&lt;script&gt;alert(2)&lt;/script&gt;",
		graph.FingerprintOf(f.loaded).Hash,
	} {
		if !strings.Contains(v.dom, want) {
			t.Errorf("the DOM lacks %q", want)
		}
	}
	if strings.Contains(v.dom, "<b>") {
		t.Errorf("a hostile name became markup in the DOM")
	}
	if n := strings.Count(v.dom, "<svg"); n != 7 {
		t.Errorf("%d SVG diagrams in the DOM, want 7 (six drawn by Graphviz and the timeline)", n)
	}
}

// checkUnconfirmedDrawn looks in the loaded DOM for the edges whose tooltip
// says they are unconfirmed on at: each must be drawn as the legend's
// double line, two faded strokes (and the legend names the date, which the
// caller checks).
func checkUnconfirmedDrawn(t *testing.T, dom string, at graph.Date) {
	t.Helper()
	edge := regexp.MustCompile(`(?s)<g id="a_edge\d+"><a [^>]*unconfirmed on ` + strings.ReplaceAll(at.String(), "-", "(?:-|&#45;)") + `.*?</a>`)
	faded := regexp.MustCompile(`<path [^>]*stroke-opacity="0\.45\d*"`)
	edges := edge.FindAllString(dom, -1)
	if len(edges) == 0 {
		t.Fatalf("no edge in the DOM is marked unconfirmed on %s", at)
	}
	for _, e := range edges {
		if n := len(faded.FindAllString(e, -1)); n != 2 {
			t.Errorf("an unconfirmed edge is drawn with %d faded strokes, want 2:\n%.400s", n, e)
		}
	}
}

// viewRecords turns a subgraph into what a view's query returns: one record
// per tie with its two ends, as the store decodes them.
func viewRecords(sg render.Subgraph) []graph.Record {
	nodes := map[string]graph.Node{}
	for _, n := range sg.Nodes {
		nodes[n.ID] = graph.Node{ElementID: "n:" + n.ID, Labels: []string{graph.ActorLabel, n.Kind.Label()},
			Props: map[string]any{graph.PropID: n.ID, graph.PropKind: string(n.Kind), graph.PropName: n.Name,
				graph.PropShort: n.Short, graph.PropRegion: n.Region}}
	}
	var out []graph.Record
	for _, e := range sg.Edges {
		info, _ := graph.LookupTieType(e.Type)
		props := map[string]any{graph.PropKey: e.Key, graph.PropTypeName: string(e.Type)}
		var docs, sects, evid []any
		for _, c := range e.Sources {
			docs, sects, evid = append(docs, c.Doc), append(sects, c.Section), append(evid, c.Evidence)
		}
		props[graph.PropSrcDoc], props[graph.PropSrcSect], props[graph.PropSrcEvid] = docs, sects, evid
		for k, v := range e.Attrs {
			props[k] = v
		}
		if !e.Since.IsZero() {
			props[graph.PropSince], props[graph.PropSincePr] = graph.Day(e.Since.First()), string(e.Since.Precision())
		}
		if !e.Until.IsZero() {
			props[graph.PropUntil], props[graph.PropUntilPr] = graph.Day(e.Until.First()), string(e.Until.Precision())
		}
		if !e.Attested.IsZero() {
			props[graph.PropAttested], props[graph.PropAttestPr] = graph.Day(e.Attested.Last()), string(e.Attested.Precision())
		}
		rel := graph.Relationship{ElementID: "r:" + e.Key, StartID: "n:" + e.From, EndID: "n:" + e.To, Type: info.RelType, Props: props}
		out = append(out, graph.Record{Keys: []string{"a", "r", "b"}, Values: []any{nodes[e.From], rel, nodes[e.To]}})
	}
	return out
}

func TestBrowserOpensViews(t *testing.T) {
	chromium := browser(t)
	ds := reportDataset()
	at := graph.MustDate("2012-02-01")
	view := func(name string, p views.Params) render.Subgraph {
		v, _ := views.Get(name)
		return v.Select(ds, p)
	}
	var around []graph.Tie
	for _, x := range ds.Ties {
		if x.From == "hostile" || x.To == "hostile" {
			around = append(around, x)
		}
	}
	states := []graph.Actor{}
	for _, a := range ds.Actors {
		if a.Region == graph.RegionCentralAsia {
			states = append(states, a)
		}
	}
	cases := []struct {
		view, title string
		args        []string
		sg          render.Subgraph
		legend      []string
	}{
		{"sphere", "The NATO sphere", []string{"--param", "org=nato", "--at", "2012-02-01"},
			view("sphere", views.Params{"org": "nato", "at": at}),
			[]string{"as of 2012-02-01", "participates in", "NATO sphere", "interested"}},
		{"ndn", "The Northern Distribution Network, leg by leg", nil,
			view("ndn", views.Params{"network": "ndn"}),
			[]string{"transit", "place", "1. rail", "3. road"}},
		{"neighbourhood", "Ties of &lt;script&gt;alert(1)&lt;/script&gt;", []string{"--param", "id=hostile", "--depth", "1", "--at", "2012-02-01"},
			views.Subgraph(ds, nil, nil, around),
			// The hostile document is undated: its ties are unconfirmed.
			[]string{"as of 2012-02-01", "member of", "borders", "not in force on 2012-02-01", "CSTO sphere",
				render.UnconfirmedLegend(at)}},
		{"ladder", "NATO's partnership ladder in Central Asia", []string{"--at", "2012-02-01"},
			views.Subgraph(ds, nil, nil, views.LadderTies(ds, states, graph.NATOLadder, at)),
			[]string{"as of 2012-02-01", "ipap", "participates in", "NATO sphere"}},
	}
	dir := t.TempDir()
	files := map[string]served{}
	for _, c := range cases {
		f := &fakeStore{loaded: []*graph.Dataset{ds}, records: viewRecords(c.sg)}
		path := filepath.Join(dir, c.view+".svg")
		args := append([]string{"render", "--view", c.view, "-o", path}, c.args...)
		if _, stderr, code := run(t, f, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
			t.Fatalf("%s: the hostile node is not in the drawing", c.view)
		}
		files["/"+c.view+".svg"] = served{"image/svg+xml", b}
	}
	for _, c := range cases {
		t.Run(c.view, func(t *testing.T) {
			path := "/" + c.view + ".svg"
			srv := newFileServer(t, map[string]served{path: files[path]})
			v := open(t, chromium, srv.URL+path)
			checkVisit(t, v, srv, path, 1000, true)
			if !regexp.MustCompile(`^(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]`).MatchString(strings.TrimSpace(v.dom)) {
				t.Errorf("the DOM is not the SVG document: %.200s", v.dom)
			}
			title := strings.ReplaceAll(c.title, "'", "&#39;")
			if !strings.Contains(v.dom, c.title) && !strings.Contains(v.dom, title) {
				t.Errorf("the DOM lacks the title %q", c.title)
			}
			for _, want := range append(c.legend, "state", "&lt;script&gt;alert(1)&lt;/script&gt;") {
				if !strings.Contains(v.dom, want) {
					t.Errorf("the DOM lacks %q", want)
				}
			}
			if strings.Contains(v.dom, "<b>") {
				t.Errorf("a hostile name became markup")
			}
			if slices.Contains(c.legend, render.UnconfirmedLegend(at)) {
				checkUnconfirmedDrawn(t, v.dom, at)
			}
		})
	}
}
