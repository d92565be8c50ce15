// Package nxcheck finds the python3 with NetworkX that tests use to check
// relmap's exports and centralities against NetworkX's own reading and
// algorithms.
package nxcheck

import (
	"os"
	"os/exec"
	"testing"
)

// Required says whether a missing python3 or networkx fails a test instead
// of skipping it: in CI, and wherever RELMAP_REQUIRE_PY=1.
func Required() bool {
	return os.Getenv("CI") == "true" || os.Getenv("RELMAP_REQUIRE_PY") == "1"
}

// Python returns the path of a python3 that imports networkx, or skips the
// test (fails it where Required says so).
func Python(t testing.TB) string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err == nil {
		err = exec.Command(py, "-c", "import networkx").Run()
	}
	if err != nil {
		if Required() {
			t.Fatalf("python3 with networkx is required here (CI=true or RELMAP_REQUIRE_PY=1): %v; make deps-py installs it", err)
		}
		t.Skipf("python3 with networkx not available (%v); make deps-py installs it", err)
	}
	return py
}
