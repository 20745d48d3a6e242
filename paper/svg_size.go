package paper

import (
	"fmt"
	"math"

	"github.com/carecast/carecast"
)

// sizeChart draws NPV against rooms: the sizes given, on a numeric axis of
// rooms, as a line with markers, the size proposed and the size with the
// highest NPV marked by labelled vertical lines.
func sizeChart(title, caption, basis string, rooms []int, npv []carecast.Money, proposed, best int) (string, int, int) {
	c := newCanvas(360, title, caption, basis)
	lo, hi := 0.0, 0.0
	for _, v := range npv {
		lo, hi = math.Min(lo, money(v)), math.Max(hi, money(v))
	}
	x0, x1 := 90.0, c.w-30
	plotTop, plotBottom := c.top+30, c.bottom-40
	sc := niceScale(lo, hi, plotBottom, plotTop)
	c.valueAxis(sc, x0, x1)
	rlo, rhi := float64(rooms[0]), float64(rooms[len(rooms)-1])
	if rhi == rlo {
		rhi = rlo + 1
	}
	at := func(n int) float64 { return x0 + (float64(n)-rlo)/(rhi-rlo)*(x1-x0) }
	step := niceStep(rooms[len(rooms)-1] - rooms[0])
	for n := (rooms[0] + step - 1) / step * step; n <= rooms[len(rooms)-1]; n += step {
		c.line(at(n), plotBottom, at(n), plotBottom+5, "#000", 1, "")
		c.text(at(n), plotBottom+20, 13, "middle", "#000", fmt.Sprint(n))
	}
	c.text((x0+x1)/2, plotBottom+38, 13, "middle", "#000", "Rooms in the block at its largest")
	mark := func(n int, label, anchor string, dy float64) {
		c.line(at(n), plotTop-8, at(n), plotBottom, "#555", 1.2, "5 4")
		c.text(at(n), plotTop-12+dy, 13, anchor, "#000", label)
	}
	if proposed == best {
		mark(best, fmt.Sprintf("%d rooms: proposed, highest NPV", best), "middle", 0)
	} else {
		// the labels lean away from each other
		pa, ba := "end", "start"
		if proposed > best {
			pa, ba = "start", "end"
		}
		mark(proposed, fmt.Sprintf("%d proposed", proposed), pa, 0)
		mark(best, fmt.Sprintf("%d highest NPV", best), ba, 0)
	}
	xs := make([]float64, len(rooms))
	ys := make([]float64, len(rooms))
	for i := range rooms {
		xs[i], ys[i] = at(rooms[i]), sc.at(money(npv[i]))
	}
	st := SeriesStyle(0)
	c.polyline(xs, ys, st, 2.5)
	for i := range xs {
		c.marker(xs[i], ys[i], st)
	}
	return c.String(), int(c.w), int(c.h)
}
