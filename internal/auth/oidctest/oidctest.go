// Package oidctest is a small but real OpenID Connect provider for tests. It
// runs in process on an httptest.Server and speaks the authorization code
// flow with PKCE (S256 only): discovery, JWKS, authorize, token and
// userinfo. ID tokens are RS256 JWTs signed with a key made for each
// provider.
//
// The provider signs in its current user (SetUser) without asking; with no
// user set, /authorize shows a plain HTML form for an e-mail address. Knobs
// for negative tests: SetClock, EditIDToken and SignWithUnknownKey.
package oidctest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// Lifetimes of what the provider issues.
const (
	CodeLifetime        = time.Minute
	AccessTokenLifetime = time.Hour
	IDTokenLifetime     = 10 * time.Minute
)

// Provider is an OpenID Connect provider. Its methods are safe for
// concurrent use.
type Provider struct {
	t   testing.TB
	srv *httptest.Server

	key     *rsa.PrivateKey // published in the JWKS
	unknown *rsa.PrivateKey // same key id, not published; made on first use
	kid     string

	mu         sync.Mutex
	clients    map[string]client
	user       *user
	codes      map[string]grant
	access     map[string]accessGrant
	now        func() time.Time
	edit       func(claims map[string]any)
	useUnknown bool
}

type client struct {
	id, secret, redirectURL string
}

type user struct {
	email    string
	verified bool
}

// grant is what an authorization code stands for until it is redeemed.
type grant struct {
	clientID, redirectURL string
	challenge, nonce      string
	scope                 string
	user                  user
	expires               time.Time
}

type accessGrant struct {
	user    user
	expires time.Time
}

// NewProvider starts a provider; it is closed when the test ends.
func NewProvider(t testing.TB) *Provider {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatalf("oidctest: generate key: %v", err)
	}
	p := &Provider{
		t:       t,
		key:     key,
		kid:     "k-" + rand.Text()[:8],
		clients: map[string]client{},
		codes:   map[string]grant{},
		access:  map[string]accessGrant{},
		now:     time.Now,
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", p.discovery)
	mux.HandleFunc("GET /jwks", p.jwks)
	mux.HandleFunc("/authorize", p.authorize)
	mux.HandleFunc("/token", p.token)
	mux.HandleFunc("/userinfo", p.userinfo)
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	return p
}

// Issuer is the provider's issuer URL, the base of all its endpoints.
func (p *Provider) Issuer() string { return p.srv.URL }

// RegisterClient registers (or replaces) a confidential client with exactly
// one redirect URL.
func (p *Provider) RegisterClient(id, secret, redirectURL string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clients[id] = client{id: id, secret: secret, redirectURL: redirectURL}
}

// SetUser sets who is signed in at the provider; /authorize then issues a
// code for this user without asking. An empty email signs the user out, and
// /authorize shows its sign-in form instead.
func (p *Provider) SetUser(email string, verified bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if email == "" {
		p.user = nil
		return
	}
	p.user = &user{email: email, verified: verified}
}

// SetClock replaces the provider's clock (time.Now), which dates codes,
// access tokens and ID tokens.
func (p *Provider) SetClock(now func() time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.now = now
}

// EditIDToken makes the provider pass the claims of every ID token it
// issues through edit before signing, so tests can forge a wrong audience,
// issuer, nonce and so on. nil stops editing.
func (p *Provider) EditIDToken(edit func(claims map[string]any)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.edit = edit
}

// SignWithUnknownKey makes the provider sign ID tokens with a key that has
// the published key id but is not in the JWKS.
func (p *Provider) SignWithUnknownKey(on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.useUnknown = on
	if on && p.unknown == nil {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			p.t.Fatalf("oidctest: generate key: %v", err)
		}
		p.unknown = key
	}
}

func (p *Provider) discovery(w http.ResponseWriter, r *http.Request) {
	iss := p.Issuer()
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                         iss,
		"authorization_endpoint":                         iss + "/authorize",
		"token_endpoint":                                 iss + "/token",
		"userinfo_endpoint":                              iss + "/userinfo",
		"jwks_uri":                                       iss + "/jwks",
		"response_types_supported":                       []string{"code"},
		"response_modes_supported":                       []string{"query"},
		"grant_types_supported":                          []string{"authorization_code"},
		"subject_types_supported":                        []string{"public"},
		"id_token_signing_alg_values_supported":          []string{"RS256"},
		"scopes_supported":                               []string{"openid", "email", "profile"},
		"token_endpoint_auth_methods_supported":          []string{"client_secret_basic", "client_secret_post"},
		"code_challenge_methods_supported":               []string{"S256"},
		"claims_supported":                               []string{"iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash", "email", "email_verified"},
		"authorization_response_iss_parameter_supported": true,
	})
}

func (p *Provider) jwks(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{
		Key: &p.key.PublicKey, KeyID: p.kid, Algorithm: string(jose.RS256), Use: "sig",
	}}})
}

// idToken signs the ID token for a redeemed grant. The caller holds p.mu.
func (p *Provider) idToken(g grant, accessToken string, now time.Time) (string, error) {
	claims := map[string]any{
		"iss":            p.Issuer(),
		"sub":            Subject(g.user.email),
		"aud":            g.clientID,
		"azp":            g.clientID,
		"exp":            now.Add(IDTokenLifetime).Unix(),
		"iat":            now.Unix(),
		"auth_time":      now.Unix(),
		"at_hash":        leftHalfHash(accessToken),
		"email":          g.user.email,
		"email_verified": g.user.verified,
	}
	if g.nonce != "" {
		claims["nonce"] = g.nonce
	}
	if p.edit != nil {
		p.edit(claims)
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	key := p.key
	if p.useUnknown {
		key = p.unknown
	}
	signer, err := jose.NewSigner(
		jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: key, KeyID: p.kid}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		return "", err
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		return "", err
	}
	return jws.CompactSerialize()
}

// Subject is the stable subject identifier the provider gives an e-mail
// address.
func Subject(email string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(email)))
	return "user-" + hex.EncodeToString(sum[:8])
}

// leftHalfHash is the at_hash of an access token for RS256.
func leftHalfHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return base64.RawURLEncoding.EncodeToString(sum[:len(sum)/2])
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
