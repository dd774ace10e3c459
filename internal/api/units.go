package api

import (
	"net/http"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/org"
)

// unitJSON is a unit of a member organisation.
type unitJSON struct {
	ID         int64  `json:"id"`
	MemberID   int64  `json:"member_id"`
	ParentID   *int64 `json:"parent_id"`
	Name       string `json:"name"`
	CostCentre string `json:"cost_centre"`
	CreatedAt  string `json:"created_at"`
	UpdatedAt  string `json:"updated_at"`
}

func unitOut(u org.Unit, loc *time.Location) unitJSON {
	return unitJSON{ID: u.ID, MemberID: u.MemberID, ParentID: idOrNull(u.ParentID), Name: u.Name,
		CostCentre: u.CostCentre, CreatedAt: stamp(u.CreatedAt, loc), UpdatedAt: stamp(u.UpdatedAt, loc)}
}

// unitInput is the body of POST and PATCH; member_id only on POST.
type unitInput struct {
	MemberID   opt[int64]      `json:"member_id"`
	ParentID   nullable[int64] `json:"parent_id"`
	Name       opt[string]     `json:"name"`
	CostCentre opt[string]     `json:"cost_centre"`
}

func (in unitInput) apply(u *org.Unit) {
	in.MemberID.to(&u.MemberID)
	in.ParentID.to(&u.ParentID)
	in.Name.to(&u.Name)
	in.CostCentre.to(&u.CostCentre)
}

func (s *server) listUnits(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	uq := app.UnitQuery{MemberID: q.id("member_id"), PageRequest: q.page()}
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	page, err := s.app.ListUnits(r.Context(), by, uq)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	reply(w, http.StatusOK, listOf(page, func(u org.Unit) unitJSON { return unitOut(u, loc) }))
}

func (s *server) getUnit(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	u, err := s.app.Unit(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, unitOut(u, s.zone(r.Context())))
}

func (s *server) createUnit(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in unitInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	var u org.Unit
	in.apply(&u)
	u, err := s.app.CreateUnit(r.Context(), by, u)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "units", u.ID, unitOut(u, s.zone(r.Context())))
}

func (s *server) patchUnit(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	var in unitInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	if in.MemberID.Set {
		s.problem(w, r, fault.Field("member_id", "read_only", "a unit stays with the member it was created for"))
		return
	}
	u, err := s.app.Unit(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	in.apply(&u)
	if u, err = s.app.UpdateUnit(r.Context(), by, u); err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, unitOut(u, s.zone(r.Context())))
}
