package main

import (
	"context"
	"fmt"
	"os"

	"github.com/relmap/relmap/internal/figcheck"
	"github.com/relmap/relmap/internal/render"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/internal/views"
	"github.com/relmap/relmap/seeds"
)

func main() {
	ds, err := seed.LoadFS(seeds.FS)
	if err != nil {
		panic(err)
	}
	v, _ := views.Get(os.Args[1])
	p := views.Params{"network": "ndn", "org": "csto", "id": "kazakhstan"}
	sg := v.Select(ds[0], p)
	dot, err := render.DOT(sg, render.Options{Title: v.Title(ds[0], p), Layout: "geo", Sources: views.Caption(sg, ds)})
	if err != nil {
		panic(err)
	}
	os.WriteFile("/tmp/map.dot", dot, 0o644)
	svg, err := render.Render(context.Background(), dot, "svg", render.Options{Renderer: os.Args[2]})
	if err != nil {
		panic(err)
	}
	os.WriteFile("/tmp/map.svg", svg, 0o644)
	f, _ := figcheck.Parse(svg)
	r := figcheck.Check(f)
	fmt.Println(r)
	for _, p := range r.Problems {
		fmt.Println(" ", p)
	}
}
