package inputs

import (
	"strings"

	"github.com/carecast/carecast"
)

// The tables of docs/methodology.md §2: their names, files and columns, in the order
// the template writes them and errors are reported.

// colSpec is one column of a table.
type colSpec struct {
	name     string // canonical, as docs/methodology.md §2 writes it: annual_amount
	required bool
	unit     string // shown in the template header: annual_amount (£ a year)
	note     string // the header's comment in the template
}

// tableSpec is one sheet, or one CSV file.
type tableSpec struct {
	name     string // canonical sheet name: SpotCosts
	file     string // CSV file name: spotcosts.csv
	required bool
	columns  []colSpec
	about    string // what the sheet holds, for messages and the template
}

const (
	tAssumptions = iota
	tCouncils
	tPledges
	tRooms
	tOccupancy
	tDemand
	tAllocations
	tSpotCosts
	tGrants
	tCosts
	tRisks
	tOptions
	tWiderBenefits
	tPaper
	tRiskRegister
	tPlaceCodes
	tAccounts
	tActuals
	nTables
)

var tables = [nTables]tableSpec{
	tAssumptions: {name: "Assumptions", file: "assumptions.csv", required: true,
		about: "one setting a row",
		columns: []colSpec{
			{name: "setting", required: true, note: "The name of the setting (see the About sheet). Do not rename."},
			{name: "value", required: true, note: "The value of the setting. Edit these cells."},
		}},
	tCouncils: {name: "Councils", file: "councils.csv", required: true,
		about: "the member councils",
		columns: []colSpec{
			{name: "code", required: true, note: "A short unique code for the council, e.g. HAV. Other sheets may name a council by code or by name."},
			{name: "name", required: true, note: "The council's name, unique."},
			{name: "share", unit: "%", note: "Optional. A fixed share of the shared costs (void rooms, running costs less grants). Leave every share blank to share in proportion to each month's pledges. Blank counts as 0% when any council has a share; shares are scaled to sum to 100%."},
		}},
	tPledges: {name: "Pledges", file: "pledges.csv", required: true,
		about: "money each council pays into the pool",
		columns: []colSpec{
			{name: "council", required: true, note: "The council paying, by code or name (pick from the list)."},
			{name: "from", required: true, unit: "date", note: "First day of the pledge. Instalments are paid in the months whose first day lies in [from, to]."},
			{name: "to", required: true, unit: "date", note: "Last day of the pledge, inclusive. One council's pledge windows must not overlap."},
			{name: "annual_amount", required: true, unit: "£ a year", note: "Amount pledged a year, paid in twelve monthly instalments that sum to it exactly. Zero or more."},
		}},
	tRooms: {name: "Rooms", file: "rooms.csv", required: true,
		about: "block rooms available",
		columns: []colSpec{
			{name: "from", required: true, unit: "date", note: "The date from which this number of rooms is available, until the next row's date."},
			{name: "rooms", required: true, unit: "whole rooms", note: "Block rooms available from that date: a whole number, 0 or more."},
		}},
	tOccupancy: {name: "Occupancy", file: "occupancy.csv", required: false,
		about: "block rooms each council occupies",
		columns: []colSpec{
			{name: "council", required: true, note: "The council whose children occupy the rooms, by code or name."},
			{name: "from", required: true, unit: "date", note: "The date from which this occupancy holds, until the council's next row. Zero before its first row."},
			{name: "rooms_occupied", required: true, unit: "rooms", note: "Average block rooms the council occupies (may be fractional), 0 or more. The councils together may not occupy more rooms than are available. Leave the sheet empty to use occupancy_rate."},
		}},
	tDemand: {name: "Demand", file: "demand.csv", required: false,
		about: "placements each council needs, from which occupancy is derived",
		columns: []colSpec{
			{name: "council", required: true, note: "The council whose children need placements, by code or name."},
			{name: "from", required: true, unit: "date", note: "The date from which this demand holds, until the council's next row. Zero before its first row."},
			{name: "placements", required: true, unit: "children", note: "Average number of the council's children, at once, who need a placement the block could serve (may be fractional, at most 6 decimal places), 0 or more. Occupancy is then derived each day from demand, the rooms, max_fill and sharing; leave the Occupancy sheet empty."},
		}},
	tAllocations: {name: "Allocations", file: "allocations.csv", required: false,
		about: "block rooms reserved to each council, for sharing allocated or allocated_trade",
		columns: []colSpec{
			{name: "council", required: true, note: "The council the rooms are reserved to, by code or name."},
			{name: "from", required: true, unit: "date", note: "The date from which this allocation holds, until the council's next row. Zero before its first row."},
			{name: "rooms", required: true, unit: "whole rooms", note: "Block rooms reserved to the council: a whole number, 0 or more. Allocations together may not exceed the rooms available on any day."},
		}},
	tSpotCosts: {name: "SpotCosts", file: "spotcosts.csv", required: true,
		about: "what a spot placement costs each council",
		columns: []colSpec{
			{name: "council", required: true, note: "The council buying spot placements, by code or name."},
			{name: "from", required: true, unit: "date", note: "The date on which the weekly cost holds; it is indexed on each anniversary. A council needs a spot cost in force whenever it occupies rooms."},
			{name: "weekly_cost", required: true, unit: "£ a week", note: "What one spot placement costs the council per week on that date, 0 or more."},
			{name: "annual_inflation", unit: "%", note: "Yearly rise of the spot cost, applied on each anniversary of the date. Blank means 0%."},
		}},
	tGrants: {name: "Grants", file: "grants.csv", required: false,
		about: "one-off income into the pool",
		columns: []colSpec{
			{name: "date", required: true, unit: "date", note: "The date the grant is received, within the model's horizon."},
			{name: "amount", required: true, unit: "£", note: "Amount received, 0 or more."},
			{name: "description", note: "What the grant is."},
		}},
	tCosts: {name: "Costs", file: "costs.csv", required: false,
		about: "running costs of the pool",
		columns: []colSpec{
			{name: "description", note: "What the cost is, e.g. a commissioning team."},
			{name: "from", required: true, unit: "date", note: "First day of the cost. Paid monthly, like a pledge, in the months whose first day lies in [from, to]."},
			{name: "to", required: true, unit: "date", note: "Last day of the cost, inclusive."},
			{name: "annual_amount", required: true, unit: "£ a year", note: "Cost a year, paid in twelve monthly instalments, 0 or more."},
		}},
	tRisks: {name: "Risks", file: "risks.csv", required: false,
		about: "uncertainty of the inputs, for the risk appraisal",
		columns: []colSpec{
			{name: "factor", required: true, note: "What is uncertain: " + carecast.FactorNames(true) + "."},
			{name: "distribution", required: true, note: carecast.DistributionNames() + "."},
			{name: "low", required: true, note: "Lowest plausible value, in the factor's unit (see the About sheet)."},
			{name: "mode", note: "Most likely value (triangular; the mean for normal). Blank for uniform means the midpoint."},
			{name: "high", required: true, note: "Highest plausible value. low <= mode <= high."},
		}},
	tOptions: {name: "Options", file: "options.csv", required: false,
		about: "options to compare with the base case",
		columns: []colSpec{
			{name: "option", required: true, note: "The option's name. Rows with the same name make one option; options are compared in the order they first appear."},
			{name: "setting", required: true, note: "What the option changes (pick from the list): any Assumptions setting; description; exclude_council (one row per council left out); rooms_scale (a factor on every Rooms row, rounded half up to whole rooms); pledge_scale (a factor on every pledge, rounded to pence); occupancy_scale (a factor on every Occupancy row, or on occupancy_rate when that sheet is empty)."},
			{name: "value", note: "The setting's value for this option: as on the Assumptions sheet; a council's code or name for exclude_council; a factor such as 0.75 for the scales; text for description."},
		}},
	tWiderBenefits: {name: "WiderBenefits", file: "widerbenefits.csv", required: false,
		about: "benefits reported apart from the cash savings",
		columns: []colSpec{
			{name: "measure", required: true, note: "What the benefit is, e.g. missing-person episodes avoided."},
			{name: "unit", note: "The unit of the measure, e.g. episodes."},
			{name: "per_room_year", required: true, unit: "units", note: "How many units each occupied block room-year brings (a child placed in the block rather than spot-purchased)."},
			{name: "unit_value", required: true, unit: "£", note: "What one unit is worth, in real terms at start_date prices, 0 or more."},
			{name: "bearer", note: "Who gains: e.g. police; council, non-cashable."},
			{name: "source", note: "Where the figures come from. Replace illustrative quantities with local data."},
		}},
	tPaper: {name: "Paper", file: "paper.csv", required: false,
		about: "the cabinet paper's own words: the meeting, the recommendations, the preferred option",
		columns: []colSpec{
			{name: "council", note: "The council whose paper the row is for, by code or name; consortium for the consortium's paper; blank for every paper. A council's own rows for a field replace the rows for every paper."},
			{name: "field", required: true, note: "What the row gives (pick from the list): " + paperFieldNames() + "."},
			{name: "value", required: true, note: "The text. meeting_date is a date; key_decision yes or no; preferred_option an option's name (or Base case); rejected an option's name, a colon and why; prudent_figure P50 or P10. Repeat recommendation, reason, rejected, legal, equalities, consultation and background_paper, one row each."},
		}},
	tRiskRegister: {name: "RiskRegister", file: "riskregister.csv", required: false,
		about: "the risks the council owns, for the paper's risk register",
		columns: []colSpec{
			{name: "risk", required: true, note: "The risk, as its owner would state it: what could happen and what it would do."},
			{name: "likelihood", note: "How likely, as the council's risk register scores it (e.g. Low, Medium, High, or 1 to 5)."},
			{name: "impact", note: "How much it would matter, on the same scale."},
			{name: "mitigation", note: "What is done to make it less likely or less harmful."},
			{name: "owner", note: "Who owns the risk (a post, not a person's name)."},
		}},
	tPlaceCodes: placeCodesSpec,
	tAccounts:   accountsSpec,
	tActuals:    actualsSpec,
}

