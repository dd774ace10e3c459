// Package web is Samverkan's browser interface: server-rendered pages for
// the centre's console (at /) and the member web (at /portal), in Swedish,
// Danish and English. Every form works without JavaScript (post, redirect,
// get); htmx only refreshes list results while a filter is typed. Handlers
// parse the request, call package app and render; app decides who may do what.
package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"samverkan/internal/app"
)

// OIDCProvider is single sign-on through an OpenID Connect provider.
type OIDCProvider interface {
	// AuthCodeURL is where to send the browser to sign in.
	AuthCodeURL(state, nonce, verifier string) string
	// Exchange redeems the code and returns the verified e-mail address.
	Exchange(ctx context.Context, code, verifier, nonce string) (email string, err error)
}

// Options configure the web interface.
type Options struct {
	Log           *slog.Logger
	OIDC          OIDCProvider // nil when single sign-on is not configured
	SecureCookies bool         // set Secure on cookies (served over HTTPS)
}

// server is the web interface's state: the use cases, the parsed templates
// and the static files.
type server struct {
	app    *app.App
	log    *slog.Logger
	oidc   OIDCProvider
	secure bool
	tpl    *templates
	assets *assets
}

// New builds the web interface's handler for every path outside the API
// and the operational endpoints.
func New(a *app.App, opts Options) (http.Handler, error) {
	if a == nil {
		return nil, errors.New("web: no app")
	}
	s := &server{app: a, log: opts.Log, oidc: opts.OIDC, secure: opts.SecureCookies}
	if s.log == nil {
		s.log = slog.Default()
	}
	var err error
	if s.tpl, err = parseTemplates(); err != nil {
		return nil, err
	}
	if s.assets, err = newAssets(); err != nil {
		return nil, err
	}
	return s.routes(), nil
}

func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /static/", s.assets)
	mux.Handle("GET /favicon.ico", http.NotFoundHandler())

	pub, user := s.public, s.user
	mux.Handle("GET /login", pub(s.loginPage))
	mux.Handle("POST /login", pub(s.login))
	mux.Handle("GET /login/oidc", pub(s.oidcStart))
	mux.Handle("GET /login/oidc/callback", pub(s.oidcCallback))
	mux.Handle("POST /logout", pub(s.logout))
	mux.Handle("POST /lang", pub(s.switchLanguage))

	mux.Handle("GET /{$}", user(s.start))
	mux.Handle("GET /portal", user(s.portal))
	mux.Handle("GET /account", user(s.account))
	mux.Handle("POST /account/language", user(s.accountLanguage))
	mux.Handle("POST /account/password", user(s.accountPassword))
	mux.Handle("POST /account/tokens", user(s.createToken))
	mux.Handle("POST /account/tokens/{id}/revoke", user(s.revokeToken))
	mux.Handle("POST /account/act-for", user(s.actFor))

	mux.Handle("GET /members", user(s.members))
	mux.Handle("GET /members/new", user(s.memberNew))
	mux.Handle("POST /members", user(s.memberCreate))
	mux.Handle("GET /members/{id}", user(s.member))
	mux.Handle("GET /members/{id}/edit", user(s.memberEdit))
	mux.Handle("POST /members/{id}", user(s.memberUpdate))
	mux.Handle("GET /members/{id}/units/new", user(s.unitNew))
	mux.Handle("POST /members/{id}/units", user(s.unitCreate))
	mux.Handle("GET /units/{id}", user(s.unit))
	mux.Handle("GET /units/{id}/edit", user(s.unitEdit))
	mux.Handle("POST /units/{id}", user(s.unitUpdate))

	mux.Handle("GET /teams", user(s.teams))
	mux.Handle("GET /teams/new", user(s.teamNew))
	mux.Handle("POST /teams", user(s.teamCreate))
	mux.Handle("GET /teams/{id}", user(s.team))
	mux.Handle("GET /teams/{id}/edit", user(s.teamEdit))
	mux.Handle("POST /teams/{id}", user(s.teamUpdate))
	mux.Handle("POST /teams/{id}/staff", user(s.teamStaff))
	mux.Handle("POST /teams/{id}/units", user(s.teamUnits))

	mux.Handle("GET /people", user(s.people))
	mux.Handle("GET /people/new", user(s.personNew))
	mux.Handle("POST /people", user(s.personCreate))
	mux.Handle("GET /people/{id}", user(s.person))
	mux.Handle("GET /people/{id}/edit", user(s.personEdit))
	mux.Handle("POST /people/{id}", user(s.personUpdate))
	mux.Handle("POST /people/{id}/password", user(s.personPassword))
	mux.Handle("POST /people/{id}/verify", user(s.personVerify))

	mux.Handle("GET /sla", user(s.slaPolicies))
	mux.Handle("GET /sla/new", user(s.slaPolicyNew))
	mux.Handle("POST /sla", user(s.slaPolicySave))
	mux.Handle("GET /sla/report", user(s.slaReport))
	mux.Handle("GET /sla/{id}", user(s.slaPolicy))
	mux.Handle("POST /sla/{id}", user(s.slaPolicySave))
	mux.Handle("POST /sla/{id}/delete", user(s.slaPolicyDelete))
	mux.Handle("GET /calendar", user(s.calendarView))
	mux.Handle("POST /calendar/days", user(s.closedDayAdd))
	mux.Handle("POST /calendar/days/{id}/remove", user(s.closedDayRemove))
	mux.Handle("POST /calendar/hours", user(s.officeHoursSave))

	mux.Handle("GET /substitutes", user(s.substitutes))
	mux.Handle("POST /substitutes", user(s.substituteCreate))
	mux.Handle("POST /substitutes/{id}/end", user(s.substituteEnd))

	mux.Handle("GET /centre", user(s.centreSettings))
	mux.Handle("POST /centre", user(s.centreUpdate))
	mux.Handle("GET /audit", user(s.audit))
	s.catalogueRoutes(mux, user)

	s.governanceRoutes(mux)
	s.caseRoutes(mux)

	mux.Handle("/", pub(s.notFound))
	return mux
}
