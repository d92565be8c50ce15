package output

import (
	"bytes"
	"fmt"
	"io"

	"github.com/relmap/relmap/graph"
)

// jsonWriter writes each record as an object whose members follow the column
// order, either as elements of one array (one per line, so that the array
// streams and still reads well) or as JSON Lines.
type jsonWriter struct {
	cols  columns
	w     io.Writer
	array bool
	n     int64
	names [][]byte // the keys, encoded once
	buf   bytes.Buffer
}

func newJSON(w io.Writer, keys []string, array bool) *jsonWriter {
	return &jsonWriter{cols: newColumns(keys), w: w, array: array}
}

func (j *jsonWriter) Write(rec graph.Record) error {
	if err := j.cols.check(rec); err != nil {
		return err
	}
	if j.names == nil {
		j.names = make([][]byte, len(j.cols.keys))
		for i, k := range j.cols.keys {
			b, err := marshal(k)
			if err != nil {
				return err
			}
			j.names[i] = b
		}
	}
	j.buf.Reset()
	if j.array {
		if j.n == 0 {
			j.buf.WriteString("[\n")
		} else {
			j.buf.WriteString(",\n")
		}
	}
	j.buf.WriteByte('{')
	for i, v := range rec.Values {
		if i > 0 {
			j.buf.WriteByte(',')
		}
		j.buf.Write(j.names[i])
		j.buf.WriteByte(':')
		if err := encodeTo(&j.buf, JSONValue(v)); err != nil {
			return fmt.Errorf("output: column %s: %w", j.cols.keys[i], err)
		}
	}
	j.buf.WriteByte('}')
	if !j.array {
		j.buf.WriteByte('\n')
	}
	j.n++
	_, err := j.w.Write(j.buf.Bytes())
	return err
}

func (j *jsonWriter) Close() error {
	if j.cols.closed {
		return nil
	}
	j.cols.closed = true
	if !j.array {
		return nil
	}
	end := "\n]\n"
	if j.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(j.w, end)
	return err
}
