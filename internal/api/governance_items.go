package api

import (
	"net/http"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/governance"
)

// agendaItemJSON is one point of an agenda.
type agendaItemJSON struct {
	ID        int64   `json:"id"`
	MeetingID int64   `json:"meeting_id"`
	Position  int     `json:"position"`
	Title     string  `json:"title"`
	Notes     string  `json:"notes"`
	Source    *string `json:"source"`
	SourceID  *int64  `json:"source_id"`
	MemberID  *int64  `json:"member_id"`
	CreatedAt string  `json:"created_at"`
}

func agendaItemOut(it governance.AgendaItem, loc *time.Location) agendaItemJSON {
	return agendaItemJSON{ID: it.ID, MeetingID: it.MeetingID, Position: it.Position, Title: it.Title, Notes: it.Notes,
		Source: textOrNull(string(it.Source)), SourceID: idOrNull(it.SourceID), MemberID: idOrNull(it.MemberID), CreatedAt: stamp(it.CreatedAt, loc)}
}

// createAgendaItem adds an item the centre writes ({title, notes,
// member_id}) or accepts a proposal ({source, source_id}).
func (s *server) createAgendaItem(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	var in struct {
		Title    string `json:"title"`
		Notes    string `json:"notes"`
		MemberID int64  `json:"member_id"`
		Source   string `json:"source"`
		SourceID int64  `json:"source_id"`
	}
	if err == nil {
		err = decode(r, &in)
	}
	var it governance.AgendaItem
	switch {
	case err != nil:
	case in.Source != "":
		it, err = s.app.AcceptProposal(r.Context(), by, id, governance.Source(in.Source), in.SourceID)
	default:
		it, err = s.app.AddAgendaItem(r.Context(), by, governance.AgendaItem{MeetingID: id, Title: in.Title, Notes: in.Notes, MemberID: in.MemberID})
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "agenda-items", it.ID, agendaItemOut(it, s.zone(r.Context())))
}

func (s *server) deleteAgendaItem(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.app.RemoveAgendaItem(r.Context(), by, id)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	noContent(w)
}

// decisionJSON is an entry of the decision register.
type decisionJSON struct {
	ID           int64  `json:"id"`
	MeetingID    int64  `json:"meeting_id"`
	ForumID      int64  `json:"forum_id"`
	MemberID     *int64 `json:"member_id"`
	AgendaItemID *int64 `json:"agenda_item_id"`
	EscalationID *int64 `json:"escalation_id"`
	Title        string `json:"title"`
	Body         string `json:"body"`
	CreatedBy    *int64 `json:"created_by"`
	CreatedAt    string `json:"created_at"`
}

func decisionOut(d governance.Decision, loc *time.Location) decisionJSON {
	return decisionJSON{ID: d.ID, MeetingID: d.MeetingID, ForumID: d.ForumID, MemberID: idOrNull(d.MemberID), AgendaItemID: idOrNull(d.AgendaItemID),
		EscalationID: idOrNull(d.EscalationID), Title: d.Title, Body: d.Body, CreatedBy: idOrNull(d.CreatedBy), CreatedAt: stamp(d.CreatedAt, loc)}
}

func (s *server) listDecisions(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	dq := app.DecisionQuery{ForumID: q.id("forum_id"), MeetingID: q.id("meeting_id"), Search: q.str("q"), PageRequest: q.page()}
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	page, err := s.app.ListDecisions(r.Context(), by, dq)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	reply(w, http.StatusOK, listOf(page, func(d governance.Decision) decisionJSON { return decisionOut(d, loc) }))
}

func (s *server) getDecision(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	var d governance.Decision
	if err == nil {
		d, err = s.app.Decision(r.Context(), by, id)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, decisionOut(d, s.zone(r.Context())))
}

