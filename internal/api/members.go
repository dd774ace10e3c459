package api

import (
	"net/http"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/org"
)

// memberJSON is a member organisation as the API shows it.
type memberJSON struct {
	ID        int64            `json:"id"`
	Name      string           `json:"name"`
	OrgNumber string           `json:"org_number"`
	Kind      org.MemberKind   `json:"kind"`
	Country   string           `json:"country"`
	Status    org.MemberStatus `json:"status"`
	ParentID  *int64           `json:"parent_id"`
	CreatedAt string           `json:"created_at"`
	UpdatedAt string           `json:"updated_at"`
}

func memberOut(m org.Member, loc *time.Location) memberJSON {
	return memberJSON{ID: m.ID, Name: m.Name, OrgNumber: m.OrgNumber, Kind: m.Kind, Country: m.Country,
		Status: m.Status, ParentID: idOrNull(m.ParentID), CreatedAt: stamp(m.CreatedAt, loc), UpdatedAt: stamp(m.UpdatedAt, loc)}
}

// memberInput is the body of POST and PATCH; only fields sent change.
type memberInput struct {
	Name      opt[string]           `json:"name"`
	OrgNumber opt[string]           `json:"org_number"`
	Kind      opt[org.MemberKind]   `json:"kind"`
	Country   opt[string]           `json:"country"`
	Status    opt[org.MemberStatus] `json:"status"`
	ParentID  nullable[int64]       `json:"parent_id"`
}

func (in memberInput) apply(m *org.Member) {
	in.Name.to(&m.Name)
	in.OrgNumber.to(&m.OrgNumber)
	in.Kind.to(&m.Kind)
	in.Country.to(&m.Country)
	in.Status.to(&m.Status)
	in.ParentID.to(&m.ParentID)
}

func (s *server) listMembers(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	mq := app.MemberQuery{Search: q.str("q"), Status: enum(q, "status", org.MemberStatuses),
		Kind: enum(q, "kind", org.MemberKinds), PageRequest: q.page()}
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	page, err := s.app.ListMembers(r.Context(), by, mq)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	reply(w, http.StatusOK, listOf(page, func(m org.Member) memberJSON { return memberOut(m, loc) }))
}

func (s *server) getMember(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	m, err := s.app.Member(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, memberOut(m, s.zone(r.Context())))
}

func (s *server) createMember(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in memberInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	var m org.Member
	in.apply(&m)
	m, err := s.app.CreateMember(r.Context(), by, m)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "members", m.ID, memberOut(m, s.zone(r.Context())))
}

func (s *server) patchMember(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	var in memberInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	m, err := s.app.Member(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	in.apply(&m)
	if m, err = s.app.UpdateMember(r.Context(), by, m); err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, memberOut(m, s.zone(r.Context())))
}
