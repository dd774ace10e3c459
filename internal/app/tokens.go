package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"samverkan/internal/auth"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// TokenPrefix marks Samverkan API tokens so they are recognisable in logs
// and secret scanners.
const TokenPrefix = "svk_"

// APIToken is a token as its owner sees it; the secret is shown only once.
type APIToken = store.APIToken

// CreateAPIToken issues a token for the actor, or for personID when an admin
// (or the command line) issues it for someone else. It returns the secret.
func (a *App) CreateAPIToken(ctx context.Context, by Actor, personID int64, name string) (APIToken, string, error) {
	if personID == 0 {
		personID = by.PersonID
	}
	if personID != by.PersonID {
		if err := by.require(ManageOrganisation); err != nil {
			return APIToken{}, "", err
		}
	}
	if by.Acting() {
		return APIToken{}, "", fault.Forbiddenf("a substitute cannot create tokens in someone else's name")
	}
	name = strings.TrimSpace(name)
	if len(name) > 100 {
		return APIToken{}, "", fault.Field("name", "too_long", "the name is at most 100 characters")
	}
	secret, hash := auth.NewToken(TokenPrefix)
	var t APIToken
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		p, err := q.GetPerson(ctx, personID)
		if err != nil {
			return notFound(err, "person")
		}
		if t, err = q.CreateAPIToken(ctx, APIToken{PersonID: personID, Name: name, TokenHash: hash, CreatedAt: a.now()}); err != nil {
			return err
		}
		return a.audit(ctx, q, by, p.MemberID, "api_token", t.ID, "create", nil, map[string]any{"person_id": personID, "name": name})
	})
	return t, secret, err
}

// IssueTokenByEmail issues a token for the person with this e-mail address
// (the `samverkan token create` command).
func (a *App) IssueTokenByEmail(ctx context.Context, by Actor, email, name string) (string, error) {
	p, _, err := a.db.Read().PersonByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		return "", fault.NotFoundf("no person has the e-mail address %s", email)
	}
	if err != nil {
		return "", err
	}
	_, secret, err := a.CreateAPIToken(ctx, by, p.ID, name)
	return secret, err
}

// TokenActor resolves a bearer token to its owner.
func (a *App) TokenActor(ctx context.Context, secret string) (Actor, error) {
	hash := auth.HashToken(secret)
	cache := tokenCacheOf(a.db)
	if act, ok := cache.cachedActor(hash); ok {
		return act, nil
	}
	t, err := a.db.Read().APITokenByHash(ctx, hash)
	if errors.Is(err, store.ErrNotFound) {
		return Actor{}, fault.New(fault.Unauthenticated, "the token is unknown or revoked")
	}
	if err != nil {
		return Actor{}, err
	}
	act, err := a.actorFor(ctx, t.PersonID, 0)
	if err != nil {
		return Actor{}, err
	}
	// Use is recorded at most once a minute, so reads stay reads; it is
	// best effort, and a busy database must not fail a request.
	if now := a.now(); now.Sub(t.LastUsedAt) > time.Minute {
		if err := a.db.Read().TouchAPIToken(ctx, t.ID, now); err != nil {
			a.log.Debug("token use not recorded", "err", err)
		}
	}
	cache.keep(hash, act)
	return act, nil
}

// ListAPITokens lists the actor's own tokens.
func (a *App) ListAPITokens(ctx context.Context, by Actor) ([]APIToken, error) {
	if by.PersonID == 0 {
		return nil, fault.New(fault.Unauthenticated, "sign in first")
	}
	return a.db.Read().ListAPITokens(ctx, by.PersonID)
}

// APIToken reads one of the actor's tokens (admins: anyone's), as
// RevokeAPIToken may revoke it; another's token is not found. The
// secret's hash is left out: it is never shown.
func (a *App) APIToken(ctx context.Context, by Actor, id int64) (APIToken, error) {
	t, err := a.db.Read().GetAPIToken(ctx, id)
	if err != nil || !ownsToken(by, t) {
		return APIToken{}, notFound(orNotFound(err), "token")
	}
	t.TokenHash = ""
	return t, nil
}

// ownsToken reports whether the actor may read or revoke token t: their
// own, or anyone's for an admin.
func ownsToken(by Actor, t APIToken) bool {
	return t.PersonID == by.PersonID || by.Can(ManageOrganisation)
}

// RevokeAPIToken revokes one of the actor's tokens (admins: anyone's).
func (a *App) RevokeAPIToken(ctx context.Context, by Actor, id int64) error {
	defer tokenCacheOf(a.db).forget()
	return a.db.InTx(ctx, func(q *store.Queries) error {
		t, err := q.GetAPIToken(ctx, id)
		if err != nil || !ownsToken(by, t) {
			return notFound(orNotFound(err), "token")
		}
		if err := q.RevokeAPIToken(ctx, id, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, by.MemberID, "api_token", id, "revoke", nil, nil)
	})
}
