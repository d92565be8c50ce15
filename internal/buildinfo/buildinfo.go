// Package buildinfo is what relmap knows of its own build: the module
// version and VCS revision the Go toolchain embeds, and the versions of
// the packages it was built with, for `relmap version` and for the
// generator line of the files relmap writes.
package buildinfo

import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/relmap/relmap/internal/localdb"
)

// Version is relmap's module version from the build information (see
// mainVersion), as the report's generator line names it.
var Version = func() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		return mainVersion(bi)
	}
	return "(devel)"
}()

// reportedDeps are the dependencies whose versions relmap reports.
var reportedDeps = []string{"github.com/neo4j/neo4j-go-driver/v5", "github.com/goccy/go-graphviz", "github.com/spf13/cobra"}

// Text is what `relmap version` and `relmap --version` print, all
// of it from the build information the Go toolchain embeds.
func Text() string {
	var b bytes.Buffer
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		fmt.Fprintf(&b, "relmap (no build information)\n")
		bi = &debug.BuildInfo{}
	} else {
		fmt.Fprintf(&b, "relmap %s\n", mainVersion(bi))
	}
	fmt.Fprintf(&b, "revision %s\n", revision(bi))
	fmt.Fprintf(&b, "go %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(&b, "local Neo4j %s (embedded, Community)\n", localdb.Neo4jVersion)
	for _, path := range reportedDeps {
		for _, d := range bi.Deps {
			if d.Path != path {
				continue
			}
			fmt.Fprintf(&b, "%s %s", d.Path, d.Version)
			if d.Replace != nil {
				// Never the case in a release; say so if it ever is.
				fmt.Fprintf(&b, " (replaced by %s %s)", d.Replace.Path, d.Replace.Version)
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// mainVersion is the module version: the one go install was given, a
// version the toolchain derived from the checkout's tags, or "(devel)".
func mainVersion(bi *debug.BuildInfo) string {
	if bi.Main.Version == "" {
		return "(devel)"
	}
	return bi.Main.Version
}

// revision is the VCS revision the build recorded, with its time and
// whether the tree had changes; a build from a module zip (go install
// module@version) records none.
func revision(bi *debug.BuildInfo) string {
	var rev, at, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	switch {
	case rev == "":
		return "unknown (not built from a checkout)"
	case modified == "true":
		return fmt.Sprintf("%s %s, with uncommitted changes", rev, at)
	}
	return fmt.Sprintf("%s %s", rev, at)
}
