package inputs

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"syscall"
)

// What a hostile file may cost: carecast reads only regular files, with a
// cap on their size however the file reports it, and looks through a
// workbook's zip parts with a streaming XML tokenizer, bounding depth,
// elements, shared strings and unzipped size, before excelize parses
// anything. Each bound is far above what a national scenario needs.
const (
	maxXMLDepth      = 64         // a worksheet nests 6 deep
	maxXMLElements   = 20_000_000 // 4 a cell, maxCells cells
	maxSharedStrings = 1_000_000
	maxZipParts      = 10_000
)

// MaxRows bounds the table rows of an input, all its tables together:
// reading and checking a row takes well under 2 KB of memory (the
// benchmarks of bench_test.go say how much), so an input within the bound
// is validated in well under 1.5 GB. A national scenario has tens of
// thousands of rows; a CSV folder's 256 MB could otherwise hold 15
// million. MaxWiderBenefits bounds the WiderBenefits rows, each of which
// the forecast works out for every council and month. MaxOptions bounds
// the options, each a forecast that compare and the paper hold (about
// 1 MB each on the built-in scheme; 1,000 took 1.1 GB).
const (
	MaxRows          = 1_000_000
	MaxWiderBenefits = 1_000
	MaxOptions       = 200
)

// tooManyRows words an input over MaxRows.
func tooManyRows(n int) string {
	return fmt.Sprintf("too many rows: the tables hold about %s rows in all, more than the %s carecast reads (each takes memory to check; a national scenario has tens of thousands)", groupInt(n), groupInt(MaxRows))
}

// MaxProblems is how many errors (and warnings) are kept and listed; the
// rest are counted: "... and 3,084,039 more".
const MaxProblems = 100

// notRegular says why a path that is not a regular file is refused: a
// device such as /dev/zero reports a size of 0 and never ends, and
// opening a FIFO waits for a writer.
func notRegular(m os.FileMode) string {
	what := "not a regular file"
	switch {
	case m&os.ModeNamedPipe != 0:
		what = "a FIFO (named pipe), not a regular file"
	case m&os.ModeDevice != 0 || m&os.ModeCharDevice != 0:
		what = "a device, not a regular file"
	case m&os.ModeSocket != 0:
		what = "a socket, not a regular file"
	}
	return what + "; carecast reads only regular files"
}

// errNotRegular and errTooLarge are readRegular's refusals; their text is
// the problem's message.
type readError struct{ msg string }

func (e *readError) Error() string { return e.msg }

// readRegular reads the regular file at p, at most limit bytes. Anything
// else (a device, FIFO, socket) is refused unread; the size is bounded as
// it is read, not as the file reports it. It is opened without blocking,
// so a FIFO put in its place after the check cannot hang the read.
func readRegular(p string, limit int64, tooLarge string) ([]byte, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &readError{notRegular(fi.Mode())}
	}
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &readError{notRegular(fi.Mode())}
	}
	if fi.Size() > limit {
		return nil, &readError{tooLarge}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &readError{tooLarge}
	}
	return data, nil
}

// oleMagic begins an OLE compound file: an old .xls workbook, or an
// encrypted (password-protected) .xlsx, which Office wraps in one.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// encryptedPackage is the stream an encrypted workbook's compound file
// holds, its name in UTF-16.
var encryptedPackage = utf16le("EncryptedPackage")

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}

// notZip words a workbook that is not a zip archive.
func notZip(data []byte) string {
	if bytes.HasPrefix(data, oleMagic) {
		if bytes.Contains(data, encryptedPackage) {
			return "the workbook is password-protected (encrypted), so carecast cannot read it; open it in Excel or LibreOffice and save a copy without a password"
		}
		return "this is an old-style .xls workbook (or another Office file), not an .xlsx; save it as an Excel workbook (.xlsx) and try again"
	}
	return "not an .xlsx workbook (it is not a valid zip archive); save it from Excel or LibreOffice as an Excel workbook (.xlsx)"
}

// prescan looks through every part of a workbook's zip before excelize
// parses it: at most maxZipParts parts, MaxWorkbookBytes unzipped in all
// (counted as they unzip, not as the zip claims), and in each XML part at
// most maxXMLDepth levels of nesting, maxXMLElements elements in all and
// maxSharedStrings shared strings. Each XML part is streamed through a
// tokenizer that keeps nothing, so the check costs time in proportion to
// what is read before a bound is met, and little memory. A problem comes
// back as its message; a malformed part is left for the reader to report.
func prescan(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return notZip(data)
	}
	if len(zr.File) > maxZipParts {
		return fmt.Sprintf("the workbook is malformed: it holds %d parts, more than the %d carecast reads; save it again as .xlsx", len(zr.File), maxZipParts)
	}
	tooLarge := fmt.Sprintf("the workbook is too large: unzipped it holds more than the %d MB carecast reads", MaxWorkbookBytes>>20)
	budget := int64(MaxWorkbookBytes)
	elements := 0
	for _, f := range zr.File {
		if f.UncompressedSize64 > uint64(budget) {
			return tooLarge
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Sprintf("the workbook is malformed: its part %s cannot be unzipped (%v); save it again as .xlsx", f.Name, err)
		}
		lr := &io.LimitedReader{R: rc, N: budget + 1}
		msg := ""
		if ext := strings.ToLower(path.Ext(f.Name)); ext == ".xml" || ext == ".rels" || ext == ".vml" {
			msg = scanXML(f.Name, lr, &elements)
		}
		if msg == "" {
			_, err = io.Copy(io.Discard, lr)
			if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
				msg = fmt.Sprintf("the workbook is malformed: its part %s cannot be unzipped (%v); save it again as .xlsx", f.Name, err)
			}
		}
		rc.Close()
		if msg != "" {
			return msg
		}
		budget = lr.N - 1
		if budget < 0 {
			return tooLarge
		}
	}
	return ""
}

// scanXML tokenizes one XML part, counting its depth, its elements (into
// *elements, across parts) and, for the shared string table, its strings.
// Malformed XML ends the scan silently: the readers report it.
func scanXML(name string, r io.Reader, elements *int) string {
	d := xml.NewDecoder(r)
	d.Strict = false
	depth, strs := 0, 0
	shared := strings.HasSuffix(strings.ToLower(name), "sharedstrings.xml")
	for {
		tok, err := d.RawToken()
		if err != nil {
			return ""
		}
		switch el := tok.(type) {
		case xml.StartElement:
			depth++
			*elements++
			if depth > maxXMLDepth {
				return fmt.Sprintf("the workbook is malformed: its part %s nests XML elements more than %d deep, which no spreadsheet writes; save it again as .xlsx", name, maxXMLDepth)
			}
			if *elements > maxXMLElements {
				return fmt.Sprintf("the workbook is too large: its parts hold more than %d XML elements, more than carecast reads", maxXMLElements)
			}
			if shared && el.Name.Local == "si" {
				if strs++; strs > maxSharedStrings {
					return fmt.Sprintf("the workbook is too large: it holds more than %d shared strings, more than carecast reads", maxSharedStrings)
				}
			}
		case xml.EndElement:
			depth--
		}
	}
}
