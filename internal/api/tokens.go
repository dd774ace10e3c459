package api

import (
	"net/http"
	"time"

	"samverkan/internal/app"
)

// tokenJSON is one of the caller's API tokens; the secret is never shown
// again after it was created.
type tokenJSON struct {
	ID         int64   `json:"id"`
	Name       string  `json:"name"`
	CreatedAt  string  `json:"created_at"`
	LastUsedAt *string `json:"last_used_at"`
	RevokedAt  *string `json:"revoked_at"`
}

func tokenOut(t app.APIToken, loc *time.Location) tokenJSON {
	return tokenJSON{ID: t.ID, Name: t.Name, CreatedAt: stamp(t.CreatedAt, loc),
		LastUsedAt: stampOrNull(t.LastUsedAt, loc), RevokedAt: stampOrNull(t.RevokedAt, loc)}
}

// newTokenJSON answers POST /tokens: the one time the secret is shown.
type newTokenJSON struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Token     string `json:"token"`
	CreatedAt string `json:"created_at"`
}

func (s *server) listTokens(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	pr := q.page()
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	page, err := s.app.APITokenPage(r.Context(), by, pr)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	reply(w, http.StatusOK, listOf(page, func(t app.APIToken) tokenJSON { return tokenOut(t, loc) }))
}

func (s *server) createToken(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in struct {
		Name opt[string] `json:"name"`
	}
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	t, secret, err := s.app.CreateAPIToken(r.Context(), by, 0, in.Name.V)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	out := newTokenJSON{ID: t.ID, Name: t.Name, Token: secret, CreatedAt: stamp(t.CreatedAt, s.zone(r.Context()))}
	created(w, "tokens", t.ID, out)
}

func (s *server) getToken(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	t, err := s.app.APIToken(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, tokenOut(t, s.zone(r.Context())))
}

func (s *server) deleteToken(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if err := s.app.RevokeAPIToken(r.Context(), by, id); err != nil {
		s.problem(w, r, err)
		return
	}
	noContent(w)
}
