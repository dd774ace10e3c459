package api_test

import (
	"strings"
	"testing"
)

// TestGetOne: a substitution or token is read by whoever may list or
// revoke it; to anyone else it is not found. A token never shows its
// secret.
func TestGetOne(t *testing.T) {
	f := newFixture(t)
	f.tokens["staff"] = f.token(t, "staff") // centre staff in no substitution
	m1 := f.substitute(t)                   // the orderer acts for the employee
	m2 := f.sub2.ID                         // other2 acts for other
	centre := num(decodeAs[page](t, f.do(t, "admin", "GET", path("/substitutes?person_id=%d", f.people["lead"].ID), nil).want(t, 200)).Items[0], "id")
	tok, secret, err := f.app.CreateAPIToken(f.ctx, f.sys, f.people["employee"].ID, "läsbar")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		who, path string
		want      int
	}{
		{"admin", path("/substitutes/%d", m1), 200},
		{"admin", path("/substitutes/%d", m2), 200},
		{"admin", path("/substitutes/%d", centre), 200},
		{"lead", path("/substitutes/%d", centre), 200},  // the principal
		{"agent", path("/substitutes/%d", centre), 200}, // the substitute
		{"staff", path("/substitutes/%d", centre), 404},
		{"lead", path("/substitutes/%d", m1), 404},
		{"employee", path("/substitutes/%d", m1), 200},
		{"manager", path("/substitutes/%d", m1), 200}, // a colleague's, as in the list
		{"employee", path("/substitutes/%d", m2), 404},
		{"employee", path("/substitutes/%d", centre), 404},
		{"other", path("/substitutes/%d", m2), 200},
		{"other", path("/substitutes/%d", m1), 404},
		{"admin", path("/substitutes/999999"), 404},

		{"employee", path("/tokens/%d", tok.ID), 200},
		{"admin", path("/tokens/%d", tok.ID), 200},
		{"manager", path("/tokens/%d", tok.ID), 404},
		{"lead", path("/tokens/%d", tok.ID), 404},
		{"other", path("/tokens/%d", tok.ID), 404},
		{"employee", path("/tokens/999999"), 404},
	} {
		res := f.do(t, tc.who, "GET", tc.path, nil)
		if res.status != tc.want {
			t.Errorf("GET %s as %s: %d, want %d: %s", tc.path, tc.who, res.status, tc.want, res.body)
		}
		if strings.Contains(string(res.body), secret) || strings.Contains(string(res.body), "hash") {
			t.Errorf("GET %s as %s shows the secret: %s", tc.path, tc.who, res.body)
		}
	}
	// The Location of what POST made can be read.
	for _, post := range []struct {
		path string
		body map[string]any
	}{
		{path("/tokens"), map[string]any{"name": "ci"}},
		{path("/substitutes"), map[string]any{"person_id": f.people["orderer"].ID, "for_person_id": f.people["employee"].ID,
			"starts_on": "2026-12-01", "ends_on": "2026-12-31"}},
	} {
		loc := f.do(t, "employee", "POST", post.path, post.body).want(t, 201).header.Get("Location")
		if got := decodeAs[map[string]any](t, f.do(t, "employee", "GET", loc, nil).want(t, 200)); !strings.HasSuffix(loc, "/"+itoa(num(got, "id"))) {
			t.Errorf("GET %s: %v", loc, got)
		}
	}

	got := decodeAs[map[string]any](t, f.do(t, "employee", "GET", path("/tokens/%d", tok.ID), nil).want(t, 200))
	if num(got, "id") != tok.ID || got["name"] != "läsbar" || got["revoked_at"] != nil {
		t.Errorf("token %v", got)
	}
	f.do(t, "employee", "DELETE", path("/tokens/%d", tok.ID), nil).want(t, 204)
	if got := decodeAs[map[string]any](t, f.do(t, "employee", "GET", path("/tokens/%d", tok.ID), nil).want(t, 200)); got["revoked_at"] == nil {
		t.Errorf("revoked token %v", got)
	}
}
