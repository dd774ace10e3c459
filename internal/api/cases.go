package api

import (
	"net/http"
	"strings"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
)

// caseJSON is a case (ärende). References to other objects are ids (null
// when not set); sla carries its service-level clocks.
type caseJSON struct {
	ID              int64             `json:"id"`
	Reference       string            `json:"reference"`
	MemberID        int64             `json:"member_id"`
	UnitID          *int64            `json:"unit_id"`
	RequesterID     *int64            `json:"requester_id"`
	FiledByID       *int64            `json:"filed_by_id"`
	Channel         cases.Channel     `json:"channel"`
	ServiceID       *int64            `json:"service_id"`
	Type            cases.Type        `json:"type"`
	Priority        cases.Priority    `json:"priority"`
	Status          cases.Status      `json:"status"`
	TeamID          *int64            `json:"team_id"`
	AssigneeID      *int64            `json:"assignee_id"`
	Line            cases.Line        `json:"line"`
	Tags            []string          `json:"tags"`
	Confidential    bool              `json:"confidential"`
	Automated       bool              `json:"automated"`
	Subject         string            `json:"subject"`
	Details         map[string]string `json:"details"`
	ReceivedAt      string            `json:"received_at"`
	CreatedAt       string            `json:"created_at"`
	UpdatedAt       string            `json:"updated_at"`
	FirstResponseAt *string           `json:"first_response_at"`
	ResolvedAt      *string           `json:"resolved_at"`
	ClosedAt        *string           `json:"closed_at"`
	MergedIntoID    *int64            `json:"merged_into_id"`
	SLA             slaJSON           `json:"sla"`
}

// slaJSON are a case's service-level clocks; member_input is the member's
// own obligation and never counts against the centre.
type slaJSON struct {
	PolicyID      *int64      `json:"policy_id"`
	FirstResponse clockJSON   `json:"first_response"`
	NextResponse  clockJSON   `json:"next_response"`
	Resolution    clockJSON   `json:"resolution"`
	MemberInput   clockJSON   `json:"member_input"`
	PayrunInput   *payrunJSON `json:"payrun_input"`
}

// payrunJSON is how the case's input fared against the member's pay-run
// obligation; null when the case fell under none.
type payrunJSON struct {
	PayRun string `json:"pay_run"`
	Cutoff string `json:"cutoff"`
	Payday string `json:"payday"`
	DueAt  string `json:"due_at"`
	Late   bool   `json:"late"`
}

func payrunOut(p *app.PayrunInput, loc *time.Location) *payrunJSON {
	if p == nil {
		return nil
	}
	return &payrunJSON{PayRun: p.Run.String(), Cutoff: p.Run.Cutoff.String(), Payday: p.Run.Payday.String(),
		DueAt: stamp(p.DueAt, loc), Late: p.Late}
}

// clockJSON is one clock: due_at is null while it is paused or when no
// policy sets the target.
type clockJSON struct {
	DueAt      *string `json:"due_at"`
	Paused     bool    `json:"paused"`
	BreachedAt *string `json:"breached_at"`
	MetAt      *string `json:"met_at"`
	State      string  `json:"state"`
}

// clockStates are the states of a clock (app.Clock.State).
var clockStates = []string{"none", "running", "warning", "breached", "met", "met_late", "paused"}

func clockOut(c app.Clock, loc *time.Location) clockJSON {
	state := c.State
	if state == "" {
		state = "none"
	}
	return clockJSON{DueAt: stampOrNull(c.DueAt, loc), Paused: c.Paused, BreachedAt: stampOrNull(c.BreachedAt, loc),
		MetAt: stampOrNull(c.MetAt, loc), State: state}
}

