package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"samverkan/internal/auth"
	"samverkan/internal/fault"
	"samverkan/internal/governance"
	"samverkan/internal/store"
)

const icsProdID = "-//Samverkan//Samverkan collaboration model//EN"

// feedPrefix marks calendar feed secrets.
const feedPrefix = "cal_"

// event renders a meeting as an iCalendar event.
func (a *App) event(ctx context.Context, q *store.Queries, m governance.Meeting, f governance.Forum, withPeople bool) (governance.Event, error) {
	e := governance.Event{
		UID:   fmt.Sprintf("meeting-%d-%d@samverkan", m.ID, m.CreatedAt.Unix()),
		Stamp: a.now(), Start: m.StartsAt, End: m.EndsAt, Summary: m.Title, Location: m.Location,
		Cancelled: m.Status == governance.Cancelled, Sequence: m.Sequence, LastModified: m.UpdatedAt,
		Description: f.Name + " (" + string(f.Level) + ")",
	}
	if !m.AgendaPublishedAt.IsZero() {
		items, err := q.AgendaItems(ctx, m.ID)
		if err != nil {
			return e, err
		}
		var b strings.Builder
		b.WriteString(e.Description + "\n\nAgenda:")
		for i, it := range items {
			fmt.Fprintf(&b, "\n%d. %s", i+1, it.Title)
		}
		e.Description = b.String()
	}
	if !withPeople {
		return e, nil
	}
	if p, err := q.GetPerson(ctx, f.ConvenorID); err == nil {
		e.Organizer = governance.Person{Name: p.Name, Email: p.Email}
	}
	ps, err := invitees(ctx, q, m, f)
	if err != nil {
		return e, err
	}
	for _, p := range ps {
		if p.ID != f.ConvenorID {
			e.Attendees = append(e.Attendees, governance.Person{Name: p.Name, Email: p.Email})
		}
	}
	return e, nil
}

// MeetingICS is the invitation to a meeting as an iCalendar file.
func (a *App) MeetingICS(ctx context.Context, by Actor, id int64) ([]byte, error) {
	q := a.db.Read()
	r, err := a.govReader(ctx, q, by)
	if err != nil {
		return nil, err
	}
	m, f, err := readMeeting(ctx, q, r, id)
	if err != nil {
		return nil, err
	}
	e, err := a.event(ctx, q, m, f, true)
	if err != nil {
		return nil, err
	}
	method := "REQUEST"
	if m.Status == governance.Cancelled {
		method = "CANCEL"
	}
	return governance.Calendar{ProdID: icsProdID, Method: method, Events: []governance.Event{e}}.ICS(), nil
}

// CreateCalendarFeed gives the actor a new secret subscription address
// for their meetings (an old one stops working) and returns its secret.
func (a *App) CreateCalendarFeed(ctx context.Context, by Actor) (string, error) {
	if by.PersonID == 0 {
		return "", fault.New(fault.Unauthenticated, "sign in first")
	}
	token, hash := auth.NewToken(feedPrefix)
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		if err := q.SetCalendarFeed(ctx, by.PersonID, hash, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, by.MemberID, "calendar_feed", by.PersonID, "create", nil, nil)
	})
	return token, err
}

// HasCalendarFeed reports whether the actor has a subscription address.
func (a *App) HasCalendarFeed(ctx context.Context, by Actor) (bool, error) {
	return a.db.Read().HasCalendarFeed(ctx, by.PersonID)
}

// CalendarFeed is the subscription feed a secret opens: the meetings of
// the forums its owner takes part in, from half a year back on.
func (a *App) CalendarFeed(ctx context.Context, token string) ([]byte, error) {
	q := a.db.Read()
	if !strings.HasPrefix(token, feedPrefix) {
		return nil, fault.NotFoundf("no such calendar")
	}
	personID, err := q.CalendarFeedOwner(ctx, auth.HashToken(token))
	if errors.Is(err, store.ErrNotFound) {
		return nil, fault.NotFoundf("no such calendar")
	}
	if err != nil {
		return nil, err
	}
	p, err := q.GetPerson(ctx, personID)
	if err != nil || !p.Active {
		return nil, fault.NotFoundf("no such calendar")
	}
	forums, err := q.ListForums(ctx, store.ForumFilter{ActiveOnly: true})
	if err != nil {
		return nil, err
	}
	var directory []governance.Contact
	if !p.IsCentre() {
		if directory, err = q.ListContacts(ctx, store.ContactFilter{MemberID: p.MemberID, PersonID: p.ID}); err != nil {
			return nil, err
		}
	}
	cal := governance.Calendar{ProdID: icsProdID, Method: "PUBLISH", Name: "Samverkan – " + p.Name}
	for _, f := range forums {
		if !takesPart(p, f, directory) {
			continue
		}
		ms, err := q.ListMeetings(ctx, store.MeetingFilter{ForumID: f.ID, From: a.now().AddDate(0, -6, 0)})
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if !p.IsCentre() && m.MemberID != 0 && m.MemberID != p.MemberID {
				continue
			}
			e, err := a.event(ctx, q, m, f, false)
			if err != nil {
				return nil, err
			}
			cal.Events = append(cal.Events, e)
		}
	}
	return cal.ICS(), nil
}
