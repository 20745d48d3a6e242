package paper

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
)

// Build returns the papers of a forecast: one per council, in the order of
// the Councils sheet, and the consortium's last (each council by its
// place, so a council coded "Consortium" has its own paper too).
func Build(in Inputs) ([]*Paper, error) {
	if in.Result == nil {
		return nil, fmt.Errorf("paper: no forecast")
	}
	var ps []*Paper
	for c := range in.Result.Councils {
		ps = append(ps, buildAt(in, c))
	}
	return append(ps, buildAt(in, -1)), nil
}

// BuildOne returns the paper of the council with the given code, or the
// consortium's for Consortium: a council's code as written first, then
// Consortium and the councils' codes ignoring case.
func BuildOne(in Inputs, code string) (*Paper, error) {
	if in.Result == nil {
		return nil, fmt.Errorf("paper: no forecast")
	}
	for i, c := range in.Result.Councils {
		if c.Council.Code == code {
			return buildAt(in, i), nil
		}
	}
	if strings.EqualFold(code, Consortium) {
		return buildAt(in, -1), nil
	}
	for i, c := range in.Result.Councils {
		if strings.EqualFold(c.Council.Code, code) {
			return buildAt(in, i), nil
		}
	}
	codes := make([]string, len(in.Result.Councils))
	for i, c := range in.Result.Councils {
		codes[i] = c.Council.Code
	}
	return nil, fmt.Errorf("no council %q in the input (councils: %s)", code, strings.Join(codes, ", "))
}

// buildAt builds the paper of council c (its index), or the consortium's
// for -1. Its files are named by the council's carecast.FileStems, unique
// among the councils.
func buildAt(in Inputs, c int) *Paper {
	b := &builder{in: in, res: in.Result, council: c}
	who := carecast.PaperConsortium
	if c >= 0 {
		who = c
	}
	b.fields = carecast.PaperValues(in.Result.Scenario.Paper, who)
	b.build()
	b.p.Stem = carecast.ConsortiumStem
	if c >= 0 {
		councils := make([]carecast.Council, len(in.Result.Councils))
		for i, cr := range in.Result.Councils {
			councils[i] = cr.Council
		}
		b.p.Stem = carecast.FileStems(councils)[c]
	}
	return b.p
}

// builder accumulates one paper, numbering its sections, paragraphs,
// tables and figures.
type builder struct {
	in      Inputs
	res     *carecast.Result
	council int // index, or -1 for the consortium's paper
	fields  map[string][]string
	p       *Paper
	section int
	para    int
	figure  int
	// appendix is the letter of the appendix being written ("" in the
	// body); tables counts the tables of the body or of that appendix.
	appendix string
	tables   int
}

func (b *builder) isCouncil() bool { return b.council >= 0 }

func (b *builder) cr() *carecast.CouncilResult { return &b.res.Councils[b.council] }

// name is the subject of the paper: the council's name or "the consortium".
func (b *builder) name() string {
	if b.isCouncil() {
		return b.cr().Council.Label()
	}
	return "the consortium"
}

// field is the paper's value of a Paper field, "" when not given.
func (b *builder) field(name string) string {
	if v := b.fields[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func (b *builder) add(bl Block) { b.p.Blocks = append(b.p.Blocks, bl) }

// table adds a table, numbered in the body ("Table 3") or in its appendix
// ("Table A2").
func (b *builder) table(t *Table) *Table {
	// The paragraph that introduces a table stays on its page.
	if n := len(b.p.Blocks); n > 0 {
		if pa, ok := b.p.Blocks[n-1].(Para); ok && !pa.Note && !pa.Prompt {
			pa.KeepNext = true
			b.p.Blocks[n-1] = pa
		}
	}
	b.tables++
	t.ID = fmt.Sprintf("Table %s%d", b.appendix, b.tables)
	b.add(t)
	return t
}

// nextTable is the ID the next table will have.
func (b *builder) nextTable() string { return fmt.Sprintf("Table %s%d", b.appendix, b.tables+1) }

func (b *builder) h1(text string) {
	b.section++
	b.para = 0
	b.add(Heading{Level: 1, Text: text, Num: fmt.Sprint(b.section)})
}

// startAppendix starts a new page with the appendix's heading: unnumbered,
// its tables numbered after its letter.
func (b *builder) startAppendix(letter, title string) {
	b.add(PageBreak{})
	b.appendix, b.tables = letter, 0
	b.add(Heading{Level: 1, Text: "Appendix " + letter + ": " + title})
}

// np adds a numbered paragraph.
func (b *builder) np(format string, args ...any) {
	b.para++
	b.add(Para{Num: fmt.Sprintf("%d.%d", b.section, b.para), Text: fmt.Sprintf(format, args...)})
}

// text adds an unnumbered paragraph.
func (b *builder) text(format string, args ...any) {
	b.add(Para{Text: fmt.Sprintf(format, args...)})
}

func (b *builder) note(format string, args ...any) {
	b.add(Para{Text: fmt.Sprintf(format, args...), Note: true})
}

// prompt adds a marked prompt for the author.
func (b *builder) prompt(format string, args ...any) {
	b.add(Para{Text: promptText(fmt.Sprintf(format, args...)), Prompt: true})
}

// promptText is what the author must write, marked.
func promptText(what string) string { return "[Author to complete: " + what + "]" }

// paras adds the numbered paragraphs of a repeated Paper field, or a
// prompt when the input gives none.
func (b *builder) paras(field, what string) {
	vs := b.fields[field]
	if len(vs) == 0 {
		b.prompt("%s (the Paper sheet's %s rows)", what, field)
		return
	}
	for _, v := range vs {
		b.np("%s", v)
	}
}

func (b *builder) build() {
	b.p = &Paper{Code: Consortium}
	if b.isCouncil() {
		b.p.Code = b.cr().Council.Code
	}
	b.front()
	b.summary()
	b.h1("Recommendations")
	b.paras(carecast.PaperRecommendation, "the recommendations to "+b.meeting())
	b.h1("Reasons for the recommendations")
	b.paras(carecast.PaperReason, "the reasons for the recommendations")
	b.background()
	b.options()
	b.financial()
	b.h1("Legal implications")
	b.paras(carecast.PaperLegal, "the legal implications, as the council's lawyers advise (the partnership agreement, and the pooled fund under section 75 of the National Health Service Act 2006 or section 10 of the Children Act 2004)")
	b.risks()
	b.h1("Equalities implications")
	b.paras(carecast.PaperEqualities, "the equalities implications and how the public sector equality duty (Equality Act 2010, section 149) is met")
	b.h1("Consultation")
	b.paras(carecast.PaperConsultation, "who was consulted (children and young people, partners, staff) and what they said")
	b.h1("Background papers")
	b.paras(carecast.PaperBackgroundPaper, "the published documents relied on")
	b.appendices()
}

// illustrative reports whether the figures are illustrative: the built-in
// scenario, or a scenario whose name says so.
func illustrative(in Inputs) bool {
	return len(in.Provenance.Digests) == 0 || strings.Contains(strings.ToLower(in.Result.Scenario.Assumptions.Scenario), "illustrative")
}

// basis is the line every chart carries.
func (b *builder) basis(real bool) string {
	terms := "Cash terms"
	if real {
		terms = "Real terms"
	}
	ill := "Not illustrative: from the input given"
	if illustrative(b.in) {
		ill = "Illustrative scenario"
	}
	return fmt.Sprintf("%s, £. %s. Prepared %s by carecast.", terms, ill, b.in.Provenance.Prepared.Long())
}
