// Package ssda903 reads councils' SSDA903 returns (the looked-after
// children return every English council sends the Department for
// Education each year) and turns them into demand: how many of a council's
// children are, on average, in the chosen placement types each month, and
// a projection of that number forward with its spread
// (docs/methodology.md §17).
//
// The files are personal data. This package reads them and keeps, while it
// works, each child's episodes and date of birth, under a number it gives
// the child; it never keeps the child's identifier past the reading of a
// council's files, never puts an identifier, a date of birth or a postcode
// into a message, and returns aggregates only (carecast.DemandStudy). A
// message names the file, the line and the field; it quotes a value only
// for the fields that carry no personal data (an episode's dates, a PLACE
// code of the right shape).
package ssda903

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/carecast/carecast"
)

// Limits on what one file may hold: far above any council's return (a
// year's episodes of the largest council are a few thousand rows, under a
// megabyte), far below what would exhaust memory.
const (
	MaxRows      = 1_000_000
	MaxFileBytes = 256 << 20
	maxChildLen  = 64
	// MaxProblems are listed; the rest are counted.
	MaxProblems = 200
)

// Problem is one thing wrong with a council's files, located at its file
// and line: "HAV/2019-episodes.csv:412: DEC 2019-03-01 is before DECOM
// 2019-05-04".
type Problem struct {
	Loc string
	Msg string
}

func (p Problem) String() string {
	if p.Loc == "" {
		return p.Msg
	}
	return p.Loc + ": " + p.Msg
}

// Errors is every error found in the councils' files, each on a line.
type Errors struct {
	Problems []Problem
	// More counts those found beyond MaxProblems, not listed.
	More int
}

func (e *Errors) Error() string {
	lines := make([]string, 0, len(e.Problems)+1)
	for _, p := range e.Problems {
		lines = append(lines, p.String())
	}
	if e.More > 0 {
		lines = append(lines, "... and "+carecast.GroupThousands(strconv.Itoa(e.More))+" more")
	}
	return strings.Join(lines, "\n")
}

// problems collects a council's problems, keeping the first MaxProblems.
type problems struct {
	list []Problem
	more int
}

func (p *problems) add(loc, msg string) {
	if len(p.list) >= MaxProblems {
		p.more++
		return
	}
	p.list = append(p.list, Problem{loc, msg})
}

func (p *problems) count() int { return len(p.list) + p.more }

// Location of a placement and distance from home, as the files say them.
const (
	unknown = iota
	inside  // PL_LOCATION IN; PL_DISTANCE 20 miles or less
	outside // PL_LOCATION OUT; PL_DISTANCE over 20 miles
)

// openEnd marks an episode with no DEC (still open) until the latest date
// in the council's data is known.
const openEnd = int32(1<<31 - 1)

// episode is one row of an Episodes file, as days since 1970-01-01.
type episode struct {
	child      int32 // the council's own number for the child
	start, end int32 // DECOM, DEC (openEnd: blank)
	place      uint8 // index into the PLACE code table
	loc, dist  uint8 // unknown, inside, outside
	la         int32 // PL_LA, interned; -1 blank
	file       int32 // index into council.files
	line       int32
}

// council is what was read from one council's folder: its episodes and
// each child's date of birth (by the child's number), and nothing else.
type council struct {
	files    []string
	digests  []carecast.Digest // of each file read, for the outputs' provenance
	episodes []episode
	dob      []int32 // -1: no header row
	dobFile  []int32 // the header row that gave it: its file
	dobAt    []int32 // and its line
	laHome   int32   // PL_LA of the council's own area, -1 unknown
	latest   int32   // the latest date in the files
	earliest int32
	warnings []Problem
	// refused is true when a header file could not be used (its dates
	// in US order): the children it would have dated are not listed.
	refused bool
}

// codes maps PLACE codes to their index in the table.
type codes map[string]uint8

