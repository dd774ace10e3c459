package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/org"
)

func (s *server) teams(w http.ResponseWriter, r *http.Request, v *visit) error {
	q := r.URL.Query()
	page, err := s.app.ListTeams(r.Context(), v.actor, app.PageRequest{Cursor: q.Get("cursor")})
	if err != nil {
		return err
	}
	d := listPage[org.Team]{Items: page.Items, Next: nextURL(r, page.NextCursor), First: firstURL(r)}
	return s.show(w, r, v, http.StatusOK, "teams", &view{Title: v.T("teams.title"), Section: "teams", Data: d})
}

// unitGroup is one member's units, flattened in tree order, for checkboxes.
type unitGroup struct {
	Member org.Member
	Units  []*unitNode
}

// idSet is a set of ids the templates can ask.
type idSet map[int64]bool

func (s idSet) Has(id int64) bool { return s[id] }

func setOf(ids []int64) idSet {
	s := idSet{}
	for _, id := range ids {
		s[id] = true
	}
	return s
}

type teamPage struct {
	Team       app.TeamDetail
	CanStaff   bool
	Candidates []option
	Groups     []unitGroup
	Served     idSet
}

// showTeam renders a team; f carries errors of a failed change.
func (s *server) showTeam(w http.ResponseWriter, r *http.Request, v *visit, status int, id int64, f *form) error {
	ctx := r.Context()
	t, err := s.app.Team(ctx, v.actor, id)
	if err != nil {
		return err
	}
	d := teamPage{Team: t, Served: setOf(t.UnitIDs),
		CanStaff: v.actor.IsAdmin() || (v.actor.Can(app.ManageTeamMembers) && slices.Contains(v.actor.TeamIDs, id))}
	if d.Groups, err = s.unitGroups(ctx, v.actor); err != nil {
		return err
	}
	if d.CanStaff {
		if d.Candidates, err = s.teamCandidates(ctx, v, t); err != nil {
			return err
		}
	}
	return s.show(w, r, v, status, "team", &view{Title: t.Name, Section: "teams", Form: f, Data: d})
}

// unitGroups is every unit the actor sees, grouped by member in tree order.
func (s *server) unitGroups(ctx context.Context, a app.Actor) ([]unitGroup, error) {
	members, err := s.allMembers(ctx, a)
	if err != nil {
		return nil, err
	}
	units, err := s.allUnits(ctx, a, 0)
	if err != nil {
		return nil, err
	}
	var out []unitGroup
	for _, m := range members {
		var mine []org.Unit
		for _, u := range units {
			if u.MemberID == m.ID {
				mine = append(mine, u)
			}
		}
		if len(mine) > 0 {
			out = append(out, unitGroup{Member: m, Units: flatten(unitTree(mine), 0)})
		}
	}
	return out, nil
}

// teamCandidates are the active centre staff not yet in the team.
func (s *server) teamCandidates(ctx context.Context, v *visit, t app.TeamDetail) ([]option, error) {
	staff, err := collect(func(pr app.PageRequest) (app.Page[org.Person], error) {
		return s.app.ListPeople(ctx, v.actor, app.PersonQuery{CentreOnly: true, PageRequest: pr})
	})
	if err != nil {
		return nil, err
	}
	in := map[int64]bool{}
	for _, p := range t.Staff {
		in[p.ID] = true
	}
	out := []option{{Value: "", Label: v.T("form.choose")}}
	for _, p := range staff {
		if !in[p.ID] && p.Active {
			out = append(out, option{Value: itoa(p.ID), Label: p.Name})
		}
	}
	return out, nil
}

func (s *server) team(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.showTeam(w, r, v, http.StatusOK, id, nil)
}

// teamStaff adds (action=add) or removes a person from a team.
func (s *server) teamStaff(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	err = s.app.SetTeamMember(r.Context(), v.actor, id, idOf(f.Get("person_id")), f.Get("action") == "add")
	if f.take(v.lang, err) {
		return s.showTeam(w, r, v, http.StatusUnprocessableEntity, id, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/teams/"+itoa(id)+"?done=saved")
}

func (s *server) teamUnits(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	var ids []int64
	for _, s := range f.Values["unit_ids"] {
		if n := idOf(s); n != 0 {
			ids = append(ids, n)
		}
	}
	err = s.app.SetTeamUnits(r.Context(), v.actor, id, ids)
	if f.take(v.lang, err) {
		return s.showTeam(w, r, v, http.StatusUnprocessableEntity, id, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/teams/"+itoa(id)+"?done=saved")
}

func (s *server) showTeamForm(w http.ResponseWriter, r *http.Request, v *visit, status int, id int64, f *form) error {
	if !v.actor.Can(app.ManageTeams) {
		return fault.Forbiddenf("your role does not allow this")
	}
	title := v.T("teams.new")
	if id != 0 {
		title = v.T("teams.edit_title", f.Get("name"))
	}
	return s.show(w, r, v, status, "team_form", &view{Title: title, Section: "teams", Form: f, Data: id})
}

func (s *server) teamNew(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.showTeamForm(w, r, v, http.StatusOK, 0, newForm(nil))
}

func (s *server) teamEdit(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := s.app.Team(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	return s.showTeamForm(w, r, v, http.StatusOK, id, newForm(url.Values{"name": {t.Name}, "description": {t.Description}}))
}

func (s *server) teamCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	t, err := s.app.CreateTeam(r.Context(), v.actor, org.Team{Name: f.Get("name"), Description: f.Get("description")})
	if f.take(v.lang, err) {
		return s.showTeamForm(w, r, v, http.StatusUnprocessableEntity, 0, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/teams/"+itoa(t.ID)+"?done=created")
}

func (s *server) teamUpdate(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	_, err = s.app.UpdateTeam(r.Context(), v.actor, org.Team{ID: id, Name: f.Get("name"), Description: f.Get("description")})
	if f.take(v.lang, err) {
		return s.showTeamForm(w, r, v, http.StatusUnprocessableEntity, id, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/teams/"+itoa(id)+"?done=saved")
}
