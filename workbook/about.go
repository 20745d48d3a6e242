package workbook

import (
	"strings"
	"time"

	"github.com/carecast/carecast"

	"github.com/xuri/excelize/v2"
)

// sheetAbout says what made the workbook (docs/methodology.md §13).
const sheetAbout = "About"

// defaultSources are the sources of the default figures, for the About
// sheet; docs/methodology.md §14 has every figure with its source.
var defaultSources = [][2]string{
	{"Discount rate 3.5% a year, real", "HM Treasury, The Green Book (3.5% for years 0-30)"},
	{"Deflator 2% a year", "carecast's long-run assumption for turning cash into real terms, as the Green Book does with the GDP deflator"},
	{"Occupancy 90% without Occupancy rows", "carecast default; independent providers report 80-85% (ICHA, 2020)"},
	{"Optimism bias 0; 41% the upper bound for outsourcing", "HM Treasury, The Green Book, supplementary guidance on optimism bias"},
	{"Spot price inflation 5% a year (built-in scenario)", "the usual default of children's services demand models; NCERCC / Revolution Consulting (2020) observed about 6%"},
	{"Built-in scenario: eight councils, £650,000 a year each for eight years, 35 rooms", "Havering Cabinet, agenda item 19054; Barking and Dagenham Cabinet, 13 November 2018, item 51"},
	{"Every other figure and its source", "docs/methodology.md §14, in carecast's repository"},
}

// writeAbout writes the About sheet: the workbook's provenance (carecast's
// version, the input and the SHA-256 of each file read, the prepared
// date), how to read the workbook, and the sources of the default figures.
func (b *book) writeAbout() error {
	sw, err := b.newStream(sheetAbout, 14, map[int]float64{1: 64, 2: 112})
	if err != nil {
		return err
	}
	rw := b.rowWriter(sw, 2)
	line := func(label, value string, rl role) {
		rw.text(1, label, rl)
		rw.text(2, value, roleText)
		rw.end()
	}
	line("About this workbook", "", roleTitle)
	for _, l := range provenanceLines(b.res.Scenario.Assumptions.Scenario, b.prov) {
		line(l[0], l[1], roleText)
	}
	rw.skip(1)
	line("How to read it", "Summary first; the Council sheet shows one council's figures (choose it in C3); Checks ties every table together.", roleText)
	line("Method", "docs/methodology.md in carecast's repository explains every figure, its rounding and its sign.", roleText)
	line("Reproducing it", "The same input and the same carecast version give the same figures; with SOURCE_DATE_EPOCH set to the prepared date, the same bytes.", roleText)
	rw.skip(1)
	line("Sources of the default figures", "", roleSection)
	for _, s := range defaultSources {
		line(s[0], s[1], roleText)
	}
	return rw.close()
}

// provenanceLines are the About block's first lines, label and value:
// the scenario, the prepared date, the version, the input and the SHA-256
// of each file read.
func provenanceLines(scenario string, p carecast.Provenance) [][2]string {
	lines := [][2]string{
		{"Scenario", scenario},
		{"Prepared", preparedText(p.Prepared)},
		{"Made by", versionOrUnknown(p.Version)},
		{"Input", p.InputLabel()},
	}
	for _, d := range p.Digests {
		lines = append(lines, [2]string{"SHA-256 of " + d.Name, d.SHA256})
	}
	return lines
}

// preparedText is the prepared date, or a word that says it is unknown.
func preparedText(d carecast.Date) string {
	if d.IsZero() {
		return "not recorded"
	}
	return d.Long()
}

// versionOrUnknown is the version, or a word that says it is unknown.
func versionOrUnknown(v string) string {
	if v == "" {
		return "carecast (version not recorded)"
	}
	return v
}

// docProps are the document properties: the title, the prepared date as
// the created and modified date (so a fixed SOURCE_DATE_EPOCH gives fixed
// bytes), and the provenance in the description.
func (b *book) docProps() *excelize.DocProperties {
	a := b.res.Scenario.Assumptions
	return docPropsFor("Forecast: "+a.Scenario, "Joint commissioning of children's residential care: forecast of savings", b.prov, a.StartDate)
}

// docPropsFor are a workbook's document properties: its title and
// subject, the prepared date (else fallback) as the created and modified
// date, and the provenance in the description.
func docPropsFor(title, subject string, p carecast.Provenance, fallback carecast.Date) *excelize.DocProperties {
	prepared := p.Prepared
	if prepared.IsZero() {
		prepared = fallback
	}
	stamp := prepared.Time().Format(time.RFC3339)
	desc := "Prepared " + prepared.Long() + " by " + versionOrUnknown(p.Version) + " from " + p.InputLabel()
	for _, d := range p.Digests {
		desc += "; SHA-256 of " + d.Name + " " + d.SHA256
	}
	desc += ". Method: docs/methodology.md in carecast's repository."
	return &excelize.DocProperties{
		Title:          title,
		Subject:        subject,
		Creator:        "carecast",
		LastModifiedBy: "carecast",
		Description:    desc,
		Keywords:       "carecast; " + strings.ToLower(strings.SplitN(title, ":", 2)[0]) + "; " + versionOrUnknown(p.Version),
		Created:        stamp,
		Modified:       stamp,
		Language:       "en-GB",
	}
}

// sizingAbout writes the sizing workbook's About sheet: what made it,
// with the forecast workbook's provenance lines.
func sizingAbout(f *excelize.File, st *styles, z *carecast.Sizing, prov carecast.Provenance) error {
	plan := printPlan{fitWide: true}
	if err := setupPage(f, sheetAbout, plan, carecast.Printable(z.Scenario), prov); err != nil {
		return err
	}
	if err := f.SetColWidth(sheetAbout, "A", "A", 64); err != nil {
		return err
	}
	if err := f.SetColWidth(sheetAbout, "B", "B", 120); err != nil {
		return err
	}
	lines := [][2]string{{"About this workbook", ""}}
	lines = append(lines, provenanceLines(z.Scenario, prov)...)
	lines = append(lines, [2]string{},
		[2]string{"What it is", "carecast size: the block forecast at each room count, the recommended size and why (Sizing), and the NPV against rooms (Sizing chart)."},
		[2]string{"Method", "docs/methodology.md §11 in carecast's repository: the scaling of the Rooms rows, the recommendation and the newsvendor critical ratio."},
		[2]string{"Reproducing it", "The same input, options and carecast version give the same figures; with SOURCE_DATE_EPOCH set to the prepared date, the same bytes."},
		[2]string{}, [2]string{"Sources of the default figures", ""})
	lines = append(lines, defaultSources...)
	for i, l := range lines {
		r := itoa(i + 1)
		role := roleText
		switch {
		case i == 0:
			role = roleTitle
		case l[0] == "Sources of the default figures":
			role = roleSection
		}
		for k, v := range l {
			if v == "" {
				continue
			}
			cell := string(rune('A'+k)) + r
			if err := f.SetCellValue(sheetAbout, cell, v); err != nil {
				return err
			}
			rl := role
			if k == 1 {
				rl = roleText
			}
			if err := f.SetCellStyle(sheetAbout, cell, cell, st.id(rl, fmtGeneral)); err != nil {
				return err
			}
		}
	}
	return setPrintNames(f, sheetAbout, plan, 2, len(lines))
}
