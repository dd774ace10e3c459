package api

import (
	"net/http"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/governance"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// escalationJSON is one step of the escalation ladder.
type escalationJSON struct {
	ID            int64   `json:"id"`
	MemberID      int64   `json:"member_id"`
	Source        string  `json:"source"`
	SourceID      int64   `json:"source_id"`
	Level         string  `json:"level"`
	Subject       string  `json:"subject"`
	Reason        string  `json:"reason"`
	Status        string  `json:"status"`
	ParentID      *int64  `json:"parent_id"`
	MeetingID     *int64  `json:"meeting_id"`
	DecisionID    *int64  `json:"decision_id"`
	Decision      *string `json:"decision"`
	DecidedAt     *string `json:"decided_at"`
	CreatedBy     *int64  `json:"created_by"`
	CreatedByName *string `json:"created_by_name"`
	CreatedAt     string  `json:"created_at"`
}

func escalationOut(e store.Step, loc *time.Location) escalationJSON {
	return escalationJSON{ID: e.ID, MemberID: e.MemberID, Source: e.Source, SourceID: e.SourceID, Level: e.Level, Subject: e.Subject,
		Reason: e.Reason, Status: e.Status, ParentID: idOrNull(e.ParentID), MeetingID: idOrNull(e.MeetingID), DecisionID: idOrNull(e.DecisionID),
		Decision: textOrNull(e.Decision), DecidedAt: stampOrNull(e.DecidedAt, loc), CreatedBy: idOrNull(e.CreatedBy),
		CreatedByName: textOrNull(e.CreatedByName), CreatedAt: stamp(e.CreatedAt, loc)}
}

func (s *server) listEscalations(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	eq := app.EscalationQuery{MemberID: q.id("member_id"), Level: enum(q, "level", org.Levels),
		Status: enum(q, "status", []governance.EscalationStatus{governance.EscalationOpen, governance.EscalationEscalated,
			governance.EscalationDecided, governance.EscalationWithdrawn}), PageRequest: q.page()}
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	page, err := s.app.ListEscalations(r.Context(), by, eq)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	reply(w, http.StatusOK, listOf(page, func(e store.Step) escalationJSON { return escalationOut(e, loc) }))
}

func (s *server) getEscalation(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	var l app.Ladder
	if err == nil {
		l, err = s.app.Escalation(r.Context(), by, id)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	out := struct {
		escalationJSON
		Ladder []escalationJSON `json:"ladder"`
	}{escalationJSON: escalationOut(l.Step, loc), Ladder: []escalationJSON{}}
	for _, st := range l.Steps {
		out.Ladder = append(out.Ladder, escalationOut(st, loc))
	}
	reply(w, http.StatusOK, out)
}

func (s *server) createEscalation(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in struct {
		Source   string    `json:"source"`
		SourceID int64     `json:"source_id"`
		Level    org.Level `json:"level"`
		Reason   string    `json:"reason"`
		MemberID int64     `json:"member_id"`
	}
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	st, err := s.app.Escalate(r.Context(), by, app.EscalationInput{Source: governance.Source(in.Source), SourceID: in.SourceID,
		Level: in.Level, Reason: in.Reason, MemberID: in.MemberID})
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "escalations", st.ID, escalationOut(st, s.zone(r.Context())))
}

// contactJSON is an entry of the contact directory.
type contactJSON struct {
	ID                int64     `json:"id"`
	MemberID          int64     `json:"member_id"`
	MemberName        string    `json:"member_name"`
	Level             org.Level `json:"level"`
	PersonID          int64     `json:"person_id"`
	Name              string    `json:"name"`
	Email             string    `json:"email"`
	Phone             *string   `json:"phone"`
	Title             string    `json:"title"`
	DeputyID          *int64    `json:"deputy_id"`
	DeputyName        *string   `json:"deputy_name"`
	VerifiedAt        *string   `json:"verified_at"`
	NeedsVerification bool      `json:"needs_verification"`
	UpdatedAt         string    `json:"updated_at"`
}

func contactOut(e app.ContactEntry, loc *time.Location) contactJSON {
	return contactJSON{ID: e.ID, MemberID: e.MemberID, MemberName: e.MemberName, Level: e.Level, PersonID: e.PersonID, Name: e.Name,
		Email: e.Email, Phone: textOrNull(e.Phone), Title: e.Title, DeputyID: idOrNull(e.DeputyID), DeputyName: textOrNull(e.DeputyName),
		VerifiedAt: stampOrNull(e.VerifiedAt, loc), NeedsVerification: e.Stale, UpdatedAt: stamp(e.UpdatedAt, loc)}
}

// contactQuery reads the directory's filters.
func contactQuery(q *query) app.ContactQuery {
	return app.ContactQuery{MemberID: q.id("member_id"), Level: enum(q, "level", org.Levels), StaleOnly: q.flag("stale")}
}

func (s *server) listContacts(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	cq := contactQuery(q)
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	es, err := s.app.ListContacts(r.Context(), by, cq)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	out := struct {
		Items []contactJSON `json:"items"`
	}{Items: make([]contactJSON, 0, len(es))}
	for _, e := range es {
		out.Items = append(out.Items, contactOut(e, loc))
	}
	reply(w, http.StatusOK, out)
}

func (s *server) exportContacts(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	cq := contactQuery(q)
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	b, err := s.app.ContactsCSV(r.Context(), by, cq)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	writeFile(w, "text/csv; charset=utf-8", "contacts.csv", b)
}

// contactInput is the body of POST and PATCH /contacts.
type contactInput struct {
	MemberID opt[int64]      `json:"member_id"`
	Level    opt[org.Level]  `json:"level"`
	PersonID opt[int64]      `json:"person_id"`
	Title    opt[string]     `json:"title"`
	DeputyID nullable[int64] `json:"deputy_id"`
}

func (in contactInput) apply(c *governance.Contact) {
	in.MemberID.to(&c.MemberID)
	in.Level.to(&c.Level)
	in.PersonID.to(&c.PersonID)
	in.Title.to(&c.Title)
	in.DeputyID.to(&c.DeputyID)
}

// saveContact answers POST (id 0) and PATCH with the saved entry.
func (s *server) saveContact(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var c governance.Contact
	var err error
	if r.Method == http.MethodPatch {
		var id int64
		if id, err = pathID(r, "id"); err == nil {
			c, err = s.app.Contact(r.Context(), by, id)
		}
	}
	var in contactInput
	if err == nil {
		err = decode(r, &in)
	}
	if err == nil {
		in.apply(&c)
		c, err = s.app.SaveContact(r.Context(), by, c)
	}
	var es []app.ContactEntry
	if err == nil {
		es, err = s.app.ListContacts(r.Context(), by, app.ContactQuery{MemberID: c.MemberID, Level: c.Level})
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	for _, e := range es {
		if e.ID == c.ID {
			if r.Method == http.MethodPost {
				created(w, "contacts", c.ID, contactOut(e, s.zone(r.Context())))
			} else {
				reply(w, http.StatusOK, contactOut(e, s.zone(r.Context())))
			}
			return
		}
	}
	s.problem(w, r, errContactGone)
}

var errContactGone = status(http.StatusInternalServerError, "the saved entry could not be read back")

func (s *server) deleteContact(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.app.RemoveContact(r.Context(), by, id)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	noContent(w)
}

func (s *server) verifyContacts(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in struct {
		MemberID int64 `json:"member_id"`
	}
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	n, err := s.app.VerifyContacts(r.Context(), by, in.MemberID)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, map[string]int{"verified": n})
}
