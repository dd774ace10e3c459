package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/fault"
)

// addCaseAttachments stores the files of a multipart/form-data upload
// (parts named file, any number up to app.MaxAttachmentsPerMessage; an
// optional part visibility) on a case as one timeline entry. A file over
// the centre's limit is refused with 413 as soon as the limit is passed.
func (s *server) addCaseAttachments(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	limit, err := s.app.AttachmentLimit(r.Context(), by)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	files, vis, err := readUpload(w, r, limit)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	ev, err := s.app.AddAttachment(r.Context(), by, id, vis, files)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	w.Header().Set("Location", prefix+"/attachments/"+strconv.FormatInt(ev.Attachments[0].ID, 10))
	reply(w, http.StatusCreated, eventOut(ev, s.zone(r.Context())))
}

// readUpload reads the parts of a multipart/form-data body. It stops at
// the first file longer than limit and hands that file on cut at limit+1
// bytes, so that app refuses it as too large.
func readUpload(w http.ResponseWriter, r *http.Request, limit int64) ([]app.NewAttachment, cases.Visibility, error) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return nil, "", status(http.StatusUnsupportedMediaType, "send the files as multipart/form-data, in parts named file")
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit*app.MaxAttachmentsPerMessage+maxBody)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, "", status(http.StatusBadRequest, "the request body is not valid multipart/form-data")
	}
	var files []app.NewAttachment
	var vis cases.Visibility
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, "", uploadError(err)
		}
		switch part.FormName() {
		case "file":
			data, err := io.ReadAll(io.LimitReader(part, limit+1))
			if err != nil {
				return nil, "", uploadError(err)
			}
			files = append(files, app.NewAttachment{Filename: part.FileName(), Data: data})
			if int64(len(data)) > limit {
				return files, vis, nil
			}
		case "visibility":
			v, err := io.ReadAll(io.LimitReader(part, 32))
			if err != nil {
				return nil, "", uploadError(err)
			}
			vis = cases.Visibility(v)
		default:
			return nil, "", fault.Field(part.FormName(), "unknown_field", "unknown field; send files in parts named file")
		}
	}
	if len(files) == 0 {
		return nil, "", fault.Field("file", "required", "choose a file")
	}
	return files, vis, nil
}

// uploadError keeps a body over the size limit a 413 and makes any other
// broken upload a bad request.
func uploadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return err
	}
	return status(http.StatusBadRequest, "the request body is not valid multipart/form-data")
}

// getAttachment sends a file for download: never shown inline, never
// sniffed by the browser, as the content type sniffed when it was stored.
func (s *server) getAttachment(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	f, err := s.app.Attachment(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(f.Data)))
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": f.Filename})
	if disposition == "" {
		disposition = "attachment"
	}
	h.Set("Content-Disposition", disposition)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-store")
	h.Set("ETag", `"`+f.SHA256+`"`)
	w.WriteHeader(http.StatusOK)
	w.Write(f.Data)
}
