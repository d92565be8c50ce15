// Package browsertest finds the Chromium that the browser tests drive, and
// decides what a missing one means: a skip on a developer's machine, a
// failure on CI, where a silent pass would hide that nothing was checked.
package browsertest

import (
	"os"
	"testing"
)

// ChromiumPath is where the tests expect Chromium (Debian's package puts it
// there; `make deps-ci` installs it).
const ChromiumPath = "/usr/bin/chromium"

// Chromium returns Chromium's path. Without it the test skips, except on CI
// (CI=true) or with RELMAP_REQUIRE_BROWSER=1, where it fails.
func Chromium(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		if os.Getenv("CI") == "true" || os.Getenv("RELMAP_REQUIRE_BROWSER") == "1" {
			t.Fatalf("Chromium is required here (CI or RELMAP_REQUIRE_BROWSER=1) but %s is missing: %v", ChromiumPath, err)
		}
		t.Skipf("no browser at %s", ChromiumPath)
	}
	return ChromiumPath
}
