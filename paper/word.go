package paper

import (
	"fmt"
	"io"
	"time"

	"github.com/carecast/carecast/internal/docx"
)

// WriteDocx writes the paper as a Word document. Figures must have their
// PNG (see Rasterize). The prepared date stamps the document's properties
// and its zip entries, so the same paper gives the same bytes.
func (p *Paper) WriteDocx(w io.Writer, prov Provenance) error {
	subject := p.Subject
	if subject == "" {
		subject = "Financial implications"
	}
	d := &docx.Document{
		Title:       p.Title,
		Subject:     subject,
		Creator:     "carecast " + prov.Version,
		Keywords:    "carecast; joint commissioning; children's residential care",
		Description: p.Subtitle,
		Created:     prov.Prepared.Time().Add(12 * time.Hour),
		Footer:      p.Title,
	}
	d.Body = append(d.Body, docx.Paragraph{Style: "Title", Runs: []docx.Run{{Text: p.Title}}}, docx.Paragraph{Runs: []docx.Run{{Text: p.Subtitle, Italic: true}}})
	for _, bl := range p.Blocks {
		switch bl := bl.(type) {
		case Heading:
			d.Body = append(d.Body, docx.Heading{Level: bl.Level, Text: bl.Text, Numbered: bl.Num != ""})
		case Para:
			para := docx.Paragraph{Runs: []docx.Run{{Text: bl.Text}}, Numbered: bl.Num != "", KeepNext: bl.KeepNext}
			switch {
			case bl.Prompt:
				para.Style = "Prompt"
				para.Runs[0].Bold = true
			case bl.Note:
				para.Style = "Note"
			}
			d.Body = append(d.Body, para)
		case *Table:
			d.Body = append(d.Body, docx.Paragraph{Style: "Caption", Runs: []docx.Run{{Text: bl.Caption()}}, KeepNext: true}, wordTable(bl))
		case *Figure:
			if len(bl.PNG) == 0 {
				return fmt.Errorf("paper: %s (%s) has no PNG: rasterize the figures first", bl.ID, bl.Title)
			}
			d.Body = append(d.Body,
				docx.Paragraph{Style: "Caption", Runs: []docx.Run{{Text: bl.ID + ": " + bl.Title}}, KeepNext: true},
				docx.Image{PNG: bl.PNG, Name: bl.ID + " " + bl.Name, Alt: bl.Alt, Width: docx.TextWidth},
				docx.Paragraph{Runs: []docx.Run{{Text: bl.Caption + " " + bl.Basis}}},
				docx.Paragraph{Style: "Caption", Runs: []docx.Run{{Text: bl.Data.Caption()}}, KeepNext: true},
				wordTable(bl.Data))
		case PageBreak:
			d.Body = append(d.Body, docx.PageBreak{})
		default:
			return fmt.Errorf("paper: unknown block %T", bl)
		}
	}
	return docx.Write(w, d)
}

func wordTable(t *Table) docx.Table {
	cols := len(t.Header)
	wt := docx.Table{Caption: t.Caption(), Description: t.Summary, Header: [][]string{t.Header}, Rows: t.Rows, Totals: t.Totals,
		KeepTogether: t.short()}
	wt.Align = make([]docx.Align, cols)
	for i := range wt.Align {
		if i < len(t.Right) && t.Right[i] {
			wt.Align[i] = docx.Right
		}
	}
	if len(t.Widths) == cols {
		sum := 0
		for _, w := range t.Widths {
			sum += w
		}
		wt.Widths = make([]int, cols)
		for i, w := range t.Widths {
			wt.Widths[i] = docx.TextWidth * w / sum
		}
	}
	return wt
}
