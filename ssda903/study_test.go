package ssda903

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/carecast/carecast"
)

// writeFiles writes files (name -> CSV text) into a new folder.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const episodesHead = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,PL_DISTANCE,PL_LA,PL_LOCATION\n"

// handWorked is five children's episodes over January and February 2020,
// in two years' files, whose stock, starts, ends and flows are counted by
// hand below.
//
//	A (born 1 Jan 2005, 15): K2 1-10 Jan (out of area, 25 miles), a
//	  foster placement 11-20 Jan, K2 from 21 Jan, still open (in area,
//	  distance blank). The first episode is in both files, open in the
//	  first: a duplicate.
//	B (born 15 Jun 2008, 11): K2 5-14 Jan, then leaves care; PL_LOCATION
//	  blank but PL_LA not the council's own (E09000026), so outside;
//	  12 miles.
//	C (born 1 Mar 2010, 9): U6 1 Jan to 28 Feb, leaving on 29 Feb, the
//	  latest date in the files.
//	D (born 20 Feb 2004, 15 then 16): K2 from 10 Feb written to end 25 Feb,
//	  overlapping a U4 episode from 20 Feb (16th birthday) to 29 Feb: the
//	  K2 episode is shortened to end on 20 Feb. Out of area, 30 miles.
//	E (born 5 May 2012, 7): K2 1-4 Feb, and a U4 episode from 3 Feb
//	  ending the same day, 5 Feb: a duplicate by its end, dropped.
var handWorked = map[string]string{
	"header_2019.csv": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nFAKEA,1,01/01/2005,WBRI,,,\n",
	"episodes_2019.csv": episodesHead +
		"FAKEA,01/01/2020,S,C2,N1,K2,PR4,,,,XX1 1XX,XX9 9XX,SC1,25.0,E09000099,OUT\n",
	"header_2020.csv": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n" +
		"FAKEA,1,01/01/2005,WBRI,,,\nFAKEB,2,15/06/2008,WBRI,,,\nFAKEC,1,01/03/2010,WBRI,,,\nFAKED,1,20/02/2004,WBRI,,,\nFAKEE,2,05/05/2012,WBRI,,,\n",
	"episodes_2020.csv": episodesHead +
		"FAKEA,01/01/2020,S,C2,N1,K2,PR4,11/01/2020,X1,,XX1 1XX,XX9 9XX,SC1,25.0,E09000099,OUT\n" +
		"FAKEA,11/01/2020,P,C2,N1,U4,PR1,21/01/2020,X1,,XX1 1XX,XX9 9XX,,3.0,E09000016,IN\n" +
		"FAKEA,21/01/2020,P,C2,N1,K2,PR4,,,,XX1 1XX,XX9 9XX,SC2,,E09000016,IN\n" +
		"FAKEB,05/01/2020,S,C2,N1,K2,PR4,15/01/2020,E13,,XX1 1XX,XX9 9XX,SC3,12.0,E09000026,\n" +
		"FAKEC,01/01/2020,S,C2,N1,U6,PR1,29/02/2020,E13,,XX1 1XX,XX9 9XX,,1.0,E09000016,IN\n" +
		"FAKED,10/02/2020,S,C2,N1,K2,PR4,25/02/2020,X1,,XX1 1XX,XX9 9XX,SC4,30.0,E09000099,OUT\n" +
		"FAKED,20/02/2020,P,C2,N1,U4,PR1,29/02/2020,E13,,XX1 1XX,XX9 9XX,,2.0,E09000016,IN\n" +
		"FAKEE,01/02/2020,S,C2,N1,K2,PR4,05/02/2020,E13,,XX1 1XX,XX9 9XX,SC5,,,\n" +
		"FAKEE,03/02/2020,S,C2,N1,U4,PR1,05/02/2020,E13,,XX1 1XX,XX9 9XX,,,,\n",
}

func mustStudy(t *testing.T, sources []Source, opt Options) (*carecast.DemandStudy, []Problem) {
	t.Helper()
	s, warnings, err := Study(sources, opt)
	if err != nil {
		t.Fatalf("Study: %v", err)
	}
	return s, warnings
}

