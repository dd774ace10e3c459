package api

import (
	"errors"
	"net/http"

	"samverkan/internal/fault"
)

// problemDoc is an RFC 9457 problem document.
type problemDoc struct {
	Type   string       `json:"type"`
	Title  string       `json:"title"`
	Status int          `json:"status"`
	Detail string       `json:"detail"`
	Errors []fieldError `json:"errors,omitempty"`
}

// fieldError names one field of the input at fault; Code is a stable key.
type fieldError struct {
	Field  string `json:"field"`
	Code   string `json:"code"`
	Detail string `json:"detail"`
}

// httpError is a failure that is an HTTP matter rather than a fault of the
// domain: malformed JSON, a wrong media type, a wrong method.
type httpError struct {
	status int
	detail string
}

func (e *httpError) Error() string { return e.detail }

func status(code int, detail string) error { return &httpError{status: code, detail: detail} }

// statusOf maps fault kinds to HTTP status codes.
var statusOf = map[fault.Kind]int{
	fault.Invalid:         http.StatusUnprocessableEntity,
	fault.NotFound:        http.StatusNotFound,
	fault.Conflict:        http.StatusConflict,
	fault.Forbidden:       http.StatusForbidden,
	fault.Unauthenticated: http.StatusUnauthorized,
	fault.TooLarge:        http.StatusRequestEntityTooLarge,
	fault.TooMany:         http.StatusTooManyRequests,
}

// problem renders any error as application/problem+json. Errors that are
// neither faults nor HTTP matters are internal: logged once here, and the
// client gets a generic message.
func (s *server) problem(w http.ResponseWriter, r *http.Request, err error) {
	p := problemDoc{Type: "about:blank"}
	var he *httpError
	var tooBig *http.MaxBytesError
	switch f, isFault := fault.As(err); {
	case errors.As(err, &he):
		p.Status, p.Detail = he.status, he.detail
	case errors.As(err, &tooBig):
		p.Status, p.Detail = http.StatusRequestEntityTooLarge, "the request body is too large"
	case isFault && f.Kind != fault.Internal:
		p.Status, p.Detail = statusOf[f.Kind], f.Message
		for _, fe := range f.Fields {
			p.Errors = append(p.Errors, fieldError{Field: fe.Field, Code: fe.Code, Detail: fe.Detail})
		}
	default:
		s.log.ErrorContext(r.Context(), "api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		p.Status, p.Detail = http.StatusInternalServerError, "something went wrong on our side; the error has been logged"
	}
	p.Title = http.StatusText(p.Status)
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="samverkan"`)
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	encode(w, p)
}