// episodeCols are the Episodes columns read; the others (RNE, LS, CIN,
// REC, HOME_POST, PL_POST, URN ...) are never read, so never held.
var episodeCols = []string{"CHILD", "DECOM", "PLACE", "DEC", "PL_LOCATION", "PL_DISTANCE", "PL_LA"}

const (
	eChild = iota
	eDecom
	ePlace
	eDec
	eLocation
	eDistance
	eLA
)

var episodeRequired = []bool{true, true, true, true, false, false, false}

var headerCols = []string{"CHILD", "DOB"}

var headerRequired = []bool{true, true}

// kindOf says whether a file name is an Episodes or a Header table:
// "episodes" or "header" in the name (2019-episodes.csv, header_2019.csv),
// but not the social workers' episodes of later returns (sw_episodes.csv).
func kindOf(name string) string {
	n := strings.ToLower(name)
	if !strings.HasSuffix(n, ".csv") {
		return ""
	}
	sw := strings.Contains(n, "sw_episodes") || strings.Contains(n, "sw-episodes") || strings.Contains(n, "swepisodes") || strings.Contains(n, "sw episodes")
	ep := strings.Contains(n, "episodes") && !sw
	hd := strings.Contains(n, "header")
	switch {
	case ep && hd:
		return "both"
	case ep:
		return "episodes"
	case hd:
		return "header"
	}
	return ""
}

// readCouncil reads one council's folder (and the folders in it): every
// Episodes and Header file, whatever the year.
func readCouncil(dir string, table codes, probs *problems) *council {
	c := &council{laHome: -1}
	fi, err := os.Stat(dir)
	switch {
	case err != nil && errors.Is(err, fs.ErrNotExist):
		probs.add(dir, "no such folder")
		return nil
	case err != nil:
		probs.add(dir, "cannot read: "+safeErr(err))
		return nil
	case !fi.IsDir():
		probs.add(dir, "not a folder; give the folder that holds the council's header and episodes files")
		return nil
	}
	var episodesFiles, headerFiles []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			probs.add(path, "cannot read: "+safeErr(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		switch kindOf(d.Name()) {
		case "episodes":
			episodesFiles = append(episodesFiles, path)
		case "header":
			headerFiles = append(headerFiles, path)
		case "both":
			probs.add(path, `the name says both "header" and "episodes"; name each file for one table, e.g. header_2019.csv and episodes_2019.csv`)
		default:
			if ext := strings.ToLower(filepath.Ext(d.Name())); (ext == ".xlsx" || ext == ".xls") && (strings.Contains(strings.ToLower(d.Name()), "episodes") || strings.Contains(strings.ToLower(d.Name()), "header")) {
				probs.add(path, "a spreadsheet, not CSV; save it as CSV (UTF-8) as the Department publishes the return")
			}
		}
		return nil
	})
	if err != nil {
		probs.add(dir, "cannot read: "+safeErr(err))
	}
	if len(episodesFiles) == 0 {
		probs.add(dir, "no episodes file: expected a CSV file with \"episodes\" in its name (episodes_2019.csv), one a year")
	}
	if len(headerFiles) == 0 {
		probs.add(dir, "no header file: expected a CSV file with \"header\" in its name (header_2019.csv), one a year; the children's ages come from it")
	}
	if len(episodesFiles) == 0 || len(headerFiles) == 0 {
		return nil
	}
	sort.Strings(episodesFiles)
	sort.Strings(headerFiles)
	ids := map[string]int32{}
	childOf := func(id string) int32 {
		if n, ok := ids[id]; ok {
			return n
		}
		n := int32(len(ids))
		ids[id] = n
		c.dob = append(c.dob, -1)
		c.dobAt = append(c.dobAt, 0)
		c.dobFile = append(c.dobFile, -1)
		return n
	}
	la := map[string]int32{}
	c.earliest, c.latest = openEnd, -openEnd
	for _, path := range headerFiles {
		c.readHeader(path, childOf, probs)
	}
	for _, path := range episodesFiles {
		c.readEpisodes(path, childOf, table, la, probs)
	}
	// The children's identifiers are not kept beyond this point.
	clear(ids)
	// A child in the episodes must have a date of birth: the first
	// episode row of each child without one is reported.
	missing := map[int32]bool{}
	for _, e := range c.episodes {
		if c.dob[e.child] < 0 && !missing[e.child] && !c.refused {
			missing[e.child] = true
			probs.add(c.loc(e.file, e.line), "CHILD has no row in any header file, so the child's age is not known; every child in the episodes needs a header row with its DOB")
		}
	}
	for _, e := range c.episodes {
		if d := c.dob[e.child]; d >= 0 && e.start < d {
			probs.add(c.loc(e.file, e.line), fmt.Sprintf("DECOM %s is before the child's date of birth (%s: DOB)", dayString(e.start), c.loc(c.dobFile[e.child], c.dobAt[e.child])))
		}
	}
	c.homeLA()
	return c
}

