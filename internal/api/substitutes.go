package api

import (
	"net/http"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/org"
)

// substituteJSON lets person_id act for for_person_id from starts_on to
// ends_on inclusive, with all the principal's roles (scope null) or one.
type substituteJSON struct {
	ID          int64     `json:"id"`
	PersonID    int64     `json:"person_id"`
	ForPersonID int64     `json:"for_person_id"`
	StartsOn    string    `json:"starts_on"`
	EndsOn      string    `json:"ends_on"`
	Scope       *org.Role `json:"scope"`
	CreatedAt   string    `json:"created_at"`
}

func substituteOut(s org.Substitute, loc *time.Location) substituteJSON {
	return substituteJSON{ID: s.ID, PersonID: s.PersonID, ForPersonID: s.ForPersonID, StartsOn: day(s.StartsOn),
		EndsOn: day(s.EndsOn), Scope: textOrNull(s.Scope), CreatedAt: stamp(s.CreatedAt, loc)}
}

// substituteInput is the body of POST.
type substituteInput struct {
	PersonID    opt[int64]         `json:"person_id"`
	ForPersonID opt[int64]         `json:"for_person_id"`
	StartsOn    opt[date]          `json:"starts_on"`
	EndsOn      opt[date]          `json:"ends_on"`
	Scope       nullable[org.Role] `json:"scope"`
}

func (s *server) listSubstitutes(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	personID, pr := q.id("person_id"), q.page()
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	page, err := s.app.ListSubstitutes(r.Context(), by, personID, pr)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	reply(w, http.StatusOK, listOf(page, func(sub org.Substitute) substituteJSON { return substituteOut(sub, loc) }))
}

func (s *server) createSubstitute(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in substituteInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	sub := org.Substitute{PersonID: in.PersonID.V, ForPersonID: in.ForPersonID.V,
		StartsOn: in.StartsOn.V.Time, EndsOn: in.EndsOn.V.Time, Scope: in.Scope.V}
	sub, err := s.app.AppointSubstitute(r.Context(), by, sub)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "substitutes", sub.ID, substituteOut(sub, s.zone(r.Context())))
}

func (s *server) getSubstitute(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	sub, err := s.app.Substitute(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, substituteOut(sub, s.zone(r.Context())))
}

func (s *server) deleteSubstitute(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if err := s.app.EndSubstitute(r.Context(), by, id); err != nil {
		s.problem(w, r, err)
		return
	}
	noContent(w)
}
