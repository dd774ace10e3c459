package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"samverkan/internal/auth"
	"samverkan/internal/fault"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

const (
	// SessionLifetime is how long a browser stays signed in.
	SessionLifetime = 12 * time.Hour
	// Sign-in throttling: after maxFailures failed attempts for one e-mail
	// address within failureWindow, further attempts are refused until the
	// window has passed.
	maxFailures   = 5
	failureWindow = 15 * time.Minute
)

// ErrBadCredentials is the one answer to a wrong e-mail or password.
var ErrBadCredentials = fault.New(fault.Unauthenticated, "wrong e-mail address or password")

// SignIn checks a password and opens a session; it returns the session token.
func (a *App) SignIn(ctx context.Context, email, password string) (string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	now := a.now()
	q := a.db.Read()
	n, err := q.CountLoginFailures(ctx, email, now.Add(-failureWindow))
	if err != nil {
		return "", err
	}
	if n >= maxFailures {
		return "", fault.New(fault.TooMany, "too many failed sign-ins for this address; try again in 15 minutes")
	}
	p, hash, err := q.PersonByEmail(ctx, email)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	if !auth.CheckPassword(password, hash) || !p.Active {
		if err := a.db.InTx(ctx, func(q *store.Queries) error { return q.RecordLoginFailure(ctx, email, now) }); err != nil {
			return "", err
		}
		return "", ErrBadCredentials
	}
	return a.openSession(ctx, p, "password")
}

// SignInVerified opens a session for the person with a verified e-mail
// address from an identity provider (OIDC). Unknown addresses are refused:
// the provider proves who someone is, Samverkan decides whether they may in.
func (a *App) SignInVerified(ctx context.Context, email string) (string, error) {
	p, _, err := a.db.Read().PersonByEmail(ctx, strings.ToLower(strings.TrimSpace(email)))
	if errors.Is(err, store.ErrNotFound) || (err == nil && (!p.Active || p.Pending)) {
		return "", fault.New(fault.Forbidden, "no active, verified account in Samverkan has this e-mail address")
	}
	if err != nil {
		return "", err
	}
	return a.openSession(ctx, p, "oidc")
}

func (a *App) openSession(ctx context.Context, p org.Person, method string) (string, error) {
	token, hash := auth.NewToken("")
	now := a.now()
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		if err := q.ClearLoginFailures(ctx, p.Email); err != nil {
			return err
		}
		if err := q.CreateSession(ctx, store.Session{TokenHash: hash, PersonID: p.ID, CreatedAt: now, ExpiresAt: now.Add(SessionLifetime)}); err != nil {
			return err
		}
		return a.audit(ctx, q, Actor{PersonID: p.ID, Name: p.Name}, p.MemberID, "session", p.ID, "sign_in", nil, map[string]string{"method": method})
	})
	return token, err
}

// SessionActor resolves a session token to the actor, applying an active
// substitution if the session acts for someone.
func (a *App) SessionActor(ctx context.Context, token string) (Actor, error) {
	s, err := a.db.Read().GetSession(ctx, auth.HashToken(token), a.now())
	if errors.Is(err, store.ErrNotFound) {
		return Actor{}, fault.New(fault.Unauthenticated, "sign in first")
	}
	if err != nil {
		return Actor{}, err
	}
	return a.actorFor(ctx, s.PersonID, s.ActingFor)
}

// SignOut ends a session.
func (a *App) SignOut(ctx context.Context, by Actor, token string) error {
	return a.db.InTx(ctx, func(q *store.Queries) error {
		if err := q.DeleteSession(ctx, auth.HashToken(token)); err != nil {
			return err
		}
		return a.audit(ctx, q, by, by.MemberID, "session", by.PersonID, "sign_out", nil, nil)
	})
}

// ActFor switches the session to act for a principal (0: back to oneself).
func (a *App) ActFor(ctx context.Context, by Actor, token string, principalID int64) (Actor, error) {
	self := by.PersonID
	next, err := a.actorFor(ctx, self, principalID)
	if err != nil {
		return by, err
	}
	if principalID != 0 && next.ActingFor != principalID {
		return by, fault.Forbiddenf("you are not a substitute for this person today")
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		if err := q.SetSessionActingFor(ctx, auth.HashToken(token), principalID); err != nil {
			return err
		}
		action := "stop_acting"
		if principalID != 0 {
			action = "start_acting"
		}
		return a.audit(ctx, q, next, next.MemberID, "session", self, action, nil, map[string]int64{"acting_for": principalID})
	})
	return next, err
}

