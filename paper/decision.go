package paper

import (
	"fmt"
	"strings"

	"github.com/carecast/carecast"
)

// The decision block and the sections that are the author's words
// (recommendations, reasons, background, legal, equalities, consultation,
// background papers): from the input's Paper table, a plain prompt where
// it says nothing (docs/methodology.md §13).

// DefaultTitle is the report's title when the Paper table gives none.
const DefaultTitle = "Joint commissioning of children's residential care"

// orPrompt is the field's value, or a prompt for it.
func (b *builder) orPrompt(field, what string) string {
	if v := b.field(field); v != "" {
		return v
	}
	return promptText(what)
}

// meeting is the meeting that decides: the Paper table's, or "cabinet".
func (b *builder) meeting() string {
	if m := b.field(carecast.PaperMeeting); m != "" {
		return m
	}
	if b.isCouncil() {
		return "cabinet"
	}
	return "the partner councils' cabinets"
}

// preferred is the preferred option's name, "" when not given.
func (b *builder) preferred() string { return b.field(carecast.PaperPreferredOption) }

// rejectedReason is why the Paper table rejects an option, "" when it
// does not say.
func (b *builder) rejectedReason(name string) string {
	for _, v := range b.fields[carecast.PaperRejected] {
		if n, why, ok := strings.Cut(v, ": "); ok && strings.EqualFold(n, name) {
			return why
		}
	}
	return ""
}

func (b *builder) front() {
	r := b.res
	a := r.Scenario.Assumptions
	title := b.field(carecast.PaperTitle)
	if title == "" {
		title = DefaultTitle
	}
	b.p.Title = title
	if b.isCouncil() {
		b.p.Subtitle = fmt.Sprintf("%s. %s, %s to %s. Prepared %s.", b.cr().Council.Label(), a.Scenario, r.Start.Long(), r.End.Long(), b.in.Provenance.Prepared.Long())
	} else {
		b.p.Subtitle = fmt.Sprintf("The consortium of %d councils, for the partners' cabinets. %s, %s to %s. Prepared %s.", len(r.Councils), a.Scenario, r.Start.Long(), r.End.Long(), b.in.Provenance.Prepared.Long())
	}
	meeting := b.orPrompt(carecast.PaperMeeting, "the meeting")
	if d := b.field(carecast.PaperMeetingDate); d != "" {
		meeting += ", " + d
	} else {
		meeting += ", " + promptText("the date of the meeting")
	}
	key := promptText("whether this is a key decision, and why")
	switch b.field(carecast.PaperKeyDecision) {
	case "yes":
		key = "Yes"
	case "no":
		key = "No"
	}
	if why := b.field(carecast.PaperKeyDecisionReason); why != "" && b.field(carecast.PaperKeyDecision) != "" {
		key += ": " + why
	}
	pref := promptText("the option recommended (the Paper sheet's preferred_option)")
	if p := b.preferred(); p != "" {
		pref = p
		if p == carecast.BaseCaseName {
			pref += ": the scheme as proposed"
		}
	}
	t := &Table{Title: "Report details", Header: []string{"Item", "Detail"}, Widths: []int{30, 70},
		Summary: "The decision this report asks for: the meeting, who presents it, whom it affects, and the budget it falls on."}
	t.Rows = [][]string{
		{"Meeting and date", meeting},
		{"Report title", title},
		{"Portfolio holder", b.orPrompt(carecast.PaperPortfolioHolder, "the cabinet member who presents the report")},
		{"Lead officer", b.orPrompt(carecast.PaperLeadOfficer, "the officer responsible")},
		{"Report author and contact", b.orPrompt(carecast.PaperContact, "who to ask about the report")},
		{"Wards affected", b.orPrompt(carecast.PaperWards, "the wards affected")},
		{"Key decision", key},
		{"Preferred option", pref},
		{"Budget line", b.orPrompt(carecast.PaperBudgetLine, "the budget the pledges are paid from")},
		{"Medium-term financial plan reference", b.orPrompt(carecast.PaperMTFPReference, "the saving's reference in the medium-term financial plan, or none")},
	}
	b.table(t)
	b.text("Money in the body of this report is in £000 or £m, in cash terms (the net present value in real terms), negatives in brackets; the figures to the penny are in the appendices.")
	if illustrative(b.in) {
		if b.isCouncil() {
			b.text("The scenario is illustrative: replace its figures with the council's own before the paper goes to cabinet.")
		} else {
			b.text("The scenario is illustrative: replace its figures with the partner councils' own before the paper goes to the partners' cabinets.")
		}
	}
}

// roomsText is the build-up of the rooms: "12 rooms from 1 April 2019, 24
// from 1 April 2020 and 35 from 1 April 2021".
func roomsText(rows []carecast.RoomsRow) string {
	var parts []string
	for i, r := range rows {
		n := fmt.Sprint(r.Rooms)
		if i == 0 {
			n = plural(r.Rooms, "room", "rooms")
		}
		parts = append(parts, n+" from "+r.From.Long())
	}
	return joinAnd(parts)
}

// largestRooms is the most rooms the block ever has.
func largestRooms(rows []carecast.RoomsRow) int {
	n := 0
	for _, r := range rows {
		n = max(n, r.Rooms)
	}
	return n
}

func (b *builder) background() {
	r := b.res
	s := r.Scenario
	a := s.Assumptions
	b.h1("Background")
	var names []string
	for _, c := range r.Councils {
		names = append(names, c.Council.Label())
	}
	lead := b.field(carecast.PaperLeadCouncil)
	host := "the lead council"
	if lead != "" {
		host = "the lead council, " + lead
	}
	b.np("%d councils (%s) propose to commission together a block of up to %d rooms in children's homes: %s, for %s from %s to %s. Each council pays pledges into a pooled fund hosted by %s, which pays the provider for every room, used or not.",
		len(r.Councils), joinAnd(names), largestRooms(s.Rooms), roomsText(s.Rooms), plural(a.Years, "year", "years"), r.Start.Long(), r.End.Long(), host)
	if lead == "" {
		b.prompt("the lead council, which hosts the pooled fund and holds the contract (the Paper sheet's lead_council)")
	}
	grants := ""
	if !r.Total.Grants.IsZero() {
		grants = fmt.Sprintf(", and grants bring %s", millions(r.Total.Grants))
	}
	b.np("The contract is worth %s over the term: %s a room a week from %s, rising %s a year. The councils pledge %s%s.",
		millions(r.Total.BlockCost), carecast.MoneyOf(a.BlockWeeklyPrice).FormatPounds(), a.PriceDate().Long(), percent(a.BlockUplift), millions(r.Total.Pledges), grants)
	if p := b.field(carecast.PaperProvider); p != "" {
		b.np("The provider: %s.", strings.TrimSuffix(p, "."))
	} else {
		b.prompt("the provider, or how it will be chosen (the Paper sheet's provider)")
	}
	who := "A council"
	if b.isCouncil() {
		who = b.cr().Council.Label()
	}
	b.np("%s gains when its children live in the block's rooms rather than in spot placements bought one at a time at its own, higher, price. It is charged the block price of the rooms its children use and a share, by its pledges, of the empty rooms and the running costs less grants; what it has paid in beyond that is paid back to it at the end (the settlement), and a shortfall is paid in.", who)
}
