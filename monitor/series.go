package monitor

import (
	"github.com/carecast/carecast"
)

// Plan is the source of a budget that is the input forecast without its
// Actuals rows: the plan as approved.
const Plan = "plan"

// FromResult is a forecast month by month, as a budget (source Plan) or
// as the outturn.
func FromResult(r *carecast.Result, source string) *carecast.MonitorSeries {
	s := &carecast.MonitorSeries{Source: source, OpeningFund: r.Total.OpeningFund}
	for _, c := range r.Councils {
		s.Councils = append(s.Councils, c.Council.Code)
		s.OpeningPositions = append(s.OpeningPositions, c.OpeningPosition)
	}
	s.Months = make([]carecast.MonitorMonth, len(r.Months))
	for i := range r.Months {
		m := &r.Months[i]
		mm := &s.Months[i]
		mm.Start = m.Start
		mm.Actual = m.Actual
		mm.Consortium = carecast.LineFigures{
			carecast.LinePledges:        m.Pledges,
			carecast.LineGrants:         m.Grants,
			carecast.LineOtherCosts:     m.OtherCosts,
			carecast.LineBlockCost:      m.BlockCost,
			carecast.LineVoidCost:       m.VoidCost,
			carecast.LineSpotAvoided:    m.SpotAvoided,
			carecast.LineAttributedCost: m.AttributedCost,
			carecast.LineSavings:        m.Savings,
			carecast.LineClosingFund:    m.ClosingFund,
		}
		mm.Occupied = m.OccupiedRoomDays
		mm.Councils = make([]carecast.LineFigures, len(m.Councils))
		for c, cm := range m.Councils {
			mm.Councils[c] = carecast.LineFigures{
				carecast.LinePledges:        cm.Pledges,
				carecast.LineSpotAvoided:    cm.SpotAvoided,
				carecast.LineAttributedCost: cm.AttributedCost,
				carecast.LineSavings:        cm.Savings,
				carecast.LineClosingFund:    cm.Position,
			}
			mm.CouncilsOccupied = append(mm.CouncilsOccupied, cm.OccupiedRoomDays)
		}
	}
	return s
}