func TestHandWorkedHistory(t *testing.T) {
	dir := writeFiles(t, handWorked)
	s, warnings := mustStudy(t, []Source{{Dir: dir, Code: "TST"}}, Options{Runs: 10, Start: carecast.NewDate(2020, time.March, 1), Years: 1})
	c := s.Councils[0]
	if c.First != carecast.NewDate(2020, time.January, 1) || c.Last != carecast.NewDate(2020, time.February, 29) {
		t.Errorf("first, last = %s, %s; want 2020-01-01, 2020-02-29", c.First, c.Last)
	}
	// Ten rows, less two duplicates: A's first episode (in both files) and
	// E's U4 episode (ending with its K2 one).
	if c.Episodes != 8 || c.Duplicates != 2 || c.Overlaps != 1 {
		t.Errorf("episodes %d, duplicates %d, overlaps %d; want 8, 2, 1", c.Episodes, c.Duplicates, c.Overlaps)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0].Msg, "1 overlapping episode shortened") {
		t.Errorf("warnings %v; want one saying 1 overlapping episode shortened", warnings)
	}
	// January (31 days): A is in K2 on 1-10 and 21-31 Jan (21 days), B on
	// 5-14 Jan (10): 31 child-days, 1 a day. A's first 10 days and B's 10
	// are outside the area; A's first 10 are over 20 miles (B's 12 miles
	// are not); A's last 11 days have no distance. Stays begin: A 1 Jan,
	// B 5 Jan, A 21 Jan; end: A 11 Jan (to fostering), B 15 Jan.
	//
	// February (29 days): A all 29 days (in area, no distance), D 10-19 Feb
	// (10 days, outside, 30 miles), E 1-4 Feb (4 days, location and
	// distance not given): 43 child-days. Stays begin: E 1 Feb, D 10 Feb;
	// end: E 5 Feb (leaves care), D 20 Feb (to fostering). A's is open.
	want := []carecast.DemandMonth{
		{Month: carecast.NewDate(2020, time.January, 1), Days: 31, Children: 1, OutOfArea: 0.645161, LocationUnknown: 0,
			Over20Miles: 0.322581, DistanceUnknown: 0.354839, Starts: 3, Ends: 2},
		{Month: carecast.NewDate(2020, time.February, 1), Days: 29, Children: 1.482759, OutOfArea: 0.344828, LocationUnknown: 0.137931,
			Over20Miles: 0.344828, DistanceUnknown: 1.137931, Starts: 2, Ends: 2},
	}
	if len(c.History) != len(want) {
		t.Fatalf("%d months of history; want %d", len(c.History), len(want))
	}
	for i, w := range want {
		if got := c.History[i]; got != w {
			t.Errorf("month %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
}

func TestHandWorkedFlows(t *testing.T) {
	dir := writeFiles(t, handWorked)
	s, _ := mustStudy(t, []Source{{Dir: dir, Code: "TST"}}, Options{Runs: 10, Start: carecast.NewDate(2020, time.March, 1), Years: 1})
	c := s.Councils[0]
	// The reference period is the three years to the last day, within the
	// data, less the last day (whose morrow is not seen): 1 Jan to 28 Feb.
	if c.ReferenceFrom != carecast.NewDate(2020, time.January, 1) || c.ReferenceTo != carecast.NewDate(2020, time.February, 28) || c.Flows.Days != 59 {
		t.Fatalf("reference %s to %s, %d days; want 2020-01-01 to 2020-02-28, 59", c.ReferenceFrom, c.ReferenceTo, c.Flows.Days)
	}
	if s.States[0] != "K2" || s.States[1] != "Foster placements" {
		t.Fatalf("states %q; want K2 then Foster placements", s.States)
	}
	const k2, fost = 0, 1
	const b5to9, b10to15, b16 = 2, 3, 4
	type cell struct{ a, s, want int }
	check := func(name string, grid [][]int, cells []cell) {
		t.Helper()
		seen := map[[2]int]bool{}
		for _, x := range cells {
			seen[[2]int{x.a, x.s}] = true
			if got := grid[x.a][x.s]; got != x.want {
				t.Errorf("%s[%s][%s] = %d; want %d", name, BandLabels[x.a], s.States[x.s], got, x.want)
			}
		}
		for a := range grid {
			for st, v := range grid[a] {
				if v != 0 && !seen[[2]int{a, st}] {
					t.Errorf("%s[%s][%s] = %d; want 0", name, BandLabels[a], s.States[st], v)
				}
			}
		}
	}
	// Child-days within 1 Jan to 28 Feb. K2 at 10 to 15: A 10 + 11 + 28,
	// B 10, D 10 = 69. Fostering at 10 to 15: A 10; at 5 to 9: C 59; at 16
	// and over: D 20-28 Feb, 9. E in K2 at 5 to 9: 4.
	check("ChildDays", c.Flows.ChildDays, []cell{{b10to15, k2, 69}, {b10to15, fost, 10}, {b5to9, fost, 59}, {b16, fost, 9}, {b5to9, k2, 4}})
	// Entries: B (5 Jan), D (10 Feb), E (1 Feb, aged 7); A and C began on
	// the first day, whose day before is outside the period.
	check("Entries", c.Flows.Entries, []cell{{b10to15, k2, 2}, {b5to9, k2, 1}})
	// Exits: B from K2, E from K2, C from fostering on 29 Feb, D from
	// fostering on 29 Feb, at 16.
	check("Exits", c.Flows.Exits, []cell{{b10to15, k2, 1}, {b5to9, k2, 1}, {b5to9, fost, 1}, {b16, fost, 1}})
	check("AgeUps", c.Flows.AgeUps, nil)
	// Moves: A K2 to fostering and back; D K2 to fostering on the day it
	// turned 16, counted in the band of the day before.
	check("Moves K2", c.Flows.Moves[b10to15], []cell{{k2, fost, 2}, {fost, k2, 1}})
	// On 29 Feb only A is in care (K2, aged 15).
	check("Start", c.Start, []cell{{b10to15, k2, 1}})
}

// TestDeterministicProjection: five children aged 11 enter K2 in a
// reference period of 100 days and none leaves, moves or reaches 16, so
// the chain has one rate, 5/100 entrants a day, and no exits: from five on
// the last day, the expected stock k days on is exactly 5 + k/20.
func TestDeterministicProjection(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"header.csv": "CHILD,DOB\nFAKE1,01/06/2008\nFAKE2,01/06/2008\nFAKE3,01/06/2008\nFAKE4,01/06/2008\nFAKE5,01/06/2008\nFAKE6,01/01/2015\n",
		"episodes.csv": "CHILD,DECOM,PLACE,DEC\n" +
			"FAKE6,21/01/2020,U4,30/04/2020\n" +
			"FAKE1,31/01/2020,K2,\nFAKE2,20/02/2020,K2,\nFAKE3,11/03/2020,K2,\nFAKE4,31/03/2020,K2,\nFAKE5,20/04/2020,K2,\n",
	})
	s, _ := mustStudy(t, []Source{{Dir: dir, Code: "TST"}}, Options{Runs: 200, Seed: 3,
		ReferenceFrom: carecast.NewDate(2020, time.January, 21), ReferenceTo: carecast.NewDate(2020, time.April, 29),
		Start: carecast.NewDate(2020, time.May, 1), Years: 1})
	c := s.Councils[0]
	if c.Flows.Days != 100 || c.Flows.Entries[3][0] != 5 {
		t.Fatalf("reference days %d, K2 entries at 10 to 15 %d; want 100, 5", c.Flows.Days, c.Flows.Entries[3][0])
	}
	if len(c.Projection) != 12 {
		t.Fatalf("%d months projected; want 12 (May 2020 to April 2021)", len(c.Projection))
	}
	// A month of days k = i..j has expected stock 5 + (i+j)/2/20.
	for _, w := range []struct {
		month    int
		expected float64
	}{
		{0, 5.8},     // May 2020: k 1..31, mean 16
		{1, 7.325},   // June: k 32..61, mean 46.5
		{2, 8.85},    // July: k 62..92, mean 77
		{11, 22.525}, // April 2021: k 336..365, mean 350.5
	} {
		p := c.Projection[w.month]
		if p.Expected != w.expected {
			t.Errorf("%s expected %v; want %v", p.Month, p.Expected, w.expected)
		}
		// No one leaves: every run has at least the five.
		if p.P10 < 5 || p.P10 > p.Expected || p.P90 < p.Expected {
			t.Errorf("%s P10 %v, expected %v, P90 %v; want 5 <= P10 <= expected <= P90", p.Month, p.P10, p.Expected, p.P90)
		}
	}
}

// A horizon that ends within the returns is all history: nothing is
// projected, and the demand risks are not set.
func TestHorizonWithinTheReturns(t *testing.T) {
	dir := writeFiles(t, handWorked)
	s, _ := mustStudy(t, []Source{{Dir: dir, Code: "TST"}}, Options{Runs: 10, Start: carecast.NewDate(2019, time.January, 1), Years: 1})
	c := s.Councils[0]
	if len(c.Projection) != 0 || s.Spread.Months != 0 || !s.Demand.Low.IsZero() || !s.Demand.High.IsZero() {
		t.Errorf("projection %v, spread %+v, demand risk %+v; want none", c.Projection, s.Spread, s.Demand)
	}
	if v, ok := c.Placements(carecast.NewDate(2020, time.February, 1)); !ok || v != 1.482759 {
		t.Errorf("February 2020: %v, %v; want the history's 1.482759", v, ok)
	}
	if _, ok := c.Placements(carecast.NewDate(2019, time.December, 1)); ok {
		t.Error("December 2019, before the returns, has a figure")
	}
}
