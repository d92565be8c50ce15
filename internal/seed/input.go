package seed

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/relmap/relmap/graph"
)

// rulesVersion names the rules by which this relmap reads and validates seed
// files, beyond the domain's tables (which rules hashes by itself). Change it
// whenever a file could read differently or stop being valid: a load skipped
// because its input hash matches must be one this relmap would accept and
// read as the last one did.
var rulesVersion = "seed-rules-1"

// rules describes everything that decides how files are read and validated,
// so that InputHash changes with any of it.
func rules() string {
	return fmt.Sprintf("%s\n%v\n%v\n%v\n%v\n%v\n%d %d %d %d %d %d %d",
		rulesVersion, graph.Kinds, graph.TieTypes, csvColumns, csvRequired,
		[]string{listSep, citationSep, partSep}, maxID, maxName, maxTitle, maxNote, maxEvidence, maxURL, maxFileSize)
}

// InputHash returns a hash of what LoadPaths(paths) would read: every file's
// name and bytes, in reading order, and the rules that read and validate
// them. Files with equal hashes load to the same datasets, so a load can
// compare this hash with the one recorded by the last load before parsing
// anything. It fails when a path cannot be listed or a file read; Load
// reports those problems properly.
func InputHash(paths []string) (string, error) {
	return inputHash(osFiles{}, paths)
}

// InputHashFS is InputHash for the seed files at the root of fsys, such as
// the dataset built into the binary.
func InputHashFS(fsys fs.FS) (string, error) {
	return inputHash(fsFiles{fsys}, []string{"."})
}

func inputHash(f files, paths []string) (string, error) {
	p := &problems{}
	names := resolve(f, paths, p)
	if err := p.result(); err != nil {
		return "", err
	}
	if len(names) == 0 {
		return "", errors.New("no seed files")
	}
	h := sha256.New()
	fmt.Fprintf(h, "relmap input\n%s\n", rules())
	for _, n := range names {
		// The base name tells how the file is read; where it lies does not
		// change what it holds.
		base := path.Base(strings.ReplaceAll(n, "\\", "/"))
		sum, err := fileHash(f, n)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%d:%s %x\n", len(base), base, sum)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func fileHash(f files, name string) ([]byte, error) {
	r, err := f.open(name)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	h := sha256.New()
	// Bounded by bytes read, as reading is: a file past the limit fails to
	// load anyway, and hashing more of it could go on for ever.
	if _, err := io.Copy(h, io.LimitReader(r, maxFileSize+1)); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}
