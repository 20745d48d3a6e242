package paper

import (
	"strings"
	"testing"
)

// paperText is every sentence, heading, caption and table cell of a paper.
func paperText(p *Paper) string {
	var b strings.Builder
	table := func(t *Table) {
		b.WriteString(t.Caption() + "\n" + strings.Join(t.Header, " | ") + "\n")
		for _, r := range append(append([][]string{}, t.Rows...), t.Totals...) {
			b.WriteString(strings.Join(r, " | ") + "\n")
		}
	}
	b.WriteString(p.Title + "\n" + p.Subtitle + "\n")
	for _, bl := range p.Blocks {
		switch bl := bl.(type) {
		case Heading:
			b.WriteString(bl.Num + " " + bl.Text + "\n")
		case Para:
			b.WriteString(bl.Num + " " + bl.Text + "\n")
		case *Table:
			table(bl)
		case *Figure:
			b.WriteString(bl.ID + ": " + bl.Title + "\n" + bl.Caption + "\n" + bl.Alt + "\n")
			table(bl.Data)
		}
	}
	return b.String()
}

func TestPossessive(t *testing.T) {
	for in, want := range map[string]string{"Tower Hamlets": "Tower Hamlets'", "Havering": "Havering's", "Barking and Dagenham": "Barking and Dagenham's", "the councils": "the councils'"} {
		if got := possessive(in); got != want {
			t.Errorf("possessive(%q) = %q, want %q", in, got, want)
		}
	}
}

// The wording a cabinet reader would trip on (issue 21's findings): "Tower
// Hamlets's", the consortium's paper told to use "the council's own
// figures before it goes to cabinet", and a tool's jargon.
func TestWording(t *testing.T) {
	in := builtIn()
	tow, err := BuildOne(in, "TOW")
	if err != nil {
		t.Fatal(err)
	}
	cons, err := BuildOne(in, Consortium)
	if err != nil {
		t.Fatal(err)
	}
	dem, err := BuildOne(demandExample(), "HAV")
	if err != nil {
		t.Fatal(err)
	}
	towText, consText := paperText(tow), paperText(cons)
	if strings.Contains(towText, "Hamlets's") || !strings.Contains(towText, "Tower Hamlets' ") {
		t.Errorf("Tower Hamlets' paper: the possessive is wrong or missing")
	}
	if strings.Contains(consText, "the council's own") || strings.Contains(consText, "goes to cabinet") {
		t.Errorf("the consortium's paper speaks to one council's cabinet")
	}
	if !strings.Contains(consText, "the partners' cabinets") {
		t.Errorf("the consortium's paper is not addressed to the partners' cabinets")
	}
	for name, text := range map[string]string{"TOW": towText, "consortium": consText, "demand HAV": paperText(dem)} {
		for _, jargon := range []string{"newsvendor", "critical ratio"} {
			if strings.Contains(strings.ToLower(text), jargon) {
				t.Errorf("%s: the paper says %q", name, jargon)
			}
		}
	}
}
