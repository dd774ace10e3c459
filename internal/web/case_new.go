package web

import (
	"net/http"
	"net/url"
	"strings"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/org"
)

// detailField is a type-specific field of the phone form, which offers
// the fields of every type and says which types use each.
type detailField struct {
	Name    string // details.<key>
	Key     string
	Kind    cases.FieldKind
	Types   string // the types that ask for it
	Choices []option
	// Required: the type asks for it (the portal's form of one type).
	Required bool
}

type caseNewPage struct {
	Choices caseChoices
	Matches []app.PersonMatch
	Chosen  *org.Person // the requester chosen earlier, when not among Matches
	Details []detailField
	Looked  bool // a search was made (so an empty result is news)
}

// caseNew is the phone form: find the caller as you type, then the case.
func (s *server) caseNew(w http.ResponseWriter, r *http.Request, v *visit) error {
	if centreOnly(w, r, v, "/portal/cases/new") {
		return nil
	}
	f := newForm(r.URL.Query())
	for k, def := range map[string]string{"channel": string(cases.Phone), "type": string(cases.Question),
		"priority": string(cases.Normal), "received_at": localInput(v, s.app.Now())} {
		if f.Get(k) == "" {
			f.Values.Set(k, def)
		}
	}
	return s.showCaseNew(w, r, v, http.StatusOK, f)
}

func (s *server) showCaseNew(w http.ResponseWriter, r *http.Request, v *visit, status int, f *form) error {
	ctx := r.Context()
	var d caseNewPage
	var err error
	if d.Choices, err = s.centreChoices(ctx, v, 0, false); err != nil {
		return err
	}
	if q := strings.TrimSpace(f.Get("q")); q != "" {
		d.Looked = true
		if d.Matches, err = s.app.FindPeople(ctx, v.actor, q, 0, 10); err != nil {
			return err
		}
	}
	if id := idOf(f.Get("requester_id")); id != 0 && !matchesHave(d.Matches, id) {
		if p, err := s.app.Person(ctx, v.actor, id); err == nil {
			d.Chosen = &p
		}
	}
	d.Details = detailFields(v)
	return s.show(w, r, v, status, "case_new", &view{Title: v.T("case_new.title"), Section: "cases", Form: f, Data: d})
}

func matchesHave(ms []app.PersonMatch, id int64) bool {
	for _, m := range ms {
		if m.ID == id {
			return true
		}
	}
	return false
}

// detailFields lists every type-specific field once, in the order of the
// types.
func detailFields(v *visit) []detailField {
	var out []detailField
	index := map[string]int{}
	for _, t := range cases.Types {
		for _, spec := range cases.FormFor(t).Fields {
			i, seen := index[spec.Key]
			if !seen {
				i, index[spec.Key] = len(out), len(out)
				df := detailField{Name: "details." + spec.Key, Key: spec.Key, Kind: spec.Kind}
				for _, c := range spec.Choices {
					df.Choices = append(df.Choices, option{Value: c, Label: v.T("case.document." + c)})
				}
				out = append(out, df)
			} else {
				out[i].Types += ", "
			}
			out[i].Types += v.T("case.type." + string(t))
		}
	}
	return out
}

// detailsOf reads the type-specific fields (details.<key>) of a form.
func detailsOf(vals url.Values) map[string]string {
	out := map[string]string{}
	for k := range vals {
		if key, ok := strings.CutPrefix(k, "details."); ok && strings.TrimSpace(vals.Get(k)) != "" {
			out[key] = vals.Get(k)
		}
	}
	return out
}

// caseCreate files the phone case.
func (s *server) caseCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	if !v.actor.IsCentre() {
		return fault.Forbiddenf("the console is the centre's")
	}
	f := newForm(postForm(r))
	received := localTime(v, f.Get("received_at"))
	if f.Get("received_at") != "" && received.IsZero() {
		f.addError("received_at", v.T("error.datetime"))
		return s.showCaseNew(w, r, v, http.StatusUnprocessableEntity, f)
	}
	c, err := s.app.OpenCase(r.Context(), v.actor, app.NewCase{RequesterID: idOf(f.Get("requester_id")),
		Channel: cases.Channel(f.Get("channel")), Type: cases.Type(f.Get("type")), Priority: cases.Priority(f.Get("priority")),
		ServiceID: idOf(f.Get("service_id")), Subject: f.Get("subject"), Body: f.Get("body"), Details: detailsOf(f.Values),
		Tags: strings.Fields(strings.ReplaceAll(f.Get("tags"), ",", " ")), ReceivedAt: received,
		Confidential: f.Get("confidential") == "1", NoAcknowledgement: f.Get("no_ack") == "1"})
	if f.take(v.lang, renameField(err, "member_id", "requester_id")) {
		return s.showCaseNew(w, r, v, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/cases/"+itoa(c.ID)+"?done=case_created")
}

type peoplePicker struct {
	Matches []app.PersonMatch
	Looked  bool
}

// casePeople finds people as the caller's name, address or number is
// typed: for htmx an HTML fragment of choices for the phone form, without
// JavaScript a page of matches that each start a case.
func (s *server) casePeople(w http.ResponseWriter, r *http.Request, v *visit) error {
	if !v.actor.IsCentre() {
		return fault.Forbiddenf("the console is the centre's")
	}
	q := r.URL.Query()
	var d peoplePicker
	if text := strings.TrimSpace(q.Get("q")); len([]rune(text)) >= 2 {
		var err error
		d.Looked = true
		if d.Matches, err = s.app.FindPeople(r.Context(), v.actor, text, idOf(q.Get("member")), 10); err != nil {
			return err
		}
	}
	vw := &view{Title: v.T("case_new.find"), Section: "cases", Form: newForm(q), Data: d}
	if r.Header.Get("HX-Request") == "true" && r.Header.Get("HX-History-Restore-Request") != "true" {
		return s.partial(w, r, v, "case_people", "matches", vw)
	}
	return s.show(w, r, v, http.StatusOK, "case_people", vw)
}
