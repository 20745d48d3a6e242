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
