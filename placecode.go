package carecast

import "strings"

// SSDA903 placement types (docs/methodology.md §17). Every English council
// returns the SSDA903 to the Department for Education each year: an
// Episodes table whose PLACE field says where a looked-after child lives,
// as a two-character code. The demand study (carecast demand 903) counts
// the children in chosen PLACE codes and projects how they move between
// categories of placement; PlaceCode is one line of the table that says
// which category each code belongs to. The template carries the table as
// its PlaceCodes sheet, so that a council can add a code the Department
// introduces; without that sheet (or with it empty) DefaultPlaceCodes
// apply.

// PlaceCode is one SSDA903 PLACE code and the category of placement it
// belongs to (one of PlaceCategories' keys).
type PlaceCode struct {
	Code        string // two characters, upper case: K2
	Category    string // a PlaceCategories key: residential
	Description string // the Department's wording, shortened
}

// PlaceCategory is a category of placement, by which the demand study
// counts moves between placements.
type PlaceCategory struct {
	Key   string // residential
	Label string // Children's homes and residential care
}

// PlaceCategories are the categories of placement, in the order outputs
// list them.
var PlaceCategories = []PlaceCategory{
	{"fostering", "Foster placements"},
	{"adoption", "Placed for adoption"},
	{"parents", "Placed with parents"},
	{"residential", "Children's homes and residential care homes"},
	{"secure", "Secure children's homes"},
	{"supported", "Supported and independent living"},
	{"other_residential", "Residential schools, health, family centres and custody"},
	{"temporary", "Temporary placements"},
	{"other", "Other placements"},
}

// PlaceCategoryLabel is the label of category key k, or k when it is not
// one.
func PlaceCategoryLabel(k string) string {
	for _, c := range PlaceCategories {
		if c.Key == k {
			return c.Label
		}
	}
	return k
}

// ParsePlaceCategory finds a category by its key or label, ignoring case,
// spaces, hyphens and underscores.
func ParsePlaceCategory(s string) (string, bool) {
	k := placeKey(s)
	for _, c := range PlaceCategories {
		if placeKey(c.Key) == k || placeKey(c.Label) == k {
			return c.Key, true
		}
	}
	return "", false
}

func placeKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case ' ', '-', '_', '\t':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// PlaceCodeK2 is the PLACE code of a children's home, the placements a
// block contract of residential rooms serves: the demand study's default.
const PlaceCodeK2 = "K2"

// DefaultPlaceCodes is the Department's list of PLACE codes (SSDA903
// guidance, "Placement type") with carecast's category of each, in the
// order of the guidance. Residential follows the published demand model
// (Data to Insight and Social Finance), which counts K2 and R1 as
// residential care.
func DefaultPlaceCodes() []PlaceCode {
	return []PlaceCode{
		{"A3", "adoption", "Placed for adoption with parental consent, with current foster carer"},
		{"A4", "adoption", "Placed for adoption with parental consent, not with current foster carer"},
		{"A5", "adoption", "Placed for adoption with a placement order, with current foster carer"},
		{"A6", "adoption", "Placed for adoption with a placement order, not with current foster carer"},
		{"H5", "supported", "Semi-independent living accommodation not subject to Children's Homes Regulations"},
		{"K1", "secure", "Secure children's home"},
		{"K2", "residential", "Children's home subject to Children's Homes Regulations"},
		{"P1", "parents", "Placed with own parents or others with parental responsibility"},
		{"P2", "supported", "Independent living, e.g. a flat, lodgings or with friends, with or without support"},
		{"P3", "other_residential", "Residential employment"},
		{"R1", "residential", "Residential care home"},
		{"R2", "other_residential", "NHS or health trust establishment providing medical or nursing care"},
		{"R3", "other_residential", "Family centre or mother and baby unit"},
		{"R5", "other_residential", "Young offender institution or prison"},
		{"S1", "other_residential", "Residential school, except where dual-registered as a children's home"},
		{"T0", "temporary", "Temporary move of any kind"},
		{"T1", "temporary", "Temporary period in hospital"},
		{"T2", "temporary", "Temporary absence on holiday"},
		{"T3", "temporary", "Temporary accommodation while the usual foster carer is on holiday"},
		{"T4", "temporary", "Temporary accommodation of seven days or less"},
		{"U1", "fostering", "Foster placement with relative or friend, long-term fostering"},
		{"U2", "fostering", "Foster placement with relative or friend who is also an approved adopter"},
		{"U3", "fostering", "Foster placement with relative or friend, not long-term or for adoption"},
		{"U4", "fostering", "Foster placement with another foster carer, long-term fostering"},
		{"U5", "fostering", "Foster placement with another foster carer who is also an approved adopter"},
		{"U6", "fostering", "Foster placement with another foster carer, not long-term or for adoption"},
		{"Z1", "other", "Other placement"},
	}
}

// ValidPlaceCode reports whether s has the shape of a PLACE code: two
// characters, a capital letter then a capital letter or digit. Only a value
// of that shape is ever quoted back in a message: anything else in the
// field might be a child's identifier.
func ValidPlaceCode(s string) bool {
	if len(s) != 2 {
		return false
	}
	a, b := s[0], s[1]
	return a >= 'A' && a <= 'Z' && (b >= 'A' && b <= 'Z' || b >= '0' && b <= '9')
}
