package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// Reply is what centre staff write on a case: a reply the member sees
// (and gets by e-mail) or an internal note.
type Reply struct {
	Body string
	// Visibility: external (default) for a reply to the member, internal
	// for a note only centre staff see.
	Visibility cases.Visibility
	// Status optionally moves the case in the same step, e.g. to
	// waiting_member or resolved. An external reply to a new case opens it.
	Status      cases.Status
	Attachments []NewAttachment
}

// ReplyToCase adds a reply or a note to a case (centre staff). For a
// member-side user an external message is their own message on the case
// (as AddMemberMessage); notes and status changes are refused to them.
// The returned event's CaseID is the case it landed on.
func (a *App) ReplyToCase(ctx context.Context, by Actor, caseID int64, r Reply) (cases.Event, error) {
	if err := caseActor(by); err != nil {
		return cases.Event{}, err
	}
	if r.Visibility == "" {
		r.Visibility = cases.External
	}
	if !r.Visibility.Valid() {
		return cases.Event{}, fault.Field("visibility", "visibility", "visibility must be external or internal")
	}
	if !by.IsCentre() {
		if r.Visibility != cases.External || r.Status != "" {
			return cases.Event{}, fault.Forbiddenf("only centre staff write internal notes or change a case's status")
		}
		res, err := a.AddMemberMessage(ctx, by, caseID, MemberMessage{Body: r.Body, Attachments: r.Attachments})
		return res.Event, err
	}
	scope, err := a.workScope(ctx, by)
	if err != nil {
		return cases.Event{}, err
	}
	cfg, err := a.caseConfig(ctx, a.db.Read())
	if err != nil {
		return cases.Event{}, err
	}
	var fs fault.Fields
	body := checkBody(r.Body, len(r.Attachments) > 0, &fs)
	files, err := prepareFiles(r.Attachments, cfg.maxAttachment, &fs)
	if err != nil {
		return cases.Event{}, err
	}
	if r.Status != "" && !r.Status.Valid() {
		fs.Add("status", "status", "status must be one of new, open, waiting_member, waiting_third_party, resolved, closed")
	}
	if err := fs.Err(); err != nil {
		return cases.Event{}, err
	}
	now, quiet := a.caseNow(ctx)
	var ev cases.Event
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		c, err := lockVisible(ctx, q, scope, caseID)
		if err != nil {
			return err
		}
		if c.MergedInto != 0 {
			return fault.Conflictf("this case was merged into another; write there")
		}
		before := c
		kind := cases.ReplyEvent
		if r.Visibility == cases.InternalOnly {
			kind = cases.NoteEvent
		}
		au := authorOf(by)
		ev, err = q.AddCaseEvent(ctx, cases.Event{CaseID: c.ID, Kind: kind, Visibility: r.Visibility, AuthorID: au.id,
			AuthorName: au.name, OnBehalfOf: au.onBehalfOf, Body: body, CreatedAt: now})
		if err != nil {
			return err
		}
		for _, f := range files {
			att, err := a.storeFile(ctx, q, c.ID, ev.ID, f, now)
			if err != nil {
				return err
			}
			ev.Attachments = append(ev.Attachments, att)
		}
		to := r.Status
		if kind == cases.ReplyEvent {
			if c.FirstResponseAt.IsZero() {
				c.FirstResponseAt = now
			}
			if to == "" && c.Status == cases.New {
				to = cases.Open
			}
		}
		if to != "" && to != c.Status {
			if err := cases.CheckMove(c.Status, to); err != nil {
				return err
			}
			if _, err := a.moveStatus(ctx, q, by, &c, to, now, quiet); err != nil {
				return err
			}
		}
		if err := a.touch(ctx, q, c, now); err != nil {
			return err
		}
		if kind == cases.ReplyEvent && !quiet {
			if err := enqueueCaseMail(ctx, q, JobCaseReply, c.ID, ev.ID, a.now()); err != nil {
				return err
			}
		}
		if err := a.audit(ctx, q, by, c.MemberID, "case", c.ID, string(kind), statusOnly(before),
			map[string]any{"event_id": ev.ID, "status": c.Status, "files": len(files)}); err != nil {
			return err
		}
		return q.ReindexCase(ctx, c.ID)
	})
	return ev, err
}

