package inputs

import (
	"slices"
	"testing"

	"github.com/carecast/carecast"
)

// The PlaceCodes table read: codes upper-cased, categories by key or
// label; a table with rows replaces the Department's codes.
func TestDecodePlaceCodes(t *testing.T) {
	s, warns, err := Decode(csvBook(with(map[string]string{
		"placecodes.csv": "place,category,description\n" +
			"K2,residential,Children's home\n" +
			"k3,Children's homes and residential care homes,A new code\n" +
			"U4,fostering,\n",
	})))
	if err != nil || len(warns) > 0 {
		t.Fatalf("errors %v, warnings %s", err, problems(warns))
	}
	want := []carecast.PlaceCode{{Code: "K2", Category: "residential", Description: "Children's home"},
		{Code: "K3", Category: "residential", Description: "A new code"}, {Code: "U4", Category: "fostering"}}
	if !slices.Equal(s.PlaceCodes, want) {
		t.Errorf("PlaceCodes %v; want %v", s.PlaceCodes, want)
	}
	s, _, err = Decode(csvBook(with(map[string]string{"placecodes.csv": "place,category,description\n"})))
	if err != nil || s.PlaceCodes != nil {
		t.Errorf("an empty table: PlaceCodes %v, err %v; want none (the defaults)", s.PlaceCodes, err)
	}
}

func TestDecodePlaceCodesErrors(t *testing.T) {
	_, _, err := Decode(csvBook(with(map[string]string{
		"placecodes.csv": "place,category\n" +
			"K2,residential\n" +
			"K2,fostering\n" + // 3
			"K22,fostering\n" + // 4
			",fostering\n" + // 5
			"U4,foster care\n" + // 6
			"U5,\n", // 7
	})))
	want := `placecodes.csv:3: column place: PLACE code K2 appears twice (first on row 2); expected it once
placecodes.csv:4: column place: not a PLACE code: found "K22"; expected a capital letter then a capital letter or digit, such as K2
placecodes.csv:5: column place: missing value; expected a PLACE code such as K2
placecodes.csv:6: column category: unknown category: found "foster care"; expected one of fostering, adoption, parents, residential, secure, supported, other_residential, temporary, other
placecodes.csv:7: column category: missing value; expected one of fostering, adoption, parents, residential, secure, supported, other_residential, temporary, other`
	if err == nil || err.Error() != want {
		t.Errorf("errors:\n%v\nwant:\n%s", err, want)
	}
}
