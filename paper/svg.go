package paper

import (
	"fmt"
	"math"
	"strings"

	"github.com/carecast/carecast"
)

// The charts are SVG drawings made here, so that a paper carries the same
// chart in Word (as PNG) and in the PDF (as vector), with the title, the
// caption that states the finding and the basis line drawn in. Positions
// are float64 pixels: drawing only, never money.

const (
	chartW    = 800
	chartFont = "Liberation Sans, Arial, Helvetica, sans-serif"
)

// Okabe-Ito colours, distinct for colour-blind readers.
var palette = []string{"#0072B2", "#9C6B00", "#009E73", "#CC79A7", "#332288", "#D55E00", "#000000", "#882255"}

// dashes and markers combine with the colours so that every series has a
// style of its own at any count: the ninth council is the first's colour
// with a dashed line, the seventeenth dotted, and so on.
var dashes = []string{"", "8 4", "2 3", "10 3 2 3"}
var markers = []string{"circle", "square", "triangle", "diamond"}

// Style is how one series is drawn.
type Style struct {
	Colour, Dash, Marker string
	Hatch                bool // bars: hatched
}

// SeriesStyle is the style of series i: a colour, a dash pattern and a
// marker, different for every i.
func SeriesStyle(i int) Style {
	n := len(palette)
	return Style{
		Colour: palette[i%n],
		Dash:   dashes[(i/n)%len(dashes)],
		Marker: markers[(i/n/len(dashes)+i)%len(markers)],
		Hatch:  i%2 == 1,
	}
}

// svgText escapes text for SVG.
func svgText(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	return r.Replace(s)
}

