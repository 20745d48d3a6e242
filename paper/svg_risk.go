package paper

import (
	"fmt"
	"math"

	"github.com/carecast/carecast"
)

// tornadoRow is one bar of a tornado: the savings at the factor's low and
// high ends.
type tornadoRow struct {
	label     string
	low, high carecast.Money
}

// tornadoChart draws horizontal bars from the central savings to the
// savings at each end of every factor's range, largest swing at the top.
func tornadoChart(title, caption, basis string, central carecast.Money, rows []tornadoRow) (string, int, int) {
	plotH := float64(len(rows))*34 + 90
	c := newCanvas(plotH, title, caption, basis)
	lo, hi := money(central), money(central)
	for _, r := range rows {
		lo = math.Min(lo, math.Min(money(r.low), money(r.high)))
		hi = math.Max(hi, math.Max(money(r.low), money(r.high)))
	}
	x0, x1 := 200.0, c.w-30
	sc := niceScale(lo, hi, x0, x1)
	top := c.top + 10
	bottom := top + float64(len(rows))*34
	for _, t := range sc.ticks {
		x := sc.at(t)
		col, w := "#d0d0d0", 1.0
		if math.Abs(t) < 1e-9 {
			col, w = "#000", 1.4
		}
		c.line(x, top, x, bottom, col, w, "")
		c.text(x, bottom+18, 13, "middle", "#000", sc.label(t))
	}
	lowSt, highSt := Style{Colour: palette[0]}, Style{Colour: palette[1], Hatch: true}
	cx := sc.at(money(central))
	for i, r := range rows {
		y := top + float64(i)*34 + 6
		c.text(x0-8, y+15, 13, "end", "#000", r.label)
		c.rect(cx, y, sc.at(money(r.low))-cx, 22, lowSt)
		c.rect(cx, y, sc.at(money(r.high))-cx, 22, highSt)
	}
	c.line(cx, top-4, cx, bottom+4, "#000", 2, "6 3")
	c.text(cx, top-8, 12, "middle", "#000", "As forecast "+sc.label(money(central)))
	c.legend(bottom+48, []string{"Factor at the low end of its range", "Factor at the high end"}, []Style{lowSt, highSt}, true)
	return c.String(), int(c.w), int(c.h)
}

// fanChart draws the spread of cumulative savings by category: P10 to P90
// and P25 to P75 bands, the P50 and the forecast.
func fanChart(title, caption, basis string, cats []string, pts []carecast.FanPoint) (string, int, int) {
	c := newCanvas(400, title, caption, basis)
	lo, hi := 0.0, 0.0
	for _, p := range pts {
		lo = math.Min(lo, math.Min(money(p.P10), money(p.Forecast)))
		hi = math.Max(hi, math.Max(money(p.P90), money(p.Forecast)))
	}
	x0, x1 := 90.0, c.w-30
	plotBottom := c.bottom - 70
	sc := niceScale(lo, hi, plotBottom, c.top+10)
	c.valueAxis(sc, x0, x1)
	step := (x1 - x0) / float64(max(len(cats), 1))
	xs := make([]float64, len(pts))
	for i := range pts {
		xs[i] = x0 + step*(float64(i)+0.5)
		c.text(xs[i], plotBottom+20, 13, "middle", "#000", cats[i])
	}
	band := func(lower, upper func(carecast.FanPoint) carecast.Money, fill string) {
		d := ""
		for i, p := range pts {
			cmd := "L"
			if i == 0 {
				cmd = "M"
			}
			d += fmt.Sprintf("%s%.1f %.1f", cmd, xs[i], sc.at(money(upper(p))))
		}
		for i := len(pts) - 1; i >= 0; i-- {
			d += fmt.Sprintf("L%.1f %.1f", xs[i], sc.at(money(lower(pts[i]))))
		}
		fmt.Fprintf(&c.b, `<path d="%sZ" fill="%s" stroke="none"/>`, d, fill)
	}
	if len(pts) > 0 {
		band(func(p carecast.FanPoint) carecast.Money { return p.P10 }, func(p carecast.FanPoint) carecast.Money { return p.P90 }, "#CCE3F3")
		band(func(p carecast.FanPoint) carecast.Money { return p.P25 }, func(p carecast.FanPoint) carecast.Money { return p.P75 }, "#7FB5DC")
	}
	p50 := make([]float64, len(pts))
	fc := make([]float64, len(pts))
	for i, p := range pts {
		p50[i], fc[i] = sc.at(money(p.P50)), sc.at(money(p.Forecast))
	}
	mid := Style{Colour: "#08306B", Marker: "circle"}
	fst := Style{Colour: palette[5], Dash: "8 4", Marker: "diamond"}
	c.polyline(xs, p50, mid, 2.5)
	c.polyline(xs, fc, fst, 2.5)
	for i := range xs {
		c.marker(xs[i], p50[i], mid)
		c.marker(xs[i], fc[i], fst)
	}
	y := plotBottom + 48
	c.rect(70, y-10, 22, 12, Style{Colour: "#CCE3F3"})
	c.text(100, y, 13, "start", "#000", "P10 to P90")
	c.rect(200, y-10, 22, 12, Style{Colour: "#7FB5DC"})
	c.text(230, y, 13, "start", "#000", "P25 to P75")
	c.line(330, y-4, 356, y-4, mid.Colour, 2.5, "")
	c.marker(343, y-4, mid)
	c.text(362, y, 13, "start", "#000", "P50")
	c.line(410, y-4, 436, y-4, fst.Colour, 2.5, fst.Dash)
	c.marker(423, y-4, fst)
	c.text(442, y, 13, "start", "#000", "Forecast")
	return c.String(), int(c.w), int(c.h)
}
