package render_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/carecast/carecast/internal/render"
	"github.com/carecast/carecast/internal/testtools"
	"github.com/chromedp/chromedp"
)

// Issue 18, item 10: the browser reaches no host, localhost and the
// loopback addresses included: a page that asks a server on this machine
// for an image, a script, a fetch and a WebSocket gets nothing, and the
// server hears nothing.
func TestBrowserReachesNoLocalServer(t *testing.T) {
	testtools.Chromium(t)
	var mu sync.Mutex
	var heard []string
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		heard = append(heard, r.Host+r.URL.Path)
		mu.Unlock()
		fmt.Fprint(w, "hello")
	})}
	var urls []string
	for _, addr := range []string{"127.0.0.1:0", "[::1]:0"} {
		l, err := net.Listen("tcp", addr)
		if err != nil {
			continue // no IPv6 loopback here
		}
		go srv.Serve(l)
		port := l.Addr().(*net.TCPAddr).Port
		host := "127.0.0.1"
		if addr[0] == '[' {
			host = "[::1]"
		}
		urls = append(urls, fmt.Sprintf("%s:%d", host, port), fmt.Sprintf("localhost:%d", port))
		if host == "127.0.0.1" {
			urls = append(urls, fmt.Sprintf("127.1:%d", port), fmt.Sprintf("2130706433:%d", port), fmt.Sprintf("0x7f000001:%d", port))
		}
	}
	defer srv.Close()
	page := "<!doctype html><title>t</title>\n"
	for i, u := range urls {
		page += fmt.Sprintf(`<img src="http://%s/img%d"><script src="http://%s/js%d"></script>`+"\n", u, i, u, i)
		page += fmt.Sprintf(`<script>fetch("http://%s/fetch%d").catch(function(){}); try { new WebSocket("ws://%s/ws%d"); } catch (e) {}</script>`+"\n", u, i, u, i)
	}
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte(page), 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := render.Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	tab, done := chromedp.NewContext(b.Context())
	defer done()
	u, err := render.FileURL(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	tctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(u), chromedp.Sleep(1500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(heard) > 0 {
		t.Errorf("the page reached a server on this machine: %v", heard)
	}
	t.Logf("tried %v", urls)
}
