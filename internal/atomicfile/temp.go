package atomicfile

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
)

// Temporary files carry a marker no user's file carries, and the process
// id of the run that made them:
//
//	.carecast-tmp-<pid>-<random>  an output being written
//	.carecast-bak-<pid>-<random>  a previous output kept while a Tx commits
//
// so that a later run removes only what carecast made, and of that only
// what this process or a process no longer running left behind: never a
// user's ".bashrc.bak-2024", never the temporary of a run still writing.
const (
	tagTmp = "tmp"
	tagBak = "bak"
)

// tempPattern matches the names createTemp makes, and nothing else.
var tempPattern = regexp.MustCompile(`^\.carecast-(tmp|bak)-([0-9]+)-[0-9]+$`)

// live are the temporaries this process is using: a stale clean-up in one
// goroutine must not take the file another is writing.
var live = struct {
	sync.Mutex
	names map[string]bool
}{names: map[string]bool{}}

// createTemp creates a new temporary file in dir, tagged tag, and notes it
// as in use until forget.
func createTemp(dir, tag string) (*os.File, error) {
	f, err := os.CreateTemp(dir, ".carecast-"+tag+"-"+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return nil, err
	}
	live.Lock()
	live.names[f.Name()] = true
	live.Unlock()
	return f, nil
}

// forget notes that the temporary name is no longer in use.
func forget(name string) {
	live.Lock()
	delete(live.names, name)
	live.Unlock()
}

// inUse says whether this process is using the temporary name.
func inUse(name string) bool {
	live.Lock()
	defer live.Unlock()
	return live.names[name]
}

// removeStale removes from dir the temporaries of runs that were killed
// part way: regular files named as createTemp names them, made by this
// process and no longer in use, or by a process that is no longer running.
// Anything else is left alone, whatever its name.
func removeStale(dir string) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	self := os.Getpid()
	for _, e := range es {
		m := tempPattern.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		pid, err := strconv.Atoi(m[2])
		if err != nil {
			continue
		}
		path := filepath.Join(dir, e.Name())
		switch {
		case pid == self && inUse(path):
			continue
		case pid != self && !exited(pid):
			continue
		}
		if fi, err := os.Lstat(path); err == nil && fi.Mode().IsRegular() {
			os.Remove(path)
		}
	}
}
