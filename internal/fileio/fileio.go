// Package fileio reads and writes the files named on relmap's command line
// so that no name can make relmap hang, grow without bound or destroy
// something that is not a file.
//
// Reading: only regular files are opened (after following symbolic links).
// A device, FIFO, socket or directory is refused before it is opened, since
// opening a FIFO blocks until someone writes and a device such as /dev/zero
// never ends; and every read stops at a limit counted in bytes read, not in
// the size the file states.
//
// Writing: WriteFile replaces a regular file atomically (a temporary file
// beside it, renamed over it), so a failed write never leaves half a file.
// It writes regular files only: a device, FIFO, socket or directory at the
// path is refused, never replaced. A symbolic link is followed and its
// target replaced, so the link stays a link. An existing file keeps its
// permission bits; a new file gets 0644 less the umask.
package fileio

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// ErrNotRegular is the cause of every refusal of something that is not a
// regular file.
var ErrNotRegular = errors.New("not a regular file")

// notRegular describes what is at a path instead of a regular file.
func notRegular(mode fs.FileMode) error {
	what := "a special file"
	switch {
	case mode.IsDir():
		what = "a directory"
	case mode&fs.ModeNamedPipe != 0:
		what = "a FIFO"
	case mode&fs.ModeSocket != 0:
		what = "a socket"
	case mode&fs.ModeCharDevice != 0:
		what = "a character device"
	case mode&fs.ModeDevice != 0:
		what = "a device"
	}
	return fmt.Errorf("%w: it is %s; relmap reads and writes regular files only", ErrNotRegular, what)
}

// TooLargeError is a read that went past its limit.
type TooLargeError struct{ Limit int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("more than %d bytes; the limit is %d", e.Limit, e.Limit)
}

// Open opens path for reading when it is a regular file.
func Open(path string) (*os.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: path, Err: notRegular(info.Mode())}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	// The path may have changed between the two looks.
	if info, err = f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = &fs.PathError{Op: "open", Path: path, Err: notRegular(info.Mode())}
		}
		return nil, err
	}
	return f, nil
}

// ReadFile reads the regular file at path, refusing one of more than limit
// bytes.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := ReadAll(f, limit)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	return b, nil
}

// ReadAll reads r to its end, refusing more than limit bytes; it never holds
// more than limit+1 of them.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, &TooLargeError{Limit: limit}
	}
	return b, nil
}

// WriteFile writes data to path as the package documentation describes.
func WriteFile(path string, data []byte) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// File is a file being written in place of path, for output that streams
// (a long query result) and so cannot be handed to WriteFile in one piece:
// the bytes go to a temporary file beside the target, and Commit puts it in
// place; until then, and after Abort, the target is untouched.
type File struct {
	tmp    *os.File
	target string
	keep   *fs.FileMode
}

// Create starts writing path as the package documentation describes.
func Create(path string) (*File, error) {
	target, keep, err := writeTarget(path)
	if err != nil {
		return nil, err
	}
	tmp, err := createTemp(filepath.Dir(target))
	if err != nil {
		return nil, tempError(path, filepath.Dir(target), err)
	}
	return &File{tmp: tmp, target: target, keep: keep}, nil
}

// Write writes to the temporary file.
func (f *File) Write(b []byte) (int, error) { return f.tmp.Write(b) }

// Commit syncs the temporary file and renames it over the target.
func (f *File) Commit() error {
	defer os.Remove(f.tmp.Name()) // gone after the rename; left over after a failure
	if err := f.tmp.Sync(); err != nil {
		f.tmp.Close()
		return err
	}
	if err := f.tmp.Close(); err != nil {
		return err
	}
	if f.keep != nil {
		if err := os.Chmod(f.tmp.Name(), *f.keep); err != nil {
			return err
		}
	}
	return os.Rename(f.tmp.Name(), f.target)
}

// Abort drops what was written; the target stays as it was.
func (f *File) Abort() {
	f.tmp.Close()
	os.Remove(f.tmp.Name())
}

// CheckTarget reports the error WriteFile would refuse path with, so that a
// command can refuse before doing its work.
func CheckTarget(path string) error {
	_, _, err := writeTarget(path)
	return err
}

// tempError says why nothing can be written at path, whose file would be
// created in dir: in the user's terms (the path they gave, the folder that
// is missing or closed), not those of the temporary file that failed.
func tempError(path, dir string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		err = fmt.Errorf("there is no folder %s to write into; create it first or give another path", dir)
	case errors.Is(err, fs.ErrPermission):
		err = fmt.Errorf("the folder %s does not let you create files (%v); give another path", dir, err)
	default:
		err = fmt.Errorf("no file can be created in %s: %w", dir, err)
	}
	return &fs.PathError{Op: "write", Path: path, Err: err}
}

// createTemp creates a new file in dir with mode 0644 less the umask (which
// os.CreateTemp's 0600 would not give).
func createTemp(dir string) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, fmt.Sprintf(".relmap-%d", rand.Uint64()))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("no temporary file could be created in %s", dir)
}

// writeTarget is the file WriteFile replaces for path, and the permission
// bits of the file it replaces (nil for a new file).
func writeTarget(path string) (string, *fs.FileMode, error) {
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", nil, err
	} else if info, lerr := os.Lstat(path); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
		// A dangling link: writing would put a file where it points, which
		// may be anywhere.
		return "", nil, &fs.PathError{Op: "write", Path: path, Err: errors.New("a symbolic link to nothing; give the file's own name")}
	}
	info, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return target, nil, nil
	case err != nil:
		return "", nil, err
	case !info.Mode().IsRegular():
		return "", nil, &fs.PathError{Op: "write", Path: path, Err: notRegular(info.Mode())}
	}
	perm := info.Mode().Perm()
	return target, &perm, nil
}
