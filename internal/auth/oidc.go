package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"samverkan/internal/fault"
)

// OIDCConfig configures sign-in through an OpenID Connect provider.
// Scopes defaults to openid, email and profile; openid is always requested.
type OIDCConfig struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	RedirectURL  string
	Scopes       []string
}

// OIDC signs people in with the authorization code flow, PKCE (S256) and a
// nonce, and trusts only ID tokens that carry a verified e-mail address.
type OIDC struct {
	conf     oauth2.Config
	verifier *oidc.IDTokenVerifier
	client   *http.Client
}

// oidcTimeout bounds every request to the provider made with the default
// client (discovery, keys, token exchange).
const oidcTimeout = 15 * time.Second

// Errors from Exchange that a person can act on. They are *fault.Error
// values, so the edges show their message; match them with errors.Is.
var (
	ErrOIDCNoEmail = &fault.Error{Kind: fault.Forbidden,
		Message: "the identity provider did not share an e-mail address; allow Samverkan to see your e-mail address and try again"}
	ErrOIDCEmailNotVerified = &fault.Error{Kind: fault.Forbidden,
		Message: "the identity provider has not verified your e-mail address; verify it there and try again"}
)

// errOIDCFailed is the message shown for every other refused sign-in; what
// exactly failed is in the wrapping error's text, for the log.
var errOIDCFailed = &fault.Error{Kind: fault.Unauthenticated,
	Message: "sign-in with the identity provider failed; please try again"}

// NewOIDC checks cfg and fetches the provider's discovery document from
// cfg.Issuer. An HTTP client in ctx (oauth2.HTTPClient) is used for all
// requests to the provider; otherwise a client with a timeout.
func NewOIDC(ctx context.Context, cfg OIDCConfig) (*OIDC, error) {
	if err := checkOIDCConfig(cfg); err != nil {
		return nil, err
	}
	client, ok := ctx.Value(oauth2.HTTPClient).(*http.Client)
	if !ok || client == nil {
		client = &http.Client{Timeout: oidcTimeout}
	}
	ctx = oidc.ClientContext(ctx, client)

	provider, err := oidc.NewProvider(ctx, cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("oidc: discovery for issuer %s failed: %w", cfg.Issuer, err)
	}
	var meta struct {
		AuthMethods []string `json:"token_endpoint_auth_methods_supported"`
	}
	if err := provider.Claims(&meta); err != nil {
		return nil, fmt.Errorf("oidc: discovery for issuer %s: %w", cfg.Issuer, err)
	}
	endpoint := provider.Endpoint()
	if endpoint.AuthURL == "" || endpoint.TokenURL == "" {
		return nil, fmt.Errorf("oidc: discovery for issuer %s: no authorization or token endpoint", cfg.Issuer)
	}
	endpoint.AuthStyle = authStyle(meta.AuthMethods)

	scopes := cfg.Scopes
	if len(scopes) == 0 {
		scopes = []string{oidc.ScopeEmail, oidc.ScopeProfile}
	}
	scopes = slices.DeleteFunc(slices.Clone(scopes), func(s string) bool { return s == oidc.ScopeOpenID })
	scopes = append([]string{oidc.ScopeOpenID}, scopes...)

	return &OIDC{
		conf: oauth2.Config{
			ClientID:     cfg.ClientID,
			ClientSecret: cfg.ClientSecret,
			Endpoint:     endpoint,
			RedirectURL:  cfg.RedirectURL,
			Scopes:       scopes,
		},
		verifier: provider.Verifier(&oidc.Config{ClientID: cfg.ClientID}),
		client:   client,
	}, nil
}

func checkOIDCConfig(cfg OIDCConfig) error {
	var problems []string
	if u, err := url.Parse(cfg.Issuer); cfg.Issuer == "" || err != nil || !u.IsAbs() || u.Host == "" ||
		(u.Scheme != "https" && u.Scheme != "http") || u.RawQuery != "" || u.Fragment != "" {
		problems = append(problems, "the issuer must be an absolute http(s) URL without query or fragment")
	}
	if strings.TrimSpace(cfg.ClientID) == "" {
		problems = append(problems, "the client id is required")
	}
	if cfg.ClientSecret == "" {
		problems = append(problems, "the client secret is required")
	}
	if u, err := url.Parse(cfg.RedirectURL); cfg.RedirectURL == "" || err != nil || !u.IsAbs() || u.Host == "" ||
		(u.Scheme != "https" && u.Scheme != "http") || u.Fragment != "" {
		problems = append(problems, "the redirect URL must be an absolute http(s) URL without fragment")
	}
	if len(problems) > 0 {
		return fmt.Errorf("oidc: bad configuration: %s", strings.Join(problems, "; "))
	}
	return nil
}

