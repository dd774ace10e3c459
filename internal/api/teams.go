package api

import (
	"net/http"
	"slices"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/org"
)

// teamJSON is a team of the centre.
type teamJSON struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	CreatedAt   string `json:"created_at"`
}

// teamDetailJSON is a team with its staff and the units it serves.
type teamDetailJSON struct {
	teamJSON
	Staff   []personRef `json:"staff"`
	UnitIDs []int64     `json:"unit_ids"`
}

// personRef names a person.
type personRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

func teamOut(t org.Team, loc *time.Location) teamJSON {
	return teamJSON{ID: t.ID, Name: t.Name, Description: t.Description, CreatedAt: stamp(t.CreatedAt, loc)}
}

func teamDetailOut(d app.TeamDetail, loc *time.Location) teamDetailJSON {
	out := teamDetailJSON{teamJSON: teamOut(d.Team, loc), Staff: []personRef{}, UnitIDs: ids(d.UnitIDs)}
	for _, p := range d.Staff {
		out.Staff = append(out.Staff, personRef{ID: p.ID, Name: p.Name})
	}
	return out
}

// teamInput is the body of POST and PATCH.
type teamInput struct {
	Name        opt[string] `json:"name"`
	Description opt[string] `json:"description"`
}

func (s *server) listTeams(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	pr := q.page()
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	page, err := s.app.ListTeams(r.Context(), by, pr)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	reply(w, http.StatusOK, listOf(page, func(t org.Team) teamJSON { return teamOut(t, loc) }))
}

func (s *server) getTeam(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	d, err := s.app.Team(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, teamDetailOut(d, s.zone(r.Context())))
}

func (s *server) createTeam(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in teamInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	t, err := s.app.CreateTeam(r.Context(), by, org.Team{Name: in.Name.V, Description: in.Description.V})
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "teams", t.ID, teamOut(t, s.zone(r.Context())))
}

func (s *server) patchTeam(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	var in teamInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	d, err := s.app.Team(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	t := d.Team
	in.Name.to(&t.Name)
	in.Description.to(&t.Description)
	if t, err = s.app.UpdateTeam(r.Context(), by, t); err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, teamOut(t, s.zone(r.Context())))
}

func (s *server) addTeamMember(w http.ResponseWriter, r *http.Request, by app.Actor) {
	s.setTeamMember(w, r, by, true)
}

func (s *server) removeTeamMember(w http.ResponseWriter, r *http.Request, by app.Actor) {
	s.setTeamMember(w, r, by, false)
}

func (s *server) setTeamMember(w http.ResponseWriter, r *http.Request, by app.Actor, in bool) {
	teamID, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	personID, err := pathID(r, "person_id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	if err := s.app.SetTeamMember(r.Context(), by, teamID, personID, in); err != nil {
		s.problem(w, r, err)
		return
	}
	noContent(w)
}

func (s *server) setTeamUnits(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	var in struct {
		UnitIDs opt[[]int64] `json:"unit_ids"`
	}
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	if !in.UnitIDs.Set {
		s.problem(w, r, fault.Field("unit_ids", "required", "unit_ids is required (an empty list serves no unit)"))
		return
	}
	unitIDs := slices.Compact(slices.Sorted(slices.Values(in.UnitIDs.V)))
	if err := s.app.SetTeamUnits(r.Context(), by, id, unitIDs); err != nil {
		s.problem(w, r, err)
		return
	}
	d, err := s.app.Team(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, teamDetailOut(d, s.zone(r.Context())))
}
