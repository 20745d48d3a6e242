package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/carecast/carecast/internal/render"
)

// readmeProse returns README.md's text outside its code blocks, a line
// break a space, so that a code span broken over two lines is one.
func readmeProse(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	inFence := false
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
			continue
		}
		if inFence || strings.HasPrefix(line, "    ") {
			continue
		}
		b.WriteString(line)
		b.WriteByte(' ')
	}
	return b.String()
}

var codeSpan = regexp.MustCompile("`([^`]+)`")

// Issue 18, item 17: the README's commands in its prose run as written
// too. A command there with arguments names ./bin/carecast, which
// 'make build' makes (a bare carecast is not on the PATH of a fresh
// clone; naming a command, 'carecast init', is not running it), and runs
// from the top of the clone with exit status 0.
func TestReadmeProseCommandsRun(t *testing.T) {
	var cmds [][]string
	var spans []string
	for _, m := range codeSpan.FindAllStringSubmatch(readmeProse(t), -1) {
		span := strings.Join(strings.Fields(m[1]), " ")
		fields := strings.Fields(span)
		if fields[0] == "carecast" && len(fields) > 2 {
			t.Errorf("README: %q is a command with a bare carecast; write ./bin/carecast, which 'make build' makes", span)
		}
		if fields[0] == "./bin/carecast" && !strings.Contains(span, "<") { // <command>: a placeholder
			cmds = append(cmds, fields[1:])
			spans = append(spans, span)
		}
	}
	if len(cmds) < 3 {
		t.Fatalf("found %d commands in the README's prose, expected more", len(cmds))
	}
	examples, err := filepath.Abs(filepath.Join("..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	_, chromiumErr := render.FindChromium()
	dir := t.TempDir()
	// The top of a clone, as far as the commands read it.
	if err := os.Symlink(examples, filepath.Join(dir, "examples")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for i, args := range cmds {
		if args[0] == "paper" && (testing.Short() || chromiumErr != nil && os.Getenv("CARECAST_REQUIRE_TOOLS") == "") {
			t.Logf("skipping %q, which needs Chromium", spans[i])
			continue
		}
		if code, _, stderr := runCmd(t, false, args...); code != exitOK {
			t.Errorf("README command %q: exit %d\n%s", spans[i], code, stderr)
		}
	}
}

// Issue 18, item 17: a README command that pipes into jq has jq among
// the prerequisites of Set-up, and Set-up says how long make test takes.
func TestReadmePrerequisites(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	setup, _, _ := strings.Cut(readme[strings.Index(readme, "## Set-up"):], "\n## ")
	usesJQ := false
	for _, b := range readmeBlocks(t) {
		for _, l := range b {
			usesJQ = usesJQ || strings.Contains(l, "| jq")
		}
	}
	if !usesJQ {
		t.Fatal("no README command pipes into jq; this test looks for one")
	}
	if !regexp.MustCompile("`jq`").MatchString(setup) {
		t.Errorf("a README command uses jq, but Set-up does not list it:\n%s", setup)
	}
	if !regexp.MustCompile(`make test[^\n]*\n?[^\n]*(minutes|seconds) on two cores`).MatchString(setup) {
		t.Errorf("Set-up does not say how long make test takes on two cores:\n%s", setup)
	}
}
