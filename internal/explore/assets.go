package explore

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
)

// The page draws with Cytoscape.js (MIT licence, in
// assets/cytoscape.LICENSE; the minified file opens with the same notice,
// so the page carries it), embedded so that the file opens offline: the
// minified build dist/cytoscape.min.js of the npm package cytoscape at the
// version pinned here. To upgrade, fetch the package with `npm pack
// cytoscape@VERSION`, check it against the registry's integrity field,
// copy dist/cytoscape.min.js and LICENSE over these files, and set the
// version and the file's SHA-256 below; TestLibraryChecksum and every
// Write refuse bytes that do not match.
const (
	libraryVersion = "3.35.0"
	librarySHA256  = "71fa9ebec21a7ca2c40cff6aacc30d1f6464e363662ad4b2c197e1adc770cd94"
)

//go:embed assets/cytoscape.min.js
var library string

// checkLibrary refuses a library whose bytes are not the pinned ones.
func checkLibrary(lib string) error {
	sum := sha256.Sum256([]byte(lib))
	if got := hex.EncodeToString(sum[:]); got != librarySHA256 {
		return fmt.Errorf("internal/explore/assets/cytoscape.min.js has SHA-256 %s, not the pinned %s of Cytoscape.js %s: restore the file or pin the new version (see assets.go)", got, librarySHA256, libraryVersion)
	}
	return nil
}
