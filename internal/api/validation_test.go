package api_test

import (
	"fmt"
	"net/http/httptest"
	"samverkan/internal/org"
	"slices"
	"strings"
	"testing"
)

// wantProblem checks a problem document: its status and, if field is not
// "", that it names the field.
func wantProblem(t *testing.T, res response, status int, field string) {
	t.Helper()
	if res.status != status {
		t.Fatalf("status %d, want %d: %s", res.status, status, res.body)
	}
	if ct := res.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q", ct)
	}
	p := decodeAs[problem](t, res)
	if p.Status != status || p.Title == "" || p.Detail == "" || p.Type == "" {
		t.Fatalf("problem %+v", p)
	}
	if field == "" {
		return
	}
	for _, e := range p.Errors {
		if e.Field == field && e.Detail != "" && e.Code != "" {
			return
		}
	}
	t.Fatalf("problem does not name field %q: %s", field, res.body)
}

// counts is how many objects of each kind there are, and audit entries.
func (f *fixture) counts(t *testing.T) []int {
	t.Helper()
	var out []int
	for _, p := range []string{"/members", "/units", "/people", "/teams", "/substitutes", "/audit"} {
		out = append(out, len(decodeAs[page](t, f.do(t, "admin", "GET", path(p+"?limit=200"), nil).want(t, 200)).Items))
	}
	return out
}

