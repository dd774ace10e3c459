package web

import (
	"net/http"
	"strings"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// flaggedMail lists the incoming e-mail that waits for a person: the
// intake keeps every message raw and flags what it cannot file.
func (s *server) flaggedMail(w http.ResponseWriter, r *http.Request, v *visit) error {
	page, err := s.app.FlaggedMail(r.Context(), v.actor, app.PageRequest{Cursor: r.URL.Query().Get("cursor")})
	if err != nil {
		return err
	}
	d := listPage[app.InboundMail]{Items: page.Items, Next: nextURL(r, page.NextCursor), First: firstURL(r)}
	return s.show(w, r, v, http.StatusOK, "case_mail", &view{Title: v.T("mail.title"), Section: "cases", Data: d})
}

type mailPage struct {
	app.InboundMessage
	Flagged bool
	Matches []app.PersonMatch
	Looked  bool
	Types   []option
}

func (s *server) mailMessage(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.showMail(w, r, v, id, http.StatusOK, newForm(r.URL.Query()))
}

// showMail shows a stored message as text (its header, its text body and
// its raw form, all escaped) with the ways to handle it.
func (s *server) showMail(w http.ResponseWriter, r *http.Request, v *visit, id int64, status int, f *form) error {
	ctx := r.Context()
	m, err := s.app.InboundMessage(ctx, v.actor, id)
	if err != nil {
		return err
	}
	d := mailPage{InboundMessage: m, Flagged: m.State == store.InboundFlagged, Types: enumOptions(v, "case.type", cases.Types, false)}
	if q := strings.TrimSpace(f.Get("q")); q != "" {
		d.Looked = true
		if d.Matches, err = s.app.FindPeople(ctx, v.actor, q, 0, 10); err != nil {
			return err
		}
	} else if m.Sender.ID != 0 {
		d.Matches = []app.PersonMatch{m.Sender}
	}
	if f.Get("subject") == "" {
		f.Values.Set("subject", m.Subject)
	}
	if f.Get("type") == "" {
		f.Values.Set("type", string(cases.Question))
	}
	return s.show(w, r, v, status, "case_mail_message", &view{Title: v.T("mail.message_title", id), Section: "cases", Form: f, Data: d})
}

// mailRaw offers the raw message for download, never for display.
func (s *server) mailRaw(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	m, err := s.app.InboundMessage(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	serveDownload(w, "message-"+itoa(id)+".eml", "message/rfc822", m.Raw)
	return nil
}

// mailFile files a flagged message on a case (by its registration
// number) or as a new case for the chosen person.
func (s *server) mailFile(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	f := newForm(postForm(r))
	in := app.FileMail{Body: f.Get("body")}
	onCase := f.Get("target") == "case"
	if onCase {
		in.Body = f.Get("case_body")
		in.CaseID, err = s.caseIDOf(ctx, v.actor, f.Get("case_ref"), "case_ref")
	} else {
		in.RequesterID, in.Subject, in.Type = idOf(f.Get("requester_id")), f.Get("subject"), cases.Type(f.Get("type"))
		if in.RequesterID == 0 {
			err = fault.Field("requester_id", "required", "choose the person the case is for")
		}
	}
	var caseID int64
	if err == nil {
		caseID, err = s.app.FileFlaggedMail(ctx, v.actor, id, in)
		err = renameField(err, "case", "case_ref")
		if onCase {
			err = renameField(err, "body", "case_body")
		}
	}
	if f.take(v.lang, err) {
		return s.showMail(w, r, v, id, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/cases/"+itoa(caseID)+"?done=mail_filed")
}

// mailIgnore sets a flagged message aside with a reason.
func (s *server) mailIgnore(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	err = s.app.IgnoreFlaggedMail(r.Context(), v.actor, id, f.Get("reason"))
	if f.take(v.lang, err) {
		return s.showMail(w, r, v, id, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/mail?done=mail_ignored")
}
