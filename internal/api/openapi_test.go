package api_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"samverkan/internal/api"
)

// TestOpenAPIMatchesTheAPI: every registered route is documented and every
// documented operation is served; real answers of every operation, for
// every caller, validate against the document (the fixture checks each
// one); every schema of the document uses only the keywords the validator
// knows and every reference resolves.
func TestOpenAPIMatchesTheAPI(t *testing.T) {
	f := newFixture(t)

	var registered []string
	for _, p := range api.Patterns(f.h) {
		method, route, _ := strings.Cut(p, " ")
		registered = append(registered, method+" "+strings.TrimPrefix(route, "/api/v1"))
	}
	slices.Sort(registered)
	documented := f.spec.operations()
	for _, r := range registered {
		if !slices.Contains(documented, r) {
			t.Errorf("route %s is not documented", r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(registered, d) {
			t.Errorf("documented operation %s is not served", d)
		}
	}

	runRoutes(t, f)
	for _, op := range documented {
		method, tmpl, _ := strings.Cut(op, " ")
		ok := false
		for _, code := range []int{200, 201, 204} {
			ok = ok || f.spec.seen[fmt.Sprintf("%s %s %d", method, tmpl, code)]
		}
		if !ok {
			t.Errorf("no successful answer of %s was checked against the document", op)
		}
	}

	ids := map[string]bool{}
	for tmpl, item := range f.spec.doc["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			o := op.(map[string]any)
			id, _ := o["operationId"].(string)
			if id == "" || ids[id] {
				t.Errorf("%s %s: operationId %q missing or not unique", method, tmpl, id)
			}
			ids[id] = true
			for _, p := range asAny(o["parameters"]) {
				p := p.(map[string]any)
				if p["in"] == "path" && !strings.Contains(tmpl, "{"+p["name"].(string)+"}") {
					t.Errorf("%s %s documents path parameter %v it does not have", method, tmpl, p["name"])
				}
				f.spec.checkSchema(t, p["schema"], fmt.Sprintf("%s %s parameter %v", method, tmpl, p["name"]))
			}
		}
	}
	for name, s := range f.spec.doc["components"].(map[string]any)["schemas"].(map[string]any) {
		f.spec.checkSchema(t, s, name)
	}
}

// checkSchema walks a schema: known keywords only, references resolve.
func (s *spec) checkSchema(t *testing.T, schema any, at string) {
	t.Helper()
	m, ok := schema.(map[string]any)
	if !ok {
		t.Errorf("%s: schema %v is not an object", at, schema)
		return
	}
	if ref, ok := m["$ref"].(string); ok {
		if target, _ := s.resolve(m).(map[string]any); target == nil {
			t.Errorf("%s: $ref %s does not resolve", at, ref)
		}
		return
	}
	for k, v := range m {
		switch k {
		case "properties":
			for name, p := range v.(map[string]any) {
				s.checkSchema(t, p, at+"."+name)
			}
		case "items":
			s.checkSchema(t, v, at+"[]")
		default:
			if !slices.Contains(knownKeywords, k) {
				t.Errorf("%s: keyword %q is outside the subset the validator knows", at, k)
			}
		}
	}
}

func asAny(v any) []any {
	l, _ := v.([]any)
	return l
}

// TestValidatorCatchesMismatches: the validator used above does fail on
// answers that do not match.
func TestValidatorCatchesMismatches(t *testing.T) {
	f := newFixture(t)
	good := `{"id":1,"name":"X","org_number":"212000-1082","kind":"municipality","country":"SE","status":"active",` +
		`"parent_id":null,"created_at":"2026-11-23T10:00:00+01:00","updated_at":"2026-11-23T10:00:00+01:00"}`
	member := map[string]any{"$ref": "#/components/schemas/Member"}
	if errs := f.spec.validate(member, jsonOf(t, good), "$"); len(errs) > 0 {
		t.Fatalf("a good member fails: %v", errs)
	}
	bad := map[string]string{
		"missing field":  strings.Replace(good, `"parent_id":null,`, "", 1),
		"extra field":    strings.Replace(good, `"id":1,`, `"id":1,"colour":"red",`, 1),
		"wrong type":     strings.Replace(good, `"id":1,`, `"id":"1",`, 1),
		"not an integer": strings.Replace(good, `"id":1,`, `"id":1.5,`, 1),
		"below minimum":  strings.Replace(good, `"id":1,`, `"id":0,`, 1),
		"not nullable":   strings.Replace(good, `"name":"X"`, `"name":null`, 1),
		"nullable ref":   strings.Replace(good, `"parent_id":null`, `"parent_id":"2"`, 1),
		"enum":           strings.Replace(good, `"kind":"municipality"`, `"kind":"city"`, 1),
		"date-time":      strings.Replace(good, `"created_at":"2026-11-23T10:00:00+01:00"`, `"created_at":"2026-11-23 10:00"`, 1),
	}
	for name, body := range bad {
		if errs := f.spec.validate(member, jsonOf(t, body), "$"); len(errs) == 0 {
			t.Errorf("%s: validates", name)
		}
	}
	sub := map[string]any{"$ref": "#/components/schemas/Substitute"}
	if errs := f.spec.validate(sub, jsonOf(t, `{"id":1,"person_id":2,"for_person_id":3,"starts_on":"2026-13-01","ends_on":"2026-12-01",`+
		`"scope":null,"created_at":"2026-11-23T10:00:00+01:00"}`), "$"); len(errs) == 0 {
		t.Errorf("a bad date validates")
	}
	list := map[string]any{"$ref": "#/components/schemas/MemberList"}
	if errs := f.spec.validate(list, jsonOf(t, `{"items":[{"id":1}],"next_cursor":null}`), "$"); len(errs) == 0 {
		t.Errorf("a bad list item validates")
	}
}

func jsonOf(t *testing.T, s string) any {
	t.Helper()
	var v any
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestMediaRanges: a media range of the document covers exactly the types
// it names.
func TestMediaRanges(t *testing.T) {
	for _, tc := range []struct {
		documented, served string
		want               bool
	}{
		{"application/json", "application/json", true},
		{"application/json", "application/problem+json", false},
		{"*/*", "application/pdf", true},
		{"*/*", "", false},
		{"image/*", "image/png", true},
		{"image/*", "application/png", false},
		{"image/*", "imagex/png", false},
	} {
		if got := mediaMatches(tc.documented, tc.served); got != tc.want {
			t.Errorf("%q covers %q: %v, want %v", tc.documented, tc.served, got, tc.want)
		}
	}
}
