package web

import (
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/auth"
	"samverkan/internal/fault"
	"samverkan/internal/i18n"
)

const (
	oidcCookie   = "samverkan_oidc"
	oidcPath     = "/login/oidc"
	oidcLifetime = 10 * time.Minute
	langLifetime = 365 * 24 * time.Hour
)

type loginPage struct {
	Next string
	SSO  bool
}

// showLogin renders the sign-in page, with a message when msgKey is set.
func (s *server) showLogin(w http.ResponseWriter, r *http.Request, v *visit, status int, f *form, msgKey string) error {
	if f == nil {
		f = newForm(nil)
	}
	if msgKey != "" {
		f.Summary = append(f.Summary, formError{Message: v.T(msgKey)})
	}
	next := safeNext(r.FormValue("next"))
	return s.show(w, r, v, status, "login", &view{Title: v.T("login.title"), Section: "login", Form: f,
		Data: loginPage{Next: next, SSO: s.oidc != nil}})
}

func (s *server) loginPage(w http.ResponseWriter, r *http.Request, v *visit) error {
	if v.signedIn {
		return seeOther(w, r, safeNext(r.FormValue("next")))
	}
	return s.showLogin(w, r, v, http.StatusOK, nil, "")
}

func (s *server) login(w http.ResponseWriter, r *http.Request, v *visit) error {
	if err := r.ParseForm(); err != nil {
		return fault.New(fault.Invalid, "unreadable form")
	}
	f := newForm(r.PostForm)
	token, err := s.app.SignIn(r.Context(), f.Get("email"), f.Get("password"))
	switch fault.KindOf(err) {
	case fault.TooMany:
		return s.showLogin(w, r, v, http.StatusTooManyRequests, f, "login.throttled")
	case fault.Unauthenticated:
		return s.showLogin(w, r, v, http.StatusUnauthorized, f, "login.wrong")
	}
	if err != nil {
		return err
	}
	s.setCookie(w, sessionCookie, token, "/", app.SessionLifetime)
	return seeOther(w, r, safeNext(f.Get("next")))
}

func (s *server) logout(w http.ResponseWriter, r *http.Request, v *visit) error {
	if v.signedIn {
		if err := s.app.SignOut(r.Context(), v.actor, v.token); err != nil {
			return err
		}
	}
	s.clearCookie(w, sessionCookie, "/")
	return seeOther(w, r, "/login?done=signed_out")
}

// oidcStart sends the browser to the identity provider with a fresh state,
// nonce and PKCE verifier, kept in a short-lived cookie until it returns.
func (s *server) oidcStart(w http.ResponseWriter, r *http.Request, v *visit) error {
	if s.oidc == nil {
		return fault.NotFoundf("single sign-on is not configured")
	}
	state, nonce, verifier := auth.RandomString(32), auth.RandomString(32), auth.RandomString(48)
	next := base64.RawURLEncoding.EncodeToString([]byte(safeNext(r.FormValue("next"))))
	s.setCookie(w, oidcCookie, strings.Join([]string{state, nonce, verifier, next}, "."), oidcPath, oidcLifetime)
	http.Redirect(w, r, s.oidc.AuthCodeURL(state, nonce, verifier), http.StatusFound)
	return nil
}

// oidcCallback checks the state, redeems the code and opens a session for
// the verified e-mail address.
func (s *server) oidcCallback(w http.ResponseWriter, r *http.Request, v *visit) error {
	if s.oidc == nil {
		return fault.NotFoundf("single sign-on is not configured")
	}
	s.clearCookie(w, oidcCookie, oidcPath)
	q := r.URL.Query()
	ck, err := r.Cookie(oidcCookie)
	parts := []string{}
	if err == nil {
		parts = strings.Split(ck.Value, ".")
	}
	if q.Get("error") != "" {
		return s.showLogin(w, r, v, http.StatusUnauthorized, nil, "login.sso_failed")
	}
	if len(parts) != 4 || q.Get("state") == "" || subtle.ConstantTimeCompare([]byte(parts[0]), []byte(q.Get("state"))) != 1 {
		return s.showLogin(w, r, v, http.StatusBadRequest, nil, "login.sso_state")
	}
	email, err := s.oidc.Exchange(r.Context(), q.Get("code"), parts[2], parts[1])
	if err != nil {
		s.log.Warn("single sign-on exchange failed", "err", err)
		return s.showLogin(w, r, v, http.StatusUnauthorized, nil, "login.sso_failed")
	}
	token, err := s.app.SignInVerified(r.Context(), email)
	if fault.KindOf(err) == fault.Forbidden {
		return s.showLogin(w, r, v, http.StatusForbidden, nil, "login.sso_unknown")
	}
	if err != nil {
		return err
	}
	s.setCookie(w, sessionCookie, token, "/", app.SessionLifetime)
	next, _ := base64.RawURLEncoding.DecodeString(parts[3])
	return seeOther(w, r, safeNext(string(next)))
}

// switchLanguage remembers the chosen language in a cookie; a signed-in
// person who has a language setting gets the setting changed too, since it
// would otherwise win over the cookie.
func (s *server) switchLanguage(w http.ResponseWriter, r *http.Request, v *visit) error {
	lang := r.PostFormValue("lang")
	if i18n.Supported(lang) {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: int(langLifetime.Seconds()),
			HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode})
		if v.signedIn && v.actor.Language != "" && v.actor.Language != lang {
			if err := s.app.SetLanguage(r.Context(), v.actor, lang); err != nil {
				return err
			}
		}
	}
	return seeOther(w, r, safeNext(r.PostFormValue("next")))
}
