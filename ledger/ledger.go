// Package ledger keeps the pooled fund's books: every pledge, grant, block
// payment and running cost as balanced postings, each council's position,
// and the settlement that closes the fund at the end.
package ledger

import "github.com/carecast/carecast"

// Ledger is the pooled fund's postings over a forecast.
type Ledger struct {
	Postings []carecast.Posting
}

// Build posts a forecast's monthly figures.
func Build(r *carecast.Result) *Ledger {
	return &Ledger{}
}
