package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// spec is the API's own OpenAPI document, used to check real answers. It
// remembers which operations answered with which statuses.
type spec struct {
	doc  map[string]any
	seen map[string]bool // "METHOD /template STATUS"
}

func loadSpec(t testing.TB, h http.Handler) *spec {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	if w.Code != 200 {
		t.Fatalf("openapi.json: %d %s", w.Code, w.Body)
	}
	var doc map[string]any
	d := json.NewDecoder(w.Body)
	d.UseNumber()
	if err := d.Decode(&doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if doc["openapi"] != "3.1.0" {
		t.Fatalf("openapi version %v", doc["openapi"])
	}
	return &spec{doc: doc, seen: map[string]bool{}}
}

// operations lists "METHOD /template" for every documented operation.
func (s *spec) operations() []string {
	var out []string
	for p, item := range s.doc["paths"].(map[string]any) {
		for m := range item.(map[string]any) {
			out = append(out, strings.ToUpper(m)+" "+p)
		}
	}
	sort.Strings(out)
	return out
}

// match finds the documented template for a concrete path below /api/v1.
func (s *spec) match(method, path string) (string, map[string]any) {
	path = strings.TrimPrefix(path, "/api/v1")
	segs := strings.Split(path, "/")
	for tmpl, item := range s.doc["paths"].(map[string]any) {
		ts := strings.Split(tmpl, "/")
		if len(ts) != len(segs) {
			continue
		}
		ok := true
		for i := range ts {
			if ts[i] != segs[i] && !strings.HasPrefix(ts[i], "{") {
				ok = false
			}
		}
		if op, found := item.(map[string]any)[strings.ToLower(method)]; ok && found {
			return tmpl, op.(map[string]any)
		}
	}
	return "", nil
}

// check fails the test unless the answer is documented: its status is
// listed for the operation, its body validates against the schema of its
// media type, and 201 and 401 carry their headers. Answers for no operation
// (unknown path or method) must be problem documents.
func (s *spec) check(t testing.TB, method, path string, res response) {
	t.Helper()
	tmpl, op := s.match(method, path)
	var schema any = map[string]any{"$ref": "#/components/schemas/Problem"}
	mediaType := "application/problem+json"
	if op != nil {
		resp, ok := op["responses"].(map[string]any)[strconv.Itoa(res.status)].(map[string]any)
		if !ok {
			t.Fatalf("%s %s answered %d, which %s does not document: %s", method, path, res.status, tmpl, res.body)
		}
		resp = s.resolve(resp).(map[string]any)
		s.seen[fmt.Sprintf("%s %s %d", method, tmpl, res.status)] = true
		content, _ := resp["content"].(map[string]any)
		if len(content) == 0 {
			if len(res.body) != 0 {
				t.Fatalf("%s %s %d: documented without body, got %s", method, path, res.status, res.body)
			}
			return
		}
		served, _, _ := mime.ParseMediaType(res.header.Get("Content-Type"))
		documented := slices.Sorted(maps.Keys(content))
		i := slices.IndexFunc(documented, func(r string) bool { return mediaMatches(r, served) })
		if i < 0 {
			t.Fatalf("%s %s %d: Content-Type %q, documented %q", method, path, res.status, res.header.Get("Content-Type"), documented)
		}
		mediaType = documented[i]
		schema = content[mediaType].(map[string]any)["schema"]
		if res.status == 201 && res.header.Get("Location") == "" {
			t.Fatalf("%s %s 201 without Location", method, path)
		}
	} else if mt, _, _ := mime.ParseMediaType(res.header.Get("Content-Type")); mt != mediaType {
		t.Fatalf("%s %s %d: Content-Type %q, documented %q", method, path, res.status, res.header.Get("Content-Type"), mediaType)
	}
	if res.status == 401 && !strings.HasPrefix(res.header.Get("WWW-Authenticate"), "Bearer") {
		t.Fatalf("%s %s 401 without WWW-Authenticate: Bearer", method, path)
	}
	if !strings.HasSuffix(mediaType, "json") {
		return // not JSON (a calendar, say): the media type is all we check
	}
	var v any
	d := json.NewDecoder(bytes.NewReader(res.body))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		t.Fatalf("%s %s %d: body is not JSON: %v", method, path, res.status, err)
	}
	if errs := s.validate(schema, v, "$"); len(errs) > 0 {
		t.Fatalf("%s %s %d: body does not match the documented schema:\n%s\nbody: %s", method, path, res.status, strings.Join(errs, "\n"), res.body)
	}
}

