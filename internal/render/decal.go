package render

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Decal patterns drawn as vector. ECharts draws a bar's decal (the hatch
// or dots over its colour that tell series apart without colour) as an SVG
// <pattern> fill. Chromium prints a pattern fill to PDF as a bitmap, one
// for every bar at 72 dots an inch: blurred on paper, and the bulk of a
// paper's printing time. flattenDecals draws each such fill instead as
// the pattern's own shapes, tile by tile over the bar and clipped to it:
// the same marks, as vector.
//
// It reads the SVG that ECharts' server-side renderer writes: a pattern in
// user space, turned by at most a rotation, of <path> shapes (rectangles,
// circles and polygons) in one fill each, over shapes drawn with M, L, l,
// A and Z (bars, legend icons), moved by at most a translation, with an
// outline and an opacity at most. A pattern or a shape in any other form
// is left as it is, so the SVG draws as before.

var (
	decalPatternRE = regexp.MustCompile(`(?s)<pattern ([^>]*)>\s*<g\s*>(.*?)</g>\s*</pattern>\n?`)
	decalChildRE   = regexp.MustCompile(`<path d="([^"]*)" fill="([^"]*)"(?: fill-opacity="([^"]*)")?></path>`)
	decalFillRE    = regexp.MustCompile(`<path ([^>]*fill="url\(#[^")]+\)"[^>]*)></path>`)
	decalAttrsRE   = regexp.MustCompile(`^(?:\s*[a-zA-Z-]+="[^"]*")*\s*$`)
	decalShiftRE   = regexp.MustCompile(`^translate\(([-0-9.eE]+)[ ,]([-0-9.eE]+)\)$`)
	decalAttrRE    = regexp.MustCompile(`([a-zA-Z-]+)="([^"]*)"`)
	decalRotateRE  = regexp.MustCompile(`^rotate\(([-0-9.eE]+)\)$`)
)

// decalShape is one of a pattern's shapes: a rectangle (rect), or else a
// path of absolute points whose bounding box is box.
type decalShape struct {
	rect    bool
	x, y    float64 // a rectangle's corner
	w, h    float64
	box     [4]float64 // x0, y0, x1, y1
	segs    []decalSeg
	fill    string
	opacity string
}

// decalSeg is a path command with absolute coordinates: M and L a point,
// A the radii and flags then the end point, Z nothing.
type decalSeg struct {
	cmd byte
	v   []float64
}

// decalPattern is a pattern tile: W by H, turned by rotate degrees.
type decalPattern struct {
	w, h, rotate float64
	shapes       []decalShape
}

// flattenDecals returns the SVG with each shape filled by a pattern it
// can read drawn as vector, and the patterns no longer used removed.
func flattenDecals(svg string) string {
	patterns := map[string]*decalPattern{}
	for _, m := range decalPatternRE.FindAllStringSubmatch(svg, -1) {
		id, p, ok := parseDecalPattern(m[1], m[2])
		if ok {
			patterns[id] = p
		}
	}
	if len(patterns) == 0 {
		return svg
	}
	n := 0
	out := decalFillRE.ReplaceAllStringFunc(svg, func(el string) string {
		text := decalFillRE.FindStringSubmatch(el)[1]
		a := attrs(text)
		id := strings.TrimSuffix(strings.TrimPrefix(a["fill"], "url(#"), ")")
		flat, ok := flattenFill(patterns[id], a, decalAttrsRE.MatchString(text), fmt.Sprintf("%s-clip%d", id, n+1))
		if !ok {
			return el
		}
		n++
		if a["stroke"] == "" || a["stroke"] == "none" {
			return flat
		}
		// The shape's outline is drawn over its pattern, as before.
		return flat + strings.Replace(el, `fill="`+a["fill"]+`"`, `fill="none"`, 1)
	})
	return decalPatternRE.ReplaceAllStringFunc(out, func(el string) string {
		m := decalPatternRE.FindStringSubmatch(el)
		// A pattern goes once nothing refers to it: a shape left as it
		// was, or a stroke, keeps it.
		id := attrs(m[1])["id"]
		if patterns[id] != nil && !strings.Contains(out, "url(#"+id+")") {
			return ""
		}
		return el
	})
}

