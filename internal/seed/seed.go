// Package seed reads relmap's dataset from the files people edit, YAML seed
// files and analysts' CSV files (formats in seeds/README.md), and validates
// it before anything reaches the database. Every problem is reported at
// once, each with the file and line to fix, so that a dataset written by hand
// can be put right in one pass; nothing half-valid is ever returned.
package seed

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/fileio"
)

// Load reads the seed files at paths in fsys and validates them together.
// A path naming a directory stands for every *.yaml, *.yml and *.csv file
// directly inside it; no path means the root of fsys. Files naming the same
// dataset form one Dataset. The datasets come back sorted by name, their
// items in canonical order; on any problem Load returns nil and an Errors.
func Load(fsys fs.FS, paths ...string) ([]*graph.Dataset, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	return load(fsFiles{fsys}, paths, nil)
}

// LoadKnown is Load for files loaded on top of a graph that holds known:
// ties and citations may refer to its actors and documents of datasets
// other than the ones the files make, and the files may not define an
// item that another dataset owns there.
func LoadKnown(fsys fs.FS, known *graph.KnownItems, paths ...string) ([]*graph.Dataset, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	return load(fsFiles{fsys}, paths, known)
}

// LoadPathsKnown is LoadKnown for paths of the operating system.
func LoadPathsKnown(paths []string, known *graph.KnownItems) ([]*graph.Dataset, error) {
	return load(osFiles{}, paths, known)
}

// LoadFS reads every seed file at the root of fsys, such as the dataset
// built into the binary.
func LoadFS(fsys fs.FS) ([]*graph.Dataset, error) {
	return Load(fsys)
}

// LoadPaths is Load for paths of the operating system, files or
// directories, as given on a command line.
func LoadPaths(paths []string) ([]*graph.Dataset, error) {
	return load(osFiles{}, paths, nil)
}

// ParseFile reads and validates one file on its own: a YAML seed file, or a
// CSV file whose name says what it holds (x.actors.csv, x.ties.csv,
// x.documents.csv). Every reference must resolve within the file.
func ParseFile(name string, data []byte) ([]*graph.Dataset, error) {
	p := &problems{}
	ds := parse([]source{{name: name, data: data}}, p)
	if err := p.result(); err != nil {
		return nil, err
	}
	return ds, nil
}

// source is a file to read: its name, and its bytes when they are already
// in memory; otherwise they are read from f when their turn comes.
type source struct {
	name string
	data []byte
	f    files
}

// fetch returns the file's bytes, reporting a file past maxFileSize or one
// that cannot be read.
func (s source) fetch(p *problems) ([]byte, bool) {
	if s.f == nil {
		return s.data, true
	}
	info, err := s.f.stat(s.name)
	if err == nil && info.Size() > maxFileSize {
		p.add(pos{file: s.name}, "", "the file is %d bytes; a seed file is at most %d", info.Size(), maxFileSize)
		return nil, false
	}
	data, err := s.f.readFile(s.name)
	if err != nil {
		p.add(pos{file: s.name}, "", "%v", pathErr(err))
		return nil, false
	}
	return data, true
}

// text returns the file's text, checked to be UTF-8 without control
// characters.
func (s source) text(p *problems) ([]byte, bool) {
	data, ok := s.fetch(p)
	if !ok {
		return nil, false
	}
	if len(data) > maxFileSize {
		p.add(pos{file: s.name}, "", "the file is %d bytes; a seed file is at most %d", len(data), maxFileSize)
		return nil, false
	}
	return checkText(s.name, data, p)
}

// files is the little of a file system that loading needs, so that embedded
// and operating-system files share one code path.
type files interface {
	stat(name string) (fs.FileInfo, error)
	readDir(name string) ([]fs.DirEntry, error)
	readFile(name string) ([]byte, error)
	open(name string) (io.ReadCloser, error)
	join(dir, name string) string
}

type fsFiles struct{ fsys fs.FS }

func (f fsFiles) stat(name string) (fs.FileInfo, error)      { return fs.Stat(f.fsys, name) }
func (f fsFiles) readDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.fsys, name) }
func (f fsFiles) readFile(name string) ([]byte, error)       { return fs.ReadFile(f.fsys, name) }
func (f fsFiles) open(name string) (io.ReadCloser, error)    { return f.fsys.Open(name) }
func (f fsFiles) join(dir, name string) string               { return path.Join(dir, name) }

type osFiles struct{}

func (osFiles) stat(name string) (fs.FileInfo, error)      { return os.Stat(name) }
func (osFiles) readDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }

// readFile and open refuse devices, FIFOs and sockets, and readFile stops at
// maxFileSize bytes read: a stated size of 0 says nothing about /dev/zero.
func (osFiles) readFile(name string) ([]byte, error)    { return fileio.ReadFile(name, maxFileSize) }
func (osFiles) open(name string) (io.ReadCloser, error) { return fileio.Open(name) }
func (osFiles) join(dir, name string) string            { return filepath.Join(dir, name) }

