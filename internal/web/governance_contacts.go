package web

import (
	"net/http"
	"net/url"
	"strconv"

	"samverkan/internal/app"
	"samverkan/internal/fault"
	"samverkan/internal/governance"
	"samverkan/internal/org"
)

type contactsPage struct {
	Entries  []app.ContactEntry
	Members  []option
	Levels   []option
	People   []option // the member's people, for the form
	Editable bool
	EditID   int64
	Stale    int
}

// showContacts renders the directory with the form to add (or, editID,
// change) an entry.
func (s *server) showContacts(w http.ResponseWriter, r *http.Request, v *visit, status int, editID int64, f *form) error {
	ctx := r.Context()
	q := r.URL.Query()
	cq := app.ContactQuery{MemberID: idOf(q.Get("member")), Level: org.Level(q.Get("level")), StaleOnly: q.Get("stale") == "1"}
	es, err := s.app.ListContacts(ctx, v.actor, cq)
	if err != nil {
		return err
	}
	d := contactsPage{Entries: es, EditID: editID, Levels: enumOptions(v, "level", org.Levels, true)}
	for _, e := range es {
		if e.Stale {
			d.Stale++
		}
	}
	_, ms, err := s.memberNamesOf(ctx, v.actor)
	if err != nil {
		return err
	}
	formMember := v.actor.MemberID
	if v.actor.IsCentre() {
		d.Members = memberOptions(v, ms, 0, "form.all")
		d.Editable = v.actor.Can(app.ManageGovernance)
		formMember = cq.MemberID
		if f != nil {
			formMember = idOf(f.Get("member_id"))
		}
	} else {
		d.Editable = v.actor.Has(org.Contact)
	}
	if d.Editable && formMember != 0 {
		people, err := collect(func(pr app.PageRequest) (app.Page[org.Person], error) {
			return s.app.ListPeople(ctx, v.actor, app.PersonQuery{MemberID: formMember, PageRequest: pr})
		})
		if err != nil {
			return err
		}
		d.People = []option{{Value: "", Label: v.T("form.choose")}}
		for _, p := range people {
			if p.Active {
				d.People = append(d.People, option{Value: itoa(p.ID), Label: p.Name})
			}
		}
	}
	if f == nil {
		f = newForm(url.Values{"member": {q.Get("member")}, "level": {q.Get("level")}, "stale": {q.Get("stale")}, "member_id": {itoa(formMember)}})
	}
	title := v.T("gov.contacts.title")
	if editID != 0 {
		title = v.T("gov.contacts.edit_title")
	}
	return s.show(w, r, v, status, "contacts", govView(title, d, f))
}

func (s *server) contactsPage(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.showContacts(w, r, v, http.StatusOK, 0, nil)
}

func (s *server) contactEdit(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	c, err := s.app.Contact(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	f := newForm(url.Values{"member_id": {itoa(c.MemberID)}, "contact_level": {string(c.Level)}, "person_id": {itoa(c.PersonID)},
		"title": {c.Title}, "deputy_id": {itoa(c.DeputyID)}})
	return s.showContacts(w, r, v, http.StatusOK, id, f)
}

func (s *server) contactsExport(w http.ResponseWriter, r *http.Request, v *visit) error {
	q := r.URL.Query()
	b, err := s.app.ContactsCSV(r.Context(), v.actor, app.ContactQuery{MemberID: idOf(q.Get("member")), Level: org.Level(q.Get("level")),
		StaleOnly: q.Get("stale") == "1"})
	if err != nil {
		return err
	}
	sendFile(w, "text/csv; charset=utf-8", "kontakter.csv", true, b)
	return nil
}

// contactSave adds an entry (POST /contacts) or changes one.
func (s *server) contactSave(w http.ResponseWriter, r *http.Request, v *visit) error {
	id := idOf(r.PathValue("id"))
	if r.PathValue("id") != "" && id == 0 {
		return fault.NotFoundf("not found")
	}
	f := newForm(postForm(r))
	c := governance.Contact{ID: id, MemberID: idOf(f.Get("member_id")), Level: org.Level(f.Get("contact_level")), PersonID: idOf(f.Get("person_id")),
		Title: f.Get("title"), DeputyID: idOf(f.Get("deputy_id"))}
	if !v.actor.IsCentre() && c.MemberID == 0 {
		c.MemberID = v.actor.MemberID
	}
	_, err := s.app.SaveContact(r.Context(), v.actor, c)
	if f.take(v.lang, renameField(err, "level", "contact_level")) {
		return s.showContacts(w, r, v, http.StatusUnprocessableEntity, id, f)
	}
	if fault.KindOf(err) == fault.Forbidden && !v.actor.IsCentre() {
		// Say why next to the form rather than on a bare error page.
		key := "gov.contacts.only_contacts"
		if c.MemberID != v.actor.MemberID {
			key = "gov.contacts.not_yours"
		}
		f.Summary = append(f.Summary, formError{Message: v.T(key)})
		return s.showContacts(w, r, v, http.StatusForbidden, id, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/contacts?done=saved")
}

func (s *server) contactDelete(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.app.RemoveContact(r.Context(), v.actor, id); err != nil {
		return err
	}
	return seeOther(w, r, "/contacts?done=gov_contact_removed")
}

func (s *server) contactsVerify(w http.ResponseWriter, r *http.Request, v *visit) error {
	if _, err := s.app.VerifyContacts(r.Context(), v.actor, idOf(r.PostFormValue("member_id"))); err != nil {
		return err
	}
	return seeOther(w, r, "/contacts?done=gov_contacts_verified")
}

type surveyPage struct {
	Survey app.SurveyView
	Scores []option
}

func (s *server) showSurvey(w http.ResponseWriter, r *http.Request, v *visit, status int, id int64, f *form) error {
	sv, err := s.app.Survey(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	d := surveyPage{Survey: sv}
	for i := 1; i <= 5; i++ {
		d.Scores = append(d.Scores, option{Value: strconv.Itoa(i), Label: v.T("gov.surveys.score_" + strconv.Itoa(i))})
	}
	if f == nil {
		f = newForm(nil)
	}
	return s.show(w, r, v, status, "survey", govView(v.T("gov.surveys.title"), d, f))
}

func (s *server) survey(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.showSurvey(w, r, v, http.StatusOK, id, nil)
}

func (s *server) surveyAnswer(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	err = s.app.AnswerSurvey(r.Context(), v.actor, id, atoi(f.Get("score")), f.Get("comment"))
	if f.take(v.lang, err) {
		return s.showSurvey(w, r, v, http.StatusUnprocessableEntity, id, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/meetings?done=gov_survey_answered")
}