// flattenFill draws the pattern p over the shape with attributes a,
// clipped to it, with the clip path's id clip; ok is false for a shape or
// a pattern in a form it does not know.
func flattenFill(p *decalPattern, a map[string]string, plain bool, clip string) (string, bool) {
	if p == nil || !plain {
		return "", false
	}
	// The attributes carried over: the outline is drawn again after the
	// marks, the opacity is the marks' too; anything else (a clip, a mask,
	// a fill rule, a style) leaves the shape as it is.
	opacity := 1.0
	for k, v := range a {
		switch {
		case k == "d" || k == "fill" || k == "class" || strings.HasPrefix(k, "stroke"):
		case k == "transform":
			if !decalShiftRE.MatchString(v) {
				return "", false
			}
		case k == "opacity" || k == "fill-opacity":
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || !(f >= 0 && f <= 1) {
				return "", false
			}
			opacity *= f
		default:
			return "", false
		}
	}
	segs, ok := parsePath(a["d"])
	if !ok {
		return "", false
	}
	// A pattern in user space is laid out in the shape's own space, its
	// transform included: the marks go inside the transform.
	marks, ok := p.draw(pathBox(segs))
	if !ok {
		return "", false
	}
	g := ""
	if t := a["transform"]; t != "" {
		g += ` transform="` + t + `"`
	}
	if opacity != 1 {
		g += ` opacity="` + num(opacity) + `"`
	}
	return fmt.Sprintf(`<g%s><clipPath id="%s"><path d="%s"></path></clipPath><g clip-path="url(#%s)">%s</g></g>`, g, clip, a["d"], clip, marks), true
}

// attrs reads an element's attributes.
func attrs(s string) map[string]string {
	a := map[string]string{}
	for _, m := range decalAttrRE.FindAllStringSubmatch(s, -1) {
		a[m[1]] = m[2]
	}
	return a
}

// parseDecalPattern reads a pattern element's attributes and content; ok
// is false for a pattern in a form it does not know.
func parseDecalPattern(attrText, body string) (string, *decalPattern, bool) {
	a := attrs(attrText)
	id := a["id"]
	if id == "" || a["patternUnits"] != "userSpaceOnUse" {
		return "", nil, false
	}
	for k := range a {
		switch k {
		case "id", "patternUnits", "width", "height", "patternTransform":
		default:
			return "", nil, false
		}
	}
	p := &decalPattern{}
	var err1, err2 error
	p.w, err1 = strconv.ParseFloat(a["width"], 64)
	p.h, err2 = strconv.ParseFloat(a["height"], 64)
	if err1 != nil || err2 != nil || !(p.w > 0) || !(p.h > 0) {
		return "", nil, false
	}
	if t := a["patternTransform"]; t != "" {
		m := decalRotateRE.FindStringSubmatch(t)
		if m == nil {
			return "", nil, false
		}
		r, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			return "", nil, false
		}
		p.rotate = r
	}
	children := decalChildRE.FindAllStringSubmatch(body, -1)
	if strings.TrimSpace(decalChildRE.ReplaceAllString(body, "")) != "" {
		return "", nil, false // something other than plain paths
	}
	tile := [4]float64{0, 0, p.w, p.h}
	for _, c := range children {
		s, ok := parseDecalShape(c[1])
		if !ok {
			return "", nil, false
		}
		s.fill, s.opacity = c[2], c[3]
		if s.rect {
			// A tile shows only what lies within it.
			x0, y0 := math.Max(s.x, 0), math.Max(s.y, 0)
			x1, y1 := math.Min(s.x+s.w, p.w), math.Min(s.y+s.h, p.h)
			if x1-x0 <= 1e-9 || y1-y0 <= 1e-9 {
				continue
			}
			s.x, s.y, s.w, s.h = x0, y0, x1-x0, y1-y0
			s.box = [4]float64{x0, y0, x1, y1}
			p.shapes = append(p.shapes, s)
			continue
		}
		switch {
		case s.box[2]-s.box[0] <= 1e-9 && s.box[3]-s.box[1] <= 1e-9:
			continue // a point: ECharts' zero-sized symbol draws nothing
		case s.box[2] <= tile[0] || s.box[0] >= tile[2] || s.box[3] <= tile[1] || s.box[1] >= tile[3]:
			continue // outside the tile
		case s.box[0] >= tile[0]-1e-9 && s.box[2] <= tile[2]+1e-9 && s.box[1] >= tile[1]-1e-9 && s.box[3] <= tile[3]+1e-9:
			p.shapes = append(p.shapes, s)
		default:
			return "", nil, false // cut by the tile's edge: left to Chromium
		}
	}
	return id, p, true
}

