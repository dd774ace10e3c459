package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/i18n"
	"samverkan/internal/org"
)

const (
	sessionCookie = "samverkan_session"
	langCookie    = "lang"
)

// visit is what a handler knows about who asks and how to answer them.
type visit struct {
	actor    app.Actor
	token    string
	signedIn bool
	lang     string
	centre   org.Centre
}

// handlerFunc is a page handler; an error it returns is rendered by fail.
type handlerFunc func(w http.ResponseWriter, r *http.Request, v *visit) error

// public serves a page to anyone, signed in or not.
func (s *server) public(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := s.newVisit(w, r)
		if err == nil {
			err = h(w, r, v)
		}
		if err != nil {
			s.fail(w, r, v, err)
		}
	})
}

// user serves a page to signed-in people; others are sent to sign in.
func (s *server) user(h handlerFunc) http.Handler {
	return s.public(func(w http.ResponseWriter, r *http.Request, v *visit) error {
		if !v.signedIn {
			return fault.New(fault.Unauthenticated, "sign in first")
		}
		return h(w, r, v)
	})
}

// newVisit resolves the session cookie, the centre and the language.
func (s *server) newVisit(w http.ResponseWriter, r *http.Request) (*visit, error) {
	v := &visit{lang: i18n.Fallback, centre: app.DefaultCentre}
	c, err := s.app.Centre(r.Context())
	if err != nil {
		return v, err
	}
	v.centre = c
	if ck, err := r.Cookie(sessionCookie); err == nil && ck.Value != "" {
		a, err := s.app.SessionActor(r.Context(), ck.Value)
		switch {
		case err == nil:
			v.actor, v.token, v.signedIn = a, ck.Value, true
		case fault.KindOf(err) == fault.Unauthenticated || fault.KindOf(err) == fault.NotFound:
			s.clearCookie(w, sessionCookie, "/")
		default:
			return v, err
		}
	}
	v.lang = chooseLanguage(r, v.actor.Language, c.Language)
	return v, nil
}

// chooseLanguage: the user's own setting, then the switcher's cookie, then
// what the browser accepts, then the centre's default.
func chooseLanguage(r *http.Request, userLang, centreLang string) string {
	if i18n.Supported(userLang) {
		return userLang
	}
	if ck, err := r.Cookie(langCookie); err == nil && i18n.Supported(ck.Value) {
		return ck.Value
	}
	if l := i18n.Match(r.Header.Get("Accept-Language")); l != "" {
		return l
	}
	if i18n.Supported(centreLang) {
		return centreLang
	}
	return i18n.Fallback
}

// T translates key into the visitor's language.
func (v *visit) T(key string, args ...any) string { return i18n.T(v.lang, key, args...) }

// setCookie sets an HttpOnly, SameSite=Lax cookie; maxAge 0 makes it last
// for the browser session.
func (s *server) setCookie(w http.ResponseWriter, name, value, path string, maxAge time.Duration) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: path, MaxAge: int(maxAge.Seconds()),
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
}

func (s *server) clearCookie(w http.ResponseWriter, name, path string) {
	http.SetCookie(w, &http.Cookie{Name: name, Path: path, MaxAge: -1, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
}

// safeNext returns next if it is a path on this site, else "/".
func safeNext(next string) string {
	if next == "" || next[0] != '/' || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return next
}

// loginURL is the sign-in page that returns to r's page afterwards.
func loginURL(r *http.Request) string {
	next := "/"
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		next = r.URL.RequestURI()
	}
	if next == "/" {
		return "/login"
	}
	return "/login?next=" + url.QueryEscape(next)
}

// seeOther ends a successful POST (post, redirect, get).
func seeOther(w http.ResponseWriter, r *http.Request, to string) error {
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
