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

// RecordDecision adds a decision of a meeting that has taken place to the
// register. A decision on an escalation (named, or through the agenda item
// it came on) closes that step of the ladder.
func (a *App) RecordDecision(ctx context.Context, by Actor, d governance.Decision) (governance.Decision, error) {
	d, err := d.Normalise()
	if err != nil {
		return d, err
	}
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		m, f, err := a.managedMeeting(ctx, q, by, d.MeetingID)
		if err != nil {
			return err
		}
		if err := a.checkTaken(m, "meeting_id"); err != nil {
			return err
		}
		d.ForumID, d.MemberID, d.CreatedBy = f.ID, m.MemberID, by.PersonID
		if d.AgendaItemID != 0 {
			it, err := q.GetAgendaItem(ctx, d.AgendaItemID)
			if err != nil || it.MeetingID != m.ID {
				return fault.Field("agenda_item_id", "agenda_item_meeting", "the agenda item is not on this meeting's agenda")
			}
			if it.Source == governance.FromEscalation && d.EscalationID == 0 {
				d.EscalationID = it.SourceID
			}
		}
		var step store.Step
		if d.EscalationID != 0 {
			step, err = q.GetStep(ctx, d.EscalationID)
			switch {
			case errors.Is(err, store.ErrNotFound) || (err == nil && !inMeetingScope(m, f, step.MemberID)):
				return fault.Field("escalation_id", "escalation_unknown", "no escalation of this meeting's members has this id")
			case err != nil:
				return err
			case step.Status != string(governance.EscalationOpen):
				return fault.Field("escalation_id", "escalation_closed", "the escalation is no longer open")
			case step.Level != string(f.Level):
				return fault.Field("escalation_id", "escalation_level", "the escalation is on another level than this forum")
			}
		}
		if d, err = q.CreateDecision(ctx, d, a.now()); err != nil {
			return err
		}
		if step.ID != 0 {
			if err := q.DecideStep(ctx, step.ID, d.ID, d.Title, a.now()); err != nil {
				return err
			}
			if err := a.audit(ctx, q, by, step.MemberID, "escalation", step.ID, "decide", step, map[string]any{"decision_id": d.ID, "decision": d.Title}); err != nil {
				return err
			}
		}
		return a.audit(ctx, q, by, d.MemberID, "decision", d.ID, "create", nil, d)
	})
	return d, err
}

// DecisionQuery searches the decision register.
type DecisionQuery struct {
	ForumID   int64
	MeetingID int64
	Search    string
	PageRequest
}

// ListDecisions searches the decision register, newest first. Members see
// the decisions of their meetings once the minutes are out.
func (a *App) ListDecisions(ctx context.Context, by Actor, dq DecisionQuery) (Page[governance.Decision], error) {
	q := a.db.Read()
	r, err := a.govReader(ctx, q, by)
	if err != nil {
		return Page[governance.Decision]{}, err
	}
	p, err := dq.storePage()
	if err != nil {
		return Page[governance.Decision]{}, err
	}
	ds, err := q.ListDecisions(ctx, store.DecisionFilter{Scope: r.scope(), ForumID: dq.ForumID, MeetingID: dq.MeetingID, Search: dq.Search, Page: p})
	return pageOf(ds, p, func(d governance.Decision) int64 { return d.ID }), err
}

// Decision reads one decision.
func (a *App) Decision(ctx context.Context, by Actor, id int64) (governance.Decision, error) {
	q := a.db.Read()
	r, err := a.govReader(ctx, q, by)
	if err != nil {
		return governance.Decision{}, err
	}
	d, err := q.GetDecision(ctx, id)
	if err != nil {
		return d, notFound(err, "decision")
	}
	m, err := q.GetMeeting(ctx, d.MeetingID)
	if err != nil {
		return d, err
	}
	if !r.seesMinutes(m) {
		return governance.Decision{}, fault.NotFoundf("decision not found")
	}
	return d, nil
}

// AddActionItem gives someone at the centre or at one of the meeting's
// members something to do by a day.
func (a *App) AddActionItem(ctx context.Context, by Actor, it governance.ActionItem) (governance.ActionItem, error) {
	it.ID, it.Status, it.CompletedAt = 0, governance.Open, time.Time{}
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
		if err := checkOwner(ctx, q, m, f, it.OwnerID); err != nil {
			return err
		}
		if it.DecisionID != 0 {
			if d, err := q.GetDecision(ctx, it.DecisionID); err != nil || d.MeetingID != m.ID {
				return fault.Field("decision_id", "decision_meeting", "the decision is not one of this meeting's")
			}
		}
		it.ForumID, it.MemberID = f.ID, m.MemberID
		if it, err = q.CreateActionItem(ctx, it, a.now()); err != nil {
			return err
		}
		if err := q.CreateLinkedNotification(ctx, store.Notification{PersonID: it.OwnerID, Kind: "governance_action",
			Message: fmt.Sprintf("New action item for you: %s (due %s)", it.Title, it.DueOn.Format(time.DateOnly)), CreatedAt: a.now()},
			fmt.Sprintf("/action-items/%d", it.ID)); err != nil {
			return err
		}
		return a.audit(ctx, q, by, it.MemberID, "action_item", it.ID, "create", nil, it)
	})
	return it, err
}

