package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileCSV writes the built-in scenario as CSV files (init --csv), then
// in each file named in edits (all files for "*") replaces each old string
// by its new one.
func hostileCSV(t *testing.T, edits map[string][]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "in")
	if code, _, stderr := runCmd(t, false, "init", "--csv", dir); code != 0 {
		t.Fatalf("init --csv: exit %d: %s", code, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		keys := []string{"*", filepath.Base(f)}
		if n := filepath.Base(f); n == "paper.csv" || n == "riskregister.csv" {
			keys = keys[1:] // a paper's own words, not names the edits mean
		}
		for _, key := range keys {
			if oldnew := edits[key]; oldnew != nil {
				text = strings.NewReplacer(oldnew...).Replace(text)
			}
		}
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Failure 3 of issue 10: a council named as a formula, and a council code
// that is a DDE call, come out of piped (tab-separated) output as text: a
// single quote in front, as OWASP recommends for CSV injection, while
// negative numbers stay numbers.
func TestFormulaInjectionDefused(t *testing.T) {
	dir := hostileCSV(t, map[string][]string{"*": {
		"Havering", `"=HYPERLINK(""http://evil"",""x"")"`,
		"\nHAV,", "\n\"=cmd|' /C calc'!A0\",", ",HAV,", ",\"=cmd|' /C calc'!A0\","}})
	for _, args := range [][]string{
		{"forecast", dir, "--no-files"},
		{"simulate", dir, "--runs", "200"},
		{"sensitivity", dir},
	} {
		t.Run(args[0], func(t *testing.T) {
			code, stdout, stderr := runCmd(t, false, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			found := false
			for _, line := range strings.Split(stdout, "\n") {
				for _, field := range strings.Split(line, "\t") {
					if field == "" {
						continue
					}
					if strings.ContainsRune("=+@\t\r", rune(field[0])) ||
						field[0] == '-' && strings.Trim(field, "-0123456789.,") != "" {
						t.Errorf("field %q would be read as a formula", field)
					}
					if field == `'=HYPERLINK("http://evil","x")` || field == `'=cmd|' /C calc'!A0` {
						found = true
					}
				}
			}
			if args[0] != "sensitivity" && !found {
				t.Errorf("no defused council in:\n%s", stdout)
			}
		})
	}
}

// Failure 6 of issue 10: control characters in an input reach the terminal
// escaped: a header holding ESC ]0;pwned BEL ESC [2J in a warning, a
// carriage return and a line feed inside a name in an error, each message
// on one line.
func TestControlCharactersEscaped(t *testing.T) {
	dir := hostileCSV(t, map[string][]string{
		"councils.csv": {"code,name,share (%)\n", "code,name,share (%),\x1b]0;pwned\x07\x1b[2J\n"},
		"pledges.csv":  {"\nBarking and Dagenham,", "\n\"B\rA\nD\x1b[2J\","}})
	var out, errb bytes.Buffer
	code := run([]string{"validate", dir}, &streams{Out: &out, Err: &errb})
	stderr := errb.String()
	if code != 1 {
		t.Fatalf("exit %d, want 1 (a pledge names an unknown council):\n%s", code, stderr)
	}
	if strings.ContainsAny(stderr, "\x1b\x07\r") {
		t.Errorf("raw control characters on stderr: %q", stderr)
	}
	for _, want := range []string{`\x1b]0;pwned\x07\x1b[2J`, `B\rA\nD\x1b[2J`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q escaped:\n%s", want, stderr)
		}
	}
	for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		if !strings.HasPrefix(line, "warning: ") && !strings.HasPrefix(line, "carecast: ") && !strings.Contains(line, ".csv:") {
			t.Errorf("a message broken over lines: %q", line)
		}
	}
}
