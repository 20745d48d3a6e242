// Package ssda903test makes SSDA903 returns for tests and benchmarks:
// children who enter care, move between placements and leave it by a
// known daily process, written as the Department publishes the return
// (a header and an episodes file a collection year, each year's column
// set). Nothing in them is real: identifiers are FAKE..., postcodes are
// in the made-up area XX.
package ssda903test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/carecast/carecast"
)

// Bands is the number of age bands of a Process, as the demand study's:
// under 1, 1 to 4, 5 to 9, 10 to 15, 16 and over.
const Bands = 5

// bandAges are the ages at which the bands begin.
var bandAges = [Bands]int{0, 1, 5, 10, 16}

// State is a state children are in: the PLACE codes of its episodes.
type State struct {
	Name  string   // for messages
	Codes []string // an episode's PLACE is one of these, drawn at random
}

// Process is the daily process children follow, by age band (first
// index) and state (second): entries a day, and the daily probabilities
// of leaving care and of moving to each other state. At 18 a child leaves
// care.
type Process struct {
	States []State
	Entry  [Bands][]float64
	Exit   [Bands][]float64
	Move   [Bands][][]float64
	// Change is the daily probability of a new episode in the same state
	// (a change of legal status or of carer): no move between states.
	Change float64
	// Out and Far are the chances a placement is outside the council's
	// area and more than 20 miles from home.
	Out, Far float64
	// Overlap is the chance that a closed episode followed by another is
	// written with a DEC a few days after the next DECOM, as returns
	// sometimes are: the published rule shortens it back.
	Overlap float64
}

// Standard is a process like a council's of about 450 children in care,
// with children's homes (K2) as state 0: fostering, placement with
// parents and supported living beside them.
func Standard() Process {
	p := Process{
		States: []State{
			{"children's homes", []string{"K2"}},
			{"fostering", []string{"U1", "U3", "U4", "U6"}},
			{"with parents", []string{"P1"}},
			{"supported living", []string{"H5", "P2"}},
		},
		Change:  0.004,
		Out:     0.6,
		Far:     0.4,
		Overlap: 0.01,
	}
	day := 1.0 / 365.25
	// Entries a year, by band: into homes, fostering, parents, supported.
	entries := [Bands][4]float64{
		{0, 55, 4, 0},
		{0, 35, 5, 0},
		{1, 30, 4, 0},
		{12, 55, 4, 0},
		{10, 40, 0, 15},
	}
	// Leaving care a year, as a share of those in the state.
	exits := [Bands][4]float64{
		{0.5, 0.5, 0.6, 0.5},
		{0.4, 0.35, 0.5, 0.4},
		{0.35, 0.25, 0.5, 0.4},
		{0.3, 0.2, 0.5, 0.4},
		{0.5, 0.35, 0.6, 0.6},
	}
	for a := range Bands {
		p.Entry[a] = make([]float64, 4)
		p.Exit[a] = make([]float64, 4)
		p.Move[a] = make([][]float64, 4)
		for s := range 4 {
			p.Entry[a][s] = entries[a][s] * day
			p.Exit[a][s] = exits[a][s] * day
			p.Move[a][s] = make([]float64, 4)
		}
	}
	// Moves a year, as a share of those in the state.
	set := func(a, from, to int, perYear float64) { p.Move[a][from][to] = perYear * day }
	for a := 2; a < Bands; a++ {
		set(a, 1, 0, 0.03+0.03*float64(a-2)) // fostering breaks down into a home, more often when older
		set(a, 0, 1, 0.25)                   // back to fostering
	}
	set(1, 1, 0, 0.01)
	set(1, 0, 1, 0.5)
	set(4, 0, 3, 0.4) // homes to supported living at 16 and over
	set(4, 1, 3, 0.1)
	for a := 1; a < Bands; a++ {
		set(a, 1, 2, 0.03) // fostering to parents
		set(a, 2, 1, 0.1)
	}
	return p
}

// Config says what to make.
type Config struct {
	Councils int
	// FirstYear is the first collection year, named by the year it ends
	// in (2019: 1 April 2018 to 31 March 2019); Years is how many.
	FirstYear, Years int
	// NewColumnsFrom is the first year whose episodes carry PL_DISTANCE,
	// PL_LA and PL_LOCATION; zero: every year.
	NewColumnsFrom int
	// Warmup is the years of the process run before the first collection
	// year, so that the first year's children in care are of every age
	// and length of stay (their episodes starting before it, as real
	// returns' do); zero: 18.
	Warmup int
	Seed   uint64
	// Future is the years the process runs on after the last collection
	// year, written into no file: what a projection from the files should
	// foresee.
	Future int
	// Scale multiplies every entry rate (1 if zero).
	Scale   float64
	Process Process
}

// Stay is one episode as the process made it, before it was written into
// the files: the truth the tests count against.
type Stay struct {
	Child      int
	Start, End carecast.Date // End is the day after the last day; zero: still open when the process ends
	State      int
	Code       string
	Out, Far   bool
}