// parsePath reads a path of M, L, l, A and Z commands, each command
// letter followed by its numbers, into absolute commands.
func parsePath(d string) ([]decalSeg, bool) {
	var segs []decalSeg
	var cx, cy, sx, sy float64 // the current point, the subpath's start
	i := 0
	for i < len(d) {
		c := d[i]
		i++
		var nums []float64
		for {
			for i < len(d) && (d[i] == ' ' || d[i] == ',') {
				i++
			}
			j := i
			for j < len(d) && strings.IndexByte("0123456789.-+eE", d[j]) >= 0 {
				if j > i && (d[j] == '-' || d[j] == '+') && d[j-1] != 'e' && d[j-1] != 'E' {
					break
				}
				j++
			}
			if j == i {
				break
			}
			v, err := strconv.ParseFloat(d[i:j], 64)
			if err != nil {
				return nil, false
			}
			nums = append(nums, v)
			i = j
		}
		switch c {
		case 'M', 'L':
			if len(nums) != 2 {
				return nil, false
			}
			cx, cy = nums[0], nums[1]
			if c == 'M' {
				sx, sy = cx, cy
			}
			segs = append(segs, decalSeg{c, []float64{cx, cy}})
		case 'l':
			if len(nums) != 2 {
				return nil, false
			}
			cx, cy = cx+nums[0], cy+nums[1]
			segs = append(segs, decalSeg{'L', []float64{cx, cy}})
		case 'A':
			if len(nums) != 7 {
				return nil, false
			}
			segs = append(segs, decalSeg{'A', nums})
			cx, cy = nums[5], nums[6]
		case 'Z':
			if len(nums) != 0 {
				return nil, false
			}
			segs = append(segs, decalSeg{'Z', nil})
			cx, cy = sx, sy
		default:
			return nil, false
		}
	}
	if len(segs) == 0 || segs[0].cmd != 'M' {
		return nil, false
	}
	return segs, true
}

// pathBox is a box that holds the path: its points, and around each arc's
// ends twice its radius (the radius at least half the arc's chord, as SVG
// enlarges one too small), within which the whole arc lies.
func pathBox(segs []decalSeg) [4]float64 {
	box := emptyBox()
	add := func(x, y, r float64) { grow(&box, x, y, r) }
	var px, py float64
	for _, g := range segs {
		switch g.cmd {
		case 'M', 'L':
			px, py = g.v[0], g.v[1]
			add(px, py, 0)
		case 'A':
			r := math.Max(math.Max(math.Abs(g.v[0]), math.Abs(g.v[1])), math.Hypot(g.v[5]-px, g.v[6]-py)/2)
			add(px, py, 2*r)
			px, py = g.v[5], g.v[6]
			add(px, py, 2*r)
		}
	}
	return box
}

