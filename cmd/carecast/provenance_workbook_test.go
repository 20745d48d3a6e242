package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The workbook records what made it: the same input and SOURCE_DATE_EPOCH
// give the same bytes, dated that day, and the About sheet holds the
// input's SHA-256 (worked out here from the file) and the version.
func TestForecastWorkbookProvenance(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "inputs.xlsx")
	if code, _, stderr := runCmd(t, false, "init", in); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	want := hex.EncodeToString(sum[:])
	t.Setenv("SOURCE_DATE_EPOCH", "1764374400") // 29 November 2025
	var books [][]byte
	for _, out := range []string{"a", "b"} {
		if code, _, stderr := runCmd(t, false, "forecast", in, "--out", filepath.Join(dir, out)); code != 0 {
			t.Fatalf("forecast: exit %d: %s", code, stderr)
		}
		b, err := os.ReadFile(filepath.Join(dir, out, "forecast.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		books = append(books, b)
	}
	if !bytes.Equal(books[0], books[1]) {
		t.Fatal("two runs with the same SOURCE_DATE_EPOCH differ")
	}
	f, err := excelize.OpenReader(bytes.NewReader(books[0]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("About")
	if err != nil {
		t.Fatal(err)
	}
	about := map[string]string{}
	for _, r := range rows {
		if len(r) >= 2 {
			about[r[0]] = r[1]
		}
	}
	if got := about["SHA-256 of inputs.xlsx"]; got != want {
		t.Errorf("About: SHA-256 of inputs.xlsx = %q, want %q", got, want)
	}
	if got := about["Prepared"]; got != "29 November 2025" {
		t.Errorf("About: Prepared = %q, want 29 November 2025", got)
	}
	if got := about["Made by"]; !strings.HasPrefix(got, "carecast ") {
		t.Errorf("About: Made by = %q, want carecast's version", got)
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2025-11-29T00:00:00Z" || props.Modified != props.Created {
		t.Errorf("created %q, modified %q: want the prepared date 2025-11-29T00:00:00Z", props.Created, props.Modified)
	}
	if !strings.Contains(props.Description, want) {
		t.Errorf("the document's description lacks the input's SHA-256: %q", props.Description)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if code, _, stderr := runCmd(t, false, "forecast", in, "--out", filepath.Join(dir, "c")); code != 2 || !strings.Contains(stderr, "SOURCE_DATE_EPOCH") {
		t.Errorf("a malformed SOURCE_DATE_EPOCH: exit %d, stderr %q; want exit 2 naming it", code, stderr)
	}
}
