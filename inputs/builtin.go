package inputs

import (
	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// The built-in scenario: the North East London Commissioning Partnership as
// the seed articles describe it. Every figure's source is in README.md
// ("Where the built-in figures come from").

// BuiltInName is the built-in scenario's name.
const BuiltInName = "North East London Commissioning Partnership (illustrative)"

// builtInCouncils are the eight authorities, Havering first as the lead
// (Havering Cabinet, agenda item 19054), each with an illustrative 2019
// spot price per week. They average £3,562.50, the spot equivalent of the
// expected "20% reduction in the average weekly cost of a placement"
// against a block price of £2,850 (Barking and Dagenham Cabinet, 13
// November 2018, item 51), a little below the 2018/19 national average
// for independent homes of £3,970 (NCERCC / Revolution Consulting, 2020).
var builtInCouncils = []struct {
	code, name string
	spotWeekly string
}{
	{"HAV", "Havering", "3500"},
	{"BAD", "Barking and Dagenham", "3500"},
	{"COL", "City of London", "3700"},
	{"HAC", "Hackney", "3600"},
	{"NEW", "Newham", "3550"},
	{"RED", "Redbridge", "3500"},
	{"TOW", "Tower Hamlets", "3600"},
	{"WAL", "Waltham Forest", "3550"},
}

// BuiltInScenario returns the built-in scenario, a fresh copy each call.
func BuiltInScenario() *carecast.Scenario {
	d := decimal.RequireFromString
	start := carecast.Date{Year: 2019, Month: 4, Day: 1}
	end := carecast.Date{Year: 2027, Month: 3, Day: 31}
	a := carecast.DefaultAssumptions()
	a.Scenario = BuiltInName
	a.StartDate = start
	a.Years = 8
	// £5.2m a year over 35 rooms is about £2,850 per room-week (docs/methodology.md
	// §14: the seed's £5.2m a year spread over its 35 rooms).
	a.BlockWeeklyPrice = d("2850")
	a.BlockPriceDate = start
	// The block price rises with the deflator: held constant in real terms.
	a.BlockUplift = d("0.02")
	// HM Treasury Green Book optimism bias for outsourcing, at its upper
	// bound of 41% on costs as the Green Book applies it at the outset, on
	// the base case and so on every option alike (an option compared at
	// another rate would not be compared like with like).
	a.OptimismBias = d("0.41")

	s := &carecast.Scenario{Assumptions: a}
	for i, c := range builtInCouncils {
		s.Councils = append(s.Councils, carecast.Council{Code: c.code, Name: c.name})
		// £650,000 a year from each council for eight years (local press
		// report of the scheme; docs/methodology.md §14).
		s.Pledges = append(s.Pledges, carecast.Pledge{
			Council: i, From: start, To: end, AnnualAmount: carecast.Pounds(650000),
		})
		// Placement prices rise about 5% a year, the default of children's
		// services demand models (NCERCC / Revolution Consulting 2020 saw about 6%).
		s.SpotCosts = append(s.SpotCosts, carecast.SpotCost{
			Council: i, From: start, WeeklyCost: d(c.spotWeekly), AnnualInflation: d("0.05"),
		})
	}
	// 35 rooms secured over three years, available from April 2019 (seed
	// 001): 12, then 24, then 35, each April.
	s.Rooms = []carecast.RoomsRow{
		{From: start, Rooms: 12},
		{From: carecast.Date{Year: 2020, Month: 4, Day: 1}, Rooms: 24},
		{From: carecast.Date{Year: 2021, Month: 4, Day: 1}, Rooms: 35},
	}
	// Department for Education Innovation Programme: £782,750 over three
	// years (Havering Cabinet, agenda item 19054), paid here in three April
	// instalments. The further £53,000 depends on an evaluation and is left
	// out.
	s.Grants = []carecast.Grant{
		{Date: start, Amount: carecast.Pence(26091700), Description: "DfE Innovation Programme, year 1 of 3"},
		{Date: carecast.Date{Year: 2020, Month: 4, Day: 1}, Amount: carecast.Pence(26091700), Description: "DfE Innovation Programme, year 2 of 3"},
		{Date: carecast.Date{Year: 2021, Month: 4, Day: 1}, Amount: carecast.Pence(26091600), Description: "DfE Innovation Programme, year 3 of 3"},
	}
	s.Options = builtInOptions()
	// Children placed far from home go missing more often; a missing-person
	// investigation costs £2,415 (University of Portsmouth, 2012; £1,325 in
	// its modelled medium-risk case). How many episodes a room nearer home
	// avoids is not sourced: 0.5 a room-year is an illustrative assumption.
	s.WiderBenefits = []carecast.WiderBenefit{{
		Measure:     "Missing-person episodes avoided",
		Unit:        "episodes (illustrative quantity: replace with local data)",
		PerRoomYear: d("0.5"),
		UnitValue:   carecast.Pounds(2415),
		Bearer:      "Police (non-cashable)",
		Source:      "Unit value: £2,415 a missing-person investigation (University of Portsmouth, 2012; £1,325 in its modelled medium-risk case). Quantity: an illustrative assumption of 0.5 episodes a room-year, to be replaced with local data.",
	}}
	s.Paper = builtInPaper()
	s.RiskRegister = builtInRiskRegister()
	// Illustrative finance codes for the journals (docs/methodology.md §16).
	s.Accounts = builtInAccounts(s)
	return s
}

// builtInPaper is the cabinet paper's own words, for every council's
// paper: what a report author would write, drawn from the partners'
// cabinet reports (Havering Cabinet, agenda item 19054, delegated the
// yearly allocation of funds to the Director of Children's Services;
// Barking and Dagenham Cabinet, 13 November 2018, item 51; Redbridge's
// report quoted children who felt placement decisions were "done to"
// them). What only a council can say (the meeting's date, its officers,
// its budget line and plan reference, its lawyers' and equalities advice,
// the provider) is left for it: the paper prompts for it.
func builtInPaper() []carecast.PaperRow {
	every := func(field string, values ...string) []carecast.PaperRow {
		var rows []carecast.PaperRow
		for _, v := range values {
			rows = append(rows, carecast.PaperRow{Council: carecast.PaperEvery, Field: field, Value: v})
		}
		return rows
	}
	var rows []carecast.PaperRow
	for _, r := range [][]carecast.PaperRow{
		every(carecast.PaperMeeting, "Cabinet"),
		every(carecast.PaperPortfolioHolder, "Cabinet Member for Children's Services"),
		every(carecast.PaperWards, "All wards"),
		every(carecast.PaperKeyDecision, "yes"),
		every(carecast.PaperKeyDecisionReason, "spending of more than £500,000 a year for eight years, for children in care from every ward"),
		every(carecast.PaperRecommendation,
			"Agree that the council joins the North East London Commissioning Partnership's block contract for up to 35 rooms in children's homes in north east London, for eight years from April 2019.",
			"Agree the council's pledge of £650,000 a year into the pooled fund hosted by the lead council, from the children's placements budget.",
			"Delegate to the Director of Children's Services, in consultation with the Cabinet Member for Children's Services and the Chief Financial Officer, the allocation of the council's funds in each year of the scheme."),
		every(carecast.PaperReason,
			"Children placed far from home are more likely to go missing and to be exploited; rooms in north east London let more of the council's children live near their families, schools and friends.",
			"A block price below the spot price saves money while the rooms are used: the financial implications set out when the council gains, what it pays first, and with what risk."),
		every(carecast.PaperPreferredOption, carecast.BaseCaseName),
		every(carecast.PaperRejected,
			carecast.BusinessAsUsual+": the spot market has too few places near home, at prices rising faster than inflation.",
			"24 rooms: saves less over the term and leaves more children placed far from home.",
			"12 rooms (do minimum): too few rooms to change where most of the councils' children live.",
			"City of London stays out: the remaining seven councils would bear its share of the empty rooms; the scheme is stronger with all eight.",
			"Dearer provider: the same rooms at a higher price save about half as much."),
		every(carecast.PaperLeadCouncil, "Havering"),
		every(carecast.PaperConsultation,
			"Children in care and care leavers were consulted in Redbridge and Waltham Forest before their cabinets decided: they said placement decisions often felt \"done to\" them, and those placed far from home spoke of isolation (Redbridge Council's cabinet report on the scheme)."),
		every(carecast.PaperBackgroundPaper,
			"Havering Cabinet: joint commissioning of residential placements for children (agenda item 19054).",
			"Barking and Dagenham Cabinet, 13 November 2018: minute of item 51."),
	} {
		rows = append(rows, r...)
	}
	return rows
}

// builtInRiskRegister are the risks a partner council owns beyond the
// model's factors: provider failure, an Ofsted judgement, matching
// children to rooms, and a partner leaving. Likelihood and impact are
// illustrative, on the Low/Medium/High scale many corporate registers use.
func builtInRiskRegister() []carecast.RiskEntry {
	return []carecast.RiskEntry{
		{Risk: "Provider failure: the provider leaves the market or cannot staff the homes, and children must move at short notice.",
			Likelihood: "Low", Impact: "High",
			Mitigation: "Financial checks at procurement and every year; step-in and exit terms in the contract; spot placements as the fallback.",
			Owner:      "Lead council's Head of Commissioning"},
		{Risk: "Ofsted judges a home inadequate, and the councils stop placing children there until it improves.",
			Likelihood: "Medium", Impact: "High",
			Mitigation: "Quality visits by the partnership; the contract suspends payment for rooms that cannot be used and requires an improvement plan.",
			Owner:      "Partnership Board"},
		{Risk: "Matching: no child waiting suits the room free (age, needs, the other residents), so rooms stand empty while children are spot-purchased.",
			Likelihood: "Medium", Impact: "Medium",
			Mitigation: "One placement panel for the partners; unused rooms traded between councils; occupancy reported monthly, with a review below 85%.",
			Owner:      "Partnership Board"},
		{Risk: "A partner leaves, and the others bear its share of the empty rooms.",
			Likelihood: "Low", Impact: "Medium",
			Mitigation: "A partnership agreement with a notice period and an exit payment; shares recalculated on the remaining pledges.",
			Owner:      "Director of Children's Services"},
	}
}

// builtInOptions is the worked shortlist of the built-in scenario, each
// against business as usual (HM Treasury Green Book: business as usual, a
// do-minimum, the preferred option and another viable alternative): fewer
// rooms, a do-minimum of 12 rooms, a council staying out, and a dearer
// provider. None repeats the base case (the preferred option), and every
// one carries the base case's optimism bias.
func builtInOptions() []carecast.Option {
	d := decimal.RequireFromString
	var dearer carecast.Assumptions
	dearer.BlockWeeklyPrice = d("3250")
	return []carecast.Option{
		{Name: "24 rooms", Description: "A smaller block: 24 rooms at full size instead of 35 (8, 16, then 24), the same pledges",
			RoomsScale: decimal.NewNullDecimal(d("0.6857142857"))},
		{Name: "12 rooms (do minimum)", Description: "A do-minimum: 12 rooms at full size instead of 35 (4, 8, then 12), the same pledges",
			RoomsScale: decimal.NewNullDecimal(d("0.3428571429"))},
		{Name: "City of London stays out", Description: "One council stays out and keeps spot-purchasing; the other seven share the 35 rooms",
			ExcludeCouncils: []int{2}},
		{Name: "Dearer provider", Description: "A provider at £3,250 a room a week",
			Keys: []string{"block_weekly_price"}, Assumptions: dearer},
	}
}
