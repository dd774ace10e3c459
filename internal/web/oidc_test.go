package web_test

import (
	"context"
	"errors"
	"net/url"
)

// fakeIdP is an identity provider that signs in Email when given the code
// "good" with the verifier and nonce it handed out.
type fakeIdP struct {
	Email           string
	nonce, verifier string
}

func (p *fakeIdP) AuthCodeURL(state, nonce, verifier string) string {
	p.nonce, p.verifier = nonce, verifier
	return "https://idp.example/authorize?" + url.Values{"state": {state}}.Encode()
}

func (p *fakeIdP) Exchange(ctx context.Context, code, verifier, nonce string) (string, error) {
	if code != "good" || verifier != p.verifier || nonce != p.nonce {
		return "", errors.New("the provider refused the code")
	}
	return p.Email, nil
}
