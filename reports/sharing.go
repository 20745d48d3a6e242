package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/carecast/carecast"
)

// sharingTable is the same scenario under each sharing rule, side by side:
// what trading unused rooms between councils is worth; name heads each
// rule's column (its label for a reader, its setting for a program).
func sharingTable(councils []carecast.Council, runs []carecast.SharingRun, format func(carecast.Money) string, rate func(carecast.SharingRun) string, roomDays func(carecast.SharingRun) string, name func(rule string) string) [][]string {
	head := []string{""}
	for _, r := range runs {
		head = append(head, name(r.Rule))
	}
	rows := [][]string{head}
	add := func(label string, cell func(carecast.SharingRun) string) {
		row := []string{label}
		for _, r := range runs {
			row = append(row, cell(r))
		}
		rows = append(rows, row)
	}
	add("Savings", func(r carecast.SharingRun) string { return format(r.Savings) })
	add("NPV", func(r carecast.SharingRun) string { return format(r.NPV) })
	add("Occupancy", rate)
	add("Void cost (empty rooms)", func(r carecast.SharingRun) string { return format(r.VoidCost) })
	add("Overflow (room-days)", roomDays)
	for i, c := range councils {
		add("Savings: "+c.Label(), func(r carecast.SharingRun) string { return format(r.CouncilSavings[i]) })
	}
	return rows
}

// WriteSharing writes the comparison of sharing rules as an aligned
// table, for a terminal, after the summary; nothing when runs is empty.
func WriteSharing(w io.Writer, councils []carecast.Council, runs []carecast.SharingRun) error {
	if len(runs) == 0 {
		return nil
	}
	ew := &errWriter{w: w}
	fmt.Fprintln(ew, "\nWhat bed trading is worth: the same scenario under each sharing rule")
	writeAligned(ew, sharingTable(councils, runs, carecast.Money.FormatAmount,
		func(r carecast.SharingRun) string { return percent(r.OccupancyRate) },
		func(r carecast.SharingRun) string { return groupedRoomDays(r.OverflowRoomDays) }, carecast.SharingLabel))
	if len(runs) >= 2 {
		d := runs[1].Savings.Sub(runs[0].Savings)
		more := "more"
		if d.Sign() < 0 {
			d, more = d.Neg(), "less"
		}
		fmt.Fprintf(ew, "Trading rooms left unused after allocation saves %s %s than keeping to the allocations.\n", d.Format(), more)
	}
	return ew.err
}

// WriteSharingTSV is WriteSharing as tab-separated text.
func WriteSharingTSV(w io.Writer, councils []carecast.Council, runs []carecast.SharingRun) error {
	if len(runs) == 0 {
		return nil
	}
	ew := &errWriter{w: w}
	fmt.Fprintln(ew, "\n# sharing rules")
	rows := sharingTable(councils, runs, func(m carecast.Money) string { return m.String() },
		func(r carecast.SharingRun) string { return percent(r.OccupancyRate) }, // as the summary's occupancy
		func(r carecast.SharingRun) string { return plainRoomDays(r.OverflowRoomDays) }, func(rule string) string { return rule })
	rows[0][0] = "figure"
	for _, row := range rows {
		for i := range row {
			row[i] = tsvField(row[i])
		}
		fmt.Fprintln(ew, strings.Join(row, "\t"))
	}
	return ew.err
}