func (s *server) createDecision(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in struct {
		MeetingID    int64  `json:"meeting_id"`
		AgendaItemID int64  `json:"agenda_item_id"`
		EscalationID int64  `json:"escalation_id"`
		Title        string `json:"title"`
		Body         string `json:"body"`
	}
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	d, err := s.app.RecordDecision(r.Context(), by, governance.Decision{MeetingID: in.MeetingID, AgendaItemID: in.AgendaItemID,
		EscalationID: in.EscalationID, Title: in.Title, Body: in.Body})
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "decisions", d.ID, decisionOut(d, s.zone(r.Context())))
}

// actionItemJSON is an action item.
type actionItemJSON struct {
	ID          int64   `json:"id"`
	MeetingID   int64   `json:"meeting_id"`
	ForumID     int64   `json:"forum_id"`
	MemberID    *int64  `json:"member_id"`
	DecisionID  *int64  `json:"decision_id"`
	Title       string  `json:"title"`
	OwnerID     int64   `json:"owner_id"`
	DueOn       string  `json:"due_on"`
	Status      string  `json:"status"`
	Progress    string  `json:"progress"`
	CompletedAt *string `json:"completed_at"`
	CreatedAt   string  `json:"created_at"`
	UpdatedAt   string  `json:"updated_at"`
}

func actionItemOut(a governance.ActionItem, loc *time.Location) actionItemJSON {
	return actionItemJSON{ID: a.ID, MeetingID: a.MeetingID, ForumID: a.ForumID, MemberID: idOrNull(a.MemberID), DecisionID: idOrNull(a.DecisionID),
		Title: a.Title, OwnerID: a.OwnerID, DueOn: day(a.DueOn), Status: string(a.Status), Progress: a.Progress,
		CompletedAt: stampOrNull(a.CompletedAt, loc), CreatedAt: stamp(a.CreatedAt, loc), UpdatedAt: stamp(a.UpdatedAt, loc)}
}

func (s *server) listActionItems(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	aq := app.ActionQuery{ForumID: q.id("forum_id"), MeetingID: q.id("meeting_id"), Mine: q.flag("mine"), OpenOnly: q.flag("open"), PageRequest: q.page()}
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	page, err := s.app.ListActionItems(r.Context(), by, aq)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	reply(w, http.StatusOK, listOf(page, func(a governance.ActionItem) actionItemJSON { return actionItemOut(a, loc) }))
}

func (s *server) getActionItem(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	var a governance.ActionItem
	if err == nil {
		a, err = s.app.ActionItem(r.Context(), by, id)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, actionItemOut(a, s.zone(r.Context())))
}

func (s *server) createActionItem(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in struct {
		MeetingID  int64  `json:"meeting_id"`
		DecisionID int64  `json:"decision_id"`
		Title      string `json:"title"`
		OwnerID    int64  `json:"owner_id"`
		DueOn      date   `json:"due_on"`
	}
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	a, err := s.app.AddActionItem(r.Context(), by, governance.ActionItem{MeetingID: in.MeetingID, DecisionID: in.DecisionID,
		Title: in.Title, OwnerID: in.OwnerID, DueOn: in.DueOn.Time})
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "action-items", a.ID, actionItemOut(a, s.zone(r.Context())))
}

// patchActionItem marks progress (owner) or changes the item (centre).
func (s *server) patchActionItem(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	var in struct {
		Status   opt[governance.ActionStatus] `json:"status"`
		Progress opt[string]                  `json:"progress"`
		Title    opt[string]                  `json:"title"`
		OwnerID  opt[int64]                   `json:"owner_id"`
		DueOn    opt[date]                    `json:"due_on"`
	}
	if err == nil {
		err = decode(r, &in)
	}
	var a governance.ActionItem
	if err == nil {
		a, err = s.app.ActionItem(r.Context(), by, id)
	}
	if err == nil {
		up := app.ActionUpdate{Status: a.Status, Progress: a.Progress}
		in.Status.to(&up.Status)
		in.Progress.to(&up.Progress)
		in.Title.to(&up.Title)
		in.OwnerID.to(&up.OwnerID)
		if in.DueOn.Set {
			up.DueOn = in.DueOn.V.Time
		}
		a, err = s.app.UpdateActionItem(r.Context(), by, id, up)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, actionItemOut(a, s.zone(r.Context())))
}