// loc is file:line of a row.
func (c *council) loc(file, line int32) string {
	if file < 0 || int(file) >= len(c.files) {
		return ""
	}
	return fmt.Sprintf("%s:%d", c.files[file], line)
}

// homeLA works out the PL_LA code of the council's own area, for the
// episodes whose PL_LOCATION is blank: the one PL_LA of the episodes the
// files mark IN, if they agree; otherwise location stays unknown where
// PL_LOCATION is blank. No postcode is ever looked at.
func (c *council) homeLA() {
	home := int32(-1)
	for _, e := range c.episodes {
		if e.loc != inside || e.la < 0 {
			continue
		}
		if home >= 0 && home != e.la {
			home = -2
			break
		}
		if home == -1 {
			home = e.la
		}
	}
	if home < 0 {
		return
	}
	c.laHome = home
	for i := range c.episodes {
		e := &c.episodes[i]
		if e.loc == unknown && e.la >= 0 {
			e.loc = outside
			if e.la == home {
				e.loc = inside
			}
		}
	}
}

// table is a CSV file being read: its header matched to the columns
// wanted.
type tableReader struct {
	path  string
	r     *csv.Reader
	cols  []int // index of each wanted column in the record, -1 absent
	rows  int
	limit *limitedReader
	sum   hash.Hash // of every byte read
}

// digest is the SHA-256 of the file, once it has been read to its end.
func (t *tableReader) digest() carecast.Digest {
	return carecast.Digest{Name: t.path, SHA256: hex.EncodeToString(t.sum.Sum(nil))}
}

