package app

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"samverkan/internal/fault"
	"samverkan/internal/governance"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// EscalationInput asks to raise an item up the ladder.
type EscalationInput struct {
	Source   governance.Source // sla_breach, case, order, meeting_item
	SourceID int64             // the case (for sla_breach too), order or agenda item
	// Level is where to; "" is the level above the item's highest step
	// (operational for an item not escalated before).
	Level  org.Level
	Reason string
	// MemberID says which member an item of a meeting with all members
	// concerns; other sources know their member.
	MemberID int64
}

// Escalate raises a case, an SLA breach, an order or a meeting item to
// the next level (or the one asked for) with a reason. The new step lands
// on the next meeting of that level's forum for the member, the step below
// is marked escalated, the forum's convenor hears of it, and a decision
// recorded on it later closes it.
func (a *App) Escalate(ctx context.Context, by Actor, in EscalationInput) (store.Step, error) {
	if by.IsCentre() {
		if err := by.require(Escalate); err != nil {
			return store.Step{}, err
		}
	} else if !by.MayEscalate() {
		return store.Step{}, fault.Forbiddenf("only contact persons and the centre escalate")
	}
	reason, err := governance.CheckReason(in.Reason)
	if err != nil {
		return store.Step{}, err
	}
	if !slices.Contains(governance.EscalationSources, in.Source) {
		return store.Step{}, fault.Field("source", "escalation_source", "an escalation starts from sla_breach, case, order or meeting_item")
	}
	var step store.Step
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		memberID, subject, err := a.escalationSource(ctx, q, by, in)
		if err != nil {
			return err
		}
		ladder, err := q.StepsOf(ctx, string(in.Source), in.SourceID)
		if err != nil {
			return err
		}
		var top store.Step
		if len(ladder) > 0 {
			top = ladder[len(ladder)-1]
		}
		level, err := governance.ClimbTo(org.Level(top.Level), in.Level)
		if err != nil {
			return err
		}
		forum, meeting, err := a.landing(ctx, q, level, memberID)
		if err != nil {
			return err
		}
		step = store.Step{Escalation: store.Escalation{MemberID: memberID, Source: string(in.Source), SourceID: in.SourceID,
			Level: string(level), Reason: reason, CreatedBy: by.PersonID, CreatedAt: a.now()},
			ParentID: top.ID, MeetingID: meeting.ID, Subject: subject}
		if step, err = q.CreateStep(ctx, step); err != nil {
			return duplicateField(err, "level", "escalation_not_higher", "the item is on this level already")
		}
		if top.ID != 0 && top.Status == string(governance.EscalationOpen) {
			if err := q.SetStepStatus(ctx, top.ID, string(governance.EscalationEscalated)); err != nil {
				return err
			}
		}
		if forum.ID != 0 {
			text := fmt.Sprintf("Escalated to %s level: %s", level, subject)
			if err := q.CreateLinkedNotification(ctx, store.Notification{PersonID: forum.ConvenorID, Kind: "governance_escalation",
				Message: text, CreatedAt: a.now()}, fmt.Sprintf("/escalations/%d", step.ID)); err != nil {
				return err
			}
		}
		step.CreatedByName = by.Name
		return a.audit(ctx, q, by, memberID, "escalation", step.ID, "escalate", top.Escalation, step)
	})
	return step, err
}

// MayEscalate reports whether the actor may raise items up the ladder:
// centre staff with the Escalate permission, and on the member side the
// contact persons (of any level), for their own member's items.
func (a Actor) MayEscalate() bool {
	if a.IsCentre() {
		return a.Can(Escalate)
	}
	return a.Has(org.Contact)
}

// escalationSource finds the member and a subject of what is escalated,
// as far as the actor sees it.
func (a *App) escalationSource(ctx context.Context, q *store.Queries, by Actor, in EscalationInput) (int64, string, error) {
	switch in.Source {
	case governance.FromCase, governance.FromSLABreach:
		scope, err := a.caseScope(ctx, by)
		if err != nil {
			return 0, "", err
		}
		c, err := q.GetCase(ctx, in.SourceID)
		if err != nil || !sees(scope, c) {
			return 0, "", fault.NotFoundf("case not found")
		}
		if in.Source == governance.FromSLABreach {
			breached, err := q.HasSLABreach(ctx, c.ID)
			if err != nil {
				return 0, "", err
			}
			if !breached {
				return 0, "", fault.Field("source_id", "escalation_no_breach", "no SLA target of this case was missed")
			}
		}
		return c.MemberID, c.Reference + ": " + c.Subject, nil
	case governance.FromOrder:
		member, err := q.PendingMember(ctx, "orders", in.SourceID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && !by.seesMember(member)) {
			return 0, "", fault.NotFoundf("order not found")
		}
		subject := fmt.Sprintf("Order %d", in.SourceID)
		if rows, err := q.PendingIn(ctx, "orders", []int64{member}, 500); err == nil {
			for _, r := range rows {
				if r.ID == in.SourceID && r.Title != "" {
					subject = "Order " + r.Reference + ": " + r.Title
				}
			}
		}
		return member, subject, err
	}
	it, err := q.GetAgendaItem(ctx, in.SourceID)
	if err != nil {
		return 0, "", notFound(err, "agenda item")
	}
	r, err := a.govReader(ctx, q, by)
	if err != nil {
		return 0, "", err
	}
	m, f, err := readMeeting(ctx, q, r, it.MeetingID)
	if err != nil || !r.seesAgenda(m) {
		return 0, "", fault.NotFoundf("agenda item not found")
	}
	member := it.MemberID
	if member == 0 {
		member = m.MemberID
	}
	if member == 0 {
		member = in.MemberID
		if member == 0 || !inMeetingScope(m, f, member) || !by.seesMember(member) {
			return 0, "", fault.Field("member_id", "escalation_member", "say which of the meeting's members the item concerns")
		}
	}
	return member, it.Title, nil
}

