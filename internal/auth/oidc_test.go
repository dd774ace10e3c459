package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"samverkan/internal/auth/oidctest"
	"samverkan/internal/fault"
)

// The web package's OIDCProvider interface has exactly these methods.
var _ interface {
	AuthCodeURL(state, nonce, verifier string) string
	Exchange(ctx context.Context, code, verifier, nonce string) (string, error)
} = (*OIDC)(nil)

const (
	testClientID = "samverkan"
	testSecret   = "client-secret-for-tests"
	testRedirect = "http://samverkan.test/auth/oidc/callback"
)

// oidcFixture is a provider, a client for it and a recorder of every
// token the provider hands out, to prove errors never contain one.
type oidcFixture struct {
	p      *oidctest.Provider
	o      *OIDC
	ctx    context.Context
	secret *secretRecorder
}

func newOIDCFixture(t *testing.T) *oidcFixture {
	t.Helper()
	p := oidctest.NewProvider(t)
	p.RegisterClient(testClientID, testSecret, testRedirect)
	p.SetUser("Anna.Berg@Example.SE", true)
	rec := &secretRecorder{next: http.DefaultTransport}
	ctx := context.WithValue(t.Context(), oauth2.HTTPClient, &http.Client{Transport: rec, Timeout: 10 * time.Second})
	o, err := NewOIDC(ctx, OIDCConfig{Issuer: p.Issuer(), ClientID: testClientID, ClientSecret: testSecret, RedirectURL: testRedirect})
	if err != nil {
		t.Fatalf("NewOIDC: %v", err)
	}
	return &oidcFixture{p: p, o: o, ctx: ctx, secret: rec}
}

// signIn starts a sign-in like the web layer does, lets the browser follow
// the provider's redirect and returns the query of the callback URL.
func (f *oidcFixture) signIn(t *testing.T, state, nonce, verifier string) url.Values {
	t.Helper()
	browser := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := browser.Get(f.o.AuthCodeURL(state, nonce, verifier))
	if err != nil {
		t.Fatalf("authorize: %v", err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, testRedirect+"?") {
		t.Fatalf("authorize: got %s to %q, want a redirect to the callback", resp.Status, loc)
	}
	callback, err := url.Parse(loc)
	if err != nil {
		t.Fatalf("callback URL: %v", err)
	}
	q := callback.Query()
	if q.Get("state") != state || q.Get("code") == "" || q.Get("iss") != f.p.Issuer() {
		t.Fatalf("callback query = %v, want code, state %q and iss", q, state)
	}
	return q
}

func TestOIDCSignIn(t *testing.T) {
	f := newOIDCFixture(t)
	verifier := oauth2.GenerateVerifier()
	q := f.signIn(t, "state-1", "nonce-1", verifier)
	email, err := f.o.Exchange(f.ctx, q.Get("code"), verifier, "nonce-1")
	if err != nil {
		t.Fatalf("Exchange: %v", err)
	}
	if email != "anna.berg@example.se" {
		t.Errorf("email = %q, want the lower-cased address", email)
	}
	if len(f.secret.seen) == 0 {
		t.Error("the recorder saw no token response; is the client in the context used?")
	}
}

func TestOIDCAuthCodeURL(t *testing.T) {
	f := newOIDCFixture(t)
	verifier := oauth2.GenerateVerifier()
	u, err := url.Parse(f.o.AuthCodeURL("the-state", "the-nonce", verifier))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := u.Scheme+"://"+u.Host+u.Path, f.p.Issuer()+"/authorize"; got != want {
		t.Errorf("endpoint = %q, want %q", got, want)
	}
	want := map[string]string{
		"response_type":         "code",
		"client_id":             testClientID,
		"redirect_uri":          testRedirect,
		"scope":                 "openid email profile",
		"state":                 "the-state",
		"nonce":                 "the-nonce",
		"code_challenge":        oauth2.S256ChallengeFromVerifier(verifier),
		"code_challenge_method": "S256",
	}
	q := u.Query()
	for k, v := range want {
		if q.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, q.Get(k), v)
		}
	}
	if strings.Contains(u.String(), verifier) {
		t.Error("the URL contains the PKCE verifier itself")
	}
}

func TestOIDCScopes(t *testing.T) {
	p := oidctest.NewProvider(t)
	for _, tc := range []struct {
		scopes []string
		want   string
	}{
		{nil, "openid email profile"},
		{[]string{"email"}, "openid email"},
		{[]string{"email", "openid", "groups"}, "openid email groups"},
	} {
		o, err := NewOIDC(t.Context(), OIDCConfig{Issuer: p.Issuer(), ClientID: "c", ClientSecret: "s", RedirectURL: testRedirect, Scopes: tc.scopes})
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(o.AuthCodeURL("s", "n", oauth2.GenerateVerifier()))
		if got := u.Query().Get("scope"); got != tc.want {
			t.Errorf("Scopes %v: scope = %q, want %q", tc.scopes, got, tc.want)
		}
	}
}

