package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"samverkan/internal/governance"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// invitees are the people a meeting is for: the convenor, centre staff in
// the forum's centre roles, and at the meeting's members the people in its
// member roles and, for contact roles, the contact directory's entries on
// that level. Only active people, by name.
func invitees(ctx context.Context, q *store.Queries, m governance.Meeting, f governance.Forum) ([]org.Person, error) {
	byID := map[int64]org.Person{}
	add := func(ps ...org.Person) {
		for _, p := range ps {
			if p.Active {
				byID[p.ID] = p
			}
		}
	}
	if p, err := q.GetPerson(ctx, f.ConvenorID); err == nil {
		add(p)
	}
	members := meetingMembers(m, f)
	for _, part := range f.Participants {
		var filters []store.PersonFilter
		switch {
		case part.Side == governance.CentreSide:
			filters = []store.PersonFilter{{CentreOnly: true, Role: part.Role}}
		case members == nil:
			filters = []store.PersonFilter{{Role: part.Role}}
		default:
			filters = []store.PersonFilter{{MemberID: members[0], Role: part.Role}}
		}
		for _, pf := range filters {
			ps, err := q.ListPeople(ctx, pf)
			if err != nil {
				return nil, err
			}
			for _, p := range ps {
				side := governance.MemberSide
				if p.IsCentre() {
					side = governance.CentreSide
				}
				if part.Takes(side, p.Grants) {
					add(p)
				}
			}
		}
		if part.Side != governance.MemberSide || part.Role != org.Contact {
			continue
		}
		cf := store.ContactFilter{Level: part.Level}
		if members != nil {
			cf.MemberID = members[0]
		}
		entries, err := q.ListContacts(ctx, cf)
		if err != nil {
			return nil, err
		}
		for _, c := range entries {
			if _, ok := byID[c.PersonID]; ok {
				continue
			}
			if p, err := q.GetPerson(ctx, c.PersonID); err == nil {
				add(p)
			}
		}
	}
	out := make([]org.Person, 0, len(byID))
	for _, p := range byID {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b org.Person) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return out, nil
}

// MeetingInvitees lists who a meeting is for.
func (a *App) MeetingInvitees(ctx context.Context, by Actor, id int64) ([]org.Person, error) {
	q := a.db.Read()
	r, err := a.govReader(ctx, q, by)
	if err != nil {
		return nil, err
	}
	m, f, err := readMeeting(ctx, q, r, id)
	if err != nil {
		return nil, err
	}
	return invitees(ctx, q, m, f)
}

// notifyInvitees tells everyone a meeting is for about it in Samverkan.
func (a *App) notifyInvitees(ctx context.Context, q *store.Queries, m governance.Meeting, f governance.Forum, kind, text string) error {
	ps, err := invitees(ctx, q, m, f)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if err := q.CreateLinkedNotification(ctx, store.Notification{PersonID: p.ID, Kind: kind, Message: text, CreatedAt: a.now()},
			fmt.Sprintf("/meetings/%d", m.ID)); err != nil {
			return err
		}
	}
	return nil
}

// takesPart reports whether person p is invited to the meetings of forum
// f with their member: as convenor, by role, or through the directory.
func takesPart(p org.Person, f governance.Forum, directory []governance.Contact) bool {
	if p.ID == f.ConvenorID {
		return true
	}
	if p.IsCentre() {
		return f.Takes(governance.CentreSide, p.Grants)
	}
	if !f.Covers(p.MemberID) {
		return false
	}
	if f.Takes(governance.MemberSide, p.Grants) {
		return true
	}
	for _, c := range directory {
		if c.PersonID == p.ID && c.MemberID == p.MemberID &&
			f.Takes(governance.MemberSide, []org.Grant{{Role: org.Contact, Level: c.Level}}) {
			return true
		}
	}
	return false
}
