package web

import (
	"net/http"

	"samverkan/internal/app"
	"samverkan/internal/org"
)

type accountPage struct {
	Tokens     []app.APIToken
	Principals []org.Person
	Languages  []option
	Acting     bool
}

// showAccount renders the account page with f's values and errors.
func (s *server) showAccount(w http.ResponseWriter, r *http.Request, v *visit, status int, f *form, secret string) error {
	ctx := r.Context()
	tokens, err := s.app.ListAPITokens(ctx, v.actor)
	if err != nil {
		return err
	}
	principals, err := s.app.Principals(ctx, v.actor)
	if err != nil {
		return err
	}
	if f == nil {
		f = newForm(nil)
		f.Values.Set("language", v.actor.Language)
	}
	langs := []option{{Value: "", Label: v.T("account.language_browser")}}
	for _, l := range org.Languages {
		langs = append(langs, option{Value: l, Label: v.T("language." + l)})
	}
	d := accountPage{Tokens: tokens, Principals: principals, Languages: langs, Acting: v.actor.Acting()}
	return s.show(w, r, v, status, "account", &view{Title: v.T("account.title"), Section: "account", Form: f, Secret: secret, Data: d})
}

func (s *server) account(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.showAccount(w, r, v, http.StatusOK, nil, "")
}

func (s *server) accountLanguage(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	err := s.app.SetLanguage(r.Context(), v.actor, f.Get("language"))
	if f.take(v.lang, err) {
		return s.showAccount(w, r, v, http.StatusUnprocessableEntity, f, "")
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/account?done=language")
}

func (s *server) accountPassword(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	err := s.app.ChangePassword(r.Context(), v.actor, v.token, f.Get("current_password"), f.Get("new_password"))
	if f.take(v.lang, err) {
		return s.showAccount(w, r, v, http.StatusUnprocessableEntity, f, "")
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/account?done=password")
}

// createToken issues an API token and shows its secret once, on this
// response only.
func (s *server) createToken(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	_, secret, err := s.app.CreateAPIToken(r.Context(), v.actor, 0, f.Get("token_name"))
	if f.take(v.lang, renameField(err, "name", "token_name")) {
		return s.showAccount(w, r, v, http.StatusUnprocessableEntity, f, "")
	}
	if err != nil {
		return err
	}
	return s.showAccount(w, r, v, http.StatusCreated, nil, secret)
}

func (s *server) revokeToken(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.app.RevokeAPIToken(r.Context(), v.actor, id); err != nil {
		return err
	}
	return seeOther(w, r, "/account?done=token_revoked")
}

// actFor starts acting for a principal, or stops (principal_id 0).
func (s *server) actFor(w http.ResponseWriter, r *http.Request, v *visit) error {
	id := idOf(r.PostFormValue("principal_id"))
	if _, err := s.app.ActFor(r.Context(), v.actor, v.token, id); err != nil {
		return err
	}
	if id == 0 {
		return seeOther(w, r, "/account?done=acting_stopped")
	}
	return seeOther(w, r, "/?done=acting_started")
}