func TestOIDCRefused(t *testing.T) {
	for _, tc := range []struct {
		name    string
		setup   func(p *oidctest.Provider)
		nonce   string // passed to Exchange; "" means the one sent
		badVer  bool   // exchange with another PKCE verifier
		noVer   bool   // exchange without a PKCE verifier
		replay  bool   // redeem the code once before
		kind    fault.Kind
		is      error
		wantErr string
	}{
		{name: "wrong nonce", nonce: "another-nonce", kind: fault.Unauthenticated, wantErr: "nonce does not match"},
		{name: "wrong PKCE verifier", badVer: true, kind: fault.Unauthenticated, wantErr: "code_verifier does not match"},
		{name: "missing PKCE verifier", noVer: true, kind: fault.Unauthenticated, wantErr: "no PKCE verifier"},
		{name: "replayed code", replay: true, kind: fault.Unauthenticated, wantErr: "invalid_grant"},
		{name: "unverified e-mail", setup: func(p *oidctest.Provider) { p.SetUser("anna@example.se", false) },
			kind: fault.Forbidden, is: ErrOIDCEmailNotVerified, wantErr: "email_verified=false"},
		{name: "email_verified missing", setup: editClaims(func(c map[string]any) { delete(c, "email_verified") }),
			kind: fault.Forbidden, is: ErrOIDCEmailNotVerified, wantErr: "email_verified=missing"},
		{name: "email_verified not a boolean", setup: editClaims(func(c map[string]any) { c["email_verified"] = "yes" }),
			kind: fault.Forbidden, is: ErrOIDCEmailNotVerified, wantErr: "not verified"},
		{name: "no e-mail", setup: editClaims(func(c map[string]any) { delete(c, "email") }),
			kind: fault.Forbidden, is: ErrOIDCNoEmail, wantErr: "no e-mail address"},
		{name: "signed by another key", setup: func(p *oidctest.Provider) { p.SignWithUnknownKey(true) },
			kind: fault.Unauthenticated, wantErr: "signature"},
		{name: "wrong audience", setup: editClaims(func(c map[string]any) { c["aud"] = "another-client" }),
			kind: fault.Unauthenticated, wantErr: "audience"},
		{name: "wrong issuer", setup: editClaims(func(c map[string]any) { c["iss"] = "https://idp.evil.example" }),
			kind: fault.Unauthenticated, wantErr: "different provider"},
		{name: "expired ID token", setup: func(p *oidctest.Provider) {
			p.SetClock(func() time.Time { return time.Now().Add(-oidctest.IDTokenLifetime - time.Minute) })
		}, kind: fault.Unauthenticated, wantErr: "expired"},
		{name: "access token hash mismatch", setup: editClaims(func(c map[string]any) { c["at_hash"] = "AAAAAAAAAAAAAAAAAAAAAA" }),
			kind: fault.Unauthenticated, wantErr: "access token hash"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newOIDCFixture(t)
			if tc.setup != nil {
				tc.setup(f.p)
			}
			verifier := oauth2.GenerateVerifier()
			q := f.signIn(t, "state", "nonce-sent", verifier)
			code := q.Get("code")
			if tc.replay {
				if _, err := f.o.Exchange(f.ctx, code, verifier, "nonce-sent"); err != nil {
					t.Fatalf("first Exchange: %v", err)
				}
			}
			nonce, ver := "nonce-sent", verifier
			if tc.nonce != "" {
				nonce = tc.nonce
			}
			if tc.badVer {
				ver = oauth2.GenerateVerifier()
			}
			if tc.noVer {
				ver = ""
			}
			email, err := f.o.Exchange(f.ctx, code, ver, nonce)
			if err == nil {
				t.Fatalf("Exchange returned %q, want an error", email)
			}
			t.Logf("refused: %v", err)
			if !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("error %q does not say %q", err, tc.wantErr)
			}
			if got := fault.KindOf(err); got != tc.kind {
				t.Errorf("kind = %v, want %v", got, tc.kind)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %q is not %q", err, tc.is)
			}
			if fe, ok := fault.As(err); !ok || fe.Message == "" || strings.Contains(fe.Message, "oidc:") {
				t.Errorf("the safe message of %q is missing or internal", err)
			}
			for _, s := range append([]string{code, verifier, testSecret}, f.secret.seen...) {
				if strings.Contains(err.Error(), s) {
					t.Errorf("error %q leaks a secret", err)
				}
			}
		})
	}
}

func editClaims(edit func(map[string]any)) func(*oidctest.Provider) {
	return func(p *oidctest.Provider) { p.EditIDToken(edit) }
}

