package itest

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/relmap/relmap/internal/cli"
)

// TestStatusOutputErrorFails: `db status` of a running database exits 0 and
// prints its lines, and fails when they cannot be written (it exited 0 with
// stdout on /dev/full).
func TestStatusOutputErrorFails(t *testing.T) {
	openStore(t)
	if os.Getenv("RELMAP_DATA") == "" {
		t.Skip("db status reads the local database of RELMAP_DATA")
	}
	var out, errOut bytes.Buffer
	err := cli.Run(context.Background(), cli.Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}, []string{"db", "status"})
	if cli.ExitCode(err) != 0 || !strings.Contains(out.String(), "status: running") {
		t.Fatalf("db status: %v, %q", err, out.String())
	}
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer full.Close()
	err = cli.Run(context.Background(), cli.Streams{In: strings.NewReader(""), Out: full, ErrOut: &errOut}, []string{"db", "status"})
	if cli.ExitCode(err) == 0 || !strings.Contains(err.Error(), "no space left") {
		t.Errorf("db status with stdout on /dev/full: %v", err)
	}
}
