package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/carecast/carecast"
)

// The demand study of 'carecast demand 903' (docs/methodology.md §17): its
// JSON (MODEL §13, extended) and its table by council for a terminal or a
// pipe. Aggregates only, as the study holds.

type demandStudyJSON struct {
	Horizon  demandHorizonJSON   `json:"horizon"`
	Runs     int                 `json:"runs"`
	Seed     uint64              `json:"seed"`
	Councils []demandCouncilJSON `json:"councils"`
	Risks    []demandRiskJSON    `json:"risks"`
	Spread   demandSpreadJSON    `json:"spread"`
	States   []string            `json:"states"`
	Bands    []string            `json:"age_bands"`
	Codes    []carecastPlaceCode `json:"place_codes"`
}

type demandHorizonJSON struct {
	Start carecast.Date `json:"start"`
	End   carecast.Date `json:"end"`
}

type carecastPlaceCode struct {
	Place    string `json:"place"`
	Category string `json:"category"`
}

type demandCouncilJSON struct {
	Council    string              `json:"council"`
	Name       string              `json:"name"`
	Places     []string            `json:"places"`
	First      carecast.Date       `json:"first"`
	Last       carecast.Date       `json:"last"`
	Files      int                 `json:"files"`
	Episodes   int                 `json:"episodes"`
	Duplicates int                 `json:"duplicates"`
	Overlaps   int                 `json:"overlaps"`
	Reference  demandReferenceJSON `json:"reference"`
	History    []demandHistoryJSON `json:"history"`
	Projection []demandProjectJSON `json:"projection"`
}

type demandReferenceJSON struct {
	From carecast.Date `json:"from"`
	To   carecast.Date `json:"to"`
	Days int           `json:"days"`
}

type demandHistoryJSON struct {
	Month           string      `json:"month"`
	Days            int         `json:"days"`
	Children        json.Number `json:"children"`
	OutOfArea       json.Number `json:"out_of_area"`
	LocationUnknown json.Number `json:"location_unknown"`
	Over20Miles     json.Number `json:"over_20_miles"`
	DistanceUnknown json.Number `json:"distance_unknown"`
	Starts          int         `json:"starts"`
	Ends            int         `json:"ends"`
}

type demandProjectJSON struct {
	Month    string      `json:"month"`
	Expected json.Number `json:"expected"`
	P10      json.Number `json:"p10"`
	P90      json.Number `json:"p90"`
}

type demandRiskJSON struct {
	Factor       string      `json:"factor"`
	Distribution string      `json:"distribution"`
	Low          json.Number `json:"low"`
	Mode         json.Number `json:"mode"`
	High         json.Number `json:"high"`
}

type demandSpreadJSON struct {
	Months      int         `json:"months"`
	Consortium  json.Number `json:"consortium"`
	Council     json.Number `json:"council"`
	Independent json.Number `json:"independent"`
}

func n6(x float64) json.Number { return json.Number(carecast.Number6(x)) }

// monthText writes a month as 2022-04.
func monthText(d carecast.Date) string { return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month)) }