// wrap breaks text into lines of at most width pixels at size px (an
// estimate of Arial's widths).
func wrap(s string, width, size float64) []string {
	per := int(width / (size * 0.52))
	var lines []string
	var cur string
	for _, w := range strings.Fields(s) {
		if cur != "" && len(cur)+1+len(w) > per {
			lines = append(lines, cur)
			cur = w
			continue
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// canvas is an SVG being drawn.
type canvas struct {
	b      strings.Builder
	w, h   float64
	top    float64 // where the plot may start, below title and caption
	bottom float64 // where the plot must end, above the basis line
}

// newCanvas draws the frame of a chart: title, caption and basis line.
func newCanvas(plotH float64, title, caption, basis string) *canvas {
	c := &canvas{w: chartW}
	capLines := wrap(caption, chartW-40, 14)
	c.top = 20 + 26 + float64(len(capLines))*18 + 14
	c.h = c.top + plotH + 40
	c.bottom = c.top + plotH
	fmt.Fprintf(&c.b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="%s">`, int(c.w), int(c.h), int(c.w), int(c.h), chartFont)
	c.b.WriteString(`<defs><pattern id="hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="white" fill-opacity="0.55"/><line x1="0" y1="0" x2="0" y2="6" stroke="white" stroke-width="2.5"/></pattern></defs>`)
	fmt.Fprintf(&c.b, `<rect width="%d" height="%d" fill="#ffffff"/>`, int(c.w), int(c.h))
	fmt.Fprintf(&c.b, `<text x="20" y="38" font-size="20" font-weight="bold" fill="#000">%s</text>`, svgText(title))
	for i, l := range capLines {
		fmt.Fprintf(&c.b, `<text x="20" y="%.1f" font-size="14" fill="#222">%s</text>`, 62+float64(i)*18, svgText(l))
	}
	fmt.Fprintf(&c.b, `<text x="20" y="%.1f" font-size="12" fill="#444">%s</text>`, c.h-12, svgText(basis))
	return c
}

func (c *canvas) String() string { return c.b.String() + "</svg>" }

func (c *canvas) text(x, y float64, size int, anchor, fill, s string) {
	fmt.Fprintf(&c.b, `<text x="%.1f" y="%.1f" font-size="%d" text-anchor="%s" fill="%s">%s</text>`, x, y, size, anchor, fill, svgText(s))
}

func (c *canvas) line(x1, y1, x2, y2 float64, stroke string, width float64, dash string) {
	d := ""
	if dash != "" {
		d = fmt.Sprintf(` stroke-dasharray="%s"`, dash)
	}
	fmt.Fprintf(&c.b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="%.1f"%s/>`, x1, y1, x2, y2, stroke, width, d)
}

func (c *canvas) rect(x, y, w, h float64, st Style) {
	if h < 0 {
		y, h = y+h, -h
	}
	if w < 0 {
		x, w = x+w, -w
	}
	fmt.Fprintf(&c.b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" stroke="#000" stroke-width="0.6"/>`, x, y, w, h, st.Colour)
	if st.Hatch {
		fmt.Fprintf(&c.b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="url(#hatch)"/>`, x, y, w, h)
	}
}

func (c *canvas) marker(x, y float64, st Style) {
	switch st.Marker {
	case "square":
		fmt.Fprintf(&c.b, `<rect x="%.1f" y="%.1f" width="8" height="8" fill="%s" stroke="#fff" stroke-width="0.8"/>`, x-4, y-4, st.Colour)
	case "triangle":
		fmt.Fprintf(&c.b, `<path d="M%.1f %.1fL%.1f %.1fL%.1f %.1fZ" fill="%s" stroke="#fff" stroke-width="0.8"/>`, x, y-5, x+5, y+4, x-5, y+4, st.Colour)
	case "diamond":
		fmt.Fprintf(&c.b, `<path d="M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ" fill="%s" stroke="#fff" stroke-width="0.8"/>`, x, y-5, x+5, y, x, y+5, x-5, y, st.Colour)
	default:
		fmt.Fprintf(&c.b, `<circle cx="%.1f" cy="%.1f" r="4.2" fill="%s" stroke="#fff" stroke-width="0.8"/>`, x, y, st.Colour)
	}
}

func (c *canvas) polyline(xs, ys []float64, st Style, width float64) {
	var pts []string
	for i := range xs {
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", xs[i], ys[i]))
	}
	d := ""
	if st.Dash != "" {
		d = fmt.Sprintf(` stroke-dasharray="%s"`, st.Dash)
	}
	fmt.Fprintf(&c.b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="%.1f"%s stroke-linejoin="round"/>`, strings.Join(pts, " "), st.Colour, width, d)
}

// legend draws entries left to right, wrapping, from y; it returns the
// height used.
func (c *canvas) legend(y float64, names []string, styles []Style, bars bool) float64 {
	x, x0 := 70.0, 70.0
	row := 0.0
	for i, n := range names {
		w := 40 + float64(len(n))*7.0
		if x+w > c.w-20 && x > x0 {
			x = x0
			row += 20
		}
		yy := y + row
		if bars {
			c.rect(x, yy-10, 22, 12, styles[i])
		} else {
			c.line(x, yy-4, x+26, yy-4, styles[i].Colour, 2.5, styles[i].Dash)
			c.marker(x+13, yy-4, styles[i])
		}
		c.text(x+32, yy, 13, "start", "#000", n)
		x += w
	}
	return row + 20
}

// scale maps values to pixels.
type scale struct {
	lo, hi     float64 // values
	p0, p1     float64 // pixels for lo and hi
	ticks      []float64
	unit       float64 // 1e6 for £m, 1e3 for £k
	unitSuffix string
	places     int
}

func (s scale) at(v float64) float64 { return s.p0 + (v-s.lo)/(s.hi-s.lo)*(s.p1-s.p0) }

// niceScale chooses round ticks covering lo..hi and zero.
func niceScale(lo, hi, p0, p1 float64) scale {
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	if hi-lo == 0 {
		hi = lo + 1
	}
	raw := (hi - lo) / 6
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	s := scale{lo: math.Floor(lo/step) * step, hi: math.Ceil(hi/step) * step, p0: p0, p1: p1}
	for v := s.lo; v <= s.hi+step/2; v += step {
		s.ticks = append(s.ticks, v)
	}
	s.unit, s.unitSuffix = 1e6, "m"
	if math.Max(math.Abs(s.lo), math.Abs(s.hi)) < 1e6 {
		s.unit, s.unitSuffix = 1e3, "k"
	}
	for p := 0; p <= 3; p++ {
		if math.Abs(step/s.unit*math.Pow(10, float64(p))-math.Round(step/s.unit*math.Pow(10, float64(p)))) < 1e-6 {
			s.places = p
			break
		}
		s.places = p
	}
	return s
}

// label is a tick's money label: "£1.5m", "£(0.5)m", "£0".
func (s scale) label(v float64) string {
	if math.Abs(v) < 1e-9 {
		return "£0"
	}
	n := fmt.Sprintf("%.*f", s.places, math.Abs(v)/s.unit)
	if v < 0 {
		return "£(" + n + ")" + s.unitSuffix
	}
	return "£" + n + s.unitSuffix
}

func money(m carecast.Money) float64 {
	f, _ := m.Decimal().Float64()
	return f
}

// valueAxis draws horizontal gridlines and labels for a vertical scale.
func (c *canvas) valueAxis(s scale, x0, x1 float64) {
	for _, t := range s.ticks {
		y := s.at(t)
		col, w := "#d0d0d0", 1.0
		if math.Abs(t) < 1e-9 {
			col, w = "#000", 1.4
		}
		c.line(x0, y, x1, y, col, w, "")
		c.text(x0-8, y+4, 13, "end", "#000", s.label(t))
	}
}

// Series is one line or bar series of a chart.
type Series struct {
	Name   string
	Values []carecast.Money
	Style  Style
	Width  float64 // line width; 0: 2.5
}

// lineChart draws series over categories (financial years) as lines with
// markers.
func lineChart(title, caption, basis string, cats []string, series []Series) (string, int, int) {
	names := make([]string, len(series))
	styles := make([]Style, len(series))
	for i, s := range series {
		names[i], styles[i] = s.Name, s.Style
	}
	legendRows := legendHeight(names)
	c := newCanvas(340+legendRows, title, caption, basis)
	lo, hi := 0.0, 0.0
	for _, s := range series {
		for _, v := range s.Values {
			lo, hi = math.Min(lo, money(v)), math.Max(hi, money(v))
		}
	}
	x0, x1 := 90.0, c.w-30
	plotBottom := c.bottom - legendRows - 30
	sc := niceScale(lo, hi, plotBottom, c.top+10)
	c.valueAxis(sc, x0, x1)
	step := (x1 - x0) / float64(max(len(cats), 1))
	for i, cat := range cats {
		c.text(x0+step*(float64(i)+0.5), plotBottom+20, 13, "middle", "#000", cat)
	}
	for _, s := range series {
		xs := make([]float64, len(s.Values))
		ys := make([]float64, len(s.Values))
		for i, v := range s.Values {
			xs[i], ys[i] = x0+step*(float64(i)+0.5), sc.at(money(v))
		}
		w := s.Width
		if w == 0 {
			w = 2.5
		}
		c.polyline(xs, ys, s.Style, w)
		for i := range xs {
			c.marker(xs[i], ys[i], s.Style)
		}
	}
	c.legend(plotBottom+48, names, styles, false)
	return c.String(), int(c.w), int(c.h)
}

func legendHeight(names []string) float64 {
	x, rows := 70.0, 1.0
	for _, n := range names {
		w := 40 + float64(len(n))*7.0
		if x+w > chartW-20 && x > 70 {
			x = 70
			rows++
		}
		x += w
	}
	return rows * 20
}

// barChart draws grouped bars by category.
func barChart(title, caption, basis string, cats []string, series []Series) (string, int, int) {
	names := make([]string, len(series))
	styles := make([]Style, len(series))
	for i, s := range series {
		names[i], styles[i] = s.Name, s.Style
	}
	legendRows := legendHeight(names)
	c := newCanvas(340+legendRows, title, caption, basis)
	lo, hi := 0.0, 0.0
	for _, s := range series {
		for _, v := range s.Values {
			lo, hi = math.Min(lo, money(v)), math.Max(hi, money(v))
		}
	}
	x0, x1 := 90.0, c.w-30
	plotBottom := c.bottom - legendRows - 30
	sc := niceScale(lo, hi, plotBottom, c.top+10)
	c.valueAxis(sc, x0, x1)
	step := (x1 - x0) / float64(max(len(cats), 1))
	bw := step * 0.8 / float64(max(len(series), 1))
	for i, cat := range cats {
		c.text(x0+step*(float64(i)+0.5), plotBottom+20, 13, "middle", "#000", cat)
		for j, s := range series {
			x := x0 + step*float64(i) + step*0.1 + bw*float64(j)
			c.rect(x, sc.at(0), bw-1, sc.at(money(s.Values[i]))-sc.at(0), s.Style)
		}
	}
	c.legend(plotBottom+48, names, styles, true)
	return c.String(), int(c.w), int(c.h)
}
