package cli

import (
	"strings"
	"testing"

	"github.com/relmap/relmap/internal/buildinfo"
)

// relmap --version prints what relmap version prints, from the build
// information: the module version and the revision.
func TestVersionFlag(t *testing.T) {
	flag, _, code := run(t, nil, "--version")
	cmd, _, _ := run(t, nil, "version")
	if code != 0 || flag != cmd {
		t.Errorf("--version: exit %d\n%s\nversion:\n%s", code, flag, cmd)
	}
	// A test binary's build information lists no dependencies; the
	// go install test (cmd/relmap) checks them in a real build.
	for _, want := range []string{"relmap " + buildinfo.Version + "\n", "\nrevision ", "\nlocal Neo4j 5.26"} {
		if !strings.Contains(flag, want) {
			t.Errorf("version lacks %q:\n%s", want, flag)
		}
	}
	if strings.Contains(flag, "replaced by") {
		t.Errorf("a required package is replaced:\n%s", flag)
	}
}
