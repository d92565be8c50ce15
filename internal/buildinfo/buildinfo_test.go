package buildinfo

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestMainVersion(t *testing.T) {
	if got := mainVersion(&debug.BuildInfo{}); got != "(devel)" {
		t.Errorf("no version: %q", got)
	}
	bi := &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}
	if got := mainVersion(bi); got != "v1.2.3" {
		t.Errorf("got %q", got)
	}
}

func TestRevision(t *testing.T) {
	set := func(kv ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{}
		for i := 0; i < len(kv); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return bi
	}
	cases := []struct {
		bi   *debug.BuildInfo
		want string
	}{
		{set(), "unknown (not built from a checkout)"},
		{set("vcs.revision", "abc", "vcs.time", "2026-01-02T03:04:05Z"), "abc 2026-01-02T03:04:05Z"},
		{set("vcs.revision", "abc", "vcs.time", "T", "vcs.modified", "true"), "abc T, with uncommitted changes"},
	}
	for _, c := range cases {
		if got := revision(c.bi); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

func TestTextNamesVersionRevisionAndNeo4j(t *testing.T) {
	text := Text()
	for _, want := range []string{"relmap " + Version + "\n", "\nrevision ", "\ngo go", "\nlocal Neo4j "} {
		if !strings.Contains(text, want) {
			t.Errorf("Text lacks %q:\n%s", want, text)
		}
	}
}