// mediaMatches reports whether a served media type (parameters already
// dropped) is covered by a media range of the document: an exact type,
// type/* or */*.
func mediaMatches(documented, served string) bool {
	if documented == "*/*" || documented == served {
		return served != ""
	}
	main, ok := strings.CutSuffix(documented, "/*")
	return ok && strings.HasPrefix(served, main+"/")
}

// resolve follows a local $ref ("#/components/...").
func (s *spec) resolve(node any) any {
	m, ok := node.(map[string]any)
	if !ok {
		return node
	}
	ref, ok := m["$ref"].(string)
	if !ok {
		return node
	}
	var cur any = s.doc
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, _ := cur.(map[string]any)
		cur = m[part]
	}
	return s.resolve(cur)
}

// knownKeywords is the JSON Schema subset the validator understands; a
// document using any other keyword fails, so the check never silently
// weakens.
var knownKeywords = []string{"$ref", "type", "properties", "required", "additionalProperties", "items",
	"enum", "format", "minimum", "maximum", "description", "default"}

// validate checks v against schema and returns every violation.
func (s *spec) validate(schema, v any, at string) []string {
	sch, ok := s.resolve(schema).(map[string]any)
	if !ok {
		return []string{at + ": schema is not an object"}
	}
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, at+": "+fmt.Sprintf(format, args...)) }
	for k := range sch {
		if !slices.Contains(knownKeywords, k) {
			bad("the validator does not know the keyword %q", k)
		}
	}
	if t, ok := sch["type"]; ok {
		types := []string{}
		switch t := t.(type) {
		case string:
			types = append(types, t)
		case []any:
			for _, x := range t {
				types = append(types, x.(string))
			}
		}
		if !slices.ContainsFunc(types, func(name string) bool { return isType(v, name) }) {
			bad("%s is not of type %v", short(v), types)
			return errs
		}
	}
	if e, ok := sch["enum"].([]any); ok && !slices.ContainsFunc(e, func(x any) bool { return x == v }) {
		bad("%s is not one of %v", short(v), e)
	}
	if f, ok := sch["format"].(string); ok {
		if str, isStr := v.(string); isStr {
			layout := map[string]string{"date-time": time.RFC3339, "date": time.DateOnly}[f]
			if _, err := time.Parse(layout, str); layout != "" && err != nil {
				bad("%q is not a %s", str, f)
			}
		}
	}
	if n, ok := v.(json.Number); ok {
		x, _ := n.Float64()
		if m, ok := sch["minimum"].(json.Number); ok {
			if lo, _ := m.Float64(); x < lo {
				bad("%v is below the minimum %v", n, m)
			}
		}
		if m, ok := sch["maximum"].(json.Number); ok {
			if hi, _ := m.Float64(); x > hi {
				bad("%v is above the maximum %v", n, m)
			}
		}
	}
	switch v := v.(type) {
	case map[string]any:
		props, _ := sch["properties"].(map[string]any)
		for _, r := range asStrings(sch["required"]) {
			if _, ok := v[r]; !ok {
				bad("required property %q is missing", r)
			}
		}
		for k, x := range v {
			if p, ok := props[k]; ok {
				errs = append(errs, s.validate(p, x, at+"."+k)...)
			} else if sch["additionalProperties"] == false {
				bad("property %q is not documented", k)
			}
		}
	case []any:
		if items, ok := sch["items"]; ok {
			for i, x := range v {
				errs = append(errs, s.validate(items, x, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	return errs
}

func isType(v any, name string) bool {
	switch name {
	case "null":
		return v == nil
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "number":
		_, ok := v.(json.Number)
		return ok
	case "integer":
		n, ok := v.(json.Number)
		_, err := n.Int64()
		return ok && err == nil
	}
	return false
}

func asStrings(v any) []string {
	var out []string
	if l, ok := v.([]any); ok {
		for _, x := range l {
			out = append(out, x.(string))
		}
	}
	return out
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 60 {
		return string(b[:60]) + "…"
	}
	return string(b)
}
