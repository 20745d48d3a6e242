package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"sort"
	"sync"

	"github.com/xuri/excelize/v2"
)

// sortedZip is an excelize.ZipWriter that makes the package's bytes depend
// only on its contents. excelize writes the parts of streamed sheets in Go
// map order, which changes from run to run; sortedZip compresses each part
// as it comes (in its own goroutine, so the two cores share the work) and
// writes them at Close in a fixed order: [Content_Types].xml first, then by
// name. Every entry has the zero modification time.
//
// It writes to its own writer, not to the buffer excelize hands it, so the
// package goes straight to the file without a copy in memory.
//
// It can also splice rows into a sheet: for a part named in splices, the
// row of the sheet that holds marker is replaced by what the splice
// function writes (see writeLedger).
type sortedZip struct {
	w       io.Writer
	entries []*zipEntry
	wg      sync.WaitGroup
	pool    sync.Pool // *flate.Writer, reused from part to part
	marker  string
	splices map[string]func(io.Writer) error
}

type zipEntry struct {
	name string
	pw   *io.PipeWriter // the part's bytes go to the compressor, or
	held *bytes.Buffer  // they are held whole, to be spliced
	buf  bytes.Buffer   // compressed
	crc  uint32
	size uint64
	err  error
}

// newSortedZip returns an excelize zip-writer factory that writes to w
// whatever writer excelize offers.
func newSortedZip(w io.Writer, marker string, splices map[string]func(io.Writer) error) func(io.Writer) excelize.ZipWriter {
	return func(io.Writer) excelize.ZipWriter { return &sortedZip{w: w, marker: marker, splices: splices} }
}

// Create starts a part. Its bytes go through a pipe to a compressor; the
// previous part's writer is closed first, so at most two parts are in hand.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	z.closeLast()
	e := &zipEntry{name: name}
	z.entries = append(z.entries, e)
	if _, ok := z.splices[name]; ok {
		e.held = new(bytes.Buffer)
		return e.held, nil
	}
	pr, pw := io.Pipe()
	e.pw = pw
	z.start(e, func(w io.Writer) error {
		_, err := io.Copy(w, pr)
		pr.CloseWithError(err) // a failed compressor fails the writer too
		return err
	})
	return pw, nil
}

func (z *sortedZip) start(e *zipEntry, produce func(io.Writer) error) {
	z.wg.Add(1)
	go func() {
		defer z.wg.Done()
		e.err = e.compress(produce, &z.pool)
	}()
}

// counter counts and checksums what passes through it.
type counter struct {
	w   io.Writer
	crc uint32
	n   uint64
}

func (c *counter) Write(p []byte) (int, error) {
	c.crc = crc32.Update(c.crc, crc32.IEEETable, p)
	c.n += uint64(len(p))
	return c.w.Write(p)
}

func (e *zipEntry) compress(produce func(io.Writer) error, pool *sync.Pool) error {
	fw, _ := pool.Get().(*flate.Writer)
	if fw == nil {
		var err error
		if fw, err = flate.NewWriter(&e.buf, flate.BestSpeed); err != nil {
			return err
		}
	} else {
		fw.Reset(&e.buf)
	}
	defer pool.Put(fw)
	c := &counter{w: fw}
	if err := produce(c); err != nil {
		return err
	}
	e.crc, e.size = c.crc, c.n
	return fw.Close()
}

func (z *sortedZip) closeLast() {
	n := len(z.entries)
	if n == 0 {
		return
	}
	e := z.entries[n-1]
	switch {
	case e.pw != nil:
		e.pw.Close()
		e.pw = nil
	case e.held != nil:
		held, rows := e.held.Bytes(), z.splices[e.name]
		e.held = nil
		z.start(e, func(w io.Writer) error { return spliceRows(w, held, z.marker, rows) })
	}
}

// spliceRows writes part with the row holding marker replaced by rows.
func spliceRows(w io.Writer, part []byte, marker string, rows func(io.Writer) error) error {
	at := bytes.Index(part, []byte(marker))
	if at < 0 {
		return errors.New("sortedZip: no marker row to splice")
	}
	from := bytes.LastIndex(part[:at], []byte("<row "))
	to := bytes.Index(part[at:], []byte("</row>"))
	if from < 0 || to < 0 {
		return errors.New("sortedZip: the marker is not in a row")
	}
	to += at + len("</row>")
	if _, err := w.Write(part[:from]); err != nil {
		return err
	}
	if err := rows(w); err != nil {
		return err
	}
	_, err := w.Write(part[to:])
	return err
}

// AddFS is not used by excelize's writer; sortedZip does not support it.
func (z *sortedZip) AddFS(fs.FS) error { return errors.New("sortedZip: AddFS not supported") }

// Close waits for the compressors and writes the archive.
func (z *sortedZip) Close() error {
	z.closeLast()
	z.wg.Wait()
	sort.SliceStable(z.entries, func(i, j int) bool {
		a, b := z.entries[i].name, z.entries[j].name
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	seen := map[string]bool{}
	for _, e := range z.entries {
		if e.err != nil {
			return fmt.Errorf("%s: %w", e.name, e.err)
		}
		if seen[e.name] {
			return errors.New("sortedZip: duplicate part " + e.name)
		}
		seen[e.name] = true
	}
	for name := range z.splices {
		if !seen[name] {
			return errors.New("sortedZip: no part " + name + " to splice rows into")
		}
	}
	zw := zip.NewWriter(z.w)
	for _, e := range z.entries {
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name:               e.name,
			Method:             zip.Deflate,
			CRC32:              e.crc,
			CompressedSize64:   uint64(e.buf.Len()),
			UncompressedSize64: e.size,
		})
		if err != nil {
			return err
		}
		if _, err := w.Write(e.buf.Bytes()); err != nil {
			return err
		}
		e.buf = bytes.Buffer{}
	}
	return zw.Close()
}
