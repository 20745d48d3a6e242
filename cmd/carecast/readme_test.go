package main

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/carecast/carecast/internal/render"
)

// The README is run as written: its worked example must match the
// program's output line by line, and every command in it must run.

// readmeBlocks returns the lines of README.md's indented code blocks.
func readmeBlocks(t *testing.T) [][]string {
	t.Helper()
	return markdownBlocks(t, filepath.Join("..", "..", "README.md"))
}

// markdownBlocks returns the lines of a Markdown file's indented code
// blocks (outside fenced ones), the four-space indent removed, each block
// a slice; blank lines inside a block are kept and trailing ones dropped.
func markdownBlocks(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var blocks [][]string
	var cur []string
	inFence := false
	flush := func() {
		for len(cur) > 0 && cur[len(cur)-1] == "" {
			cur = cur[:len(cur)-1]
		}
		if len(cur) > 0 {
			blocks = append(blocks, cur)
		}
		cur = nil
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
			continue
		}
		switch {
		case inFence:
		case strings.HasPrefix(line, "    "):
			cur = append(cur, strings.TrimRight(line[4:], " "))
		case strings.TrimSpace(line) == "" && cur != nil:
			cur = append(cur, "")
		default:
			flush()
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return blocks
}

// matchLines compares want, in which a line "..." stands for any number of
// lines, with got; it returns "" or what differs first.
func matchLines(want, got []string) string {
	j := 0
	for i := 0; i < len(want); i++ {
		if want[i] == "..." {
			if i+1 == len(want) {
				return ""
			}
			k := j
			for k < len(got) && got[k] != want[i+1] {
				k++
			}
			if k == len(got) {
				return "after ..., the output never has the line\n\t" + want[i+1]
			}
			j = k
			continue
		}
		if j >= len(got) {
			return "the output ends before the line\n\t" + want[i]
		}
		if got[j] != want[i] {
			return "README line\n\t" + want[i] + "\nbut the output has\n\t" + got[j]
		}
		j++
	}
	if j < len(got) {
		return "the output goes on after the README's last line (end with ... to leave rows out):\n\t" + got[j]
	}
	return ""
}

func TestMatchLines(t *testing.T) {
	for _, c := range []struct {
		want, got []string
		ok        bool
	}{
		{[]string{"a", "b"}, []string{"a", "b"}, true},
		{[]string{"a", "..."}, []string{"a", "b", "c"}, true},
		{[]string{"a", "...", "d"}, []string{"a", "b", "c", "d"}, true},
		{[]string{"a", "...", "d"}, []string{"a", "d"}, true},
		{[]string{"a", "b"}, []string{"a", "b", "c"}, false},
		{[]string{"a", "b"}, []string{"a", "x"}, false},
		{[]string{"a", "...", "d"}, []string{"a", "b"}, false},
		{[]string{"a", "b", "c"}, []string{"a", "b"}, false},
	} {
		if got := matchLines(c.want, c.got) == ""; got != c.ok {
			t.Errorf("matchLines(%q, %q) ok = %v, want %v", c.want, c.got, got, c.ok)
		}
	}
}

// readmeCommand turns a README line "./bin/carecast forecast --json | jq"
// into the arguments of each carecast in it (commands joined by |, && or
// ||; a trailing "# comment" dropped), or nil if the line runs no carecast.
func readmeCommand(t *testing.T, line string) [][]string {
	t.Helper()
	line = strings.TrimPrefix(line, "$ ")
	if i := strings.Index(line, "  #"); i >= 0 {
		line = line[:i]
	}
	var out [][]string
	for _, seg := range strings.FieldsFunc(line, func(r rune) bool { return r == '|' || r == '&' }) {
		fields := strings.Fields(seg)
		if len(fields) == 0 || fields[0] != "./bin/carecast" {
			continue
		}
		if strings.ContainsAny(seg, `'"$;<>`+"`") {
			t.Fatalf("README command %q uses shell syntax this test cannot run; keep README commands plain", line)
		}
		out = append(out, fields[1:])
	}
	return out
}

// The worked example in README.md is what './bin/carecast forecast' prints
// on a terminal, line by line ("..." where rows are left out).
func TestReadmeWorkedExample(t *testing.T) {
	const cmdLine = "$ ./bin/carecast forecast"
	var want []string
	for _, b := range readmeBlocks(t) {
		if b[0] == cmdLine {
			want = b[1:]
		}
	}
	if want == nil {
		t.Fatalf("README.md has no code block starting %q", cmdLine)
	}
	t.Chdir(t.TempDir())
	code, stdout, stderr := runCmd(t, true, "forecast")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// A terminal shows stderr ("wrote ...", written first) and then stdout.
	var got []string
	for _, l := range strings.Split(strings.TrimRight(stderr+stdout, "\n"), "\n") {
		got = append(got, strings.TrimRight(l, " "))
	}
	if diff := matchLines(want, got); diff != "" {
		t.Errorf("README.md's worked example differs from the output of 'carecast forecast'; update the README.\n%s", diff)
	}
}

// Every carecast command in README.md's code blocks runs as written, in
// order, in one folder (as a newcomer would run them), with exit status 0;
// under -short (make check) all but those that need Chromium.
func TestReadmeCommandsRun(t *testing.T) {
	var cmds [][]string
	var lines []string
	for _, b := range readmeBlocks(t) {
		for _, l := range b {
			for _, args := range readmeCommand(t, l) {
				cmds = append(cmds, args)
				lines = append(lines, l)
			}
		}
	}
	if len(cmds) < 10 {
		t.Fatalf("found %d carecast commands in README.md, expected more", len(cmds))
	}
	_, chromiumErr := render.FindChromium()
	t.Chdir(t.TempDir())
	for i, args := range cmds {
		needsChromium := args[0] == "paper" || args[0] == "monitor" && slices.Contains(args, "--out") // the PDF
		for _, a := range args {
			needsChromium = needsChromium || a == "--png" || strings.HasPrefix(a, "--png=")
		}
		if needsChromium && testing.Short() {
			// The fast loop (make check) starts no browser; make test
			// runs these.
			t.Logf("-short: skipping %q, which needs Chromium", lines[i])
			continue
		}
		if needsChromium && chromiumErr != nil {
			if os.Getenv("CARECAST_REQUIRE_TOOLS") != "" {
				t.Fatalf("CARECAST_REQUIRE_TOOLS is set: %v", chromiumErr)
			}
			t.Logf("skipping %q: %v", lines[i], chromiumErr)
			continue
		}
		if code, _, stderr := runCmd(t, false, args...); code != exitOK {
			t.Errorf("README command %q: exit %d\n%s", lines[i], code, stderr)
		}
	}
}