// emptyBox is a box (x0, y0, x1, y1) that holds nothing yet.
func emptyBox() [4]float64 {
	return [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
}

// grow grows box to hold the square of half-side r around (x, y).
func grow(box *[4]float64, x, y, r float64) {
	box[0], box[1] = math.Min(box[0], x-r), math.Min(box[1], y-r)
	box[2], box[3] = math.Max(box[2], x+r), math.Max(box[3], y+r)
}

// parseDecalShape reads one of a pattern's shapes.
func parseDecalShape(d string) (decalShape, bool) {
	var s decalShape
	segs, ok := parsePath(d)
	if !ok {
		return s, false
	}
	s.segs = segs
	// A rectangle: M, then three L along the axes, then Z.
	if len(segs) == 5 && segs[1].cmd == 'L' && segs[2].cmd == 'L' && segs[3].cmd == 'L' && segs[4].cmd == 'Z' {
		p0, p1, p2, p3 := segs[0].v, segs[1].v, segs[2].v, segs[3].v
		near := func(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
		if near(p1[1], p0[1]) && near(p2[0], p1[0]) && near(p3[1], p2[1]) && near(p3[0], p0[0]) {
			s.rect = true
			s.x, s.y = math.Min(p0[0], p1[0]), math.Min(p0[1], p2[1])
			s.w, s.h = math.Abs(p1[0]-p0[0]), math.Abs(p2[1]-p1[1])
			s.box = [4]float64{s.x, s.y, s.x + s.w, s.y + s.h}
			return s, true
		}
	}
	box := emptyBox()
	add := func(x, y float64) { grow(&box, x, y, 0) }
	var px, py float64
	for _, g := range segs {
		switch g.cmd {
		case 'M', 'L':
			px, py = g.v[0], g.v[1]
			add(px, py)
		case 'A':
			// Only ECharts' circle: with the large arc, clockwise, back to
			// just above its start (its rightmost point; the centre is r to
			// the left) or just below (its leftmost).
			r := g.v[0]
			if r == 0 && g.v[1] == 0 && g.v[5] == px && g.v[6] == py {
				add(px, py) // ECharts' symbol of no size: a point, drawing nothing
				continue
			}
			if g.v[1] != r || g.v[3] != 1 || g.v[4] != 1 || math.Abs(g.v[5]-px) > 1e-3 || g.v[6] == py || math.Abs(g.v[6]-py) > 1e-3 {
				return s, false
			}
			centre := px - r
			if g.v[6] > py {
				centre = px + r
			}
			add(centre-r, py-r)
			add(centre+r, py+r)
			px, py = g.v[5], g.v[6]
		}
	}
	s.box = box
	return s, true
}

// draw returns the pattern's shapes over the box (x0, y0, x1, y1) of user
// space: every tile that meets it, its rectangles joined along rows. ok is
// false for a box of more than maxDecalTiles tiles.
func (p *decalPattern) draw(box [4]float64) (marks string, ok bool) {
	x, y, w, h := box[0], box[1], box[2]-box[0], box[3]-box[1]
	// The rectangle's corners in the pattern's space (turned back).
	a := -p.rotate * math.Pi / 180
	sin, cos := math.Sin(a), math.Cos(a)
	minU, minV, maxU, maxV := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, c := range [][2]float64{{x, y}, {x + w, y}, {x, y + h}, {x + w, y + h}} {
		u, v := c[0]*cos-c[1]*sin, c[0]*sin+c[1]*cos
		minU, maxU = math.Min(minU, u), math.Max(maxU, u)
		minV, maxV = math.Min(minV, v), math.Max(maxV, v)
	}
	if tiles := (maxU - minU) / p.w * (maxV - minV) / p.h; !(tiles <= maxDecalTiles) {
		return "", false
	}
	i0, i1 := int(math.Floor(minU/p.w)), int(math.Ceil(maxU/p.w))
	j0, j1 := int(math.Floor(minV/p.h)), int(math.Ceil(maxV/p.h))
	type style struct{ fill, opacity string }
	var styles []style // in the pattern's order
	rects := map[style][][4]float64{}
	paths := map[style]*strings.Builder{}
	for _, s := range p.shapes {
		st := style{s.fill, s.opacity}
		if paths[st] == nil {
			styles = append(styles, st)
			paths[st] = &strings.Builder{}
		}
		for j := j0; j < j1; j++ {
			for i := i0; i < i1; i++ {
				dx, dy := float64(i)*p.w, float64(j)*p.h
				if s.box[2]+dx <= minU || s.box[0]+dx >= maxU || s.box[3]+dy <= minV || s.box[1]+dy >= maxV {
					continue // a mark outside the shape
				}
				if s.rect {
					rects[st] = append(rects[st], [4]float64{s.x + dx, s.y + dy, s.w, s.h})
					continue
				}
				writeShape(paths[st], s.segs, dx, dy)
			}
		}
	}
	// One path for each fill, its rectangles joined: each place is painted
	// once, as the pattern painted it, for ECharts' marks do not overlap
	// (marks that did would be painted once here where the pattern painted
	// them twice).
	var b strings.Builder
	for _, st := range styles {
		d := paths[st]
		for _, r := range mergeRows(rects[st]) {
			fmt.Fprintf(d, "M%s %sh%sv%sh%sZ", num(r[0]), num(r[1]), num(r[2]), num(r[3]), num(-r[2]))
		}
		if d.Len() == 0 {
			continue
		}
		b.WriteString(`<path d="` + d.String() + `"`)
		if p.rotate != 0 {
			b.WriteString(` transform="rotate(` + num(p.rotate) + `)"`)
		}
		b.WriteString(` fill="` + st.fill + `"`)
		if st.opacity != "" {
			b.WriteString(` fill-opacity="` + st.opacity + `"`)
		}
		b.WriteString(`></path>`)
	}
	return b.String(), true
}

// maxDecalTiles bounds the tiles drawn over one shape: a chart's largest
// bar under ECharts' finest decal (1 by 7) is at most 800 by 440 pixels,
// whose box turned 45 degrees holds about 110,000.
const maxDecalTiles = 250000

// mergeRows joins rectangles that meet end to end along a row (the same
// top and height) into one.
func mergeRows(rs [][4]float64) [][4]float64 {
	sort.Slice(rs, func(a, b int) bool {
		if rs[a][1] != rs[b][1] {
			return rs[a][1] < rs[b][1]
		}
		if rs[a][3] != rs[b][3] {
			return rs[a][3] < rs[b][3]
		}
		return rs[a][0] < rs[b][0]
	})
	var out [][4]float64
	for _, r := range rs {
		if k := len(out) - 1; k >= 0 && out[k][1] == r[1] && out[k][3] == r[3] && r[0] <= out[k][0]+out[k][2]+1e-9 {
			out[k][2] = math.Max(out[k][2], r[0]+r[2]-out[k][0])
			continue
		}
		out = append(out, r)
	}
	return out
}

// writeShape writes a shape's path moved by (dx, dy).
func writeShape(b *strings.Builder, segs []decalSeg, dx, dy float64) {
	for _, g := range segs {
		b.WriteByte(g.cmd)
		switch g.cmd {
		case 'M', 'L':
			b.WriteString(num(g.v[0]+dx) + " " + num(g.v[1]+dy))
		case 'A':
			v := g.v
			b.WriteString(num(v[0]) + " " + num(v[1]) + " " + num(v[2]) + " " + num(v[3]) + " " + num(v[4]) + " " + num(v[5]+dx) + " " + num(v[6]+dy))
		}
	}
}

// num writes a coordinate to 4 decimal places, without trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}
