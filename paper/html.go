package paper

import (
	"encoding/base64"
	"html/template"
	"io"
	"strings"
)

// WriteHTML writes the paper as one self-contained HTML page laid out for
// printing on A4 (see PrintStyle): headings h1 to h3, real tables with
// header rows that repeat on every printed page, and each chart as an SVG
// image with its alternative text, followed by its data table. It loads
// nothing: the charts are data: URLs, and the page's policy forbids
// scripts.
func (p *Paper) WriteHTML(w io.Writer) error {
	return htmlTemplate.Execute(w, p)
}

// FooterTemplate is the footer Chromium prints on every page of the PDF.
const FooterTemplate = `<div style="font-family: 'Liberation Sans', Arial, sans-serif; font-size: 8pt; width: 100%; margin: 0 2cm; text-align: right; color: #333;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`

var htmlTemplate = template.Must(template.New("paper").Funcs(template.FuncMap{
	"svgURL": func(svg string) template.URL {
		return template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(svg)))
	},
	"kind": func(b Block) string {
		switch b.(type) {
		case Heading:
			return "heading"
		case Para:
			return "para"
		case *Table:
			return "table"
		case *Figure:
			return "figure"
		case PageBreak:
			return "break"
		}
		return ""
	},
	"right": func(t *Table, i int) bool { return i < len(t.Right) && t.Right[i] },
	"lower": strings.ToLower,
	"short": func(t *Table) bool { return t.short() },
}).Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>{{.Title}}</title>
<style>
/* The page is set as Writer sets the Word file (package docx's styles), so
   that both print on the same pages: Normal at 11 pt on 1.1 lines (Arial's
   and Liberation Sans's single line is 1.149 em), 6 pt after a paragraph,
   the larger of two paragraphs' spacings between them (as CSS collapses
   margins), table text at 9 pt on single lines in cells with 1 pt above
   and below, 6 pt (Word's empty Small paragraph) after every table. */
@page { size: A4 portrait; margin: 2cm; }
html { font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.264; color: #000; }
body { margin: 0; }
h1.title { font-size: 20pt; margin: 0 0 12pt; }
/* Chromium's outline and tags take a heading's text as laid out, and drop
   the space where a line breaks ("residentialcare"): kept spaces keep it. */
h1, h2, h3 { white-space: pre-wrap; }
p.subtitle { font-style: italic; margin: 0 0 6pt; }
h1 { font-size: 14pt; margin: 12pt 0 6pt; break-after: avoid; }
h2 { font-size: 13pt; margin: 12pt 0 6pt; break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; }
/* A paragraph keeps its lines on one page, as the Word file's (keepLines):
   the two programs then break the same paragraphs. */
p { margin: 0 0 6pt; break-inside: avoid; }
p.numbered { padding-left: 28.35pt; text-indent: -28.35pt; }
span.num { display: inline-block; width: 28.35pt; text-indent: 0; }
p.note { font-size: 9pt; margin: 3pt 0 8pt; }
p.keep { break-after: avoid; }
p.prompt { font-style: italic; font-weight: bold; background: #FFF2CC; border-left: 3pt solid #C00000; padding: 0 0 0 6pt; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; line-height: 1.149; margin: 6pt 0 0; table-layout: fixed; }
div.after-table { height: 6pt; }
/* A short table keeps to one page; a long one breaks between rows, its header repeated. */
table.short { break-inside: avoid; }
thead { display: table-header-group; }
caption { caption-side: top; text-align: left; font-weight: bold; font-size: 10pt; line-height: 1.264; padding: 0 0 3pt; }
th, td { border: 0.5pt solid #808080; padding: 1pt 1.4pt; vertical-align: top; overflow-wrap: break-word; hyphens: manual; }
thead th { background: #D9E2F3; }
tr.total td, tr.total th { font-weight: bold; }
tbody th { font-weight: normal; text-align: left; }
tr { break-inside: avoid; }
td.r, th.r { text-align: right; }
figure { margin: 6pt 0 0; break-inside: avoid; }
figure img { width: 100%; height: auto; display: block; margin: 0 0 3pt; }
figcaption { font-size: 10pt; font-weight: bold; padding: 0 0 3pt; }
p.figtext { font-size: 11pt; }
.break { break-before: page; }
</style>
</head>
<body>
<header>
<h1 class="title">{{.Title}}</h1>
<p class="subtitle">{{.Subtitle}}</p>
</header>
<main>
{{range .Blocks}}{{$k := kind .}}{{if eq $k "heading"}}{{if eq .Level 1}}<h1>{{if .Num}}{{.Num}} {{end}}{{.Text}}</h1>{{else if eq .Level 2}}<h2>{{.Text}}</h2>{{else}}<h3>{{.Text}}</h3>{{end}}
{{else if eq $k "para"}}<p class="{{if .Num}}numbered{{end}}{{if .Prompt}} prompt{{end}}{{if .Note}} note{{end}}{{if .KeepNext}} keep{{end}}">{{if .Num}}<span class="num">{{.Num}}</span>{{end}}{{.Text}}</p>
{{else if eq $k "table"}}{{template "table" .}}
{{else if eq $k "figure"}}<figure>
<figcaption><b>{{.ID}}: {{.Title}}</b></figcaption>
<img src="{{svgURL .SVG}}" alt="{{.Alt}}" width="{{.Width}}" height="{{.Height}}">
<p class="figtext">{{.Caption}} {{.Basis}}</p>
</figure>
{{template "table" .Data}}
{{else if eq $k "break"}}<div class="break"></div>
{{end}}{{end}}
</main>
</body>
</html>
{{define "table"}}{{$t := .}}<table{{if short .}} class="short"{{end}}>
<caption>{{if .ID}}{{.ID}}: {{end}}{{.Title}}</caption>
{{if .Widths}}<colgroup>{{range .Widths}}<col style="width: {{.}}%">{{end}}</colgroup>{{end}}
<thead><tr>{{range $i, $h := .Header}}<th scope="col"{{if right $t $i}} class="r"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr>{{range $i, $c := .}}{{if eq $i 0}}<th scope="row">{{$c}}</th>{{else}}<td{{if right $t $i}} class="r"{{end}}>{{$c}}</td>{{end}}{{end}}</tr>
{{end}}{{range .Totals}}<tr class="total">{{range $i, $c := .}}{{if eq $i 0}}<th scope="row">{{$c}}</th>{{else}}<td{{if right $t $i}} class="r"{{end}}>{{$c}}</td>{{end}}{{end}}</tr>
{{end}}</tbody>
</table>
<div class="after-table"></div>{{end}}`))