// Council is one council's made-up return.
type Council struct {
	Dir   string
	Code  string
	Stays []Stay
	DOB   []carecast.Date // by child
	// Planted counts the episodes written with an overlapping DEC.
	Planted int
	// Rows counts the episodes rows written, over every year's file.
	Rows int
	// End is the last day of the last collection year; Latest the latest
	// date written in the files (a DECOM or DEC), the end of the data as
	// the demand study sees it.
	End, Latest carecast.Date

	out, far float64
}

// Write makes the councils' returns in folders under dir (one a council,
// C01, C02 ...) and returns what it made.
func Write(dir string, cfg Config) ([]Council, error) {
	if cfg.Warmup == 0 {
		cfg.Warmup = 18
	}
	if cfg.Scale == 0 {
		cfg.Scale = 1
	}
	out := make([]Council, cfg.Councils)
	for i := range out {
		code := fmt.Sprintf("C%02d", i+1)
		c := &out[i]
		c.Code = code
		c.Dir = filepath.Join(dir, code)
		c.out, c.far = cfg.Process.Out, cfg.Process.Far
		simulate(c, cfg, uint64(i))
		if err := c.write(cfg, uint64(i)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Window is the first and last day of the collection years.
func (cfg Config) Window() (first, last carecast.Date) {
	first = carecast.NewDate(cfg.FirstYear-1, time.April, 1)
	last = carecast.NewDate(cfg.FirstYear+cfg.Years-1, time.March, 31)
	return
}

// simulate runs the process from Warmup years before the first
// collection year to the end of the last.
func simulate(c *Council, cfg Config, index uint64) {
	p := cfg.Process
	r := rand.New(rand.NewPCG(cfg.Seed, 0xC0FFEE+index))
	first, last := cfg.Window()
	c.End = last
	begin := first.Anniversary(-cfg.Warmup).Days()
	end := last.Anniversary(cfg.Future).Days() + 1 // the day after the process ends
	S := len(p.States)
	// Entrants arrive as a Poisson stream in each band and state.
	for a := range Bands {
		for s := range S {
			lam := p.Entry[a][s] * cfg.Scale
			if lam <= 0 {
				continue
			}
			for t := float64(begin) + r.ExpFloat64()/lam; t < float64(end); t += r.ExpFloat64() / lam {
				enter(c, cfg, r, a, s, int(t), end)
			}
		}
	}
}

// enter follows one child from entering care on day t in band a, state s.
func enter(c *Council, cfg Config, r *rand.Rand, a, s, t, end int) {
	p := cfg.Process
	// An age within the band, the days of its years equally likely.
	lo, hi := bandAges[a], 18
	if a+1 < Bands {
		hi = bandAges[a+1]
	}
	ageDays := int(float64(lo)*365.25 + r.Float64()*float64(hi-lo)*365.25)
	dob := carecast.DateFromDays(t - ageDays)
	for bandOf(dob, carecast.DateFromDays(t)) != a { // the band by birthdays
		if bandOf(dob, carecast.DateFromDays(t)) > a {
			dob = dob.AddDays(1)
		} else {
			dob = dob.AddDays(-1)
		}
	}
	child := len(c.DOB)
	c.DOB = append(c.DOB, dob)
	at18 := dob.Anniversary(18).Days()
	start := t
	code := pick(r, p.States[s].Codes)
	for {
		// The next birthday that changes the band.
		next := at18
		if a+1 < Bands {
			next = dob.Anniversary(bandAges[a+1]).Days()
		}
		q := p.Exit[a][s] + p.Change
		for _, m := range p.Move[a][s] {
			q += m
		}
		h := end - t + 1
		if q > 0 {
			h = 1 + int(r.ExpFloat64()/-math.Log1p(-q))
		}
		if t+h >= next && next <= end {
			if next == at18 { // leaves care at 18
				c.stay(child, start, next, s, code, r)
				return
			}
			a++
			t = next
			continue
		}
		if t+h >= end { // still in care at the end of the data
			c.stay(child, start, 0, s, code, r)
			return
		}
		t += h
		u := r.Float64() * q
		switch {
		case u < p.Exit[a][s]:
			c.stay(child, start, t, s, code, r)
			return
		case u < p.Exit[a][s]+p.Change:
			c.stay(child, start, t, s, code, r)
			code = pick(r, p.States[s].Codes)
		default:
			u -= p.Exit[a][s] + p.Change
			to := 0
			for to = range p.Move[a][s] {
				if u < p.Move[a][s][to] {
					break
				}
				u -= p.Move[a][s][to]
			}
			c.stay(child, start, t, s, code, r)
			s = to
			code = pick(r, p.States[s].Codes)
		}
		start = t
	}
}

func (c *Council) stay(child, start, end, state int, code string, r *rand.Rand) {
	st := Stay{Child: child, Start: carecast.DateFromDays(start), State: state, Code: code,
		Out: r.Float64() < c.out, Far: r.Float64() < c.far}
	if end > 0 {
		st.End = carecast.DateFromDays(end)
	}
	c.Stays = append(c.Stays, st)
}

func pick(r *rand.Rand, codes []string) string { return codes[r.IntN(len(codes))] }

// bandOf is the band of a child born on dob on day d.
func bandOf(dob, d carecast.Date) int {
	a := 0
	for a+1 < Bands && !d.Before(dob.Anniversary(bandAges[a+1])) {
		a++
	}
	return a
}

// The columns of the return: the Header table's, and the Episodes
// table's before and after the placement's location was added.
var (
	headerColumns   = []string{"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"}
	episodesColumns = []string{"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"}
	newColumns      = []string{"PL_DISTANCE", "PL_LA", "PL_LOCATION"}
)

// ID is the made-up identifier of child n of a council.
func ID(code string, n int) string { return fmt.Sprintf("FAKE%s%06d", code, n) }

// write writes a header and an episodes file a collection year: the
// episodes open at any time in the year, with DEC blank for those still
// open at its end, and a header row for each of their children.
func (c *Council) write(cfg Config, index uint64) error {
	r := rand.New(rand.NewPCG(cfg.Seed, 0xFACADE+index))
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return err
	}
	wrongEnd := c.plantOverlaps(cfg, r)
	for y := cfg.FirstYear; y < cfg.FirstYear+cfg.Years; y++ {
		from := carecast.NewDate(y-1, time.April, 1)
		to := carecast.NewDate(y, time.March, 31)
		newCols := cfg.NewColumnsFrom == 0 || y >= cfg.NewColumnsFrom
		var eb, hb bytes.Buffer
		ew, hw := csv.NewWriter(&eb), csv.NewWriter(&hb)
		cols := episodesColumns
		if newCols {
			cols = append(append([]string(nil), episodesColumns...), newColumns...)
		}
		ew.Write(cols)
		hw.Write(headerColumns)
		children := map[int]bool{}
		var order []int
		for i, s := range c.Stays {
			if s.Start.After(to) || (!s.End.IsZero() && s.End.Before(from)) {
				continue
			}
			dec := ""
			var decDate carecast.Date
			switch {
			case !wrongEnd[i].IsZero() && !s.End.After(to):
				decDate = wrongEnd[i]
			case !s.End.IsZero() && !s.End.After(to):
				decDate = s.End
			}
			if !decDate.IsZero() {
				dec = decDate.UK()
			}
			row := []string{ID(c.Code, s.Child), s.Start.UK(), "S", "C2", "N1", s.Code, "PR4", dec, recOf(dec), "", "XX1 1XX", "XX9 9XX", "SC999999"}
			if dec == "" {
				row[9] = ""
			}
			if newCols {
				loc, miles := "IN", fmt.Sprintf("%.1f", 2+r.Float64()*15)
				if s.Out {
					loc = "OUT"
				}
				if s.Far {
					miles = fmt.Sprintf("%.1f", 21+r.Float64()*100)
				}
				la := "E09000016"
				if s.Out {
					la = "E09000026"
				}
				row = append(row, miles, la, loc)
			}
			ew.Write(row)
			c.Rows++
			for _, d := range []carecast.Date{s.Start, decDate} {
				if d.After(c.Latest) {
					c.Latest = d
				}
			}
			if !children[s.Child] {
				children[s.Child] = true
				order = append(order, s.Child)
			}
		}
		for _, n := range order {
			hw.Write([]string{ID(c.Code, n), "1", c.DOB[n].UK(), "WBRI", "A999999999999", "", ""})
		}
		ew.Flush()
		hw.Flush()
		if err := os.WriteFile(filepath.Join(c.Dir, fmt.Sprintf("episodes_%d.csv", y)), eb.Bytes(), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(c.Dir, fmt.Sprintf("header_%d.csv", y)), hb.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// plantOverlaps plants the overlaps: an episode's end moved a few days
// past the child's next episode's start, once, in the episode's closing
// year, within the years written. It returns the wrong ends, by stay (a
// zero date where none is planted).
func (c *Council) plantOverlaps(cfg Config, r *rand.Rand) []carecast.Date {
	wrongEnd := make([]carecast.Date, len(c.Stays))
	first, last := cfg.Window()
	byChild := make(map[int][]int)
	for i, s := range c.Stays {
		byChild[s.Child] = append(byChild[s.Child], i)
	}
	for _, list := range byChild {
		for k := 0; k+1 < len(list); k++ {
			a, b := c.Stays[list[k]], c.Stays[list[k+1]]
			if a.End.IsZero() || a.End != b.Start || a.End.Before(first) || a.End.After(last) || r.Float64() >= cfg.Process.Overlap {
				continue
			}
			// A few days past the next start, before the next ends and
			// within the collection year the episode closes in.
			room := 3
			if !b.End.IsZero() {
				room = min(room, b.End.Days()-b.Start.Days()-1)
			}
			yearEnd := a.End.FinancialYear().End()
			room = min(room, yearEnd.Days()-a.End.Days())
			if room >= 1 {
				wrongEnd[list[k]] = a.End.AddDays(1 + r.IntN(room))
				c.Planted++
			}
		}
	}
	return wrongEnd
}

func recOf(dec string) string {
	if dec == "" {
		return ""
	}
	return "E13"
}