// paperFieldNames lists the Paper table's fields, for its note.
func paperFieldNames() string {
	var names []string
	for _, f := range carecast.PaperFields {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

// ignoredSheets are sheets a workbook may hold for people, not carecast:
// the template's own About sheet, for one.
var ignoredSheets = map[string]bool{"about": true, "readme": true, "notes": true, "instructions": true, "lists": true, "checks": true}

// ignoredColumns are columns any sheet may hold for people: notes, units,
// sources. They are read by no one and draw no warning.
var ignoredColumns = map[string]bool{"note": true, "notes": true, "comment": true, "comments": true, "source": true, "sources": true, "unit": true, "units": true}

// tableFor returns the table a sheet or CSV file name stands for, or -1.
func tableFor(name string, kind Kind) int {
	if kind == CSV {
		if strings.HasSuffix(strings.ToLower(name), ".csv") {
			name = name[:len(name)-4]
		}
	}
	k := Key(name)
	for i, t := range tables {
		if Key(t.name) == k {
			return i
		}
	}
	return -1
}

// tableNames lists the canonical sheet names, for messages.
func tableNames() string {
	names := make([]string, nTables)
	for i, t := range tables {
		names[i] = t.name
	}
	return strings.Join(names, ", ")
}

// Settings of the Options sheet besides the Assumptions settings.
const (
	optDescription    = "description"
	optExcludeCouncil = "exclude_council"
	optRoomsScale     = "rooms_scale"
	optPledgeScale    = "pledge_scale"
	optOccupancyScale = "occupancy_scale"
)

// optionSettings lists what an Options row may set, for messages and the
// template's drop-down: the option's own settings, then the Assumptions
// settings an option may override.
func optionSettings() []string {
	return append([]string{optDescription, optExcludeCouncil, optRoomsScale, optPledgeScale, optOccupancyScale}, carecast.AssumptionKeys()...)
}

// riskFactorNames lists the risk factors (carecast.Factor), for the
// template's drop-down list.
func riskFactorNames() []string {
	var names []string
	for _, f := range carecast.Factors() {
		names = append(names, f.String())
	}
	return names
}

// riskDistributions lists the distributions, for the template's drop-down
// list.
func riskDistributions() []string {
	var names []string
	for _, d := range carecast.Distributions() {
		names = append(names, d.String())
	}
	return names
}

// columnIndex is the index of table k's column with the given name, or 0.
func columnIndex(k int, name string) int {
	for i, c := range tables[k].columns {
		if c.name == name {
			return i
		}
	}
	return 0
}
