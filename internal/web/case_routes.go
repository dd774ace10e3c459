package web

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"samverkan/internal/app"
	"samverkan/internal/fault"
)

// caseRoutes registers the pages of cases: the centre's console (queues,
// case pages, the phone form, search, reports, routing, flagged e-mail)
// and the member's cases in the portal.
func (s *server) caseRoutes(mux *http.ServeMux) {
	user := s.user
	mux.Handle("GET /cases", user(s.queue))
	mux.Handle("GET /cases/new", user(s.caseNew))
	mux.Handle("POST /cases", user(s.caseCreate))
	mux.Handle("GET /cases/people", user(s.casePeople))
	mux.Handle("GET /cases/search", user(s.caseSearch))
	mux.Handle("GET /cases/repeats", user(s.caseRepeats))
	mux.Handle("GET /cases/{id}", user(s.casePage))
	mux.Handle("POST /cases/{id}/reply", user(s.caseReply))
	mux.Handle("POST /cases/{id}/attachments", user(s.caseAttach))
	mux.Handle("POST /cases/{id}/assign", user(s.caseAssign))
	mux.Handle("POST /cases/{id}/status", user(s.caseStatus))
	mux.Handle("POST /cases/{id}/update", user(s.caseUpdate))
	mux.Handle("POST /cases/{id}/handover", user(s.caseHandOver))
	mux.Handle("POST /cases/{id}/link", user(s.caseLink))
	mux.Handle("POST /cases/{id}/unlink", user(s.caseUnlink))
	mux.Handle("POST /cases/{id}/merge", user(s.caseMerge))
	mux.Handle("GET /attachments/{id}", user(s.attachment))

	mux.Handle("GET /routing", user(s.routing))
	mux.Handle("POST /routing/settings", user(s.caseSettingsSave))
	mux.Handle("GET /routing/new", user(s.ruleNew))
	mux.Handle("POST /routing", user(s.ruleCreate))
	mux.Handle("GET /routing/{id}", user(s.ruleEdit))
	mux.Handle("POST /routing/{id}", user(s.ruleUpdate))
	mux.Handle("POST /routing/{id}/delete", user(s.ruleDelete))
	mux.Handle("POST /routing/{id}/move", user(s.ruleMove))

	mux.Handle("GET /mail", user(s.flaggedMail))
	mux.Handle("GET /mail/{id}", user(s.mailMessage))
	mux.Handle("GET /mail/{id}/raw", user(s.mailRaw))
	mux.Handle("POST /mail/{id}/file", user(s.mailFile))
	mux.Handle("POST /mail/{id}/ignore", user(s.mailIgnore))

	mux.Handle("GET /portal/cases", user(s.portalCases))
	mux.Handle("GET /portal/cases/new", user(s.portalCaseNew))
	mux.Handle("POST /portal/cases", user(s.portalCaseCreate))
	mux.Handle("GET /portal/cases/{id}", user(s.portalCase))
	mux.Handle("POST /portal/cases/{id}/messages", user(s.portalCaseMessage))
}

// centreOnly sends member-side users to their portal's page instead.
func centreOnly(w http.ResponseWriter, r *http.Request, v *visit, portal string) bool {
	if v.actor.IsCentre() {
		return false
	}
	http.Redirect(w, r, portal, http.StatusSeeOther)
	return true
}

// uploadMemory is how much of a multipart form is held in memory; the
// rest goes to temporary files until the handler has read it.
const uploadMemory = 1 << 20

// filesForm reads a posted form that may carry files in its "files" field
// (multipart/form-data). A body over the server's limit is TooLarge; an
// empty file input (no file chosen) is no file.
func filesForm(r *http.Request) (*form, []app.NewAttachment, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		return newForm(postForm(r)), nil, nil
	}
	if err := r.ParseMultipartForm(uploadMemory); err != nil {
		if tooBig := new(http.MaxBytesError); errors.As(err, &tooBig) {
			return nil, nil, fault.New(fault.TooLarge, "the upload is larger than the limit")
		}
		return newForm(nil), nil, nil
	}
	defer r.MultipartForm.RemoveAll()
	var files []app.NewAttachment
	for _, fh := range r.MultipartForm.File["files"] {
		if fh.Filename == "" && fh.Size == 0 {
			continue
		}
		f, err := fh.Open()
		if err != nil {
			return nil, nil, err
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			return nil, nil, err
		}
		files = append(files, app.NewAttachment{Filename: fh.Filename, Data: data})
	}
	return newForm(r.PostForm), files, nil
}

// caseIDOf finds a case by the registration number typed in field; a
// number that is malformed or names no case the actor sees is an error
// on that field.
func (s *server) caseIDOf(ctx context.Context, by app.Actor, ref, field string) (int64, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return 0, fault.Field(field, "required", "type the registration number")
	}
	d, err := s.app.CaseByReference(ctx, by, ref)
	switch {
	case err == nil:
	case fault.KindOf(err) == fault.Invalid:
		return 0, renameField(err, "reference", field)
	case fault.KindOf(err) == fault.NotFound:
		return 0, fault.Field(field, "case_unknown", "there is no such case")
	default:
		return 0, err
	}
	return d.ID, nil
}

// attachment serves a case file for download, never for display: as an
// attachment, with the type sniffed when it was stored and nosniff.
func (s *server) attachment(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := s.app.Attachment(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	serveDownload(w, f.Filename, f.ContentType, f.Data)
	return nil
}

// serveDownload writes data as a file to save, not to render.
func serveDownload(w http.ResponseWriter, name, contentType string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}
