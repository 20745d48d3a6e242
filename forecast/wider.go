package forecast

import (
	"github.com/carecast/carecast"
	"github.com/shopspring/decimal"
)

// widerQuantityPlaces is the precision of a council-month's quantity of a
// wider benefit.
const widerQuantityPlaces = 6

var daysInYear = decimal.NewFromInt(365)

// Wider works out the wider benefits of a forecast (docs/methodology.md
// §10) from the occupied room-days of each council and month: quantity =
// per_room_year x occupied room-days / 365, to six places; value = the
// exact quantity x unit_value, rounded to pence; the present value
// discounts model year k by (1+discount_rate)^k (the values are real
// already), rounded once to pence and shared among the councils by largest
// remainder. It reads the forecast and changes none of its figures.
func Wider(res *carecast.Result) []carecast.WiderResult {
	s := res.Scenario
	if len(s.WiderBenefits) == 0 {
		return nil
	}
	nc, years := len(res.Councils), s.Assumptions.Years
	// Present values over the common denominator q^(K-1), q = 1+r.
	powers := powersOf(one.Add(s.Assumptions.DiscountRate), years)
	den := powers[years-1]
	out := make([]carecast.WiderResult, len(s.WiderBenefits))
	for i, b := range s.WiderBenefits {
		w := carecast.WiderResult{Benefit: b, Quantity: zero, Councils: make([]carecast.WiderCouncil, nc)}
		for c := range w.Councils {
			w.Councils[c].Quantity = zero
		}
		cnum := make([]decimal.Decimal, nc)
		for c := range cnum {
			cnum[c] = zero
		}
		num := zero
		perValue := b.PerRoomYear.Mul(b.UnitValue.Decimal())
		for _, y := range res.Years {
			wy := carecast.WiderFigures{FY: y.FY, Quantity: zero}
			cy := make([]carecast.WiderFigures, nc)
			for c := range cy {
				cy[c] = carecast.WiderFigures{FY: y.FY, Quantity: zero}
			}
			for m := y.First; m <= y.Last; m++ {
				mo := &res.Months[m]
				weight := powers[years-1-mo.ModelYear]
				for c := range nc {
					occ := mo.Councils[c].OccupiedRoomDays
					if occ.IsZero() {
						continue
					}
					qty := carecast.DivRound(b.PerRoomYear.Mul(occ), daysInYear, widerQuantityPlaces)
					val := carecast.MoneyOf(carecast.DivRound(perValue.Mul(occ), daysInYear, 2))
					cy[c].Quantity = cy[c].Quantity.Add(qty)
					cy[c].Value = cy[c].Value.Add(val)
					cnum[c] = cnum[c].Add(decimal.New(val.PenceInt(), 0).Mul(weight))
				}
			}
			for c := range nc {
				wy.Quantity = wy.Quantity.Add(cy[c].Quantity)
				wy.Value = wy.Value.Add(cy[c].Value)
				wc := &w.Councils[c]
				wc.Years = append(wc.Years, cy[c])
				wc.Quantity = wc.Quantity.Add(cy[c].Quantity)
				wc.Value = wc.Value.Add(cy[c].Value)
			}
			w.Years = append(w.Years, wy)
			w.Quantity = w.Quantity.Add(wy.Quantity)
			w.Value = w.Value.Add(wy.Value)
		}
		for _, n := range cnum {
			num = num.Add(n)
		}
		pv := carecast.DivRound(num, den, 0).IntPart()
		w.PresentValue = carecast.Pence(pv)
		for c, p := range roundToTotal(cnum, den, pv) {
			w.Councils[c].PresentValue = carecast.Pence(p)
		}
		out[i] = w
	}
	return out
}

// widerPresentValues sums the wider benefits' present values, the
// consortium's and each council's (carecast.Result.WiderPresentValue).
func widerPresentValues(res *carecast.Result) {
	res.WiderPresentValue = carecast.Money{}
	for c := range res.Councils {
		res.Councils[c].WiderPresentValue = carecast.Money{}
	}
	for _, w := range res.Wider {
		res.WiderPresentValue = res.WiderPresentValue.Add(w.PresentValue)
		for c := range res.Councils {
			if c < len(w.Councils) {
				res.Councils[c].WiderPresentValue = res.Councils[c].WiderPresentValue.Add(w.Councils[c].PresentValue)
			}
		}
	}
}
