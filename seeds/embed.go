// Package seeds holds relmap's built-in dataset.
package seeds

import "embed"

// FS holds every seed file of the built-in dataset (see README.md for the
// format). relmap loads it when no seed path is given.
//
//go:embed *.yaml
var FS embed.FS
