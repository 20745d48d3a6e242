// Package reports writes what a forecast says: the JSON summary, terminal
// and tab-separated tables, the forecast workbook and the HTML charts.
package reports

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes path through write: into a temporary file in the
// same folder, synced, then renamed over path, so a reader never sees half a
// file and a failed write leaves nothing behind. It refuses to write over
// any of protect (the input files), compared after resolving links.
func WriteFileAtomic(path string, protect []string, write func(w io.Writer) error) (err error) {
	if err := refuseInput(path, protect); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriter(f)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func refuseInput(path string, protect []string) error {
	target, err := canonical(path)
	if err != nil {
		return err
	}
	for _, p := range protect {
		in, err := canonical(p)
		if err != nil {
			continue
		}
		if in == target {
			return fmt.Errorf("refusing to write %s: it is an input file", path)
		}
		if fi, err := os.Stat(in); err == nil && fi.IsDir() {
			if rel, err := filepath.Rel(in, target); err == nil && filepath.Dir(rel) == "." {
				// Writing beside the CSV files of an input folder would
				// make the next read see an unknown file; refuse.
				return fmt.Errorf("refusing to write %s: it is inside the input folder %s", path, p)
			}
		}
	}
	return nil
}

// canonical resolves path to an absolute path with links followed; a path
// that does not exist yet is resolved through its folder.
func canonical(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r, nil
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return abs, nil
	}
	return filepath.Join(dir, filepath.Base(abs)), nil
}
