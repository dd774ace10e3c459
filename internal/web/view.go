package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/i18n"
	"samverkan/internal/org"
	"samverkan/internal/sla"
)

// view is what every template gets: the frame (language, actor, centre,
// navigation) and the page's own Data and Form.
type view struct {
	Title    string
	Section  string // the navigation entry to mark as current
	Flash    string // a one-line confirmation shown above the content
	Secret   string // an API token shown once
	Data     any
	Form     *form
	Lang     string
	Actor    app.Actor
	SignedIn bool
	Centre   org.Centre
	Path     string
	Partial  bool // one block for htmx, not a whole page
	version  string
	loc      *time.Location
}

func (vw *view) fill(s *server, r *http.Request, v *visit) {
	vw.Lang, vw.Actor, vw.SignedIn, vw.Centre = v.lang, v.actor, v.signedIn, v.centre
	vw.Path, vw.version = r.URL.RequestURI(), s.assets.version
	if r.Method != http.MethodGet {
		vw.Path = r.URL.Path
	}
	if vw.Form == nil {
		vw.Form = newForm(nil)
	}
	if vw.Flash == "" {
		vw.Flash = flashFrom(r, v)
	}
	vw.loc = time.UTC
	if loc, err := time.LoadLocation(v.centre.TimeZone); err == nil {
		vw.loc = loc
	}
}

// T translates key into the page's language.
func (vw *view) T(key string, args ...any) string { return i18n.T(vw.Lang, key, args...) }

// Static is the versioned URL of a static file.
func (vw *view) Static(name string) string { return "/static/" + name + "?v=" + vw.version }

// Can reports whether the actor holds a permission (to show or hide actions).
func (vw *view) Can(p string) bool { return vw.SignedIn && vw.Actor.Can(app.Permission(p)) }

// IsCentre reports whether the actor is centre staff.
func (vw *view) IsCentre() bool { return vw.SignedIn && vw.Actor.IsCentre() }

// Current is "page" for the current navigation entry (aria-current).
func (vw *view) Current(section string) string {
	if vw.Section == section {
		return "page"
	}
	return ""
}

type language struct {
	Code, Name string
	Current    bool
}

// Languages lists the interface languages for the switcher.
func (vw *view) Languages() []language {
	out := make([]language, len(i18n.Languages))
	for i, l := range i18n.Languages {
		out[i] = language{Code: l, Name: i18n.T(l, "language.name"), Current: l == vw.Lang}
	}
	return out
}

// Time formats t in the centre's time zone.
func (vw *view) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vw.loc).Format("2006-01-02 15:04")
}

// Date formats a calendar date.
func (vw *view) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// Enum translates a value of an enumeration: Enum "role" "admin".
func (vw *view) Enum(kind string, value any) string {
	s := fmt.Sprint(value)
	if s == "" {
		return ""
	}
	return vw.T(kind + "." + s)
}

// Choices are the values of an enumeration as filter options, led by "all".
func (vw *view) Choices(kind string) []option {
	var vals []string
	add := func(xs ...string) { vals = append(vals, xs...) }
	switch kind {
	case "status":
		for _, x := range org.MemberStatuses {
			add(string(x))
		}
	case "kind":
		for _, x := range org.MemberKinds {
			add(string(x))
		}
	case "role":
		for _, x := range append(append([]org.Role{}, org.CentreRoles...), org.MemberRoles...) {
			add(string(x))
		}
	case "entity":
		add("centre", "member", "unit", "team", "person", "substitute", "session", "api_token")
	}
	out := []option{{Value: "", Label: vw.T("form.all")}}
	for _, x := range vals {
		out = append(out, option{Value: x, Label: vw.T(kind + "." + x)})
	}
	return out
}

// Target describes a service-level target: "8 business hours", or "–".
func (vw *view) Target(t sla.Target) string {
	if !t.Set() {
		return "–"
	}
	return vw.T("sla.unit_amount."+string(t.Unit), strconv.FormatFloat(t.Amount, 'f', -1, 64))
}

// Grant describes a role: "Contact person (tactical)".
func (vw *view) Grant(g org.Grant) string { return grantLabel(vw.Lang, g) }

func grantLabel(lang string, g org.Grant) string {
	s := i18n.T(lang, "role."+string(g.Role))
	if g.Level != "" {
		s += " (" + i18n.T(lang, "level."+string(g.Level)) + ")"
	}
	return s
}

// JSON indents a JSON document for reading; other text passes unchanged.
func (vw *view) JSON(s string) string {
	var v any
	if s == "" || json.Unmarshal([]byte(s), &v) != nil {
		return s
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return s
	}
	return string(b)
}

// flashFrom turns a ?done=key query parameter (set by a redirect after a
// successful post) into its message.
func flashFrom(r *http.Request, v *visit) string {
	key := r.URL.Query().Get("done")
	if key == "" || strings.ContainsAny(key, " ./") || !i18n.Has(i18n.Fallback, "done."+key) {
		return ""
	}
	return v.T("done." + key)
}

type navLink struct {
	Href, Label string
	Current     bool
}

// Nav describes one navigation entry.
func (vw *view) Nav(href, section, labelKey string) navLink {
	return navLink{Href: href, Label: vw.T(labelKey), Current: vw.Section == section}
}

// Tel is a phone number for a tel: link: digits and a leading plus.
func (vw *view) Tel(s string) string {
	return strings.Map(func(r rune) rune {
		if (r >= '0' && r <= '9') || r == '+' {
			return r
		}
		return -1
	}, s)
}
