package app

import (
	"io"

	"github.com/relmap/relmap/internal/outfile"
	"github.com/relmap/relmap/internal/usage"
)

// Target resolves a command's -o and --format by the one output convention
// (internal/outfile); a format the command does not write is a usage error.
func (g *Env) Target(spec outfile.Spec, output, format string) (outfile.Target, error) {
	t, err := spec.Resolve(output, format, g.OutTTY)
	return t, usage.Wrap(err)
}

// TableWidth is the width a table written to t is fitted to: the
// terminal's, when t is standard output on a terminal; 0 (every value
// whole) for a pipe or a file.
func (g *Env) TableWidth(t outfile.Target) int {
	if !t.Stdout() || !g.OutTTY {
		return 0
	}
	return g.OutWidth
}

// Output is an open target.
type Output struct {
	io.Writer
	w *outfile.Writer // nil: standard output, written directly
}

// Open opens t for writing. A file is always written through a buffer and
// put in place at the end; standard output is buffered when buffered is
// set (a pipe), and written directly otherwise, so a terminal sees output
// as it comes.
func (g *Env) Open(t outfile.Target, buffered bool) (*Output, error) {
	if t.Stdout() && !buffered {
		return &Output{Writer: g.Out}, nil
	}
	w, err := t.Open(g.Out)
	if err != nil {
		return nil, err
	}
	return &Output{Writer: w, w: w}, nil
}

// Done finishes the output after the command's work ended with err: a file
// is put in place only when err is nil, and is otherwise left as it was.
func (o *Output) Done(err error) error {
	if o.w == nil {
		return err
	}
	if err != nil {
		o.w.Abort()
		return err
	}
	return o.w.Close()
}

// WriteTarget writes what write produces to t (outfile.Target.Write): a
// file is put in place only when write succeeds.
func (g *Env) WriteTarget(t outfile.Target, write func(io.Writer) error) error {
	return t.Write(g.Out, write)
}