// landing finds where a step on level for member lands: the member's own
// forum on that level, else a forum of all members on it; and its next
// planned meeting with the member, if one is planned.
func (a *App) landing(ctx context.Context, q *store.Queries, level org.Level, memberID int64) (governance.Forum, governance.Meeting, error) {
	forums, err := q.ListForums(ctx, store.ForumFilter{Covering: memberID, Level: level, ActiveOnly: true})
	if err != nil || len(forums) == 0 {
		return governance.Forum{}, governance.Meeting{}, err
	}
	slices.SortStableFunc(forums, func(x, y governance.Forum) int {
		return cmpBool(x.MemberID == 0, y.MemberID == 0)
	})
	f := forums[0]
	m, err := q.NextMeeting(ctx, f.ID, memberID, a.now())
	if errors.Is(err, store.ErrNotFound) {
		return f, governance.Meeting{}, nil
	}
	return f, m, err
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// EscalationQuery filters escalations.
type EscalationQuery struct {
	MemberID int64
	Level    org.Level
	Status   governance.EscalationStatus
	PageRequest
}

// ListEscalations lists the steps the actor sees, newest first: centre
// staff all, member participants their own member's.
func (a *App) ListEscalations(ctx context.Context, by Actor, eq EscalationQuery) (Page[store.Step], error) {
	q := a.db.Read()
	r, err := a.govReader(ctx, q, by)
	if err != nil {
		return Page[store.Step]{}, err
	}
	p, err := eq.storePage()
	if err != nil {
		return Page[store.Step]{}, err
	}
	f := store.StepFilter{MemberID: eq.MemberID, Level: string(eq.Level), Status: string(eq.Status), Page: p}
	if !r.centre {
		if !r.participant || (eq.MemberID != 0 && eq.MemberID != r.memberID) {
			return Page[store.Step]{}, nil
		}
		f.MemberID = r.memberID
	}
	steps, err := q.ListSteps(ctx, f)
	return pageOf(steps, p, func(s store.Step) int64 { return s.ID }), err
}

// Ladder is one item's way up the levels and what happened to each step.
type Ladder struct {
	Step    store.Step   // the step asked for
	Steps   []store.Step // every step of the item, lowest first
	History []store.AuditEntry
}

// Escalation reads a step with its whole ladder and audit trail.
func (a *App) Escalation(ctx context.Context, by Actor, id int64) (Ladder, error) {
	q := a.db.Read()
	r, err := a.govReader(ctx, q, by)
	if err != nil {
		return Ladder{}, err
	}
	s, err := q.GetStep(ctx, id)
	if err != nil {
		return Ladder{}, notFound(err, "escalation")
	}
	if !r.centre && (!r.participant || s.MemberID != r.memberID) {
		return Ladder{}, fault.NotFoundf("escalation not found")
	}
	l := Ladder{Step: s}
	if l.Steps, err = q.StepsOf(ctx, s.Source, s.SourceID); err != nil {
		return l, err
	}
	if !r.centre {
		// An item of a meeting with all members may climb for several
		// of them; a member sees its own steps only.
		l.Steps = slices.DeleteFunc(l.Steps, func(st store.Step) bool { return st.MemberID != r.memberID })
	}
	for _, st := range l.Steps {
		es, err := q.ListAudit(ctx, store.AuditFilter{Entity: "escalation", EntityID: st.ID, Limit: 50})
		if err != nil {
			return l, err
		}
		l.History = append(l.History, es...)
	}
	slices.SortFunc(l.History, func(x, y store.AuditEntry) int { return int(x.ID - y.ID) })
	return l, nil
}

// EscalationsOf lists the ladder of one item (a case's page shows it).
func (a *App) EscalationsOf(ctx context.Context, by Actor, source governance.Source, sourceID int64) ([]store.Step, error) {
	q := a.db.Read()
	r, err := a.govReader(ctx, q, by)
	if err != nil {
		return nil, err
	}
	steps, err := q.StepsOf(ctx, string(source), sourceID)
	if err != nil || r.centre {
		return steps, err
	}
	var out []store.Step
	for _, s := range steps {
		if r.participant && s.MemberID == r.memberID {
			out = append(out, s)
		}
	}
	return out, nil
}

// WithdrawEscalation takes an open step back.
func (a *App) WithdrawEscalation(ctx context.Context, by Actor, id int64) (store.Step, error) {
	if err := by.require(Escalate); err != nil {
		return store.Step{}, err
	}
	var out store.Step
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		s, err := q.GetStep(ctx, id)
		if err != nil {
			return notFound(err, "escalation")
		}
		if s.Status != string(governance.EscalationOpen) {
			return fault.Conflictf("only an open escalation can be withdrawn")
		}
		if err := q.SetStepStatus(ctx, id, string(governance.EscalationWithdrawn)); err != nil {
			return err
		}
		out = s
		out.Status = string(governance.EscalationWithdrawn)
		return a.audit(ctx, q, by, s.MemberID, "escalation", id, "withdraw", s, out)
	})
	return out, err
}