// checkBody cleans a message text; it may be empty only when files come
// with it.
func checkBody(body string, hasFiles bool, fs *fault.Fields) string {
	body = strings.TrimSpace(cases.CleanText(body))
	switch n := utf8.RuneCountInString(body); {
	case n == 0 && !hasFiles:
		fs.Add("body", "required", "the message is required")
	case n > cases.MaxBody:
		fs.Add("body", "too_long", fmt.Sprintf("the message is at most %d characters", cases.MaxBody))
	}
	return body
}

func statusOnly(c cases.Case) map[string]any {
	return map[string]any{"status": c.Status}
}

// moveStatus moves c (not yet written) to status to and records the
// change on the timeline; a resolution is mailed to the requester unless
// the case came from an automatic message or is internal.
func (a *App) moveStatus(ctx context.Context, q *store.Queries, by Actor, c *cases.Case, to cases.Status, now time.Time, quiet bool) (cases.Event, error) {
	from := c.Status
	*c = cases.ApplyStatus(*c, to, now)
	au := authorOf(by)
	ev, err := q.AddCaseEvent(ctx, cases.Event{CaseID: c.ID, Kind: cases.StatusEvent, Visibility: cases.External,
		AuthorID: au.id, AuthorName: au.name, OnBehalfOf: au.onBehalfOf,
		Changes: []cases.Change{{Field: "status", From: string(from), To: string(to)}}, CreatedAt: now})
	if err != nil {
		return ev, err
	}
	if to == cases.Resolved && !quiet && !c.Automated && c.Channel != cases.Internal {
		err = enqueueCaseMail(ctx, q, JobCaseResolved, c.ID, ev.ID, a.now())
	}
	return ev, err
}

// MemberMessage is a message from the member side on a case: written in
// the portal, sent by e-mail (filed by the e-mail intake as the system), or
// told on the phone and written down by centre staff.
type MemberMessage struct {
	Body string
	// Channel defaults to portal for member-side users, email for the
	// system, phone for centre staff.
	Channel cases.Channel
	// AuthorID: centre staff and the system say who wrote it (default the
	// requester). Member-side users are always the author themselves.
	AuthorID int64
	// MessageID is the e-mail Message-ID of a mailed message.
	MessageID string
	// AutoSubmitted marks an auto-reply or bulk mail: it is kept on the
	// case but never reopens it or opens a new one.
	AutoSubmitted bool
	// ReceivedAt: when it arrived (centre and system only; default now).
	ReceivedAt  time.Time
	Attachments []NewAttachment
	// Also runs in the same transaction with the case the message landed
	// on (see NewCase.Also).
	Also func(ctx context.Context, q *store.Queries, c cases.Case) error
}

// MessageResult tells where a member's message went.
type MessageResult struct {
	Case    cases.Case  // the case the message is on (a new one for a follow-up)
	Event   cases.Event // the message
	Outcome string      // append, reopen or follow_up (cases.ReplyOutcome)
	// FollowsUp is the closed case a new follow-up case was opened for.
	FollowsUp int64
}

