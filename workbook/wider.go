package workbook

import (
	"math"

	"github.com/carecast/carecast"
)

// The wider benefits (docs/methodology.md §10) in the workbook: the Wider
// benefits sheet sets out each benefit by council and financial year,
// apart from every cash figure.

// sheetWider is the name of the wider benefits' sheet.
const sheetWider = "Wider benefits"

// widerLayout is where each benefit's block stands on the Wider benefits
// sheet: its council rows, the sum and carecast's consortium row.
type widerLayout struct {
	first, total, cons []int
}

func (b *book) hasWider() bool { return len(b.res.Wider) > 0 }

// The Wider benefits sheet's columns: A council, B quantity, C value, D
// present value, then one value column per financial year from F.
const widerColFY = 6

func (b *book) planWider() {
	l := &b.plan.wider
	r := 4
	for range b.res.Wider {
		r += 7 // heading, unit, bearer, source, per room-year, unit value, table headings
		l.first = append(l.first, r)
		r += b.nC
		l.total = append(l.total, r)
		l.cons = append(l.cons, r+1)
		r += 4
	}
}

func (b *book) writeWider() error {
	l, st := &b.plan.wider, b.st
	sw, err := b.newStream(sheetWider, 14, map[int]float64{1: 40, 2: 16, 3: 16, 4: 16, 5: 2})
	if err != nil {
		return err
	}
	rw := b.rowWriter(sw, widerColFY+b.nY)
	rw.text(1, "Wider benefits", roleTitle)
	rw.endAt(1)
	rw.text(1, "Benefits of placing children in the block rather than spot-purchasing, usually nearer home: quantity = units a "+
		"room-year x occupied room-days / 365; value in real terms at start_date prices; present value discounted at the real "+
		"discount rate. Not cash: never added to the savings, the NPV or the fund.", roleText)
	rw.endAt(2)
	money, calc := st.id(roleImport, fmtMoney), st.id(roleCalc, fmtMoney)
	qty, qtyCalc := st.id(roleImport, fmtRooms), st.id(roleCalc, fmtRooms)
	for i, w := range b.res.Wider {
		bn := w.Benefit
		r := l.first[i] - 7
		rw.text(1, bn.Measure, roleSection)
		rw.endAt(r)
		for k, kv := range [][2]string{{carecast.LabelUnit, bn.Unit}, {carecast.LabelBearer, bn.Bearer}, {carecast.LabelSource, bn.Source}} {
			rw.text(1, kv[0], roleText)
			rw.text(2, kv[1], roleText)
			rw.endAt(r + 1 + k)
		}
		rw.text(1, "Units a room-year", roleText)
		rw.cell(2, st.id(roleInput, fmtGeneral), "", decFloat(bn.PerRoomYear))
		rw.endAt(r + 4)
		rw.text(1, "Unit value (real, start_date prices)", roleText)
		rw.cell(2, st.id(roleInput, fmtMoney), "", penceCell(bn.UnitValue.PenceInt()))
		rw.endAt(r + 5)
		rw.text(1, carecast.LabelCouncil, roleHeading)
		rw.text(2, carecast.LabelQuantity, roleHeading)
		rw.text(3, carecast.LabelValue+" (£)", roleHeading)
		rw.text(4, carecast.LabelPresentValue+" (£)", roleHeading)
		for y, yr := range b.res.Years {
			rw.text(widerColFY+y, carecast.LabelValue+" "+yr.FY.String()+" (£)", roleHeading)
		}
		rw.endAt(r+6, tallRow)
		for c, wc := range w.Councils {
			rw.text(1, b.res.Councils[c].Council.Label(), roleText)
			rw.cell(2, qty, "", decFloat(wc.Quantity))
			rw.cell(3, money, "", penceCell(wc.Value.PenceInt()))
			rw.cell(4, money, "", penceCell(wc.PresentValue.PenceInt()))
			for y, wy := range wc.Years {
				rw.cell(widerColFY+y, money, "", penceCell(wy.Value.PenceInt()))
			}
			rw.endAt(l.first[i] + c)
		}
		sum := func(col int) string { return fn("SUM", column(col, l.first[i], l.total[i]-1)) }
		rw.text(1, carecast.LabelCouncilsSummed, roleHeading)
		rw.cell(2, qtyCalc, sum(2), decFloat(w.Quantity))
		rw.cell(3, calc, sum(3), penceCell(w.Value.PenceInt()))
		rw.cell(4, calc, sum(4), penceCell(w.PresentValue.PenceInt()))
		for y, wy := range w.Years {
			rw.cell(widerColFY+y, calc, sum(widerColFY+y), penceCell(wy.Value.PenceInt()))
		}
		rw.endAt(l.total[i])
		rw.text(1, "Consortium (carecast)", roleText)
		rw.cell(2, qty, "", decFloat(w.Quantity))
		rw.cell(3, money, "", penceCell(w.Value.PenceInt()))
		rw.cell(4, money, "", penceCell(w.PresentValue.PenceInt()))
		for y, wy := range w.Years {
			rw.cell(widerColFY+y, money, "", penceCell(wy.Value.PenceInt()))
		}
		rw.endAt(l.cons[i])
	}
	return rw.close()
}

// widerChecks: each benefit's councils sum to the consortium, in value,
// present value and every year's value.
func (b *book) widerChecks() []check {
	var cs []check
	last := widerColFY + b.nY - 1
	for i, w := range b.res.Wider {
		var v, pv int64
		for _, wc := range w.Councils {
			v += wc.Value.PenceInt()
			pv += wc.PresentValue.PenceInt()
		}
		diff := math.Abs(penceCell(v-w.Value.PenceInt())) + math.Abs(penceCell(pv-w.PresentValue.PenceInt()))
		for y := range w.Years {
			var yv int64
			for _, wc := range w.Councils {
				yv += wc.Years[y].Value.PenceInt()
			}
			diff += math.Abs(penceCell(yv - w.Years[y].Value.PenceInt()))
		}
		sums, cons := row(b.plan.wider.total[i], 3, last).on(sheetWider), row(b.plan.wider.cons[i], 3, last).on(sheetWider)
		cs = append(cs, check{label: "Wider benefits: councils sum to the consortium: " + w.Benefit.Measure, where: sheetWider,
			formula: fn("SUMPRODUCT", fn("ABS", sums.String()+"-"+cons.String())),
			diff:    diff})
	}
	return cs
}
