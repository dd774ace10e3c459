package api

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/fault"
)

// pathID reads a numeric id from the path; anything else names no resource.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, fault.NotFoundf("there is no such resource")
	}
	return id, nil
}

// query reads query parameters, collecting every bad one.
type query struct {
	v  url.Values
	fs fault.Fields
}

func queryOf(r *http.Request) *query { return &query{v: r.URL.Query()} }

func (q *query) str(name string) string { return strings.TrimSpace(q.v.Get(name)) }

// id reads a positive integer id (0 when absent).
func (q *query) id(name string) int64 {
	s := q.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		q.fs.Add(name, "type", name+" must be a positive integer")
		return 0
	}
	return n
}

// flag reads true or false (false when absent).
func (q *query) flag(name string) bool {
	switch q.str(name) {
	case "", "false":
		return false
	case "true":
		return true
	}
	q.fs.Add(name, "type", name+" must be true or false")
	return false
}

// instant reads an RFC 3339 timestamp (zero when absent).
func (q *query) instant(name string) time.Time {
	s := q.str(name)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		q.fs.Add(name, "type", name+" must be an RFC 3339 timestamp such as 2026-01-31T08:00:00+01:00")
	}
	return t
}

// page reads limit and cursor; their ranges are app's to judge.
func (q *query) page() app.PageRequest {
	pr := app.PageRequest{Cursor: q.str("cursor")}
	if s := q.str("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			q.fs.Add("limit", "type", "limit must be an integer")
		}
		pr.Limit = n
		if err == nil && n <= 0 {
			q.fs.Add("limit", "limit", "limit must be at least 1")
		}
	}
	return pr
}

// err is the Invalid fault for every bad parameter, or nil.
func (q *query) err() error { return q.fs.Err() }

// enum reads a value that must be one of set ("" when absent).
func enum[T ~string](q *query, name string, set []T) T {
	v := T(q.str(name))
	if v != "" && !slices.Contains(set, v) {
		words := make([]string, len(set))
		for i, s := range set {
			words[i] = string(s)
		}
		q.fs.Add(name, "enum", name+" must be one of "+strings.Join(words, ", "))
	}
	return v
}
