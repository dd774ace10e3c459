package app

import (
	"context"
	"errors"
	"slices"

	"samverkan/internal/fault"
	"samverkan/internal/governance"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// govReader is what one person may see of the collaboration model.
//
// Centre staff with ViewGovernance see everything. On the member side the
// participants of the model see their own member's forums, its meetings
// and those with all members, published agendas and minutes, decisions and
// action items: contact persons (by role or in the contact directory) and
// anyone whose roles a forum of theirs invites. Everybody sees the action
// items they own and the surveys they were asked.
type govReader struct {
	centre      bool
	memberID    int64
	personID    int64
	participant bool
}

func (a *App) govReader(ctx context.Context, q *store.Queries, by Actor) (govReader, error) {
	if by.System {
		return govReader{centre: true}, nil
	}
	if by.PersonID == 0 {
		return govReader{}, fault.New(fault.Unauthenticated, "sign in first")
	}
	if by.IsCentre() {
		if err := by.require(ViewGovernance); err != nil {
			return govReader{}, err
		}
		return govReader{centre: true, personID: by.PersonID}, nil
	}
	r := govReader{memberID: by.MemberID, personID: by.PersonID}
	if by.Has(org.Contact) {
		r.participant = true
		return r, nil
	}
	listed, err := q.ListContacts(ctx, store.ContactFilter{MemberID: by.MemberID, PersonID: by.PersonID})
	if err != nil {
		return r, err
	}
	if len(listed) > 0 {
		r.participant = true
		return r, nil
	}
	forums, err := q.ListForums(ctx, store.ForumFilter{Covering: by.MemberID, ActiveOnly: true})
	if err != nil {
		return r, err
	}
	r.participant = slices.ContainsFunc(forums, func(f governance.Forum) bool { return f.Takes(governance.MemberSide, by.Grants) })
	return r, nil
}

// scope limits decision and action item lists to what the reader sees.
func (r govReader) scope() store.GovScope {
	switch {
	case r.centre:
		return store.GovScope{}
	case !r.participant:
		return store.GovScope{OwnOnly: true, OwnerID: r.personID}
	}
	return store.GovScope{MemberID: r.memberID, OwnerID: r.personID}
}

func (r govReader) seesForum(f governance.Forum) bool {
	return r.centre || (r.participant && f.Covers(r.memberID))
}

func (r govReader) seesMeeting(m governance.Meeting) bool {
	return r.centre || (r.participant && (m.MemberID == 0 || m.MemberID == r.memberID))
}

func (r govReader) seesAgenda(m governance.Meeting) bool {
	return r.seesMeeting(m) && (r.centre || !m.AgendaPublishedAt.IsZero())
}

func (r govReader) seesMinutes(m governance.Meeting) bool {
	return r.seesMeeting(m) && (r.centre || !m.MinutesPublishedAt.IsZero())
}

// readForum reads a forum the reader sees; others are not found.
func readForum(ctx context.Context, q *store.Queries, r govReader, id int64) (governance.Forum, error) {
	f, err := q.GetForum(ctx, id)
	if err != nil {
		return f, notFound(err, "forum")
	}
	if !r.seesForum(f) {
		return f, fault.NotFoundf("forum not found")
	}
	return f, nil
}

// readMeeting reads a meeting the reader sees, with its forum.
func readMeeting(ctx context.Context, q *store.Queries, r govReader, id int64) (governance.Meeting, governance.Forum, error) {
	m, err := q.GetMeeting(ctx, id)
	if err != nil {
		return m, governance.Forum{}, notFound(err, "meeting")
	}
	if !r.seesMeeting(m) {
		return m, governance.Forum{}, fault.NotFoundf("meeting not found")
	}
	f, err := q.GetForum(ctx, m.ForumID)
	return m, f, err
}

// managedMeeting reads a meeting for a change by the centre.
func (a *App) managedMeeting(ctx context.Context, q *store.Queries, by Actor, id int64) (governance.Meeting, governance.Forum, error) {
	if err := by.require(ManageGovernance); err != nil {
		return governance.Meeting{}, governance.Forum{}, err
	}
	return readMeeting(ctx, q, govReader{centre: true}, id)
}

// meetingMembers are the members a meeting is with: one, or nil for all.
func meetingMembers(m governance.Meeting, f governance.Forum) []int64 {
	switch {
	case m.MemberID != 0:
		return []int64{m.MemberID}
	case f.MemberID != 0:
		return []int64{f.MemberID}
	}
	return nil
}

// centrePerson checks that id is an active person of the centre.
func centrePerson(ctx context.Context, q *store.Queries, id int64, field, code, detail string) (org.Person, error) {
	p, err := q.GetPerson(ctx, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (!p.IsCentre() || !p.Active)) {
		return p, fault.Field(field, code, detail)
	}
	return p, err
}
