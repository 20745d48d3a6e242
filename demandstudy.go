package carecast

import (
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// DemandStudy is what 'carecast demand 903' finds in the councils'
// SSDA903 returns (docs/methodology.md §17): for each council, the
// average number of its children at once in the chosen placement types,
// month by month, and the projection of that number over the horizon,
// with its spread. Aggregates only: nothing in it names, dates or places
// a child.
type DemandStudy struct {
	// Places are the PLACE codes counted, K2 by default.
	Places []string
	// PlaceCodes is the table of codes and categories used.
	PlaceCodes []PlaceCode
	// States are the states the projection moves children between: the
	// chosen placements first ("K2"), then every category of the other
	// codes, by label.
	States []string
	// Bands are the age bands, "0 to 1" ... "16 and over".
	Bands []string
	// Start and Years are the horizon the Demand rows cover (the
	// scenario's); End is its last day.
	Start Date
	Years int
	End   Date
	// Runs and Seed are the simulation's: the same seed, the same figures.
	Runs int
	Seed uint64
	// Councils are in the order their folders were given.
	Councils []CouncilDemand
	// Consortium is the councils added together, month by month from the
	// earliest month of any council's history to the end of the horizon.
	Consortium []ConsortiumMonth
	// Demand and DemandCouncil are the risk factors the projection's
	// spread sets (FactorDemand, FactorDemandCouncil); zero values when
	// nothing is projected.
	Demand, DemandCouncil Risk
	// Spread says how they were set, for the outputs' notes.
	Spread DemandSpread
}

// DemandSpread is the spread of the projected demand over the horizon,
// from which the demand risk factors are set: the standard deviation,
// over the simulation's runs, of the horizon's average demand as a
// multiple of its expected value.
type DemandSpread struct {
	// Months is the number of projected months of the horizon the spread
	// is taken over; zero when the horizon holds none.
	Months int
	// Consortium is the spread of the councils' demand added together.
	Consortium float64
	// Council is the councils' own spreads, averaged in the proportion of
	// their expected demand (as variances).
	Council float64
	// Independent is the part of a council's spread not shared with the
	// consortium: the square root of Council² - Consortium² (zero if
	// negative).
	Independent float64
}

// CouncilDemand is one council's history and projection.
type CouncilDemand struct {
	Code string // as the council is named in the scenario (or by --council, or its folder)
	Name string // its name in the scenario, or the code
	// First and Last are the earliest and latest dates in its files.
	First, Last Date
	// Files is the number of header and episodes files read; Digests
	// their SHA-256, for the outputs' provenance.
	Files   int
	Digests []Digest
	// Episodes is the number of episodes after duplicates were dropped;
	// Duplicates the number dropped; Overlaps the number shortened
	// because they overlapped the child's next episode.
	Episodes, Duplicates, Overlaps int
	// ReferenceFrom and ReferenceTo are the days whose moves set the
	// rates (inclusive).
	ReferenceFrom, ReferenceTo Date
	// History is month by month from First's month to Last's.
	History []DemandMonth
	// Projection is month by month from the month after Last's to the end
	// of the horizon; empty when the horizon ends within the history.
	Projection []ProjectedMonth
	// Flows are the counts over the reference period that set the rates.
	Flows DemandFlows
	// Start is the number of children in each state on Last, by age
	// band: where the projection starts.
	Start [][]int
}

// DemandMonth is one month of a council's history: averages of the days
// of the month its data covers (Days), each the number of its children in
// the chosen placements on a day, exact to six decimal places.
type DemandMonth struct {
	Month Date // the first day
	Days  int
	// Children is the average number at once.
	Children float64
	// OutOfArea is the average number placed outside the council's area
	// (PL_LOCATION OUT); LocationUnknown those whose location the files do
	// not say.
	OutOfArea, LocationUnknown float64
	// Over20Miles is the average number placed more than 20 miles from
	// home (PL_DISTANCE); DistanceUnknown those whose distance is not given.
	Over20Miles, DistanceUnknown float64
	// Starts and Ends count the children who began and ended a stay in the
	// chosen placements in the month (entering care into them, or moving
	// in from another placement; leaving care, or moving out).
	Starts, Ends int
}

// ProjectedMonth is one month of a council's projection: the expected
// average number of its children at once in the chosen placements, and
// the 10th and 90th percentiles over the simulation's runs.
type ProjectedMonth struct {
	Month              Date
	Expected, P10, P90 float64
}

// ConsortiumMonth is one month of the councils' demand added together:
// each council's history where its returns cover the month, else its
// projection's expected value (Projected then true, with the P10 and P90
// of the sum over the runs; else both equal Value).
type ConsortiumMonth struct {
	Month     Date
	Value     float64
	P10, P90  float64
	Projected bool
}

// DemandFlows are the counts, over a council's reference period, from
// which the projection's daily rates are set: by age band (first index)
// and state (second).
type DemandFlows struct {
	Days int // days in the reference period
	// ChildDays is the number of days children spent in each band and
	// state.
	ChildDays [][]int
	// Entries are children entering care into the state; Exits leaving
	// care from it; AgeUps reaching the next band's age in it.
	Entries, Exits, AgeUps [][]int
	// Moves[a][s][t] are moves from state s to state t at age band a.
	Moves [][][]int
}

// Placements is the council's demand in the month starting on m: the
// history where the files cover the month, else the projection's
// expected value; ok is false when it has neither.
func (c *CouncilDemand) Placements(m Date) (v float64, ok bool) {
	for _, h := range c.History {
		if h.Month == m {
			return h.Children, true
		}
	}
	for _, p := range c.Projection {
		if p.Month == m {
			return p.Expected, true
		}
	}
	return 0, false
}

// SmallCount is the smallest count of children any output meant for a
// paper shows as a number: fewer are shown as FewerThanSmall, so that no
// child can be singled out (as the Department's statistics suppress small
// counts).
const SmallCount = 5

// FewerThanSmall is what a paper shows for a count below SmallCount.
const FewerThanSmall = "fewer than 5"

// Suppressed reports whether a count of children, or an average of
// counts, is below SmallCount and so is not shown as a number in anything
// meant for a paper.
func Suppressed(x float64) bool { return x < SmallCount }

// CountText writes a number of children for a paper with the given
// decimal places, or "fewer than 5".
func CountText(x float64, places int) string {
	if Suppressed(x) {
		return FewerThanSmall
	}
	return GroupThousands(strconv.FormatFloat(x, 'f', places, 64))
}

// Round6 rounds x to the nearest six decimal places, as the demand study
// holds its figures.
func Round6(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	s := strconv.FormatFloat(x, 'f', 6, 64)
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// Number6 writes x to at most six decimal places with no trailing zeros,
// "12.1", "0", "3.333333": the demand study's figures in JSON and CSV.
func Number6(x float64) string {
	s := strconv.FormatFloat(x, 'f', 6, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// z95 is the 95th percentile of the standard normal distribution.
const z95 = 1.6448536269514722

// DemandRisk is a demand risk factor set from a spread s (the standard
// deviation of demand as a multiple of its expected value): a normal
// distribution about 1 whose 5th and 95th percentiles, the low and high
// of a normal risk (docs/methodology.md §8), are 1 - 1.645 s and
// 1 + 1.645 s, to four places, the low no less than 0.
func DemandRisk(f Factor, s float64) Risk {
	lo := math.Max(0, math.Round((1-z95*s)*10000)/10000)
	hi := math.Round((1+z95*s)*10000) / 10000
	return Risk{Factor: f, Distribution: Normal, Low: decimal.NewFromFloat(lo).Round(4), Mode: f.Neutral(), High: decimal.NewFromFloat(hi).Round(4)}
}
