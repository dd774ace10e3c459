package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"samverkan/internal/app"
)

// reply writes v as JSON with the status code. Answers hold personal data,
// so no cache keeps them.
func reply(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	encode(w, v)
}

// created answers a POST with the new object and where it lives.
func created(w http.ResponseWriter, collection string, id int64, v any) {
	w.Header().Set("Location", prefix+"/"+collection+"/"+strconv.FormatInt(id, 10))
	reply(w, http.StatusCreated, v)
}

// encode writes v as JSON, leaving <, > and & as they are.
func encode(w http.ResponseWriter, v any) {
	e := json.NewEncoder(w)
	e.SetEscapeHTML(false)
	e.Encode(v)
}

func noContent(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }

// list is one page of a list endpoint.
type list[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// listOf renders a page of the app with f; items is never null.
func listOf[T, U any](p app.Page[T], f func(T) U) list[U] {
	l := list[U]{Items: make([]U, 0, len(p.Items))}
	for _, it := range p.Items {
		l.Items = append(l.Items, f(it))
	}
	if p.NextCursor != "" {
		l.NextCursor = &p.NextCursor
	}
	return l
}

// stamp renders an instant in RFC 3339 with the offset of loc.
func stamp(t time.Time, loc *time.Location) string { return t.In(loc).Format(time.RFC3339) }

// stampOrNull is stamp, or null for the zero time.
func stampOrNull(t time.Time, loc *time.Location) *string {
	if t.IsZero() {
		return nil
	}
	s := stamp(t, loc)
	return &s
}

// day renders a calendar day as YYYY-MM-DD (dates carry no zone).
func day(t time.Time) string { return t.Format(time.DateOnly) }

// idOrNull renders an optional reference: 0 is null.
func idOrNull(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// textOrNull renders an optional text: "" is null.
func textOrNull[T ~string](s T) *T {
	if s == "" {
		return nil
	}
	return &s
}

// ids renders a list of ids, never null.
func ids(in []int64) []int64 {
	if in == nil {
		return []int64{}
	}
	return in
}
