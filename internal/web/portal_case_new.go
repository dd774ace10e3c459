package web

import (
	"net/http"
	"net/url"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
)

// caseKind is a type of case offered in the portal, with what it is for.
type caseKind struct {
	Type        cases.Type
	Label, Help string
}

type portalCaseNewPage struct {
	Kinds      []caseKind
	TypeForm   *cases.Form // nil until a type is chosen
	Details    []detailField
	Services   []option
	Priorities []option
	For        string // the principal a substitute files for
}

// portalCaseNew offers the types of case, then the form of the chosen
// type with the fields it needs.
func (s *server) portalCaseNew(w http.ResponseWriter, r *http.Request, v *visit) error {
	if memberOnly(w, r, v, "/cases/new") {
		return nil
	}
	q := r.URL.Query()
	f := newForm(url.Values{"type": {q.Get("type")}, "priority": {string(cases.Normal)}})
	return s.showPortalCaseNew(w, r, v, http.StatusOK, f)
}

func (s *server) showPortalCaseNew(w http.ResponseWriter, r *http.Request, v *visit, status int, f *form) error {
	d := portalCaseNewPage{For: v.actor.ActingForName}
	t := cases.Type(f.Get("type"))
	if !t.Valid() {
		for _, t := range cases.Types {
			d.Kinds = append(d.Kinds, caseKind{Type: t, Label: v.T("case.type." + string(t)), Help: v.T("portal_case.help." + string(t))})
		}
		return s.show(w, r, v, status, "portal_case_new", &view{Title: v.T("portal_case.new"), Section: "my_cases", Form: f, Data: d})
	}
	form := cases.FormFor(t)
	d.TypeForm = &form
	for _, spec := range form.Fields {
		df := detailField{Name: "details." + spec.Key, Key: spec.Key, Kind: spec.Kind, Required: spec.Required}
		for _, c := range spec.Choices {
			df.Choices = append(df.Choices, option{Value: c, Label: v.T("case.document." + c)})
		}
		d.Details = append(d.Details, df)
	}
	var err error
	if d.Services, err = s.serviceOptions(r.Context(), v); err != nil {
		return err
	}
	d.Priorities = enumOptions(v, "case.priority", cases.Priorities, false)
	title := v.T("portal_case.new_of", v.T("case.type."+string(t)))
	return s.show(w, r, v, status, "portal_case_new", &view{Title: title, Section: "my_cases", Form: f, Data: d})
}

// portalCaseCreate files a case from the portal, with its files.
func (s *server) portalCaseCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	if v.actor.IsCentre() {
		return fault.Forbiddenf("the portal is the member's")
	}
	f, files, err := filesForm(r)
	if err != nil {
		return err
	}
	c, err := s.app.OpenCase(r.Context(), v.actor, app.NewCase{Channel: cases.Portal, Type: cases.Type(f.Get("type")),
		Priority: cases.Priority(f.Get("priority")), ServiceID: idOf(f.Get("service_id")), Subject: f.Get("subject"),
		Body: f.Get("body"), Details: detailsOf(f.Values), Confidential: f.Get("confidential") == "1", Attachments: files})
	if f.take(v.lang, renameField(err, "attachments", "files")) {
		return s.showPortalCaseNew(w, r, v, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/portal/cases/"+itoa(c.ID)+"?done=case_filed")
}
