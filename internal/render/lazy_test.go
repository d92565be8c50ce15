package render

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// The WebAssembly Graphviz is loaded on the first render, not when the
// package is linked: commands that draw nothing (query, load, version) must
// not pay for it. go-graphviz's loader creates $TMPDIR/go-graphviz for its
// compilation cache, which makes the moment of loading visible from outside.
// The check runs in a child process, because in this one another test may
// already have rendered.
func TestWasmLoadsOnFirstRender(t *testing.T) {
	if os.Getenv("RELMAP_LAZY_CHILD") == "1" {
		lazyChild(t)
		return
	}
	tmp := t.TempDir()
	// The bound only stops a hung child from hanging the suite.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestWasmLoadsOnFirstRender$", "-test.v")
	cmd.Env = append(os.Environ(), "RELMAP_LAZY_CHILD=1", "TMPDIR="+tmp)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(tmp, "go-graphviz")); err != nil {
		t.Fatalf("after a render the WebAssembly cache should exist: %v\n%s", err, out)
	}
}

func lazyChild(t *testing.T) {
	cache := filepath.Join(os.TempDir(), "go-graphviz")
	if _, err := os.Stat(cache); err == nil {
		t.Fatalf("%s exists before any render: the WebAssembly module was loaded at start-up", cache)
	}
	// As the render command does: start loading, then render at once,
	// racing the load (run with -race to check the locking).
	Prepare()
	svg, err := Render(context.Background(), []byte("digraph { a -> b }"), "svg", Options{Renderer: "wasm"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte("<title>a&#45;&gt;b</title>")) {
		t.Fatalf("the SVG lacks the edge a->b:\n%s", svg)
	}
	if _, err := os.Stat(cache); err != nil {
		t.Fatalf("after a render: %v", err)
	}
}
