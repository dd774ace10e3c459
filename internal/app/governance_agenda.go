package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"samverkan/internal/fault"
	"samverkan/internal/governance"
	"samverkan/internal/store"
)

// AddAgendaItem puts an item the centre wrote on a meeting's agenda.
func (a *App) AddAgendaItem(ctx context.Context, by Actor, it governance.AgendaItem) (governance.AgendaItem, error) {
	it, err := it.Normalise()
	if err != nil {
		return it, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		m, f, err := a.managedMeeting(ctx, q, by, it.MeetingID)
		if err != nil {
			return err
		}
		if m.Status == governance.Cancelled {
			return fault.Conflictf("the meeting is cancelled")
		}
		if it.MemberID != 0 && !inMeetingScope(m, f, it.MemberID) {
			return fault.Field("member_id", "meeting_scope", "the member does not take part in this meeting")
		}
		it.Source, it.SourceID = "", 0
		if it, err = q.CreateAgendaItem(ctx, it, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, m.MemberID, "agenda_item", it.ID, "create", nil, it)
	})
	return it, err
}

// UpdateAgendaItem changes an item's title and notes.
func (a *App) UpdateAgendaItem(ctx context.Context, by Actor, it governance.AgendaItem) (governance.AgendaItem, error) {
	it, err := it.Normalise()
	if err != nil {
		return it, err
	}
	var out governance.AgendaItem
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.GetAgendaItem(ctx, it.ID)
		if err != nil {
			return notFound(err, "agenda item")
		}
		m, _, err := a.managedMeeting(ctx, q, by, before.MeetingID)
		if err != nil {
			return err
		}
		out = before
		out.Title, out.Notes = it.Title, it.Notes
		if err := q.UpdateAgendaItem(ctx, out); err != nil {
			return err
		}
		return a.audit(ctx, q, by, m.MemberID, "agenda_item", out.ID, "update", before, out)
	})
	return out, err
}

// RemoveAgendaItem takes an item off the agenda.
func (a *App) RemoveAgendaItem(ctx context.Context, by Actor, id int64) error {
	return a.db.InTx(ctx, func(q *store.Queries) error {
		it, err := q.GetAgendaItem(ctx, id)
		if err != nil {
			return notFound(err, "agenda item")
		}
		m, _, err := a.managedMeeting(ctx, q, by, it.MeetingID)
		if err != nil {
			return err
		}
		if it.Source == governance.FromEscalation {
			if err := q.SetStepMeeting(ctx, it.SourceID, 0); err != nil {
				return err
			}
		}
		if err := q.DeleteAgendaItem(ctx, id); err != nil {
			return err
		}
		return a.audit(ctx, q, by, m.MemberID, "agenda_item", id, "delete", it, nil)
	})
}

// AgendaProposals gathers what the period since the forum's last meeting
// brought up for this meeting: open escalations to the forum's level for
// its members, SLA breaches and warnings, pending orders and change
// requests, and action items not yet done. What is on the agenda already
// is left out.
func (a *App) AgendaProposals(ctx context.Context, by Actor, meetingID int64) ([]governance.Proposal, error) {
	q := a.db.Read()
	m, f, err := a.managedMeeting(ctx, q, by, meetingID)
	if err != nil {
		return nil, err
	}
	return a.proposals(ctx, q, m, f)
}

// AcceptProposal puts a proposal on the agenda.
func (a *App) AcceptProposal(ctx context.Context, by Actor, meetingID int64, source governance.Source, sourceID int64) (governance.AgendaItem, error) {
	var it governance.AgendaItem
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		m, f, err := a.managedMeeting(ctx, q, by, meetingID)
		if err != nil {
			return err
		}
		if m.Status == governance.Cancelled {
			return fault.Conflictf("the meeting is cancelled")
		}
		props, err := a.proposals(ctx, q, m, f)
		if err != nil {
			return err
		}
		for _, p := range props {
			if p.Source == source && p.SourceID == sourceID {
				if it, err = a.acceptProposal(ctx, q, m, p); err != nil {
					return err
				}
				return a.audit(ctx, q, by, m.MemberID, "agenda_item", it.ID, "accept_proposal", nil, it)
			}
		}
		return fault.NotFoundf("no such proposal for this meeting")
	})
	return it, err
}

