package web

import (
	"context"
	"net/http"

	"samverkan/internal/app"
	"samverkan/internal/org"
)

// start is the console's start page: counts and shortcuts. Member-side
// users have the portal instead.
func (s *server) start(w http.ResponseWriter, r *http.Request, v *visit) error {
	if !v.actor.IsCentre() {
		return seeOther(w, r, withQuery("/portal", r))
	}
	counts, err := s.app.Overview(r.Context(), v.actor)
	if err != nil {
		return err
	}
	return s.show(w, r, v, http.StatusOK, "start", &view{Title: v.T("start.title"), Section: "start", Data: counts})
}

type portalPage struct {
	Member   org.Member
	Units    []*unitNode
	Contacts []levelGroup
	Roles    []string
}

// portal is the member web: the member's organisation, its units, its
// contact persons and the signed-in person's roles.
func (s *server) portal(w http.ResponseWriter, r *http.Request, v *visit) error {
	if v.actor.IsCentre() {
		return seeOther(w, r, withQuery("/", r))
	}
	ctx := r.Context()
	m, err := s.app.Member(ctx, v.actor, v.actor.MemberID)
	if err != nil {
		return err
	}
	units, err := s.allUnits(ctx, v.actor, m.ID)
	if err != nil {
		return err
	}
	contacts, err := s.contacts(ctx, v.actor, m.ID)
	if err != nil {
		return err
	}
	d := portalPage{Member: m, Units: unitTree(units), Contacts: contacts, Roles: grantLabels(v, v.actor.Grants, unitNames(units))}
	return s.show(w, r, v, http.StatusOK, "portal", &view{Title: v.T("portal.title"), Section: "portal", Data: d})
}

// levelGroup is the contact persons of one level of the collaboration model.
type levelGroup struct {
	Level  org.Level
	People []org.Person
}

// contacts lists a member's contact persons by level.
func (s *server) contacts(ctx context.Context, a app.Actor, memberID int64) ([]levelGroup, error) {
	ps, err := collect(func(pr app.PageRequest) (app.Page[org.Person], error) {
		return s.app.ListPeople(ctx, a, app.PersonQuery{MemberID: memberID, Role: org.Contact, PageRequest: pr})
	})
	if err != nil {
		return nil, err
	}
	out := make([]levelGroup, len(org.Levels))
	for i, l := range org.Levels {
		out[i].Level = l
		for _, p := range ps {
			for _, g := range p.Grants {
				if g.Role == org.Contact && g.Level == l && p.Active {
					out[i].People = append(out[i].People, p)
					break
				}
			}
		}
	}
	return out, nil
}

// grantLabels describes grants, naming the unit a grant is narrowed to.
func grantLabels(v *visit, gs []org.Grant, units names) []string {
	var out []string
	for _, g := range gs {
		s := grantLabel(v.lang, g)
		if n := units.Of(g.UnitID); n != "" {
			s += " – " + n
		}
		out = append(out, s)
	}
	return out
}

// withQuery keeps r's query string on a redirect.
func withQuery(path string, r *http.Request) string {
	if r.URL.RawQuery == "" {
		return path
	}
	return path + "?" + r.URL.RawQuery
}