// authStyle picks how the client authenticates at the token endpoint.
// client_secret_basic is the default when the provider does not say
// (OpenID Connect Discovery 1.0, section 3).
func authStyle(methods []string) oauth2.AuthStyle {
	if len(methods) == 0 || slices.Contains(methods, "client_secret_basic") {
		return oauth2.AuthStyleInHeader
	}
	if slices.Contains(methods, "client_secret_post") {
		return oauth2.AuthStyleInParams
	}
	return oauth2.AuthStyleAutoDetect
}

// AuthCodeURL returns the provider URL to send the browser to. state, nonce
// and verifier are fresh random values the caller keeps (in a cookie or the
// session) until the callback; oauth2.GenerateVerifier makes a verifier.
func (o *OIDC) AuthCodeURL(state, nonce, verifier string) string {
	return o.conf.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier))
}

// Exchange redeems the authorization code from the callback, verifies the
// ID token (signature, issuer, audience, expiry, nonce, access token hash)
// and returns its e-mail address in lower case. The e-mail address must be
// present and verified by the provider. A refusal wraps a *fault.Error with
// a message safe to show (Unauthenticated, or Forbidden for the e-mail
// address: ErrOIDCNoEmail, ErrOIDCEmailNotVerified); a provider that cannot
// be reached gives a plain, internal error. Error text says what failed for
// the log and never holds a code, verifier or token.
func (o *OIDC) Exchange(ctx context.Context, code, verifier, nonce string) (string, error) {
	switch {
	case code == "":
		return "", fmt.Errorf("oidc: the callback has no authorization code: %w", errOIDCFailed)
	case verifier == "":
		return "", fmt.Errorf("oidc: no PKCE verifier for this sign-in: %w", errOIDCFailed)
	case nonce == "":
		return "", fmt.Errorf("oidc: no nonce for this sign-in: %w", errOIDCFailed)
	}
	if c, ok := ctx.Value(oauth2.HTTPClient).(*http.Client); !ok || c == nil {
		ctx = oidc.ClientContext(ctx, o.client)
	}

	token, err := o.conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) {
			// Error() of a RetrieveError includes the raw response body;
			// only the standard fields are kept.
			status := 0
			if re.Response != nil {
				status = re.Response.StatusCode
			}
			return "", fmt.Errorf("oidc: the provider refused the authorization code (HTTP %d, %s): %w",
				status, describe(re.ErrorCode, re.ErrorDescription), errOIDCFailed)
		}
		return "", fmt.Errorf("oidc: token request failed: %w", err)
	}
	raw, ok := token.Extra("id_token").(string)
	if !ok || raw == "" {
		return "", fmt.Errorf("oidc: the token response has no id_token: %w", errOIDCFailed)
	}
	idToken, err := o.verifier.Verify(ctx, raw)
	if err != nil {
		return "", fmt.Errorf("oidc: ID token rejected: %s: %w", strings.TrimPrefix(err.Error(), "oidc: "), errOIDCFailed)
	}
	if idToken.Nonce != nonce {
		return "", fmt.Errorf("oidc: ID token rejected: the nonce does not match this sign-in: %w", errOIDCFailed)
	}
	if idToken.AccessTokenHash != "" {
		if err := idToken.VerifyAccessToken(token.AccessToken); err != nil {
			return "", fmt.Errorf("oidc: ID token rejected: %v: %w", err, errOIDCFailed)
		}
	}

	var claims struct {
		Email         string          `json:"email"`
		EmailVerified json.RawMessage `json:"email_verified"`
	}
	if err := idToken.Claims(&claims); err != nil {
		return "", fmt.Errorf("oidc: ID token claims: %v: %w", err, errOIDCFailed)
	}
	email := strings.ToLower(strings.TrimSpace(claims.Email))
	if email == "" || !strings.Contains(email, "@") {
		return "", fmt.Errorf("oidc: the ID token has no e-mail address: %w", ErrOIDCNoEmail)
	}
	// Some providers send the boolean as a string; anything else is not
	// a verification.
	if v := string(claims.EmailVerified); v != "true" && v != `"true"` {
		return "", fmt.Errorf("oidc: the ID token's e-mail address is not verified (email_verified=%s): %w",
			orMissing(v), ErrOIDCEmailNotVerified)
	}
	return email, nil
}

func describe(code, description string) string {
	if code == "" {
		code = "no error code"
	}
	if description == "" {
		return code
	}
	if len(description) > 200 {
		description = description[:200] + "…"
	}
	return fmt.Sprintf("%s: %q", code, description)
}

func orMissing(v string) string {
	if v == "" {
		return "missing"
	}
	if len(v) > 20 {
		return v[:20] + "…"
	}
	return v
}