func TestOIDCEmailVerifiedAsString(t *testing.T) {
	f := newOIDCFixture(t)
	f.p.EditIDToken(func(c map[string]any) { c["email_verified"] = "true" })
	verifier := oauth2.GenerateVerifier()
	q := f.signIn(t, "s", "n", verifier)
	if _, err := f.o.Exchange(f.ctx, q.Get("code"), verifier, "n"); err != nil {
		t.Fatalf("Exchange with email_verified \"true\": %v", err)
	}
}

func TestOIDCExchangeMissingInput(t *testing.T) {
	f := newOIDCFixture(t)
	for _, tc := range []struct{ code, verifier, nonce, want string }{
		{"", "v", "n", "no authorization code"},
		{"c", "v", "", "no nonce"},
	} {
		_, err := f.o.Exchange(f.ctx, tc.code, tc.verifier, tc.nonce)
		if err == nil || !strings.Contains(err.Error(), tc.want) || fault.KindOf(err) != fault.Unauthenticated {
			t.Errorf("Exchange(%q, %q, %q) = %v, want an Unauthenticated error saying %q", tc.code, tc.verifier, tc.nonce, err, tc.want)
		}
	}
}

func TestNewOIDCBadConfig(t *testing.T) {
	p := oidctest.NewProvider(t)
	good := OIDCConfig{Issuer: p.Issuer(), ClientID: "c", ClientSecret: "s", RedirectURL: testRedirect}
	if _, err := NewOIDC(t.Context(), good); err != nil {
		t.Fatalf("good config: %v", err)
	}
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	wrongIssuer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"issuer":"https://elsewhere.example","authorization_endpoint":"https://elsewhere.example/a","token_endpoint":"https://elsewhere.example/t","jwks_uri":"https://elsewhere.example/k"}`)
	}))
	t.Cleanup(wrongIssuer.Close)
	notOIDC := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(notOIDC.Close)

	for _, tc := range []struct {
		name string
		edit func(*OIDCConfig)
		want string
	}{
		{"no issuer", func(c *OIDCConfig) { c.Issuer = "" }, "issuer must be an absolute"},
		{"relative issuer", func(c *OIDCConfig) { c.Issuer = "idp.example" }, "issuer must be an absolute"},
		{"issuer with query", func(c *OIDCConfig) { c.Issuer = p.Issuer() + "?x=1" }, "issuer must be an absolute"},
		{"no client id", func(c *OIDCConfig) { c.ClientID = " " }, "client id is required"},
		{"no client secret", func(c *OIDCConfig) { c.ClientSecret = "" }, "client secret is required"},
		{"no redirect URL", func(c *OIDCConfig) { c.RedirectURL = "" }, "redirect URL must be"},
		{"relative redirect URL", func(c *OIDCConfig) { c.RedirectURL = "/auth/callback" }, "redirect URL must be"},
		{"unreachable issuer", func(c *OIDCConfig) { c.Issuer = closed.URL }, "discovery for issuer " + closed.URL + " failed"},
		{"not a provider", func(c *OIDCConfig) { c.Issuer = notOIDC.URL }, "404"},
		{"issuer mismatch", func(c *OIDCConfig) { c.Issuer = wrongIssuer.URL }, "elsewhere.example"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := good
			tc.edit(&cfg)
			o, err := NewOIDC(t.Context(), cfg)
			if err == nil {
				t.Fatalf("NewOIDC = %v, want an error", o)
			}
			t.Logf("refused: %v", err)
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
		})
	}
}

func TestAuthStyle(t *testing.T) {
	for _, tc := range []struct {
		methods []string
		want    oauth2.AuthStyle
	}{
		{nil, oauth2.AuthStyleInHeader},
		{[]string{"client_secret_post", "client_secret_basic"}, oauth2.AuthStyleInHeader},
		{[]string{"client_secret_post"}, oauth2.AuthStyleInParams},
		{[]string{"private_key_jwt"}, oauth2.AuthStyleAutoDetect},
	} {
		if got := authStyle(tc.methods); got != tc.want {
			t.Errorf("authStyle(%v) = %v, want %v", tc.methods, got, tc.want)
		}
	}
}

// secretRecorder passes requests on and remembers the tokens in token
// responses.
type secretRecorder struct {
	next http.RoundTripper
	seen []string
}

func (s *secretRecorder) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := s.next.RoundTrip(r)
	if err != nil || !strings.HasSuffix(r.URL.Path, "/token") {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	var tok struct {
		AccessToken string `json:"access_token"`
		IDToken     string `json:"id_token"`
	}
	if json.Unmarshal(body, &tok) == nil {
		for _, v := range []string{tok.AccessToken, tok.IDToken} {
			if v != "" {
				s.seen = append(s.seen, v)
			}
		}
	}
	return resp, nil
}
