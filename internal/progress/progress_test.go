package progress

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgressShowsRateAndETAOnATerminal(t *testing.T) {
	var b bytes.Buffer
	p := New(&b, true, "loading")
	clock := p.start
	p.now = func() time.Time { return clock }
	clock = clock.Add(500 * time.Millisecond)
	p.Update(10, 400)
	if b.Len() != 0 {
		t.Fatalf("drawn before a second: %q", b.String())
	}
	clock = p.start.Add(2 * time.Second)
	p.Update(100, 400)
	for _, want := range []string{"100/400", "50/s", "ETA 6s"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("bar %q lacks %q", b.String(), want)
		}
	}
	p.Finish()
	if !strings.HasSuffix(b.String(), "\r\033[K") {
		t.Errorf("bar not cleared: %q", b.String())
	}
}

func TestProgressOnAPipeIsOneSummaryLine(t *testing.T) {
	var b bytes.Buffer
	p := New(&b, false, "loading")
	clock := p.start
	p.now = func() time.Time { return clock }
	for i := int64(1); i <= 4; i++ {
		clock = p.start.Add(time.Duration(i) * time.Second)
		p.Update(i*100, 400)
	}
	p.Finish()
	p.Finish()
	if want := "loading: 400/400 in 4s (100/s)\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
	b.Reset()
	empty := New(&b, false, "loading")
	empty.Finish()
	if b.Len() != 0 {
		t.Errorf("nothing counted, yet %q", b.String())
	}
}