// caseOut renders a case. Tags are the centre's own working notes (their
// changes are internal events): member-side callers get none.
func caseOut(c cases.Case, k app.Clocks, loc *time.Location, centre bool) caseJSON {
	tags := []string{}
	if centre && c.Tags != nil {
		tags = c.Tags
	}
	details := c.Details
	if details == nil {
		details = map[string]string{}
	}
	return caseJSON{ID: c.ID, Reference: c.Reference, MemberID: c.MemberID, UnitID: idOrNull(c.UnitID),
		RequesterID: idOrNull(c.RequesterID), FiledByID: idOrNull(c.FiledByID), Channel: c.Channel, ServiceID: idOrNull(c.ServiceID),
		Type: c.Type, Priority: c.Priority, Status: c.Status, TeamID: idOrNull(c.TeamID), AssigneeID: idOrNull(c.AssigneeID),
		Line: c.Line, Tags: tags, Confidential: c.Confidential, Automated: c.Automated, Subject: c.Subject, Details: details,
		ReceivedAt: stamp(c.ReceivedAt, loc), CreatedAt: stamp(c.CreatedAt, loc), UpdatedAt: stamp(c.UpdatedAt, loc),
		FirstResponseAt: stampOrNull(c.FirstResponseAt, loc), ResolvedAt: stampOrNull(c.ResolvedAt, loc),
		ClosedAt: stampOrNull(c.ClosedAt, loc), MergedIntoID: idOrNull(c.MergedInto),
		SLA: slaJSON{PolicyID: idOrNull(k.PolicyID), FirstResponse: clockOut(k.FirstResponse, loc),
			NextResponse: clockOut(k.NextResponse, loc), Resolution: clockOut(k.Resolution, loc), MemberInput: clockOut(k.MemberInput, loc),
			PayrunInput: payrunOut(k.PayrunInput, loc)}}
}

// caseDetailJSON is a case with the cases linked to it.
type caseDetailJSON struct {
	caseJSON
	Links []caseLinkJSON `json:"links"`
}

// caseLinkJSON is a link to another case: related, follow_up (the other
// case follows this one up) or follows (this case follows the other up).
type caseLinkJSON struct {
	CaseID    int64        `json:"case_id"`
	Reference string       `json:"reference"`
	Kind      string       `json:"kind"`
	Status    cases.Status `json:"status"`
	Subject   string       `json:"subject"`
}

// caseInput is the body of POST /cases. Absent and null fields take the
// defaults of app.NewCase.
type caseInput struct {
	MemberID       int64             `json:"member_id"`
	UnitID         int64             `json:"unit_id"`
	RequesterID    int64             `json:"requester_id"`
	RequesterEmail string            `json:"requester_email"`
	Subject        string            `json:"subject"`
	Body           string            `json:"body"`
	Channel        cases.Channel     `json:"channel"`
	Type           cases.Type        `json:"type"`
	Priority       cases.Priority    `json:"priority"`
	ServiceID      int64             `json:"service_id"`
	ReceivedAt     string            `json:"received_at"`
	Tags           []string          `json:"tags"`
	Details        map[string]string `json:"details"`
	Confidential   bool              `json:"confidential"`
	TeamID         int64             `json:"team_id"`
	AssigneeID     int64             `json:"assignee_id"`
	Acknowledge    *bool             `json:"acknowledge"`
}

func (in caseInput) newCase() (app.NewCase, error) {
	nc := app.NewCase{MemberID: in.MemberID, UnitID: in.UnitID, RequesterID: in.RequesterID, RequesterEmail: in.RequesterEmail,
		Subject: in.Subject, Body: in.Body, Channel: in.Channel, Type: in.Type, Priority: in.Priority, ServiceID: in.ServiceID,
		Tags: in.Tags, Details: in.Details, Confidential: in.Confidential, TeamID: in.TeamID, AssigneeID: in.AssigneeID,
		NoAcknowledgement: in.Acknowledge != nil && !*in.Acknowledge}
	if s := strings.TrimSpace(in.ReceivedAt); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return nc, fault.Field("received_at", "type", "received_at must be an RFC 3339 timestamp such as 2026-01-31T08:00:00+01:00")
		}
		nc.ReceivedAt = t
	}
	return nc, nil
}