// WriteDemandStudyJSON writes the study as JSON: for each council its
// history and projection (MODEL §13), with the horizon, the demand risks
// the projection's spread sets and the table of PLACE codes used.
func WriteDemandStudyJSON(w io.Writer, s *carecast.DemandStudy) error {
	out := demandStudyJSON{
		Horizon: demandHorizonJSON{s.Start, s.End}, Runs: s.Runs, Seed: s.Seed,
		Councils: []demandCouncilJSON{}, States: s.States, Bands: s.Bands,
		Spread: demandSpreadJSON{s.Spread.Months, n6(s.Spread.Consortium), n6(s.Spread.Council), n6(s.Spread.Independent)},
	}
	for _, p := range s.PlaceCodes {
		out.Codes = append(out.Codes, carecastPlaceCode{p.Code, p.Category})
	}
	if s.Spread.Months > 0 { // else nothing is projected within the horizon, and no risk set
		for _, r := range []carecast.Risk{s.Demand, s.DemandCouncil} {
			out.Risks = append(out.Risks, demandRiskJSON{r.Factor.String(), r.Distribution.String(),
				json.Number(r.Low.String()), json.Number(r.Mode.String()), json.Number(r.High.String())})
		}
	}
	if out.Risks == nil {
		out.Risks = []demandRiskJSON{}
	}
	for _, c := range s.Councils {
		cj := demandCouncilJSON{Council: c.Code, Name: c.Name, Places: s.Places, First: c.First, Last: c.Last,
			Files: c.Files, Episodes: c.Episodes, Duplicates: c.Duplicates, Overlaps: c.Overlaps,
			Reference:  demandReferenceJSON{c.ReferenceFrom, c.ReferenceTo, c.Flows.Days},
			History:    []demandHistoryJSON{},
			Projection: []demandProjectJSON{}}
		for _, h := range c.History {
			cj.History = append(cj.History, demandHistoryJSON{monthText(h.Month), h.Days, n6(h.Children), n6(h.OutOfArea), n6(h.LocationUnknown),
				n6(h.Over20Miles), n6(h.DistanceUnknown), h.Starts, h.Ends})
		}
		for _, p := range c.Projection {
			cj.Projection = append(cj.Projection, demandProjectJSON{monthText(p.Month), n6(p.Expected), n6(p.P10), n6(p.P90)})
		}
		out.Councils = append(out.Councils, cj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// demandStudyRows is the study by council: its data, the last twelve
// months' average and the horizon's first and last years projected.
func demandStudyRows(s *carecast.DemandStudy, exact bool) [][]string {
	head := []string{carecast.LabelCouncil, "Data from", "to", "Episodes", "Overlaps shortened", "Last 12 months", "Horizon's first year", "Horizon's last year", "Last year, P10", "Last year, P90"}
	rows := [][]string{head}
	num := func(x float64) string {
		if exact {
			return carecast.Number6(x)
		}
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	for _, c := range s.Councils {
		row := []string{c.Code, c.First.String(), c.Last.String(), strconv.Itoa(c.Episodes), strconv.Itoa(c.Overlaps)}
		// The history's last twelve months, by their days.
		sum, days := 0.0, 0
		for i := max(0, len(c.History)-12); i < len(c.History); i++ {
			sum += c.History[i].Children * float64(c.History[i].Days)
			days += c.History[i].Days
		}
		row = append(row, num(sum/float64(max(days, 1))))
		// The horizon's years: each month's demand as the Demand rows
		// have it (history, or the projection's expected).
		year := func(from carecast.Date) (e, p10, p90 float64, ok bool) {
			n := 0
			for m := from; m.Before(from.AddMonths(12)) && !m.After(s.End); m = m.AddMonths(1) {
				v, known := c.Placements(m)
				if !known {
					continue
				}
				lo, hi := v, v
				for _, p := range c.Projection {
					if p.Month == m {
						lo, hi = p.P10, p.P90
					}
				}
				e, p10, p90, n = e+v, p10+lo, p90+hi, n+1
			}
			if n == 0 {
				return 0, 0, 0, false
			}
			return e / float64(n), p10 / float64(n), p90 / float64(n), true
		}
		if e, _, _, ok := year(s.Start); ok {
			row = append(row, num(e))
		} else {
			row = append(row, "-")
		}
		if e, lo, hi, ok := year(s.Start.AddMonths(12 * (s.Years - 1))); ok {
			row = append(row, num(e), num(lo), num(hi))
		} else {
			row = append(row, "-", "-", "-")
		}
		rows = append(rows, row)
	}
	return rows
}

// WriteDemandStudy writes the study by council as an aligned table for a
// terminal, the figures averages of children at once to one place.
func WriteDemandStudy(w io.Writer, s *carecast.DemandStudy) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "Children at once in %s placements, by council: the average over the last 12 months of the returns, and the horizon's first and last years (%s to %s), history where the returns cover them, else projected.\n\n",
		joinPlaces(s.Places), s.Start.Long(), s.End.Long())
	writeAligned(ew, demandStudyRows(s, false))
	if s.Spread.Months > 0 {
		fmt.Fprintf(ew, "\nRisks set from the projection's spread (%d runs, seed %d): demand %s, demand_council %s (normal: low and high are the 5th and 95th percentiles).\n",
			s.Runs, s.Seed, riskText(s.Demand), riskText(s.DemandCouncil))
	}
	return ew.err
}

// WriteDemandStudyTSV writes the study by council as tab-separated text,
// the figures to six places.
func WriteDemandStudyTSV(w io.Writer, s *carecast.DemandStudy) error {
	ew := &errWriter{w: w}
	writeTSV(ew, demandStudyRows(s, true))
	return ew.err
}

func riskText(r carecast.Risk) string {
	return r.Low.String() + " / " + r.Mode.String() + " / " + r.High.String()
}

func joinPlaces(p []string) string {
	s := ""
	for i, x := range p {
		switch {
		case i == 0:
		case i == len(p)-1:
			s += " and "
		default:
			s += ", "
		}
		s += x
	}
	return s
}
