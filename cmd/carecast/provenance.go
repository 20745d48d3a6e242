package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/carecast/carecast"
)

// preparedDate is the date an output is prepared: SOURCE_DATE_EPOCH (the
// reproducible-builds convention, seconds since 1970) when set, else
// today, in UTC.
func preparedDate() (carecast.Date, error) {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || n < 0 {
			return carecast.Date{}, usageError{fmt.Errorf("SOURCE_DATE_EPOCH=%q: not a whole number of seconds since 1 January 1970", s)}
		}
		return carecast.DateOf(time.Unix(n, 0).UTC()), nil
	}
	return carecast.DateOf(time.Now().UTC()), nil
}

// inputDigests are the SHA-256 of the input: of the workbook, or of each
// CSV file of a folder, by name. None for the built-in scenario.
func inputDigests(input string) ([][2]string, error) {
	if input == "" {
		return nil, nil
	}
	fi, err := os.Stat(input)
	if err != nil {
		return nil, err
	}
	files := []string{input}
	if fi.IsDir() {
		files, err = filepath.Glob(filepath.Join(input, "*.csv"))
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
	}
	var out [][2]string
	for _, f := range files {
		h := sha256.New()
		r, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		_, err = io.Copy(h, r)
		r.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, [2]string{filepath.Base(f), hex.EncodeToString(h.Sum(nil))})
	}
	return out, nil
}