// openTable opens path and matches its first row to want. It reports
// what is wrong and returns nil when the file cannot be read as that
// table.
func openTable(path string, want []string, required []bool, what string, probs *problems) (*tableReader, func()) {
	f, err := os.Open(path)
	if err != nil {
		probs.add(path, "cannot read: "+safeErr(err))
		return nil, nil
	}
	closeF := func() { f.Close() }
	sum := sha256.New()
	lr := &limitedReader{r: io.TeeReader(f, sum), n: MaxFileBytes}
	br := bufio.NewReaderSize(lr, 64<<10)
	// UTF-16, as Excel's "Unicode text" writes it, is refused; a UTF-8
	// byte-order mark is skipped.
	if b, _ := br.Peek(3); len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		probs.add(path, "the file is UTF-16; save it as CSV (UTF-8)")
		closeF()
		return nil, nil
	} else if bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	t := &tableReader{path: path, r: r, limit: lr, sum: sum}
	head, err := r.Read()
	if err == io.EOF {
		probs.add(path, "the file is empty; expected the "+what+" table with a first row of column names ("+strings.Join(want, ", ")+")")
		closeF()
		return nil, nil
	}
	if err != nil {
		probs.add(t.errLoc(err), t.readErr(err))
		closeF()
		return nil, nil
	}
	t.cols = make([]int, len(want))
	for i := range t.cols {
		t.cols[i] = -1
	}
	for j, h := range head {
		k := strings.ToUpper(strings.TrimSpace(h))
		for i, w := range want {
			if k != w {
				continue
			}
			if t.cols[i] >= 0 {
				probs.add(path+":1", fmt.Sprintf("column %s appears twice (columns %d and %d); expected it once", w, t.cols[i]+1, j+1))
			}
			t.cols[i] = j
		}
	}
	var missing []string
	for i, w := range want {
		if required[i] && t.cols[i] < 0 {
			missing = append(missing, w)
		}
	}
	if len(missing) > 0 {
		// The first row is not quoted back: in a file without a header
		// row it is a child's data.
		probs.add(path+":1", fmt.Sprintf("missing column%s %s; the first row must be the Department's column names for the %s table (%s, ...)",
			plural(len(missing)), strings.Join(missing, ", "), what, strings.Join(want[:min(4, len(want))], ", ")))
		closeF()
		return nil, nil
	}
	return t, closeF
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// next reads the next data row: its line and fields (cells of the wanted
// columns, "" where absent), or ok false at the end of the file or when
// it cannot be read further (reported).
func (t *tableReader) next(fields []string, probs *problems) (line int, ok bool) {
	for {
		rec, err := t.r.Read()
		if err == io.EOF {
			return 0, false
		}
		if err != nil {
			probs.add(t.errLoc(err), t.readErr(err))
			return 0, false
		}
		line, _ = t.r.FieldPos(0)
		blank := true
		for _, v := range rec {
			if strings.TrimSpace(v) != "" {
				blank = false
				break
			}
		}
		if blank {
			continue
		}
		t.rows++
		if t.rows > MaxRows {
			probs.add(fmt.Sprintf("%s:%d", t.path, line), fmt.Sprintf("more than %s rows; one council's return for a year holds a few thousand, so this is not one; the rest of the file is not read",
				carecast.GroupThousands(strconv.Itoa(MaxRows))))
			return 0, false
		}
		for i, c := range t.cols {
			fields[i] = ""
			if c >= 0 && c < len(rec) {
				fields[i] = strings.TrimSpace(rec[c])
			}
		}
		return line, true
	}
}

// errLoc locates a reading error at its line.
func (t *tableReader) errLoc(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) && !errors.Is(err, errTooLarge) {
		return fmt.Sprintf("%s:%d", t.path, pe.Line)
	}
	return t.path
}

// readErr says what stops a file being read, without quoting it.
func (t *tableReader) readErr(err error) string {
	var pe *csv.ParseError
	switch {
	case errors.Is(err, errTooLarge):
		return fmt.Sprintf("larger than %d MB; one council's return for a year is well under a megabyte, so this is not one; the rest of the file is not read", MaxFileBytes>>20)
	case errors.As(err, &pe):
		return "not valid CSV (" + pe.Err.Error() + "); the rest of the file is not read"
	}
	return "cannot read: " + safeErr(err)
}

// safeErr is an operating-system error without the path (which the
// message names already).
func safeErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

var errTooLarge = errors.New("file too large")