func load(f files, paths []string, known *graph.KnownItems) ([]*graph.Dataset, error) {
	p := &problems{}
	names := resolve(f, paths, p)
	srcs := make([]source, len(names))
	for i, n := range names {
		srcs[i] = source{name: n, f: f}
	}
	ds := parseKnown(srcs, p, known)
	if err := p.result(); err != nil {
		return nil, err
	}
	return ds, nil
}

// resolve lists the files paths stand for, in reading order: each named
// file, and each directory's seed files by name.
func resolve(f files, paths []string, p *problems) []string {
	var names []string
	seen := map[string]bool{}
	addName := func(n string) {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	for _, pth := range paths {
		pth = f.join(pth, "") // one file named two ways is read once
		at := pos{file: pth}
		info, err := f.stat(pth)
		if err != nil {
			p.add(at, "", "%v", pathErr(err))
			continue
		}
		if !info.IsDir() {
			addName(pth) // parse says if the name is not a seed file's
			continue
		}
		entries, err := f.readDir(pth)
		if err != nil {
			p.add(at, "", "%v", pathErr(err))
			continue
		}
		var found []string
		for _, e := range entries {
			n := e.Name()
			ext := strings.ToLower(path.Ext(n))
			if e.IsDir() || strings.HasPrefix(n, ".") || (ext != ".yaml" && ext != ".yml" && ext != ".csv") {
				continue
			}
			found = append(found, f.join(pth, n))
		}
		if len(found) == 0 {
			p.add(at, "a folder is read for its *.yaml, *.yml and *.csv files", "no seed files here")
		}
		sort.Strings(found)
		for _, n := range found {
			addName(n)
		}
	}
	return names
}

// pathErr drops the operation and path from a file-system error: the path
// is already at the front of the message.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

const formatYAML = "yaml"

// formatOf says how to read a file: formatYAML, a CSV kind, or "" when the
// name is not a seed file's.
func formatOf(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml":
		return formatYAML
	case ".csv":
		return csvKind(name)
	}
	return ""
}

// parse reads and validates the files in three rounds: documents, then
// actors, then ties, each in file order, so that every reference can be
// checked when its item is read. YAML files and CSV files of documents are
// read in the first round (a YAML file holds all three kinds); CSV files of
// actors and of ties are read in their round, row by row, and only what
// each row becomes is kept. Files of ties are read several at once.
func parse(srcs []source, p *problems) []*graph.Dataset {
	return parseKnown(srcs, p, nil)
}

func parseKnown(srcs []source, p *problems, known *graph.KnownItems) []*graph.Dataset {
	b := newBuilder(p)
	b.ext = newExternal(known)
	type later struct {
		src    source
		format string
		yaml   parsed
	}
	var rest []later
	for _, s := range srcs {
		format := formatOf(s.name)
		switch format {
		case "":
			if _, ok := s.fetch(p); !ok {
				continue
			}
			if strings.EqualFold(path.Ext(s.name), ".csv") {
				p.add(pos{file: s.name}, "name it NAME.actors.csv, NAME.ties.csv, NAME.documents.csv or NAME.coordinates.csv", "cannot tell what the CSV file holds")
			} else {
				p.add(pos{file: s.name}, "seed files end in .yaml, .yml or .csv", "not a seed file")
			}
		case formatYAML:
			data, ok := s.text(p)
			if !ok {
				continue
			}
			y := parseYAML(s.name, data, p)
			if y.dataset.s != "" {
				b.set(&item{at: y.dataset.at, dataset: y.dataset})
			}
			for i := range y.docs {
				b.document(&y.docs[i])
			}
			rest = append(rest, later{src: s, format: format, yaml: y})
		case csvDocuments:
			if data, ok := s.text(p); ok {
				readCSV(s.name, data, format, p, b.document)
			}
		default:
			rest = append(rest, later{src: s, format: format})
		}
	}
	b.documentsDone()
	for _, l := range rest {
		switch l.format {
		case formatYAML:
			for i := range l.yaml.actors {
				b.addActor(&l.yaml.actors[i])
			}
		case csvActors:
			if data, ok := l.src.text(p); ok {
				readCSV(l.src.name, data, l.format, p, b.addActor)
			}
		}
	}
	b.actorsDone()
	for _, l := range rest {
		switch l.format {
		case formatYAML:
			for i := range l.yaml.coords {
				b.coordinate(&l.yaml.coords[i])
			}
		case csvCoords:
			if data, ok := l.src.text(p); ok {
				readCSV(l.src.name, data, l.format, p, b.coordinate)
			}
		}
	}
	var jobs []func(b *builder)
	for _, l := range rest {
		switch l.format {
		case formatYAML:
			jobs = append(jobs, func(b *builder) {
				for i := range l.yaml.ties {
					b.tie(&l.yaml.ties[i])
				}
			})
		case csvTies:
			jobs = append(jobs, func(b *builder) {
				if data, ok := l.src.text(b.p); ok {
					readCSV(l.src.name, data, l.format, b.p, b.tie)
				}
			})
		}
	}
	b.readTies(jobs)
	return b.datasets()
}
