package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"samverkan/internal/fault"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// templates holds one template set per page, each with the layout and the
// shared partials.
type templates struct {
	pages map[string]*template.Template
}

func parseTemplates() (*templates, error) {
	base, err := template.New("").ParseFS(templateFiles, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" || name == "partials" {
			continue
		}
		set, err := template.Must(base.Clone()).ParseFS(templateFiles, n)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", n, err)
		}
		t.pages[name] = set
	}
	return t, nil
}

// show renders page name in the layout with status.
func (s *server) show(w http.ResponseWriter, r *http.Request, v *visit, status int, name string, vw *view) error {
	return s.execute(w, r, v, status, name, "layout", vw)
}

// partial renders one block of page name alone (htmx updates).
func (s *server) partial(w http.ResponseWriter, r *http.Request, v *visit, name, block string, vw *view) error {
	vw.Partial = true
	return s.execute(w, r, v, http.StatusOK, name, block, vw)
}

func (s *server) execute(w http.ResponseWriter, r *http.Request, v *visit, status int, name, block string, vw *view) error {
	set, ok := s.tpl.pages[name]
	if !ok {
		return fmt.Errorf("web: no template %q", name)
	}
	vw.fill(s, r, v)
	var buf bytes.Buffer
	if err := set.ExecuteTemplate(&buf, block, vw); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Language", v.lang)
	h.Add("Vary", "HX-Request")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	if err != nil {
		s.log.Debug("response not written", "err", err)
	}
	return nil
}

// errorPage is the data of the error page.
type errorPage struct {
	Status  int
	Heading string
	Message string
	Fields  []string
}

// fail renders err: the kinds of package fault as their status codes and a
// clear message in the visitor's language; internals are logged, not shown.
func (s *server) fail(w http.ResponseWriter, r *http.Request, v *visit, err error) {
	kind := fault.KindOf(err)
	if kind == fault.Unauthenticated {
		http.Redirect(w, r, loginURL(r), http.StatusSeeOther)
		return
	}
	status, key := http.StatusInternalServerError, "fault.internal"
	switch kind {
	case fault.Invalid:
		status, key = http.StatusUnprocessableEntity, "fault.invalid"
	case fault.NotFound:
		status, key = http.StatusNotFound, "fault.not_found"
	case fault.Forbidden:
		status, key = http.StatusForbidden, "fault.forbidden"
	case fault.Conflict:
		status, key = http.StatusConflict, "fault.conflict"
	case fault.TooLarge:
		status, key = http.StatusRequestEntityTooLarge, "fault.too_large"
	case fault.TooMany:
		status, key = http.StatusTooManyRequests, "fault.too_many"
	default:
		s.log.Error("web request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	p := errorPage{Status: status, Heading: v.T(key + ".heading"), Message: v.T(key)}
	if e, ok := fault.As(err); ok {
		for _, f := range e.Fields {
			p.Fields = append(p.Fields, fieldMessage(v.lang, f))
		}
	}
	if rerr := s.show(w, r, v, status, "error", &view{Title: p.Heading, Data: p}); rerr != nil {
		s.log.Error("error page failed", "err", rerr)
		http.Error(w, http.StatusText(status), status)
	}
}

// notFound answers every path no page has.
func (s *server) notFound(w http.ResponseWriter, r *http.Request, v *visit) error {
	return fault.NotFoundf("no such page")
}

// assets serves the embedded static files with long cache lifetimes;
// pages link them with a content version so a new release is fetched anew.
type assets struct {
	files   http.Handler
	version string
}

func newAssets() (*assets, error) {
	sub, err := fs.Sub(staticFiles, "static")
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sub, p)
		h.Write([]byte(p))
		h.Write(b)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &assets{files: http.StripPrefix("/static/", http.FileServerFS(sub)), version: hex.EncodeToString(h.Sum(nil))[:12]}, nil
}

func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasSuffix(r.URL.Path, "/") {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	a.files.ServeHTTP(w, r)
}
