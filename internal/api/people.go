package api

import (
	"net/http"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/org"
)

// personJSON is a person: centre staff (member_id null) or a person of a
// member organisation.
type personJSON struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Email     string     `json:"email"`
	Phone     *string    `json:"phone"`
	MemberID  *int64     `json:"member_id"`
	UnitID    *int64     `json:"unit_id"`
	Language  *string    `json:"language"`
	Active    bool       `json:"active"`
	Pending   bool       `json:"pending"`
	Roles     []roleJSON `json:"roles"`
	CreatedAt string     `json:"created_at"`
	UpdatedAt string     `json:"updated_at"`
}

// roleJSON is one role a person holds. Level is set for contact persons
// only and unit_id only when the role is narrowed to a unit; otherwise both
// are null (never left out).
type roleJSON struct {
	Role   org.Role   `json:"role"`
	Level  *org.Level `json:"level"`
	UnitID *int64     `json:"unit_id"`
}

func rolesOut(gs []org.Grant) []roleJSON {
	out := make([]roleJSON, 0, len(gs))
	for _, g := range gs {
		out = append(out, roleJSON{Role: g.Role, Level: textOrNull(g.Level), UnitID: idOrNull(g.UnitID)})
	}
	return out
}

func personOut(p org.Person, loc *time.Location) personJSON {
	return personJSON{ID: p.ID, Name: p.Name, Email: p.Email, Phone: textOrNull(p.Phone),
		MemberID: idOrNull(p.MemberID), UnitID: idOrNull(p.UnitID), Language: textOrNull(p.Language),
		Active: p.Active, Pending: p.Pending, Roles: rolesOut(p.Grants), CreatedAt: stamp(p.CreatedAt, loc), UpdatedAt: stamp(p.UpdatedAt, loc)}
}

// personInput is the body of POST and PATCH; active only on PATCH (a new
// person is always active). Sending roles replaces all of them.
type personInput struct {
	Name     opt[string]      `json:"name"`
	Email    opt[string]      `json:"email"`
	Phone    nullable[string] `json:"phone"`
	MemberID nullable[int64]  `json:"member_id"`
	UnitID   nullable[int64]  `json:"unit_id"`
	Language nullable[string] `json:"language"`
	Roles    opt[[]roleJSON]  `json:"roles"`
	Active   opt[bool]        `json:"active"`
}

func (in personInput) apply(p *org.Person) {
	in.Name.to(&p.Name)
	in.Email.to(&p.Email)
	in.Phone.to(&p.Phone)
	in.MemberID.to(&p.MemberID)
	in.UnitID.to(&p.UnitID)
	in.Language.to(&p.Language)
	in.Active.to(&p.Active)
	if in.Roles.Set {
		p.Grants = make([]org.Grant, 0, len(in.Roles.V))
		for _, r := range in.Roles.V {
			g := org.Grant{Role: r.Role}
			if r.Level != nil {
				g.Level = *r.Level
			}
			if r.UnitID != nil {
				g.UnitID = *r.UnitID
			}
			p.Grants = append(p.Grants, g)
		}
	}
}

func (s *server) listPeople(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	pq := app.PersonQuery{MemberID: q.id("member_id"), TeamID: q.id("team_id"), CentreOnly: q.flag("centre"),
		Role: enum(q, "role", allRoles), Search: q.str("q"), PageRequest: q.page()}
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	page, err := s.app.ListPeople(r.Context(), by, pq)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	reply(w, http.StatusOK, listOf(page, func(p org.Person) personJSON { return personOut(p, loc) }))
}

// allRoles are the roles the people list filters on.
var allRoles = append(append([]org.Role{}, org.CentreRoles...), org.MemberRoles...)

func (s *server) getPerson(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	p, err := s.app.Person(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, personOut(p, s.zone(r.Context())))
}

func (s *server) createPerson(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in personInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	if in.Active.Set {
		s.problem(w, r, fault.Field("active", "unknown_field", "unknown field (a new person is always active)"))
		return
	}
	var p org.Person
	in.apply(&p)
	p, err := s.app.CreatePerson(r.Context(), by, p)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "people", p.ID, personOut(p, s.zone(r.Context())))
}

func (s *server) patchPerson(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	var in personInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	p, err := s.app.Person(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	in.apply(&p)
	if p, err = s.app.UpdatePerson(r.Context(), by, p); err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, personOut(p, s.zone(r.Context())))
}

func (s *server) verifyPerson(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	p, err := s.app.VerifyPerson(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, personOut(p, s.zone(r.Context())))
}