// checkOwner: an action item's owner is an active person of the centre or
// of a member at the meeting.
func checkOwner(ctx context.Context, q *store.Queries, m governance.Meeting, f governance.Forum, ownerID int64) error {
	p, err := q.GetPerson(ctx, ownerID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (!p.Active || !(p.IsCentre() || inMeetingScope(m, f, p.MemberID)))) {
		return fault.Field("owner_id", "action_owner_scope", "the owner must be an active person of the centre or of a member at the meeting")
	}
	return err
}

// ActionQuery filters action items.
type ActionQuery struct {
	ForumID   int64
	MeetingID int64
	Mine      bool // only the actor's own
	OpenOnly  bool
	PageRequest
}

// ListActionItems lists action items the actor sees, in id order.
func (a *App) ListActionItems(ctx context.Context, by Actor, aq ActionQuery) (Page[governance.ActionItem], error) {
	q := a.db.Read()
	r, err := a.govReader(ctx, q, by)
	if err != nil {
		return Page[governance.ActionItem]{}, err
	}
	p, err := aq.storePage()
	if err != nil {
		return Page[governance.ActionItem]{}, err
	}
	f := store.ActionFilter{Scope: r.scope(), ForumID: aq.ForumID, MeetingID: aq.MeetingID, NotDone: aq.OpenOnly, Page: p}
	if aq.Mine {
		f.OwnerID = by.PersonID
	}
	items, err := q.ListActionItems(ctx, f)
	return pageOf(items, p, func(it governance.ActionItem) int64 { return it.ID }), err
}

// ActionItem reads one action item: its owner always sees it.
func (a *App) ActionItem(ctx context.Context, by Actor, id int64) (governance.ActionItem, error) {
	q := a.db.Read()
	it, err := q.GetActionItem(ctx, id)
	if err != nil {
		return it, notFound(err, "action item")
	}
	if it.OwnerID == by.PersonID && by.PersonID != 0 {
		return it, nil
	}
	r, err := a.govReader(ctx, q, by)
	if err != nil {
		return governance.ActionItem{}, err
	}
	m, err := q.GetMeeting(ctx, it.MeetingID)
	if err != nil {
		return it, err
	}
	if !r.seesMinutes(m) {
		return governance.ActionItem{}, fault.NotFoundf("action item not found")
	}
	return it, nil
}

// ActionUpdate is a change to an action item. The owner marks progress
// (status and note); the centre may also change title, owner and due day.
type ActionUpdate struct {
	Status   governance.ActionStatus
	Progress string
	Title    string    // "" keeps it
	OwnerID  int64     // 0 keeps it
	DueOn    time.Time // zero keeps it
}

// UpdateActionItem marks progress on an action item.
func (a *App) UpdateActionItem(ctx context.Context, by Actor, id int64, up ActionUpdate) (governance.ActionItem, error) {
	var out governance.ActionItem
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.GetActionItem(ctx, id)
		if err != nil {
			return notFound(err, "action item")
		}
		manager := by.Can(ManageGovernance)
		owner := before.OwnerID == by.PersonID && by.PersonID != 0
		if !manager && !owner {
			r, err := a.govReader(ctx, q, by)
			if err != nil {
				return err
			}
			if m, err := q.GetMeeting(ctx, before.MeetingID); err != nil || !r.seesMinutes(m) {
				return fault.NotFoundf("action item not found")
			}
			return fault.Forbiddenf("only the owner of the action item or the centre may change it")
		}
		next := before
		if up.Status != "" {
			next.Status = up.Status
		}
		next.Progress = up.Progress
		if up.Title != "" || up.OwnerID != 0 || !up.DueOn.IsZero() {
			if !manager {
				return fault.Forbiddenf("the owner marks progress; the centre changes title, owner and due day")
			}
			if up.Title != "" {
				next.Title = up.Title
			}
			if !up.DueOn.IsZero() {
				next.DueOn = up.DueOn
			}
			if up.OwnerID != 0 && up.OwnerID != next.OwnerID {
				m, err := q.GetMeeting(ctx, next.MeetingID)
				if err != nil {
					return err
				}
				f, err := q.GetForum(ctx, m.ForumID)
				if err != nil {
					return err
				}
				if err := checkOwner(ctx, q, m, f, up.OwnerID); err != nil {
					return err
				}
				next.OwnerID = up.OwnerID
			}
		}
		if next, err = next.Normalise(); err != nil {
			return err
		}
		switch {
		case next.Status == governance.Done && before.Status != governance.Done:
			next.CompletedAt = a.now()
		case next.Status != governance.Done:
			next.CompletedAt = time.Time{}
		}
		if out, err = q.UpdateActionItem(ctx, next, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, out.MemberID, "action_item", out.ID, "update", before, out)
	})
	return out, err
}
