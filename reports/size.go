package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The sweep of room counts of 'carecast size' (docs/methodology.md §11):
// JSON, an aligned table for a terminal and tab-separated text.

// SizingJSON is the machine-readable sweep.
type SizingJSON struct {
	Sizes       []SizeJSON `json:"sizes"`
	Recommended int        `json:"recommended"`
	Reason      string     `json:"reason"`
}

// SizeJSON is one room count; the risk figures only with --risk.
type SizeJSON struct {
	Rooms                int             `json:"rooms"`
	Savings              carecast.Money  `json:"savings"`
	NPV                  carecast.Money  `json:"npv"`
	NPVAfterOptimismBias carecast.Money  `json:"npv_after_optimism_bias"`
	OccupancyRate        json.Number     `json:"occupancy_rate"`
	VoidCost             carecast.Money  `json:"void_cost"`
	OverflowRoomDays     json.Number     `json:"overflow_room_days"`
	P10                  *carecast.Money `json:"p10,omitempty"`
	P50                  *carecast.Money `json:"p50,omitempty"`
	P90                  *carecast.Money `json:"p90,omitempty"`
	LossProbability      *json.Number    `json:"loss_probability,omitempty"`
}

// NewSizingJSON builds the JSON of a sweep.
func NewSizingJSON(z *carecast.Sizing) *SizingJSON {
	out := &SizingJSON{Sizes: []SizeJSON{}, Recommended: z.Recommended, Reason: z.Reason}
	for _, p := range z.Sizes {
		j := SizeJSON{Rooms: p.Rooms, Savings: p.Savings, NPV: p.NPV, NPVAfterOptimismBias: p.NPVAfterOptimismBias,
			OccupancyRate: rateNumber(p.OccupancyRate), VoidCost: p.VoidCost, OverflowRoomDays: number(p.OverflowRoomDays)}
		if z.Risk {
			p10, p50, p90 := p.P10, p.P50, p.P90
			lp := rateNumber(p.LossProbability)
			j.P10, j.P50, j.P90, j.LossProbability = &p10, &p50, &p90, &lp
		}
		out.Sizes = append(out.Sizes, j)
	}
	return out
}

// WriteSizingJSON writes the sweep as JSON, indented, with a final newline.
func WriteSizingJSON(w io.Writer, z *carecast.Sizing) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(NewSizingJSON(z))
}

// Sizing is the sweep as a table: a row a room count, with its savings,
// NPV, NPV after optimism bias, occupancy, void cost and overflow; with
// the risk, the spread of savings, the spread of the NPV about its
// expected value and the chance of a loss; the use of the rooms each size
// adds to the size before it (MarginalUse; blank at the first size); and
// last a note of the recommended size and the size as given. Outputs show
// the columns they need (SizingText).
func Sizing(z *carecast.Sizing, opt Options) *Table {
	t := &Table{Title: "Sizing the block", Columns: []Column{{Head: carecast.LabelRooms, Unit: UnitCount},
		opt.money(carecast.LabelSavings), opt.money(carecast.LabelNPV), opt.money(carecast.LabelNPVAfterOptimismBias),
		rate(carecast.LabelOccupancy), opt.money(carecast.LabelVoidCost), roomDays(carecast.LabelOverflow)}}
	if z.Risk {
		t.Columns = append(t.Columns, opt.money(carecast.LabelSavingsP10), opt.money(carecast.LabelSavingsP50),
			opt.money(carecast.LabelSavingsP90), opt.money(carecast.LabelNPVP10), opt.money(carecast.LabelExpectedNPV),
			opt.money(carecast.LabelNPVP90), rate(carecast.LabelChanceOfLoss))
	}
	t.Columns = append(t.Columns, rate(carecast.LabelUseOfRoomsAdded), label(carecast.LabelNote))
	for i, p := range z.Sizes {
		vs := []decimal.Decimal{dec(p.Savings), dec(p.NPV), dec(p.NPVAfterOptimismBias), p.OccupancyRate, dec(p.VoidCost), p.OverflowRoomDays}
		if z.Risk {
			vs = append(vs, dec(p.P10), dec(p.P50), dec(p.P90), dec(p.NPVP10), dec(p.MeanNPV), dec(p.NPVP90), p.LossProbability)
		}
		row := Row{CountCell(p.Rooms)}
		for j, v := range vs {
			row = append(row, t.Columns[1+j].Figure(v))
		}
		use := Text("")
		if i > 0 {
			if u, ok := carecast.MarginalUse(z.Sizes[i-1], p); ok {
				use = RateCell(u, carecast.RatePlaces)
			}
		}
		var notes []string
		if p.Rooms == z.Recommended {
			notes = append(notes, "recommended")
		}
		if p.Rooms == z.Largest {
			notes = append(notes, "as given")
		}
		t.Rows = append(t.Rows, append(row, use, Text(strings.Join(notes, ", "))))
	}
	return t
}

// SizingColumns are the indexes in Sizing's table of the columns named,
// in that order (a name absent from the table is left out).
func SizingColumns(t *Table, names ...string) []int {
	var cols []int
	for _, n := range names {
		for j, c := range t.Columns {
			if c.Head == n {
				cols = append(cols, j)
				break
			}
		}
	}
	return cols
}

// sizingText is the sweep as the terminal shows it: the central figures,
// with the risk the spread of savings, the expected NPV and the chance of
// a loss, and the note (no heading).
func sizingText(z *carecast.Sizing, note bool) *Table {
	t := Sizing(z, Options{})
	names := []string{carecast.LabelRooms, carecast.LabelSavings, carecast.LabelNPV, carecast.LabelNPVAfterOptimismBias,
		carecast.LabelOccupancy, carecast.LabelVoidCost, carecast.LabelOverflow, carecast.LabelSavingsP10, carecast.LabelSavingsP50,
		carecast.LabelSavingsP90, carecast.LabelExpectedNPV, carecast.LabelChanceOfLoss}
	if note {
		names = append(names, carecast.LabelNote)
	}
	out := t.Select(SizingColumns(t, names...)...)
	if note {
		out.Columns[len(out.Columns)-1].Head = ""
	}
	return out
}

// WriteSizing writes the sweep as an aligned table with the
// recommendation, for a terminal.
func WriteSizing(w io.Writer, z *carecast.Sizing) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "%s\nSizing the block: every Rooms row scaled to N rooms at its largest (as given: %d). Amounts in £, negatives in brackets.\n\n", carecast.Printable(z.Scenario), z.Largest)
	writeText(ew, sizingText(z, true), false)
	fmt.Fprintf(ew, "\nRecommended: %d rooms. %s\n", z.Recommended, z.Reason)
	return ew.err
}

// WriteSizingTSV writes the sweep as tab-separated text for other
// programs, the recommendation on its own lines first (and not as a note
// on its row).
func WriteSizingTSV(w io.Writer, z *carecast.Sizing) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "# size\nrecommended\t%d\nreason\t%s\n\n# sizes\n", z.Recommended, tsvField(z.Reason))
	writeTableTSV(ew, sizingText(z, false))
	return ew.err
}