// TestValidation: bad input is refused naming the field, and nothing is
// saved.
func TestValidation(t *testing.T) {
	f := newFixture(t)
	member := func(kv ...any) map[string]any {
		m := map[string]any{"name": "Nytt bolag", "org_number": f.orgNumber(), "kind": "municipal_company", "country": "SE"}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	cases := []struct {
		name, method, path string
		body               any
		status             int
		field              string
	}{
		{"invalid org number", "POST", path("/members"), member("org_number", "212000-1083"), 422, "org_number"},
		{"invalid CVR number", "POST", path("/members"), member("country", "DK", "org_number", "29189847"), 422, "org_number"},
		{"taken org number", "POST", path("/members"), member("org_number", f.m2.OrgNumber), 422, "org_number"},
		{"unknown parent", "POST", path("/members"), member("parent_id", 99999), 422, "parent_id"},
		{"unknown kind", "POST", path("/members"), member("kind", "city"), 422, "kind"},
		{"missing name", "POST", path("/members"), map[string]any{"org_number": "556000-0000"}, 422, "name"},
		{"invalid org number on change", "PATCH", path("/members/%d", f.m2.ID), map[string]any{"org_number": "1234"}, 422, "org_number"},
		{"member parent loop", "PATCH", path("/members/%d", f.m2.ID), map[string]any{"parent_id": f.m2.ID}, 422, "parent_id"},
		{"duplicate e-mail", "POST", path("/people"), map[string]any{"name": "Dubbel", "email": "CONTACT@test.example", "member_id": f.m1.ID}, 422, "email"},
		{"duplicate e-mail on change", "PATCH", path("/people/%d", f.people["employee"].ID), map[string]any{"email": "contact@test.example"}, 422, "email"},
		{"bad e-mail", "POST", path("/people"), map[string]any{"name": "X", "email": "x@"}, 422, "email"},
		{"unit of another member", "POST", path("/people"), map[string]any{"name": "X", "email": "x@test.example", "member_id": f.m1.ID, "unit_id": f.u2.ID}, 422, "unit_id"},
		{"centre role at a member", "POST", path("/people"), map[string]any{"name": "X", "email": "x@test.example", "member_id": f.m1.ID,
			"roles": []any{map[string]any{"role": "admin"}}}, 422, "roles"},
		{"unit cycle", "PATCH", path("/units/%d", f.u1.ID), map[string]any{"parent_id": f.u1b.ID}, 422, "parent_id"},
		{"unit parent of another member", "PATCH", path("/units/%d", f.u1.ID), map[string]any{"parent_id": f.u2.ID}, 422, "parent_id"},
		{"unit of unknown member", "POST", path("/units"), map[string]any{"member_id": 99999, "name": "X"}, 422, "member_id"},
		{"unit moved to another member", "PATCH", path("/units/%d", f.u1.ID), map[string]any{"member_id": f.m2.ID}, 422, "member_id"},
		{"substitute ends before it starts", "POST", path("/substitutes"), map[string]any{"person_id": f.people["orderer"].ID,
			"for_person_id": f.people["employee"].ID, "starts_on": "2026-12-10", "ends_on": "2026-12-01"}, 422, "ends_on"},
		{"substitute date not a date", "POST", path("/substitutes"), map[string]any{"person_id": f.people["orderer"].ID,
			"for_person_id": f.people["employee"].ID, "starts_on": "10/12/2026", "ends_on": "2026-12-01"}, 422, "starts_on"},
		{"team without name", "POST", path("/teams"), map[string]any{"description": "x"}, 422, "name"},
		{"team of unknown units", "PUT", path("/teams/%d/units", f.team.ID), map[string]any{"unit_ids": []int64{99999}}, 422, "unit_ids"},
		{"team units missing", "PUT", path("/teams/%d/units", f.team.ID), map[string]any{}, 422, "unit_ids"},
		{"team member not staff", "PUT", path("/teams/%d/members/%d", f.team.ID, f.people["contact"].ID), nil, 422, "person_id"},
		{"centre time zone", "PATCH", path("/centre"), map[string]any{"time_zone": "Mars/Olympus"}, 422, "time_zone"},
		{"token name too long", "POST", path("/tokens"), map[string]any{"name": strings.Repeat("x", 101)}, 422, "name"},

		// The shape of the input.
		{"unknown field", "POST", path("/members"), member("nickname", "x"), 422, "nickname"},
		{"unknown nested field", "POST", path("/people"), map[string]any{"name": "X", "email": "x@test.example",
			"roles": []any{map[string]any{"role": "admin", "colour": "red"}}}, 422, "colour"},
		{"read-only field", "PATCH", path("/members/%d", f.m1.ID), map[string]any{"id": 5}, 422, "id"},
		{"active on create", "POST", path("/people"), map[string]any{"name": "X", "email": "x@test.example", "active": false}, 422, "active"},
		{"wrong type", "POST", path("/members"), member("name", 5), 422, "name"},
		{"wrong nested type", "POST", path("/people"), map[string]any{"name": "X", "email": "x@test.example",
			"roles": []any{map[string]any{"role": 7}}}, 422, "roles.role"},
		{"null for a required value", "PATCH", path("/members/%d", f.m1.ID), map[string]any{"name": nil}, 422, "name"},
		{"malformed JSON", "POST", path("/members"), `{"name": "x",`, 400, ""},
		{"not JSON", "POST", path("/members"), `name=x`, 400, ""},
		{"not an object", "POST", path("/members"), `["x"]`, 400, ""},
		{"two objects", "POST", path("/members"), `{} {}`, 400, ""},
		{"empty body", "POST", path("/teams"), ``, 400, ""},
		{"bad limit", "GET", path("/members?limit=abc"), nil, 422, "limit"},
		{"limit too large", "GET", path("/members?limit=1000"), nil, 422, "limit"},
		{"limit zero", "GET", path("/people?limit=0"), nil, 422, "limit"},
		{"bad cursor", "GET", path("/units?cursor=!!"), nil, 422, "cursor"},
		{"bad status", "GET", path("/members?status=gone"), nil, 422, "status"},
		{"bad role", "GET", path("/people?role=king"), nil, 422, "role"},
		{"bad member_id", "GET", path("/units?member_id=x"), nil, 422, "member_id"},
		{"bad centre flag", "GET", path("/people?centre=yes"), nil, 422, "centre"},
		{"bad from", "GET", path("/audit?from=yesterday"), nil, 422, "from"},
		{"period backwards", "GET", path("/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"), nil, 422, "to"},
		{"bad path id", "GET", path("/members/abc"), nil, 404, ""},
		{"negative path id", "PATCH", path("/units/-1"), map[string]any{}, 404, ""},
		{"unknown id", "GET", path("/people/99999"), nil, 404, ""},
		{"unknown team", "PUT", path("/teams/99999/members/%d", f.people["staff"].ID), nil, 404, ""},
		{"unknown path", "GET", path("/nothing"), nil, 404, ""},
		{"unknown method", "DELETE", path("/members"), nil, 405, ""},
	}
	before := f.counts(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantProblem(t, f.do(t, "admin", c.method, c.path, c.body), c.status, c.field)
		})
	}
	if after := f.counts(t); !slices.Equal(before, after) {
		t.Errorf("counts (members, units, people, teams, substitutes, audit) %v after rejected input, were %v", after, before)
	}

	t.Run("media type", func(t *testing.T) {
		r := httptest.NewRequest("POST", path("/teams"), strings.NewReader(`{"name": "X"}`))
		r.Header.Set("Content-Type", "text/plain")
		wantProblem(t, f.send(t, "admin", r), 415, "")
		r = httptest.NewRequest("POST", path("/teams"), strings.NewReader(`{"name": "X"}`))
		wantProblem(t, f.send(t, "admin", r), 415, "")
	})
	t.Run("too large", func(t *testing.T) {
		big := `{"name": "` + strings.Repeat("x", 2<<20) + `"}`
		wantProblem(t, f.do(t, "admin", "POST", path("/teams"), big), 413, "")
	})
	t.Run("405 says what is allowed", func(t *testing.T) {
		res := f.do(t, "admin", "PUT", path("/members/%d", f.m1.ID), map[string]any{})
		if allow := res.header.Get("Allow"); allow != "GET, PATCH" {
			t.Errorf("Allow %q", allow)
		}
	})
	if after := f.counts(t); !slices.Equal(before, after) {
		t.Errorf("counts %v after rejected input, were %v", after, before)
	}
}