// actorFor builds the actor for a person, acting for principal if an active
// substitution allows it; otherwise the person acts as themselves.
func (a *App) actorFor(ctx context.Context, personID, principal int64) (Actor, error) {
	q := a.db.Read()
	p, err := q.GetPerson(ctx, personID)
	if err != nil {
		return Actor{}, notFound(err, "person")
	}
	if !p.Active {
		return Actor{}, fault.New(fault.Unauthenticated, "this account is disabled")
	}
	act := Actor{PersonID: p.ID, Name: p.Name, Email: p.Email, Language: p.Language, MemberID: p.MemberID, UnitID: p.UnitID, Grants: p.Grants}
	if act.TeamIDs, err = q.TeamIDsOf(ctx, p.ID); err != nil {
		return Actor{}, err
	}
	if principal == 0 {
		return act, nil
	}
	ss, err := q.ListSubstitutes(ctx, store.SubstituteFilter{PersonID: personID})
	if err != nil {
		return Actor{}, err
	}
	today := a.localNow(ctx)
	for _, s := range ss {
		if s.PersonID != personID || s.ForPersonID != principal || !s.ActiveOn(today) {
			continue
		}
		pr, err := q.GetPerson(ctx, principal)
		if err != nil || !pr.Active || pr.MemberID != p.MemberID {
			break
		}
		act.ActingFor, act.ActingForName, act.UnitID = pr.ID, pr.Name, pr.UnitID
		act.Grants = nil
		for _, g := range pr.Grants {
			if s.Scope == "" || g.Role == s.Scope {
				act.Grants = append(act.Grants, g)
			}
		}
		return act, nil
	}
	return act, nil
}

// ChangePassword sets a new password for the actor after checking the old
// one, and signs out their other sessions.
func (a *App) ChangePassword(ctx context.Context, by Actor, token, current, next string) error {
	_, hash, err := a.db.Read().PersonByEmail(ctx, by.Email)
	if err != nil {
		return err
	}
	if hash != "" && !auth.CheckPassword(current, hash) {
		return fault.Field("current_password", "password_wrong", "the current password is wrong")
	}
	newHash, err := auth.HashPassword(next)
	if err != nil {
		return fault.Field("new_password", "password_short", err.Error())
	}
	return a.db.InTx(ctx, func(q *store.Queries) error {
		if err := q.SetPasswordHash(ctx, by.PersonID, newHash, a.now()); err != nil {
			return err
		}
		if err := q.DeleteSessionsOf(ctx, by.PersonID, auth.HashToken(token)); err != nil {
			return err
		}
		return a.audit(ctx, q, by, by.MemberID, "person", by.PersonID, "change_password", nil, nil)
	})
}

// SetPassword sets a person's password (admins, and the command line).
func (a *App) SetPassword(ctx context.Context, by Actor, personID int64, password string) error {
	if err := by.require(ManageOrganisation); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return fault.Field("password", "password_short", err.Error())
	}
	return a.db.InTx(ctx, func(q *store.Queries) error {
		p, err := q.GetPerson(ctx, personID)
		if err != nil {
			return notFound(err, "person")
		}
		if err := q.SetPasswordHash(ctx, personID, hash, a.now()); err != nil {
			return err
		}
		if err := q.DeleteSessionsOf(ctx, personID, ""); err != nil {
			return err
		}
		return a.audit(ctx, q, by, p.MemberID, "person", personID, "set_password", nil, nil)
	})
}

// SetPasswords gives several people the same password with one hash (the
// demo logins); the hash is salted once, which is acceptable only there.
func (a *App) SetPasswords(ctx context.Context, by Actor, personIDs []int64, password string) error {
	if err := by.require(ManageOrganisation); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return fault.Field("password", "password_short", err.Error())
	}
	return a.db.InTx(ctx, func(q *store.Queries) error {
		for _, id := range personIDs {
			p, err := q.GetPerson(ctx, id)
			if err != nil {
				return notFound(err, "person")
			}
			if err := q.SetPasswordHash(ctx, id, hash, a.now()); err != nil {
				return err
			}
			if err := a.audit(ctx, q, by, p.MemberID, "person", id, "set_password", nil, nil); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetLanguage stores the actor's preferred language ("" follows the browser).
func (a *App) SetLanguage(ctx context.Context, by Actor, lang string) error {
	if lang != "" && lang != "sv" && lang != "da" && lang != "en" {
		return fault.Field("language", "language", "language must be sv, da or en")
	}
	return a.db.InTx(ctx, func(q *store.Queries) error {
		p, err := q.GetPerson(ctx, by.PersonID)
		if err != nil {
			return notFound(err, "person")
		}
		before := p.Language
		p.Language = lang
		if _, err := q.UpdatePerson(ctx, p, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, p.MemberID, "person", p.ID, "set_language", before, lang)
	})
}

// PruneExpired removes expired sessions, stale sign-in failures and jobs
// finished more than a week ago.
func (a *App) PruneExpired(ctx context.Context) error {
	return a.db.InTx(ctx, func(q *store.Queries) error {
		if err := q.PruneExpired(ctx, a.now()); err != nil {
			return err
		}
		return q.PruneJobs(ctx, a.now().AddDate(0, 0, -7))
	})
}
