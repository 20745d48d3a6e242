package workbook

import (
	"path/filepath"
	"testing"

	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/inputs"
	"github.com/carecast/carecast/ledger"
	"github.com/xuri/excelize/v2"
)

// Every sheet prints landscape on A4; all but the timeline sheets fit one
// page wide, so a printed Summary keeps its figures beside their labels.
func TestWorkbookPrintLayout(t *testing.T) {
	res, err := forecast.Run(inputs.BuiltInScenario())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), FileName)
	if err := Write(path, nil, Contents{Result: res, Postings: ledger.Build(res).Postings}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		props, err := f.GetSheetProps(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 {
			t.Errorf("%s: orientation %v size %v, want landscape A4 (9)", sheet, deref(pl.Orientation), deref(pl.Size))
		}
		fits := props.FitToPage != nil && *props.FitToPage && pl.FitToWidth != nil && *pl.FitToWidth == 1
		wantFit := sheet != "Timeline" && sheet != "Pooled fund"
		if fits != wantFit {
			t.Errorf("%s: fitted one page wide = %v, want %v", sheet, fits, wantFit)
		}
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
