package oidctest

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

var (
	challengeRE = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)       // base64url of a SHA-256
	verifierRE  = regexp.MustCompile(`^[A-Za-z0-9._~-]{43,128}$`) // RFC 7636, section 4.1
)

// authorize is the authorization endpoint (GET, or POST from its own form).
// Errors about the client or its redirect URL are shown as a page; all
// others go back to the client's redirect URL (RFC 6749, section 4.1.2.1).
func (p *Provider) authorize(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad request: "+err.Error(), http.StatusBadRequest)
		return
	}
	q := r.Form
	p.mu.Lock()
	c, ok := p.clients[q.Get("client_id")]
	current := p.user
	p.mu.Unlock()
	switch {
	case len(q["client_id"]) != 1 || !ok:
		p.refusePage(w, "unknown client_id")
		return
	case len(q["redirect_uri"]) != 1 || q.Get("redirect_uri") != c.redirectURL:
		p.refusePage(w, "redirect_uri is not the one registered for this client")
		return
	}
	fail := func(code, description string) {
		p.t.Logf("oidctest: authorize refused: %s: %s", code, description)
		p.redirect(w, r, c.redirectURL, url.Values{"error": {code}, "error_description": {description}, "state": q["state"]})
	}
	for _, k := range []string{"response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method"} {
		if len(q[k]) > 1 {
			fail("invalid_request", k+" is given more than once")
			return
		}
	}
	switch {
	case q.Get("response_type") != "code":
		fail("unsupported_response_type", "response_type must be code")
	case !slices.Contains(strings.Fields(q.Get("scope")), "openid"):
		fail("invalid_scope", "scope must contain openid")
	case q.Get("code_challenge_method") != "S256":
		fail("invalid_request", "code_challenge_method must be S256")
	case !challengeRE.MatchString(q.Get("code_challenge")):
		fail("invalid_request", "code_challenge is missing or not a base64url SHA-256")
	default:
		u := current
		if email := strings.TrimSpace(r.PostForm.Get("login_email")); r.Method == http.MethodPost && email != "" {
			u = &user{email: email, verified: r.PostForm.Get("login_verified") == "yes"}
		}
		if u == nil {
			p.loginForm(w, q)
			return
		}
		code := rand.Text()
		p.mu.Lock()
		p.codes[code] = grant{
			clientID:    c.id,
			redirectURL: c.redirectURL,
			challenge:   q.Get("code_challenge"),
			nonce:       q.Get("nonce"),
			scope:       q.Get("scope"),
			user:        *u,
			expires:     p.now().Add(CodeLifetime),
		}
		p.mu.Unlock()
		p.redirect(w, r, c.redirectURL, url.Values{"code": {code}, "state": q["state"]})
	}
}

// redirect sends the browser back to the client with params and the issuer
// (RFC 9207).
func (p *Provider) redirect(w http.ResponseWriter, r *http.Request, to string, params url.Values) {
	u, err := url.Parse(to)
	if err != nil {
		p.refusePage(w, "the registered redirect_uri does not parse")
		return
	}
	q := u.Query()
	for k, vs := range params {
		for _, v := range vs {
			q.Add(k, v)
		}
	}
	q.Set("iss", p.Issuer())
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.String(), http.StatusFound)
}

func (p *Provider) refusePage(w http.ResponseWriter, msg string) {
	p.t.Logf("oidctest: authorize refused: %s", msg)
	http.Error(w, "oidctest: "+msg, http.StatusBadRequest)
}