// AddMemberMessage adds a message from the member side. A case waiting
// for the member opens again; a case resolved within the reopen period
// reopens; a closed case (or one resolved longer ago) gets a new case,
// linked to it, that carries the message. A merged duplicate passes the
// message on to the case it was merged into.
func (a *App) AddMemberMessage(ctx context.Context, by Actor, caseID int64, m MemberMessage) (MessageResult, error) {
	scope, err := a.caseScope(ctx, by)
	if err != nil {
		return MessageResult{}, err
	}
	q := a.db.Read()
	cfg, err := a.caseConfig(ctx, q)
	if err != nil {
		return MessageResult{}, err
	}
	now, quiet := a.caseNow(ctx)
	var fs fault.Fields
	body := checkBody(m.Body, len(m.Attachments) > 0, &fs)
	files, err := prepareFiles(m.Attachments, cfg.maxAttachment, &fs)
	if err != nil {
		return MessageResult{}, err
	}
	if m.Channel, err = messageChannel(by, m.Channel); err != nil {
		fs = append(fs, fieldsOf(err)...)
	}
	at := now
	if by.IsCentre() && !m.ReceivedAt.IsZero() {
		d, err := cases.Draft{Channel: cases.Phone, Type: cases.Question, Subject: "-", Body: "-", ReceivedAt: m.ReceivedAt}.Normalise(now)
		fs = append(fs, fieldsOf(err)...)
		at = d.ReceivedAt
	}
	if err := fs.Err(); err != nil {
		return MessageResult{}, err
	}
	var res MessageResult
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		c, err := lockVisible(ctx, q, scope, caseID)
		if err != nil {
			return err
		}
		for hops := 0; c.MergedInto != 0 && hops < 10; hops++ {
			if c, err = q.LockCase(ctx, c.MergedInto); err != nil {
				return err
			}
		}
		au, err := messageAuthor(ctx, q, by, c, m.AuthorID)
		if err != nil {
			return err
		}
		outcome := cases.OnMemberMessage(c, now, cfg.reopenDays)
		if m.AutoSubmitted {
			outcome = cases.Append
		}
		res.Outcome = outcome.String()
		if outcome == cases.FollowUp {
			res.FollowsUp = c.ID
			res.Case, res.Event, err = a.followUp(ctx, q, by, c, m, body, files, au, at, now, quiet, cfg)
		} else {
			res.Case, res.Event, err = a.appendMessage(ctx, q, by, c, m, body, files, au, at, now, quiet, outcome == cases.Reopen)
		}
		if err != nil {
			return err
		}
		if m.Also != nil {
			return m.Also(ctx, q, res.Case)
		}
		return nil
	})
	return res, err
}

func messageChannel(by Actor, ch cases.Channel) (cases.Channel, error) {
	switch {
	case ch == "" && by.System:
		return cases.Email, nil
	case ch == "" && by.IsCentre():
		return cases.Phone, nil
	case ch == "":
		return cases.Portal, nil
	case !ch.Valid():
		return ch, fault.Field("channel", "channel", "channel must be one of phone, email, web_form, portal, walk_in, internal")
	case !by.IsCentre() && ch != cases.Portal && ch != cases.WebForm && ch != cases.Email:
		return ch, fault.Field("channel", "channel_member", "a message from the member side comes by portal, web_form or email")
	}
	return ch, nil
}

// messageAuthor is who wrote a member's message: the member-side user
// themselves, or the person centre staff or the system name (by default
// the requester), who must belong to the case's member.
func messageAuthor(ctx context.Context, q *store.Queries, by Actor, c cases.Case, authorID int64) (author, error) {
	if !by.IsCentre() {
		return authorOf(by), nil
	}
	if authorID == 0 {
		authorID = c.RequesterID
	}
	p, err := q.GetPersonRef(ctx, authorID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && p.ID != c.RequesterID && p.MemberID != c.MemberID) {
		return author{}, fault.Field("author_id", "person_unknown", "the author must be a person of the case's member")
	}
	if err != nil {
		return author{}, err
	}
	return author{id: p.ID, name: p.Name}, nil
}