// createCase files a case from another system, a member-side client or
// centre staff, and answers with it.
func (s *server) createCase(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in caseInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	nc, err := in.newCase()
	if err != nil {
		s.problem(w, r, err)
		return
	}
	c, err := s.app.OpenCase(r.Context(), by, nc)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	clocks, err := s.app.ClocksOf(r.Context(), by, []cases.Case{c})
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "cases", c.ID, caseOut(c, clocks[c.ID], s.zone(r.Context()), by.IsCentre()))
}

func (s *server) getCase(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	d, err := s.app.Case(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	clocks, err := s.app.CaseClocks(r.Context(), by, []int64{id})
	if err != nil {
		s.problem(w, r, err)
		return
	}
	out := caseDetailJSON{caseJSON: caseOut(d.Case, clocks[id], s.zone(r.Context()), by.IsCentre()), Links: []caseLinkJSON{}}
	for _, l := range d.Links {
		out.Links = append(out.Links, caseLinkJSON{CaseID: l.OtherID, Reference: l.Other.Reference, Kind: l.Kind,
			Status: l.Other.Status, Subject: l.Other.Subject})
	}
	reply(w, http.StatusOK, out)
}

// casePatchInput is the body of PATCH /cases/{id}: only fields sent
// change. service_id, unit_id and assignee_id may be null to clear them;
// tags and details, when sent, replace all.
type casePatchInput struct {
	Subject      opt[string]            `json:"subject"`
	Type         opt[cases.Type]        `json:"type"`
	Priority     opt[cases.Priority]    `json:"priority"`
	Status       opt[cases.Status]      `json:"status"`
	ServiceID    nullable[int64]        `json:"service_id"`
	UnitID       nullable[int64]        `json:"unit_id"`
	TeamID       opt[int64]             `json:"team_id"`
	AssigneeID   nullable[int64]        `json:"assignee_id"`
	Tags         opt[[]string]          `json:"tags"`
	Confidential opt[bool]              `json:"confidential"`
	Details      opt[map[string]string] `json:"details"`
}

// sent is a pointer to v when it was sent, else nil.
func sent[T any](set bool, v T) *T {
	if !set {
		return nil
	}
	return &v
}

func (in casePatchInput) patch() app.CasePatch {
	return app.CasePatch{
		CaseChanges: app.CaseChanges{Subject: sent(in.Subject.Set, in.Subject.V), Type: sent(in.Type.Set, in.Type.V),
			Priority: sent(in.Priority.Set, in.Priority.V), ServiceID: sent(in.ServiceID.Set, in.ServiceID.V),
			UnitID: sent(in.UnitID.Set, in.UnitID.V), Tags: sent(in.Tags.Set, in.Tags.V),
			Confidential: sent(in.Confidential.Set, in.Confidential.V), Details: sent(in.Details.Set, in.Details.V)},
		Status: sent(in.Status.Set, in.Status.V), TeamID: sent(in.TeamID.Set, in.TeamID.V), AssigneeID: sent(in.AssigneeID.Set, in.AssigneeID.V),
	}
}

func (s *server) patchCase(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	// Whether the caller may change the case at all is settled before the
	// body is read: a member-side caller is refused whatever they send.
	if err := s.app.CheckCaseWork(r.Context(), by, id); err != nil {
		s.problem(w, r, err)
		return
	}
	var in casePatchInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	c, err := s.app.PatchCase(r.Context(), by, id, in.patch())
	s.caseAnswer(w, r, by, c, err)
}

// caseAnswer answers a change of a case with the case as it is now.
func (s *server) caseAnswer(w http.ResponseWriter, r *http.Request, by app.Actor, c cases.Case, err error) {
	if err != nil {
		s.problem(w, r, err)
		return
	}
	clocks, err := s.app.CaseClocks(r.Context(), by, []int64{c.ID})
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, caseOut(c, clocks[c.ID], s.zone(r.Context()), by.IsCentre()))
}
