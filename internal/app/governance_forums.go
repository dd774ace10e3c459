package app

import (
	"context"
	"errors"
	"time"

	"samverkan/internal/fault"
	"samverkan/internal/governance"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// ForumQuery filters the forum list.
type ForumQuery struct {
	MemberID   int64 // forums that include this member
	Level      org.Level
	ActiveOnly bool
	PageRequest
}

// ListForums lists the forums the actor sees: all for centre staff, their
// own member's and those of all members for member-side participants.
func (a *App) ListForums(ctx context.Context, by Actor, fq ForumQuery) (Page[governance.Forum], error) {
	q := a.db.Read()
	r, err := a.govReader(ctx, q, by)
	if err != nil {
		return Page[governance.Forum]{}, err
	}
	p, err := fq.storePage()
	if err != nil {
		return Page[governance.Forum]{}, err
	}
	f := store.ForumFilter{Covering: fq.MemberID, Level: fq.Level, ActiveOnly: fq.ActiveOnly, Page: p}
	if !r.centre {
		if !r.participant || (fq.MemberID != 0 && fq.MemberID != r.memberID) {
			return Page[governance.Forum]{}, nil
		}
		f.Covering = r.memberID
	}
	fs, err := q.ListForums(ctx, f)
	return pageOf(fs, p, func(f governance.Forum) int64 { return f.ID }), err
}

// AllForums lists every forum the actor sees (pages and exports).
func (a *App) AllForums(ctx context.Context, by Actor) ([]governance.Forum, error) {
	var out []governance.Forum
	pr := PageRequest{Limit: maxLimit}
	for {
		p, err := a.ListForums(ctx, by, ForumQuery{PageRequest: pr})
		if err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		if p.NextCursor == "" {
			return out, nil
		}
		pr.Cursor = p.NextCursor
	}
}

// Forum reads one forum.
func (a *App) Forum(ctx context.Context, by Actor, id int64) (governance.Forum, error) {
	q := a.db.Read()
	r, err := a.govReader(ctx, q, by)
	if err != nil {
		return governance.Forum{}, err
	}
	return readForum(ctx, q, r, id)
}

// CreateForum sets up a forum of the collaboration model.
func (a *App) CreateForum(ctx context.Context, by Actor, f governance.Forum) (governance.Forum, error) {
	if err := by.require(ManageGovernance); err != nil {
		return f, err
	}
	f.ID, f.Active = 0, true
	if f.StartsOn.IsZero() {
		f.StartsOn = governance.Day(a.localNow(ctx))
	}
	f.Cadence = f.Cadence.Normal()
	f, err := f.Normalise()
	if err != nil {
		return f, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		if err := checkForumRefs(ctx, q, f); err != nil {
			return err
		}
		if f, err = q.CreateForum(ctx, f, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, f.MemberID, "forum", f.ID, "create", nil, f)
	})
	return f, err
}

// UpdateForum changes a forum. Its scope is fixed once it has meetings.
func (a *App) UpdateForum(ctx context.Context, by Actor, f governance.Forum) (governance.Forum, error) {
	if err := by.require(ManageGovernance); err != nil {
		return f, err
	}
	f.Cadence = f.Cadence.Normal()
	f, err := f.Normalise()
	if err != nil {
		return f, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.GetForum(ctx, f.ID)
		if err != nil {
			return notFound(err, "forum")
		}
		if before.MemberID != f.MemberID {
			ms, err := q.ListMeetings(ctx, store.MeetingFilter{ForumID: f.ID, Page: store.Page{Limit: 1}})
			if err != nil {
				return err
			}
			if len(ms) > 0 {
				return fault.Field("member_id", "forum_scope_locked", "the forum has meetings; its members can no longer change")
			}
		}
		if err := checkForumRefs(ctx, q, f); err != nil {
			return err
		}
		f.CreatedAt = before.CreatedAt
		if f, err = q.UpdateForum(ctx, f, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, f.MemberID, "forum", f.ID, "update", before, f)
	})
	return f, err
}

func checkForumRefs(ctx context.Context, q *store.Queries, f governance.Forum) error {
	var fs fault.Fields
	if f.MemberID != 0 {
		if _, err := q.GetMember(ctx, f.MemberID); errors.Is(err, store.ErrNotFound) {
			fs.Add("member_id", "member_unknown", "there is no member with this id")
		} else if err != nil {
			return err
		}
	}
	if _, err := centrePerson(ctx, q, f.ConvenorID, "convenor_id", "convenor_centre", "the convenor must be an active person of the centre"); err != nil {
		if fault.KindOf(err) != fault.Invalid {
			return err
		}
		fs.Add("convenor_id", "convenor_centre", "the convenor must be an active person of the centre")
	}
	return fs.Err()
}

// CreateDefaultForums sets up the default forums of DESIGN.md: the owner
// council, the operational council and the user group for all members,
// and direction meetings, quarterly meetings and partner visits with each
// active member. Forums that exist by name are left alone.
func (a *App) CreateDefaultForums(ctx context.Context, by Actor, convenorID int64, startsOn time.Time) ([]governance.Forum, error) {
	if err := by.require(ManageGovernance); err != nil {
		return nil, err
	}
	existing, err := a.db.Read().ListForums(ctx, store.ForumFilter{})
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, f := range existing {
		have[f.Name] = true
	}
	members, err := a.db.Read().ListMembers(ctx, store.MemberFilter{})
	if err != nil {
		return nil, err
	}
	var out []governance.Forum
	add := func(d governance.DefaultForum, name string, memberID int64) error {
		if have[name] {
			return nil
		}
		f, err := a.CreateForum(ctx, by, governance.Forum{Name: name, Level: d.Level, MemberID: memberID, Mandate: d.Mandate,
			Participants: d.Participants, Cadence: d.Cadence, ConvenorID: convenorID, AgendaDays: governance.DefaultAgendaDays,
			MinutesDays: governance.DefaultMinutesDays, SurveyPercent: 30, StartsOn: startsOn})
		if err == nil {
			out = append(out, f)
		}
		return err
	}
	for _, d := range governance.DefaultForums() {
		if !d.PerMember {
			if err := add(d, d.Name, 0); err != nil {
				return out, err
			}
			continue
		}
		for _, m := range members {
			if m.Status != org.Active {
				continue
			}
			if err := add(d, d.Name+" – "+m.Name, m.ID); err != nil {
				return out, err
			}
		}
	}
	return out, nil
}