// acceptProposal adds a proposal to the agenda (once) and lands an
// escalation on the meeting.
func (a *App) acceptProposal(ctx context.Context, q *store.Queries, m governance.Meeting, p governance.Proposal) (governance.AgendaItem, error) {
	it := governance.AgendaItem{MeetingID: m.ID, Title: p.Title, Notes: p.Detail, Source: p.Source, SourceID: p.SourceID, MemberID: p.MemberID}
	it, err := it.Normalise()
	if err != nil {
		return it, err
	}
	it, err = q.CreateAgendaItem(ctx, it, a.now())
	if errors.Is(err, store.ErrDuplicate) {
		return it, fault.Conflictf("the item is on the agenda already")
	}
	if err != nil {
		return it, err
	}
	if p.Source == governance.FromEscalation {
		err = q.SetStepMeeting(ctx, p.SourceID, m.ID)
	}
	return it, err
}

// proposals gathers the agenda proposals of meeting m of forum f.
func (a *App) proposals(ctx context.Context, q *store.Queries, m governance.Meeting, f governance.Forum) ([]governance.Proposal, error) {
	members := meetingMembers(m, f)
	since := governance.Day(f.StartsOn)
	if prev, err := q.PreviousMeeting(ctx, f.ID, m.StartsAt); err == nil {
		since = prev.StartsAt
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	if limit := m.StartsAt.AddDate(-1, 0, 0); since.Before(limit) {
		since = limit
	}
	onAgenda := map[string]bool{}
	items, err := q.AgendaItems(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		onAgenda[fmt.Sprint(it.Source, it.SourceID)] = true
	}
	var out []governance.Proposal
	add := func(p governance.Proposal) {
		if key := fmt.Sprint(p.Source, p.SourceID); !onAgenda[key] {
			onAgenda[key] = true
			out = append(out, p)
		}
	}
	steps, err := q.ListSteps(ctx, store.StepFilter{MemberIDs: members, Level: string(f.Level), Status: string(governance.EscalationOpen)})
	if err != nil {
		return nil, err
	}
	for _, s := range steps {
		if s.MeetingID != 0 && s.MeetingID != m.ID {
			landed, err := q.GetMeeting(ctx, s.MeetingID)
			if err != nil {
				return nil, err
			}
			if landed.Status == governance.Planned && landed.StartsAt.After(a.now()) {
				continue // it waits for its own meeting
			}
		}
		add(governance.Proposal{Source: governance.FromEscalation, SourceID: s.ID, MemberID: s.MemberID, At: s.CreatedAt,
			Title: "Escalated: " + s.Subject, Detail: s.Reason})
	}
	events, err := q.SLAEventsSince(ctx, members, since, 200)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		src, what := governance.FromSLABreach, "missed"
		if e.Kind == "warning" {
			src, what = governance.FromSLAWarning, "close to being missed"
		}
		add(governance.Proposal{Source: src, SourceID: e.CaseID, MemberID: e.MemberID, At: e.At,
			Title:  fmt.Sprintf("%s: %s target %s", e.Reference, e.Measure, what),
			Detail: fmt.Sprintf("%s (due %s; %s's commitment)", e.Subject, e.DueAt.UTC().Format("2006-01-02 15:04 UTC"), e.Side)})
	}
	for _, table := range []string{"orders", "change_requests"} {
		rows, err := q.PendingIn(ctx, table, members, 100)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			src := governance.FromOrder
			if table == "change_requests" || r.Kind == "change" {
				src = governance.FromChange
			}
			title := r.Title
			if r.Reference != "" {
				title = r.Reference + ": " + title
			}
			add(governance.Proposal{Source: src, SourceID: r.ID, MemberID: r.MemberID, At: r.At, Title: title, Detail: r.Status})
		}
	}
	actions, err := q.ListActionItems(ctx, store.ActionFilter{ForumID: f.ID, NotDone: true, BeforeStart: m.StartsAt})
	if err != nil {
		return nil, err
	}
	day := governance.Day(m.StartsAt)
	for _, it := range actions {
		if it.MeetingID == m.ID || (members != nil && it.MemberID != 0 && it.MemberID != members[0]) {
			continue
		}
		add(governance.Proposal{Source: governance.FromActionItem, SourceID: it.ID, MemberID: it.MemberID, At: it.DueOn,
			Title: "Action item: " + it.Title, Detail: "due " + it.DueOn.Format(time.DateOnly) + ", " + string(it.Status),
			Overdue: it.Overdue(day)})
	}
	return out, nil
}
