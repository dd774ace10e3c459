package api

import (
	"net/http"

	"samverkan/internal/app"
	"samverkan/internal/org"
)

// permissions are every permission /me may list, in a stable order.
var permissions = app.Permissions()

// meJSON is the caller: who they are, what they hold and may do.
type meJSON struct {
	ID          int64            `json:"id"`
	Name        string           `json:"name"`
	Email       string           `json:"email"`
	Language    *string          `json:"language"`
	MemberID    *int64           `json:"member_id"`
	UnitID      *int64           `json:"unit_id"`
	Roles       []roleJSON       `json:"roles"`
	TeamIDs     []int64          `json:"team_ids"`
	ActingFor   *personRef       `json:"acting_for"`
	Permissions []app.Permission `json:"permissions"`
}

func (s *server) me(w http.ResponseWriter, r *http.Request, by app.Actor) {
	out := meJSON{ID: by.PersonID, Name: by.Name, Email: by.Email, Language: textOrNull(by.Language),
		MemberID: idOrNull(by.MemberID), UnitID: idOrNull(by.UnitID), Roles: rolesOut(by.Grants),
		TeamIDs: ids(by.TeamIDs), Permissions: []app.Permission{}}
	if by.Acting() {
		out.ActingFor = &personRef{ID: by.ActingFor, Name: by.ActingForName}
	}
	for _, p := range permissions {
		if by.Can(p) {
			out.Permissions = append(out.Permissions, p)
		}
	}
	reply(w, http.StatusOK, out)
}

// centreJSON is the centre's settings.
type centreJSON struct {
	Name     string `json:"name"`
	Country  string `json:"country"`
	TimeZone string `json:"time_zone"`
	Currency string `json:"currency"`
	Language string `json:"language"`
}

func centreOut(c org.Centre) centreJSON {
	return centreJSON{Name: c.Name, Country: c.Country, TimeZone: c.TimeZone, Currency: c.Currency, Language: c.Language}
}

// centreInput is the body of PATCH /centre.
type centreInput struct {
	Name     opt[string] `json:"name"`
	Country  opt[string] `json:"country"`
	TimeZone opt[string] `json:"time_zone"`
	Currency opt[string] `json:"currency"`
	Language opt[string] `json:"language"`
}

func (s *server) getCentre(w http.ResponseWriter, r *http.Request, by app.Actor) {
	c, err := s.app.Centre(r.Context())
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, centreOut(c))
}

func (s *server) patchCentre(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in centreInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	c, err := s.app.Centre(r.Context())
	if err != nil {
		s.problem(w, r, err)
		return
	}
	in.Name.to(&c.Name)
	in.Country.to(&c.Country)
	in.TimeZone.to(&c.TimeZone)
	in.Currency.to(&c.Currency)
	in.Language.to(&c.Language)
	if c, err = s.app.UpdateCentre(r.Context(), by, c); err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, centreOut(c))
}
