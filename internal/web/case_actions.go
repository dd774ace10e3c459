package web

import (
	"context"
	"net/http"
	"strings"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
)

// caseAction is one change of a case from a posted form; it returns the
// confirmation to show and the case to show it on (0: the same case).
type caseAction func(ctx context.Context, id int64, f *form, files []app.NewAttachment) (done string, to int64, err error)

// caseAct runs a case action of the console. Invalid input shows the case
// again with the messages next to the fields and nothing saved (422); a
// change that collides with another shows it again with a conflict (409);
// success redirects to the case with a confirmation.
func (s *server) caseAct(w http.ResponseWriter, r *http.Request, v *visit, withFiles bool, act caseAction) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if !v.actor.IsCentre() {
		return fault.Forbiddenf("the console is the centre's")
	}
	var f *form
	var files []app.NewAttachment
	if withFiles {
		if f, files, err = filesForm(r); err != nil {
			return err
		}
	} else {
		f = newForm(postForm(r))
	}
	done, to, err := act(r.Context(), id, f, files)
	switch {
	case f.take(v.lang, err):
		return s.showCase(w, r, v, id, http.StatusUnprocessableEntity, f)
	case fault.KindOf(err) == fault.Conflict:
		f.Summary = append(f.Summary, formError{Message: v.T("fault.conflict")})
		return s.showCase(w, r, v, id, http.StatusConflict, f)
	case err != nil:
		return err
	}
	if to == 0 {
		to = id
	}
	return seeOther(w, r, "/cases/"+itoa(to)+"?done="+done)
}

func (s *server) caseReply(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.caseAct(w, r, v, true, func(ctx context.Context, id int64, f *form, files []app.NewAttachment) (string, int64, error) {
		vis := cases.Visibility(f.Get("visibility"))
		ev, err := s.app.ReplyToCase(ctx, v.actor, id, app.Reply{Body: f.Get("body"), Visibility: vis,
			Status: cases.Status(f.Get("reply_status")), Attachments: files})
		done := "case_replied"
		if vis == cases.InternalOnly {
			done = "case_noted"
		}
		return done, ev.CaseID, renameField(err, "status", "reply_status")
	})
}

func (s *server) caseAttach(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.caseAct(w, r, v, true, func(ctx context.Context, id int64, f *form, files []app.NewAttachment) (string, int64, error) {
		vis := cases.External
		if f.Get("internal") == "1" {
			vis = cases.InternalOnly
		}
		_, err := s.app.AddAttachment(ctx, v.actor, id, vis, files)
		return "case_attached", 0, renameField(err, "attachments", "attach_files")
	})
}

func (s *server) caseAssign(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.caseAct(w, r, v, false, func(ctx context.Context, id int64, f *form, _ []app.NewAttachment) (string, int64, error) {
		_, err := s.app.AssignCase(ctx, v.actor, id, app.Assignment{TeamID: idOf(f.Get("team_id")), AssigneeID: idOf(f.Get("assignee_id"))})
		return "case_assigned", 0, err
	})
}

func (s *server) caseStatus(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.caseAct(w, r, v, false, func(ctx context.Context, id int64, f *form, _ []app.NewAttachment) (string, int64, error) {
		_, err := s.app.ChangeCaseStatus(ctx, v.actor, id, cases.Status(f.Get("status")))
		return "case_status", 0, err
	})
}

// caseUpdate reclassifies a case. Type-specific details the new type has
// no field for are dropped (the timeline keeps what they were).
func (s *server) caseUpdate(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.caseAct(w, r, v, false, func(ctx context.Context, id int64, f *form, _ []app.NewAttachment) (string, int64, error) {
		d, err := s.app.Case(ctx, v.actor, id)
		if err != nil {
			return "", 0, err
		}
		subject, typ, prio := f.Get("subject"), cases.Type(f.Get("type")), cases.Priority(f.Get("priority"))
		service, unit := idOf(f.Get("service_id")), idOf(f.Get("unit_id"))
		tags := strings.Fields(strings.ReplaceAll(f.Get("tags"), ",", " "))
		confidential := f.Get("confidential") == "1"
		ch := app.CaseChanges{Subject: &subject, Type: &typ, Priority: &prio, ServiceID: &service, UnitID: &unit, Tags: &tags,
			Confidential: &confidential}
		if typ != d.Type {
			details := map[string]string{}
			for _, spec := range cases.FormFor(typ).Fields {
				if val, ok := d.Details[spec.Key]; ok {
					details[spec.Key] = val
				}
			}
			ch.Details = &details
		}
		_, err = s.app.UpdateCase(ctx, v.actor, id, ch)
		return "case_updated", 0, err
	})
}

func (s *server) caseHandOver(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.caseAct(w, r, v, false, func(ctx context.Context, id int64, f *form, _ []app.NewAttachment) (string, int64, error) {
		_, err := s.app.HandOver(ctx, v.actor, id, app.HandOverInput{TeamID: idOf(f.Get("handover_team")),
			Line: cases.Line(f.Get("line")), Reason: f.Get("reason")})
		return "case_handed_over", 0, renameField(err, "team_id", "handover_team")
	})
}

func (s *server) caseLink(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.caseAct(w, r, v, false, func(ctx context.Context, id int64, f *form, _ []app.NewAttachment) (string, int64, error) {
		other, err := s.caseIDOf(ctx, v.actor, f.Get("link_ref"), "link_ref")
		if err == nil {
			err = renameField(s.app.LinkCases(ctx, v.actor, id, other), "other_id", "link_ref")
		}
		return "case_linked", 0, err
	})
}

func (s *server) caseUnlink(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.caseAct(w, r, v, false, func(ctx context.Context, id int64, f *form, _ []app.NewAttachment) (string, int64, error) {
		return "case_unlinked", 0, s.app.UnlinkCases(ctx, v.actor, id, idOf(f.Get("other_id")))
	})
}

// caseMerge merges this case, a duplicate, into the one named; the
// browser goes on to that case.
func (s *server) caseMerge(w http.ResponseWriter, r *http.Request, v *visit) error {
	return s.caseAct(w, r, v, false, func(ctx context.Context, id int64, f *form, _ []app.NewAttachment) (string, int64, error) {
		into, err := s.caseIDOf(ctx, v.actor, f.Get("merge_ref"), "merge_ref")
		if err != nil {
			return "", 0, err
		}
		_, err = s.app.MergeCase(ctx, v.actor, id, into)
		return "case_merged", into, renameField(err, "into_id", "merge_ref")
	})
}
