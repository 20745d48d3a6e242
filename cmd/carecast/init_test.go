package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestInitFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want initOptions
	}{
		{nil, initOptions{File: "inputs.xlsx"}},
		{[]string{"plan.xlsx"}, initOptions{File: "plan.xlsx"}},
		{[]string{"--force", "plan.xlsx"}, initOptions{File: "plan.xlsx", Force: true}},
		{[]string{"-f"}, initOptions{File: "inputs.xlsx", Force: true}},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var got initOptions
			io := &streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
			cmd := newInitCmd(io, func(o *initOptions, _ *streams) error { got = *o; return nil })
			cmd.SetArgs(c.args)
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
}

// init writes inputs.xlsx, keeps it unless --force, and the template
// validates and forecasts exactly as the built-in scenario does.
func TestInit(t *testing.T) {
	t.Chdir(t.TempDir())
	code, stdout, stderr := runCmd(t, false, "init")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if stdout != "" || !strings.HasPrefix(stderr, "wrote inputs.xlsx") {
		t.Errorf("stdout %q, stderr %q; want nothing and a note that inputs.xlsx was written", stdout, stderr)
	}
	info, err := os.Stat("inputs.xlsx")
	if err != nil {
		t.Fatal(err)
	}

	code, _, stderr = runCmd(t, false, "init")
	if code != exitUsage || !strings.Contains(stderr, "inputs.xlsx exists; use --force to replace it") {
		t.Errorf("second init: exit %d, stderr %q; want %d and a refusal", code, stderr, exitUsage)
	}
	if again, _ := os.Stat("inputs.xlsx"); !again.ModTime().Equal(info.ModTime()) {
		t.Error("the refused init touched the file")
	}
	if code, _, stderr = runCmd(t, false, "init", "--force"); code != exitOK {
		t.Errorf("init --force: exit %d, stderr:\n%s", code, stderr)
	}

	if code, _, stderr = runCmd(t, false, "validate", "inputs.xlsx"); code != exitOK || stderr != "" {
		t.Errorf("validate: exit %d, stderr:\n%s", code, stderr)
	}
	_, fromTemplate, stderr := runCmd(t, false, "forecast", "inputs.xlsx", "--json", "--no-files")
	_, builtIn, _ := runCmd(t, false, "forecast", "--json", "--no-files")
	if fromTemplate == "" || fromTemplate != builtIn {
		t.Errorf("the template's forecast differs from the built-in one; stderr:\n%s", stderr)
	}
	if left, _ := filepath.Glob(".inputs.xlsx*"); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestInitRefuses(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"init", filepath.Join(dir, "inputs.csv")}, "name it with .xlsx"},
		{[]string{"init", filepath.Join(dir, "missing", "inputs.xlsx")}, "writing"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, _, stderr := runCmd(t, false, c.args...)
			if code == exitOK || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want a failure saying %q", code, stderr, c.want)
			}
		})
	}
}