// appendMessage puts a member's message on c, reopening it if asked.
func (a *App) appendMessage(ctx context.Context, q *store.Queries, by Actor, c cases.Case, m MemberMessage, body string,
	files []preparedFile, au author, at, now time.Time, quiet, reopen bool) (cases.Case, cases.Event, error) {
	ev, err := q.AddCaseEvent(ctx, cases.Event{CaseID: c.ID, Kind: cases.MessageEvent, Visibility: cases.External,
		AuthorID: au.id, AuthorName: au.name, OnBehalfOf: au.onBehalfOf, Channel: m.Channel, Body: body,
		MessageID: strings.TrimSpace(m.MessageID), CreatedAt: at})
	if err != nil {
		return c, ev, err
	}
	for _, f := range files {
		att, err := a.storeFile(ctx, q, c.ID, ev.ID, f, now)
		if err != nil {
			return c, ev, err
		}
		ev.Attachments = append(ev.Attachments, att)
	}
	before := c.Status
	if reopen {
		statusBy := by
		if !by.IsCentre() || by.System {
			statusBy = Actor{PersonID: au.id, Name: au.name, ActingFor: au.onBehalfOf}
		}
		if _, err := a.moveStatus(ctx, q, statusBy, &c, cases.Open, now, quiet); err != nil {
			return c, ev, err
		}
	}
	if err := a.touch(ctx, q, c, now); err != nil {
		return c, ev, err
	}
	if err := a.audit(ctx, q, by, c.MemberID, "case", c.ID, "message", map[string]any{"status": before},
		map[string]any{"event_id": ev.ID, "status": c.Status, "auto_submitted": m.AutoSubmitted}); err != nil {
		return c, ev, err
	}
	return c, ev, q.ReindexCase(ctx, c.ID)
}

// followUp opens a new case for a member's message on a closed case, with
// the same member, unit, requester, service, type and team, links the two
// and closes a case that was only resolved.
func (a *App) followUp(ctx context.Context, q *store.Queries, by Actor, old cases.Case, m MemberMessage, body string,
	files []preparedFile, au author, at, now time.Time, quiet bool, cfg caseConfig) (cases.Case, cases.Event, error) {
	if old.Status == cases.Resolved {
		if _, err := a.moveStatus(ctx, q, SystemActor("Samverkan"), &old, cases.Closed, now, quiet); err != nil {
			return old, cases.Event{}, err
		}
		if err := a.touch(ctx, q, old, now); err != nil {
			return old, cases.Event{}, err
		}
	}
	requester, err := q.GetPersonRef(ctx, old.RequesterID)
	if err != nil {
		return old, cases.Event{}, err
	}
	nc := cases.Case{Year: now.In(a.centreLocation(ctx)).Year(), MemberID: old.MemberID, UnitID: old.UnitID,
		RequesterID: old.RequesterID, Channel: m.Channel, ServiceID: old.ServiceID, Type: old.Type, Priority: cases.Normal,
		Status: cases.New, TeamID: old.TeamID, Line: old.Line, Confidential: old.Confidential, Automated: m.AutoSubmitted,
		Subject: old.Subject, Details: old.Details, ReceivedAt: at, CreatedAt: now, UpdatedAt: now}
	if by.Acting() {
		nc.FiledByID = by.PersonID
	}
	p := preparedCase{c: nc, body: body, messageID: strings.TrimSpace(m.MessageID), author: au, files: files, quiet: quiet,
		prefix: cfg.prefix, acknowledge: requester.MemberID != 0 && !m.AutoSubmitted}
	c, doc, err := a.openCaseIn(ctx, q, by, p)
	if err != nil {
		return c, cases.Event{}, err
	}
	if err := q.IndexNewCases(ctx, []store.CaseDoc{doc}); err != nil {
		return c, cases.Event{}, err
	}
	if _, err := q.LinkCases(ctx, c.ID, old.ID, store.LinkFollows, store.LinkFollowUp, now); err != nil {
		return c, cases.Event{}, err
	}
	for _, e := range []struct {
		on    int64
		field string
		ref   string
	}{{c.ID, "follows", old.Reference}, {old.ID, "followed_by", c.Reference}} {
		if _, err := q.AddCaseEvent(ctx, cases.Event{CaseID: e.on, Kind: cases.LinkEvent, Visibility: cases.External,
			AuthorName: "Samverkan", Changes: []cases.Change{{Field: e.field, To: e.ref}}, CreatedAt: now}); err != nil {
			return c, cases.Event{}, err
		}
	}
	evs, err := q.CaseEvents(ctx, []int64{c.ID}, false)
	if err != nil || len(evs) == 0 {
		return c, cases.Event{}, err
	}
	return c, evs[0], nil
}
