package carecast

// Appraisal is a forecast's appraisal under uncertainty: the one-at-a-time
// sensitivity (a tornado with switching values) and the Monte Carlo
// simulation. Reports render it beside the forecast when it was asked for
// (forecast --risk, or a Risks sheet in the input); either part may be nil.
type Appraisal struct {
	Sensitivity *Sensitivity
	Simulation  *Simulation
}
