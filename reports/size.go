package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/carecast/carecast"
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

// sizingTable is the sweep as rows: a header, then one row a room count.
// mark notes the recommended size and the size as given.
func sizingTable(z *carecast.Sizing, format func(carecast.Money) string, rate func(p carecast.SizePoint) string, roomDays func(p carecast.SizePoint) string, mark bool) [][]string {
	head := []string{"Rooms", "Savings", "NPV", "NPV after optimism bias", "Occupancy", "Void cost (empty rooms)", "Overflow (room-days)"}
	if z.Risk {
		head = append(head, "Savings P10", "Savings P50", "Savings P90", "Expected NPV", "Chance of a loss")
	}
	if mark {
		head = append(head, "")
	}
	rows := [][]string{head}
	for _, p := range z.Sizes {
		row := []string{strconv.Itoa(p.Rooms), format(p.Savings), format(p.NPV), format(p.NPVAfterOptimismBias), rate(p), format(p.VoidCost), roomDays(p)}
		if z.Risk {
			row = append(row, format(p.P10), format(p.P50), format(p.P90), format(p.MeanNPV), percent(p.LossProbability))
		}
		if mark {
			var notes []string
			if p.Rooms == z.Recommended {
				notes = append(notes, "recommended")
			}
			if p.Rooms == z.Largest {
				notes = append(notes, "as given")
			}
			row = append(row, strings.Join(notes, ", "))
		}
		rows = append(rows, row)
	}
	return rows
}

// WriteSizing writes the sweep as an aligned table with the
// recommendation, for a terminal.
func WriteSizing(w io.Writer, z *carecast.Sizing) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "%s\nSizing the block: every Rooms row scaled to N rooms at its largest (as given: %d). Amounts in £, negatives in brackets.\n\n", carecast.Printable(z.Scenario), z.Largest)
	writeAligned(ew, sizingTable(z, carecast.Money.FormatAmount,
		func(p carecast.SizePoint) string { return percent(p.OccupancyRate) },
		func(p carecast.SizePoint) string { return groupedRoomDays(p.OverflowRoomDays) }, true))
	fmt.Fprintf(ew, "\nRecommended: %d rooms. %s\n", z.Recommended, z.Reason)
	return ew.err
}

// WriteSizingTSV writes the sweep as tab-separated text for other
// programs, the recommendation on its own lines first.
func WriteSizingTSV(w io.Writer, z *carecast.Sizing) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "# size\nrecommended\t%d\nreason\t%s\n\n# sizes\n", z.Recommended, tsvField(z.Reason))
	rows := sizingTable(z, func(m carecast.Money) string { return m.String() },
		func(p carecast.SizePoint) string { return percent(p.OccupancyRate) }, // as the forecast summary writes it
		func(p carecast.SizePoint) string { return plainRoomDays(p.OverflowRoomDays) }, false)
	for _, row := range rows {
		for i := range row {
			row[i] = tsvField(row[i])
		}
		fmt.Fprintln(ew, strings.Join(row, "\t"))
	}
	return ew.err
}
