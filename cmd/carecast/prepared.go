package main

import (
	"os"
	"strings"
	"time"

	"github.com/carecast/carecast"
)

// provenanceOf says what made the outputs of a run on input (empty: the
// built-in scenario) that read s: this carecast's version, the input and
// the SHA-256 of each file read, and the prepared date (today, or the
// date SOURCE_DATE_EPOCH gives, for reproducible bytes). A malformed
// SOURCE_DATE_EPOCH is a command-line error.
func provenanceOf(input string, s *carecast.Scenario) (carecast.Provenance, error) {
	prepared, err := carecast.PreparedDate(os.Getenv("SOURCE_DATE_EPOCH"), time.Now())
	if err != nil {
		return carecast.Provenance{}, usageError{err}
	}
	return carecast.Provenance{
		Version:  versionLine(buildVersion()),
		Input:    input,
		Digests:  s.Digests,
		Prepared: prepared,
	}, nil
}

// versionLine is the version and the revision of versionText on one line,
// as a document records it: "carecast (devel), revision 1a2b3c... of
// 2026-11-29T03:00:00Z".
func versionLine(text string) string {
	var parts []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "carecast ") || strings.HasPrefix(line, "revision ") {
			parts = append(parts, line)
		}
	}
	return strings.Join(parts, ", ")
}
