package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carecast/carecast/internal/testtools"
)

func TestPaperFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want paperOptions
	}{
		{nil, paperOptions{OutDir: "carecast-out", Risk: defaultRisk}},
		{[]string{"in.xlsx", "--council", "HAV", "--out", "papers"}, paperOptions{Input: "in.xlsx", Council: "HAV", OutDir: "papers", Risk: defaultRisk}},
		{[]string{"--runs", "500", "--seed", "9", "-o", "x"}, paperOptions{OutDir: "x", Risk: riskOptions{Runs: 500, Seed: 9}}},
		{[]string{"--size"}, paperOptions{OutDir: "carecast-out", Risk: defaultRisk, Size: true}},
		{[]string{"--no-size"}, paperOptions{OutDir: "carecast-out", Risk: defaultRisk, NoSize: true}},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var got paperOptions
			io := &streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
			cmd := newPaperCmd(io, func(o *paperOptions, _ *streams) error { got = *o; return nil })
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

func TestPaperExitStatuses(t *testing.T) {
	for _, c := range []struct {
		args []string
		want int
		says string
	}{
		{[]string{"paper", "a", "b"}, exitUsage, ""},
		{[]string{"paper", "--size", "--no-size", "--out", t.TempDir()}, exitUsage, "give one or the other"},
		{[]string{"paper", "--runs", "0", "--out", t.TempDir()}, exitUsage, "--runs"},
		{[]string{"paper", "--council", "XYZ", "--runs", "50", "--out", t.TempDir()}, exitUsage, `no council "XYZ"`},
		{[]string{"paper", "--out", t.TempDir(), filepath.Join(t.TempDir(), "missing.xlsx")}, exitInput, ""},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, _, stderr := runCmd(t, false, c.args...)
			if code != c.want || !strings.Contains(stderr, c.says) {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, c.want, stderr)
			}
		})
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if code, _, stderr := runCmd(t, false, "paper", "--out", t.TempDir()); code != exitUsage || !strings.Contains(stderr, "SOURCE_DATE_EPOCH") {
		t.Errorf("a bad SOURCE_DATE_EPOCH: exit %d; stderr:\n%s", code, stderr)
	}
}

// One council's paper: two files, nothing else; the same input and
// SOURCE_DATE_EPOCH give the same Word file.
func TestPaperOneCouncil(t *testing.T) {
	testtools.Chromium(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1764374400") // 29 November 2025
	var docs [2][]byte
	for i := range docs {
		out := filepath.Join(t.TempDir(), "papers")
		code, stdout, stderr := runCmd(t, false, "paper", "--council", "hav", "--runs", "200", "--out", out)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if stdout != "" {
			t.Errorf("stdout %q: the command writes files, not data", stdout)
		}
		if got, want := dirNames(t, out), []string{"paper-HAV.docx", "paper-HAV.pdf"}; !slices.Equal(got, want) {
			t.Fatalf("wrote %v, want %v", got, want)
		}
		var err error
		if docs[i], err = os.ReadFile(filepath.Join(out, "paper-HAV.docx")); err != nil {
			t.Fatal(err)
		}
		pdf, err := os.ReadFile(filepath.Join(out, "paper-HAV.pdf"))
		if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Fatalf("paper-HAV.pdf is not a PDF: %v", err)
		}
	}
	if !bytes.Equal(docs[0], docs[1]) {
		t.Error("the same input and SOURCE_DATE_EPOCH gave different Word files")
	}
	zr, err := zip.NewReader(bytes.NewReader(docs[0]), int64(len(docs[0])))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("docProps/core.xml")
	if err != nil {
		t.Fatal(err)
	}
	core, _ := io.ReadAll(f)
	if !bytes.Contains(core, []byte(">2025-11-29T12:00:00Z</dcterms:created>")) {
		t.Errorf("the Word file's properties do not carry the prepared date:\n%s", core)
	}
}

// paperText is the text of a Word file's body, tags removed.
func paperText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(f)
	return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(b), "")
}

// The sizing result is in the paper when occupancy follows demand, or
// with --size; --no-size leaves it out; the built-in scenario (Occupancy
// as given) has none unless asked. Bed trading follows the Allocations
// rows. On a terminal, the sweep shows a progress bar, as does printing.
func TestPaperSizing(t *testing.T) {
	t.Parallel() // with the package's other long browser runs, in tabs of the shared browser
	testtools.Chromium(t)
	const demand = "../../examples/demand"
	for _, c := range []struct {
		args            []string
		sizing, trading bool
	}{
		{[]string{demand}, true, true},
		{[]string{demand, "--no-size"}, false, true},
		{nil, false, false},
		{[]string{"--size"}, true, false},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			t.Parallel() // in tabs of the shared browser
			out := filepath.Join(t.TempDir(), "papers")
			var stdout, stderr bytes.Buffer
			args := append([]string{"paper", "--council", "HAV", "--runs", "100", "--out", out}, c.args...)
			code := run(args, &streams{Out: &stdout, Err: &stderr, ErrTTY: true, ProgressAfter: time.Nanosecond})
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			text := paperText(t, filepath.Join(out, "paper-HAV.docx"))
			if got := strings.Contains(text, "The size of the block"); got != c.sizing {
				t.Errorf("the paper carries the sizing result: %v, want %v", got, c.sizing)
			}
			if got := strings.Contains(stderr.String(), "Sizing ["); got != c.sizing {
				t.Errorf("a sizing progress bar: %v, want %v; stderr:\n%s", got, c.sizing, stderr.String())
			}
			// The papers printed count on a terminal, one paper here.
			if !strings.Contains(stderr.String(), "Printing [") || !strings.Contains(stderr.String(), "] 100%  1 of 1 papers\n") {
				t.Errorf("no bar counts the papers printed; stderr:\n%s", stderr.String())
			}
			if got := strings.Contains(text, "Trading unused rooms between councils"); got != c.trading {
				t.Errorf("the paper carries bed trading: %v, want %v", got, c.trading)
			}
			if c.sizing && c.args[0] == demand && !strings.Contains(text, "The block proposed has 35 rooms at its largest") {
				t.Errorf("the paper does not name the size proposed:\n%s", text)
			}
		})
	}
}
