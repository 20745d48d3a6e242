package reports

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
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
type sortedZip struct {
	w       io.Writer
	entries []*zipEntry
	wg      sync.WaitGroup
}

type zipEntry struct {
	name string
	pw   *io.PipeWriter
	buf  bytes.Buffer // compressed
	crc  uint32
	size uint64
	err  error
}

func newSortedZip(w io.Writer) excelize.ZipWriter { return &sortedZip{w: w} }

// Create starts a part. Its bytes go through a pipe to a compressor; the
// previous part's writer is closed first, so at most two parts are in hand.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	z.closeLast()
	pr, pw := io.Pipe()
	e := &zipEntry{name: name, pw: pw}
	z.entries = append(z.entries, e)
	z.wg.Add(1)
	go func() {
		defer z.wg.Done()
		e.err = e.compress(pr)
		pr.CloseWithError(e.err)
	}()
	return pw, nil
}

func (e *zipEntry) compress(r io.Reader) error {
	fw, err := flate.NewWriter(&e.buf, flate.BestSpeed)
	if err != nil {
		return err
	}
	h := crc32.NewIEEE()
	n, err := io.Copy(io.MultiWriter(fw, h), r)
	if err != nil {
		return err
	}
	e.crc, e.size = h.Sum32(), uint64(n)
	return fw.Close()
}

func (z *sortedZip) closeLast() {
	if n := len(z.entries); n > 0 {
		z.entries[n-1].pw.Close()
	}
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
	zw := zip.NewWriter(z.w)
	seen := map[string]bool{}
	for _, e := range z.entries {
		if e.err != nil {
			return e.err
		}
		if seen[e.name] {
			return errors.New("sortedZip: duplicate part " + e.name)
		}
		seen[e.name] = true
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