// TestPatchChangesOnlyWhatIsSent: a PATCH leaves the fields it does not
// mention as they were; null clears an optional value.
func TestPatchChangesOnlyWhatIsSent(t *testing.T) {
	f := newFixture(t)
	p := f.people["manager"]
	res := f.do(t, "admin", "PATCH", path("/people/%d", p.ID), map[string]any{"phone": "042-10 00 00"}).want(t, 200)
	got := decodeAs[map[string]any](t, res)
	if got["phone"] != "042-10 00 00" || got["name"] != p.Name || got["email"] != p.Email || num(got, "unit_id") != f.u1.ID {
		t.Fatalf("after PATCH phone: %v", got)
	}
	roles := got["roles"].([]any)
	if len(roles) != 1 || roles[0].(map[string]any)["role"] != "manager" || num(roles[0].(map[string]any), "unit_id") != f.u1.ID {
		t.Fatalf("roles after PATCH phone: %v", roles)
	}
	got = decodeAs[map[string]any](t, f.do(t, "admin", "PATCH", path("/people/%d", p.ID), map[string]any{"unit_id": nil, "active": false}).want(t, 200))
	if got["unit_id"] != nil || got["active"] != false || got["phone"] != "042-10 00 00" {
		t.Fatalf("after PATCH unit_id null: %v", got)
	}
	m := decodeAs[map[string]any](t, f.do(t, "admin", "PATCH", path("/members/%d", f.m1.ID), map[string]any{"status": "leaving"}).want(t, 200))
	if m["status"] != "leaving" || m["name"] != f.m1.Name || m["org_number"] != f.m1.OrgNumber {
		t.Fatalf("member after PATCH: %v", m)
	}
	c := decodeAs[map[string]any](t, f.do(t, "admin", "PATCH", path("/centre"), map[string]any{"time_zone": "Europe/Helsinki"}).want(t, 200))
	if c["name"] != "Servicecenter" || c["time_zone"] != "Europe/Helsinki" {
		t.Fatalf("centre after PATCH: %v", c)
	}
	// Timestamps follow the centre's time zone.
	m = decodeAs[map[string]any](t, f.do(t, "admin", "GET", path("/members/%d", f.m2.ID), nil).want(t, 200))
	if m["created_at"] != "2026-11-23T11:00:00+02:00" {
		t.Fatalf("created_at %v, want it in Helsinki time", m["created_at"])
	}
}

func TestVerifyingTwiceConflicts(t *testing.T) {
	f := newFixture(t)
	p, err := f.app.CreatePerson(f.ctx, f.sys, org.Person{Name: "Ny Avsändare", Email: "ny@m1.example", MemberID: f.m1.ID, Pending: true})
	if err != nil {
		t.Fatal(err)
	}
	got := decodeAs[map[string]any](t, f.do(t, "agent", "GET", fmt.Sprintf("/api/v1/people/%d", p.ID), nil).want(t, 200))
	if got["pending"] != true {
		t.Fatalf("pending person reads %v", got)
	}
	f.do(t, "agent", "POST", fmt.Sprintf("/api/v1/people/%d/verify", p.ID), nil).want(t, 200)
	f.do(t, "agent", "POST", fmt.Sprintf("/api/v1/people/%d/verify", p.ID), nil).want(t, 409)
}
