package web

import (
	"net/http"
	"net/url"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/org"
)

type centrePage struct {
	Editable                         bool
	Countries, Currencies, Languages []option
	Zones                            []option
}

// showCentre renders the centre's settings: a form for administrators,
// read-only for other centre staff.
func (s *server) showCentre(w http.ResponseWriter, r *http.Request, v *visit, status int, f *form) error {
	if !v.actor.Can(app.ViewCentre) {
		return fault.Forbiddenf("your role does not allow this")
	}
	if f == nil {
		c := v.centre
		f = newForm(url.Values{"name": {c.Name}, "country": {c.Country}, "time_zone": {c.TimeZone}, "currency": {c.Currency}, "language": {c.Language}})
	}
	d := centrePage{Editable: v.actor.Can(app.ManageOrganisation), Countries: countryOptions(v),
		Currencies: []option{{Value: "SEK", Label: "SEK"}, {Value: "DKK", Label: "DKK"}}}
	for _, l := range org.Languages {
		d.Languages = append(d.Languages, option{Value: l, Label: v.T("language." + l)})
	}
	zones := []string{"Europe/Stockholm", "Europe/Copenhagen"}
	if z := f.Get("time_zone"); z != zones[0] && z != zones[1] {
		zones = append(zones, z)
	}
	for _, z := range zones {
		d.Zones = append(d.Zones, option{Value: z, Label: z})
	}
	return s.show(w, r, v, status, "centre", &view{Title: v.T("centre.title"), Section: "centre", Form: f, Data: d})
}

func (s *server) centreSettings(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.showCentre(w, r, v, http.StatusOK, nil)
}

func (s *server) centreUpdate(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	c := org.Centre{Name: f.Get("name"), Country: f.Get("country"), TimeZone: f.Get("time_zone"), Currency: f.Get("currency"), Language: f.Get("language")}
	_, err := s.app.UpdateCentre(r.Context(), v.actor, c)
	if f.take(v.lang, err) {
		return s.showCentre(w, r, v, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/centre?done=saved")
}