var formPage = template.Must(template.New("login").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main><h1>Test identity provider</h1>
<form method="post" action="/authorize">
{{range $k, $vs := .}}{{range $vs}}<input type="hidden" name="{{$k}}" value="{{.}}">
{{end}}{{end}}<p><label for="login_email">E-mail address</label>
<input id="login_email" name="login_email" type="email" required autocomplete="username"></p>
<p><input id="login_verified" name="login_verified" type="checkbox" value="yes" checked>
<label for="login_verified">E-mail address verified</label></p>
<p><button type="submit">Sign in</button></p>
</form></main></body></html>
`))

func (p *Provider) loginForm(w http.ResponseWriter, q url.Values) {
	params := url.Values{}
	for k, vs := range q {
		if k != "login_email" && k != "login_verified" {
			params[k] = vs
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := formPage.Execute(w, params); err != nil {
		p.t.Logf("oidctest: login form: %v", err)
	}
}

// token is the token endpoint for the authorization_code grant.
func (p *Provider) token(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		tokenError(w, http.StatusMethodNotAllowed, "invalid_request", "the token endpoint takes POST")
		return
	}
	if err := r.ParseForm(); err != nil || r.PostForm == nil {
		tokenError(w, http.StatusBadRequest, "invalid_request", "the body must be application/x-www-form-urlencoded")
		return
	}
	f := r.PostForm
	for k, vs := range f {
		if len(vs) > 1 {
			p.t.Logf("oidctest: token refused: %s given more than once", k)
			tokenError(w, http.StatusBadRequest, "invalid_request", k+" is given more than once")
			return
		}
	}
	c, status, code, description := p.authenticateClient(r)
	if c == nil {
		p.t.Logf("oidctest: token refused: %s: %s", code, description)
		if status == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Basic realm="oidctest"`)
		}
		tokenError(w, status, code, description)
		return
	}

	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	g, found := p.codes[f.Get("code")]
	// A code is good for one attempt by its client, even a failed one.
	if found && g.clientID == c.id {
		delete(p.codes, f.Get("code"))
	}
	refuse := func(code, description string) {
		p.t.Logf("oidctest: token refused: %s: %s", code, description)
		tokenError(w, http.StatusBadRequest, code, description)
	}
	switch {
	case f.Get("grant_type") != "authorization_code":
		refuse("unsupported_grant_type", "grant_type must be authorization_code")
	case !found || g.clientID != c.id:
		refuse("invalid_grant", "the code is unknown, was issued to another client or was already used")
	case !now.Before(g.expires):
		refuse("invalid_grant", "the code has expired")
	case f.Get("redirect_uri") != g.redirectURL:
		refuse("invalid_grant", "redirect_uri does not match the authorization request")
	case f.Get("code_verifier") == "":
		refuse("invalid_grant", "code_verifier is missing")
	case !verifierRE.MatchString(f.Get("code_verifier")):
		refuse("invalid_grant", "code_verifier is not 43-128 unreserved characters")
	case subtle.ConstantTimeCompare([]byte(s256(f.Get("code_verifier"))), []byte(g.challenge)) != 1:
		refuse("invalid_grant", "code_verifier does not match the code_challenge")
	default:
		access := rand.Text() + rand.Text()
		idToken, err := p.idToken(g, access, now)
		if err != nil {
			p.t.Errorf("oidctest: sign ID token: %v", err)
			tokenError(w, http.StatusInternalServerError, "server_error", "cannot sign the ID token")
			return
		}
		p.access[access] = accessGrant{user: g.user, expires: now.Add(AccessTokenLifetime)}
		w.Header().Set("Pragma", "no-cache")
		writeJSON(w, http.StatusOK, map[string]any{
			"access_token": access,
			"token_type":   "Bearer",
			"expires_in":   int(AccessTokenLifetime.Seconds()),
			"scope":        g.scope,
			"id_token":     idToken,
		})
	}
}

// authenticateClient checks client_secret_basic or client_secret_post
// (exactly one of them). It returns the client, or a status and OAuth error.
func (p *Provider) authenticateClient(r *http.Request) (c *client, status int, code, description string) {
	f := r.PostForm
	id, secret, basic := r.BasicAuth()
	switch {
	case basic && f.Has("client_secret"):
		return nil, http.StatusBadRequest, "invalid_request", "use one client authentication method, not two"
	case basic:
		var err1, err2 error
		id, err1 = url.QueryUnescape(id)
		secret, err2 = url.QueryUnescape(secret)
		if err1 != nil || err2 != nil {
			return nil, http.StatusUnauthorized, "invalid_client", "the Basic credentials are not form-encoded"
		}
		if f.Has("client_id") && f.Get("client_id") != id {
			return nil, http.StatusBadRequest, "invalid_request", "client_id differs from the authenticated client"
		}
	case f.Has("client_secret"):
		id, secret = f.Get("client_id"), f.Get("client_secret")
	default:
		return nil, http.StatusUnauthorized, "invalid_client", "client authentication is required"
	}
	p.mu.Lock()
	known, ok := p.clients[id]
	p.mu.Unlock()
	if !ok || subtle.ConstantTimeCompare([]byte(secret), []byte(known.secret)) != 1 {
		return nil, http.StatusUnauthorized, "invalid_client", "unknown client or wrong secret"
	}
	return &known, 0, "", ""
}

// userinfo returns the claims of the access token's user.
func (p *Provider) userinfo(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	p.mu.Lock()
	a, found := p.access[token]
	now := p.now()
	p.mu.Unlock()
	if !ok || !found || !now.Before(a.expires) {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		http.Error(w, "invalid access token", http.StatusUnauthorized)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"sub":            Subject(a.user.email),
		"email":          a.user.email,
		"email_verified": a.user.verified,
	})
}

func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func tokenError(w http.ResponseWriter, status int, code, description string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": description})
}
