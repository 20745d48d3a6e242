package carecast

// Case is one column of an options appraisal (HM Treasury Green Book): the
// base case of an input or one of its options, with its forecast and,
// when asked for, its simulation.
type Case struct {
	// Option names the case: "Base case", the scenario's name when several
	// inputs are compared, or the option's name.
	Option      string
	Description string
	Input       string    // the file or folder read; empty for the built-in scenario
	Scenario    *Scenario // the option applied to its base case
	Result      *Result
	Simulation  *Simulation // nil unless the comparison is under uncertainty
}

// BusinessAsUsual is the name of the comparator every option is measured
// against: every placement spot-purchased.
const BusinessAsUsual = "Business as usual"

// CaseCouncils lists the councils of every case, by code, in order of
// first appearance: the rows by council of a comparison.
func CaseCouncils(cases []Case) []Council {
	var out []Council
	seen := map[string]bool{}
	for _, c := range cases {
		for _, cr := range c.Result.Councils {
			if !seen[cr.Council.Code] {
				seen[cr.Council.Code] = true
				out = append(out, cr.Council)
			}
		}
	}
	return out
}

// CaseMeasures lists the wider benefits' measures of every case, in order
// of first appearance.
func CaseMeasures(cases []Case) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range cases {
		for _, w := range c.Result.Wider {
			if !seen[w.Benefit.Measure] {
				seen[w.Benefit.Measure] = true
				out = append(out, w.Benefit.Measure)
			}
		}
	}
	return out
}

// CouncilResult finds a council's result by code, or nil when it takes no
// part.
func (r *Result) CouncilResult(code string) *CouncilResult {
	for i := range r.Councils {
		if r.Councils[i].Council.Code == code {
			return &r.Councils[i]
		}
	}
	return nil
}