// limitedReader fails, rather than ending quietly, after n bytes.
type limitedReader struct {
	r io.Reader
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// usOrder notes the dates of one file in US order (month first).
type usOrder struct {
	count     int
	firstLine int
	firstText string // quoted only for an episode's dates
	field     string
}

func (u *usOrder) note(field string, line int, text string) {
	if u.count == 0 {
		u.firstLine, u.firstText, u.field = line, text, field
	}
	u.count++
}

// report says, once for the file, that its dates are month first.
func (u *usOrder) report(path string, personal bool, probs *problems) {
	what := fmt.Sprintf("%s %s is month first (US order)", u.field, u.firstText)
	if personal {
		what = u.field + " is month first (US order)"
	}
	more := ""
	if u.count > 1 {
		more = fmt.Sprintf(", as %s more in this file are", carecast.GroupThousands(strconv.Itoa(u.count-1)))
	}
	probs.add(fmt.Sprintf("%s:%d", path, u.firstLine), what+more+"; the Department publishes dd/mm/yyyy: export the file again with UK dates (day first). The file's other checks wait until then.")
}

// readHeader reads a Header file: each child's date of birth.
func (c *council) readHeader(path string, childOf func(string) int32, probs *problems) {
	t, done := openTable(path, headerCols, headerRequired, "Header", probs)
	if t == nil {
		return
	}
	defer done()
	file := int32(len(c.files))
	c.files = append(c.files, path)
	fields := make([]string, len(headerCols))
	var us usOrder
	var local problems
	seen := map[int32]int{}
	type dobRow struct{ child, dob, line int32 }
	var rows []dobRow
	for {
		line, ok := t.next(fields, probs)
		if !ok {
			break
		}
		loc := fmt.Sprintf("%s:%d", path, line)
		id := fields[0]
		switch {
		case id == "":
			local.add(loc, "CHILD is blank; expected the child's identifier")
			continue
		case len(id) > maxChildLen:
			local.add(loc, fmt.Sprintf("CHILD is longer than %d characters; expected the child's identifier", maxChildLen))
			continue
		}
		child := childOf(id)
		if first, dup := seen[child]; dup {
			local.add(loc, fmt.Sprintf("a second row for the same CHILD in this file (the first is line %d); expected one a child", first))
			continue
		}
		seen[child] = line
		d, res := parseDate(fields[1])
		switch res {
		case dateBlank:
			local.add(loc, "DOB is blank; expected the child's date of birth, dd/mm/yyyy")
			continue
		case dateUS:
			us.note("DOB", line, "")
			continue
		case dateBad:
			local.add(loc, "DOB is not a date; expected dd/mm/yyyy") // never quoted
			continue
		}
		rows = append(rows, dobRow{child, d, int32(line)})
	}
	c.digests = append(c.digests, t.digest())
	if us.count > 0 {
		us.report(path, true, probs)
		c.refused = true
		return
	}
	for _, p := range local.list {
		probs.add(p.Loc, p.Msg)
	}
	probs.more += local.more
	for _, r := range rows {
		if prev := c.dob[r.child]; prev >= 0 && prev != r.dob {
			c.warnings = append(c.warnings, Problem{fmt.Sprintf("%s:%d", path, r.line),
				fmt.Sprintf("DOB differs from the same child's in %s; the later file's is used", c.loc(c.dobFile[r.child], c.dobAt[r.child]))})
		}
		c.dob[r.child], c.dobAt[r.child], c.dobFile[r.child] = r.dob, r.line, file
	}
}

// readEpisodes reads an Episodes file.
func (c *council) readEpisodes(path string, childOf func(string) int32, table codes, la map[string]int32, probs *problems) {
	t, done := openTable(path, episodeCols, episodeRequired, "Episodes", probs)
	if t == nil {
		return
	}
	defer done()
	file := int32(len(c.files))
	c.files = append(c.files, path)
	fields := make([]string, len(episodeCols))
	var us usOrder
	var local problems
	start := len(c.episodes)
	earliest, latest := c.earliest, c.latest
	for {
		line, ok := t.next(fields, probs)
		if !ok {
			break
		}
		loc := fmt.Sprintf("%s:%d", path, line)
		bad := false
		id := fields[eChild]
		switch {
		case id == "":
			local.add(loc, "CHILD is blank; expected the child's identifier")
			bad = true
		case len(id) > maxChildLen:
			local.add(loc, fmt.Sprintf("CHILD is longer than %d characters; expected the child's identifier", maxChildLen))
			bad = true
		}
		date := func(field, text string, blankOK bool) (int32, bool) {
			d, res := parseDate(text)
			switch res {
			case dateBlank:
				if blankOK {
					return openEnd, true
				}
				local.add(loc, field+" is blank; expected the date the episode began, dd/mm/yyyy")
				return 0, false
			case dateUS:
				us.note(field, line, text)
				return 0, false
			case dateBad:
				if dateShaped(text) {
					local.add(loc, fmt.Sprintf("%s %s is not a date; expected dd/mm/yyyy", field, text))
				} else {
					local.add(loc, field+" is not a date; expected dd/mm/yyyy")
				}
				return 0, false
			}
			return d, true
		}
		startDay, okStart := date("DECOM", fields[eDecom], false)
		endDay, okEnd := date("DEC", fields[eDec], true)
		bad = bad || !okStart || !okEnd
		if okStart && okEnd && endDay != openEnd && endDay < startDay {
			local.add(loc, fmt.Sprintf("DEC %s is before DECOM %s", dayString(endDay), dayString(startDay)))
			bad = true
		}
		pl, okPlace := placementOf(fields, table, la, loc, &local)
		if bad || !okPlace {
			continue
		}
		c.episodes = append(c.episodes, episode{child: childOf(id), start: startDay, end: endDay, place: pl.place,
			loc: pl.loc, dist: pl.dist, la: pl.la, file: file, line: int32(line)})
		earliest = min(earliest, startDay)
		latest = max(latest, startDay)
		if endDay != openEnd {
			latest = max(latest, endDay)
		}
	}
	c.digests = append(c.digests, t.digest())
	if us.count > 0 {
		// The file's dates cannot be trusted: none of its rows is used.
		c.episodes = c.episodes[:start]
		us.report(path, false, probs)
		return
	}
	for _, p := range local.list {
		probs.add(p.Loc, p.Msg)
	}
	probs.more += local.more
	c.earliest, c.latest = earliest, latest
}

// placement is an episode's placement fields, read: its PLACE code's
// index in the table, whether it is inside or outside the council's area
// (PL_LOCATION) and within or over 20 miles from home (PL_DISTANCE), and
// the index of its PL_LA.
type placement struct {
	place, loc, dist uint8
	la               int32
}

// placementOf reads an episode's placement fields; a problem with them is
// added to local at loc, and ok is false.
func placementOf(fields []string, table codes, la map[string]int32, loc string, local *problems) (pl placement, ok bool) {
	bad := false
	place := strings.ToUpper(fields[ePlace])
	pi, known := table[place]
	switch {
	case place == "":
		local.add(loc, "PLACE is blank; expected a placement type such as K2")
		bad = true
	case !known && carecast.ValidPlaceCode(place):
		local.add(loc, fmt.Sprintf("unknown PLACE code %s; expected one of the PlaceCodes table (docs/methodology.md §17); add a new code to the PlaceCodes sheet of the scenario given by --horizon", place))
		bad = true
	case !known:
		// Not the shape of a code: it is not quoted, as it might be anything.
		local.add(loc, "PLACE is not a placement type (not shown: a PLACE code is a letter and a letter or digit, such as K2)")
		bad = true
	}
	var where uint8
	switch strings.ToUpper(fields[eLocation]) {
	case "":
	case "IN":
		where = inside
	case "OUT":
		where = outside
	default:
		local.add(loc, "PL_LOCATION is not IN or OUT (not shown); expected IN (inside the council's area), OUT or blank")
		bad = true
	}
	var far uint8
	if s := fields[eDistance]; s != "" {
		miles, err := strconv.ParseFloat(s, 64)
		switch {
		case err != nil || miles < 0 || miles != miles:
			local.add(loc, "PL_DISTANCE is not a distance in miles (not shown); expected a number such as 12.5, or blank")
			bad = true
		case miles > 20:
			far = outside
		default:
			far = inside
		}
	}
	laIndex := int32(-1)
	if s := strings.ToUpper(fields[eLA]); s != "" {
		n, ok := la[s]
		if !ok {
			n = int32(len(la))
			la[s] = n
		}
		laIndex = n
	}
	return placement{place: pi, loc: where, dist: far, la: laIndex}, !bad
}
