package browsertest_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"samverkan/internal/browsertest"
)

// TestAxeFindsViolations proves the harness itself: a page with an
// unlabelled input and an image without alt text must fail, a clean page
// must pass.
func TestAxeFindsViolations(t *testing.T) {
	b := browsertest.New(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "script-src 'self'")
		body := `<main><h1>Bra</h1><label for="q">Sök</label><input id="q"></main>`
		if r.URL.Path == "/bad" {
			body = `<main><h1>Dålig</h1><input><img src="x.png"></main>`
		}
		io.WriteString(w, `<!doctype html><html lang="sv"><head><title>Test</title></head><body>`+body+`</body></html>`)
	}))
	defer srv.Close()
	tab := b.Tab(t)
	browsertest.Run(t, tab, "open good page", chromedp.Navigate(srv.URL+"/good"))
	if vs, err := browsertest.Axe(tab); err != nil || len(vs) != 0 {
		t.Fatalf("clean page: %v %v", vs, err)
	}
	browsertest.Run(t, tab, "open bad page", chromedp.Navigate(srv.URL+"/bad"))
	vs, err := browsertest.Axe(tab)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID)
	}
	if got := strings.Join(ids, ","); !strings.Contains(got, "label") || !strings.Contains(got, "image-alt") {
		t.Fatalf("violations %s; want label and image-alt", got)
	}
}
