package ssda903

import (
	"slices"
)

// cleaned is a council's episodes with the years combined as the
// published demand model combines them (docs/methodology.md §17, MODEL
// §13): sorted by child, DECOM and DEC (open episodes first); of a child's
// episodes starting on the same day the last kept; of those ending on the
// same day the first kept; an episode that overlaps the child's next one
// ending where the next begins.
type cleaned struct {
	episodes   []episode // sorted by child, then start
	duplicates int       // dropped
	overlaps   int       // shortened
	first      int32     // the earliest DECOM
	last       int32     // the latest date in the files
}

// clean combines the years of one council's episodes. Open episodes then
// run to the latest date in the data: their end is last+1, as an episode
// covers the days DECOM <= d < DEC.
func clean(c *council) *cleaned {
	eps := slices.Clone(c.episodes)
	// The end an open episode sorts by: before every date.
	endKey := func(e *episode) int32 {
		if e.end == openEnd {
			return -openEnd
		}
		return e.end
	}
	slices.SortStableFunc(eps, func(a, b episode) int {
		switch {
		case a.child != b.child:
			return cmp32(a.child, b.child)
		case a.start != b.start:
			return cmp32(a.start, b.start)
		}
		return cmp32(endKey(&a), endKey(&b))
	})
	out := &cleaned{first: c.earliest, last: c.latest}
	kept := eps[:0]
	for i := 0; i < len(eps); {
		// One child's episodes: [i, j).
		j := i + 1
		for j < len(eps) && eps[j].child == eps[i].child {
			j++
		}
		from := len(kept)
		for k := i; k < j; k++ {
			// Of episodes starting on the same day, the last (the latest
			// DEC, an open one before any closed) is kept.
			if k+1 < j && eps[k+1].start == eps[k].start {
				out.duplicates++
				continue
			}
			// Of closed episodes ending on the same day, the first (the
			// earliest DECOM) is kept.
			dup := false
			if eps[k].end != openEnd {
				for _, p := range kept[from:] {
					if p.end == eps[k].end {
						dup = true
						break
					}
				}
			}
			if dup {
				out.duplicates++
				continue
			}
			kept = append(kept, eps[k])
		}
		// An episode that runs past the child's next one's start (or is
		// open, with one after it) ends where the next begins.
		mine := kept[from:]
		for k := 0; k+1 < len(mine); k++ {
			if mine[k].end == openEnd || mine[k].end > mine[k+1].start {
				mine[k].end = mine[k+1].start
				out.overlaps++
			}
		}
		i = j
	}
	for k := range kept {
		if kept[k].end == openEnd {
			kept[k].end = out.last + 1
		}
	}
	out.episodes = kept
	return out
}

func cmp32(a, b int32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
