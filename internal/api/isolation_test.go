package api_test

import (
	"bytes"
	"testing"
)

// memberSide are the member-side callers, all at member m1.
var memberSide = []string{"contact", "manager", "assistant", "orderer", "employee"}

// TestTenantIsolation: a member-side token sees only its own member's data;
// another member's objects are not found; writes to them are refused and
// change nothing.
func TestTenantIsolation(t *testing.T) {
	f := newFixture(t)
	m1, m2 := f.m1.ID, f.m2.ID
	other := f.people["other"]
	otherToken, otherSecret, err := f.app.CreateAPIToken(f.ctx, f.sys, other.ID, "other's")
	if err != nil {
		t.Fatal(err)
	}
	m1People := map[int64]bool{}
	for _, k := range memberSide {
		m1People[f.people[k].ID] = true
	}
	// What another member's data looks like before, to the admin.
	snapshot := func() [][]byte {
		var out [][]byte
		for _, p := range []string{path("/members/%d", m2), path("/units/%d", f.u2.ID), path("/people/%d", other.ID),
			path("/substitutes?person_id=%d", other.ID), path("/audit?limit=200")} {
			out = append(out, f.do(t, "admin", "GET", p, nil).want(t, 200).body)
		}
		return out
	}
	before := snapshot()

	for _, who := range memberSide {
		t.Run(who, func(t *testing.T) {
			get := func(p string) page { return decodeAs[page](t, f.do(t, who, "GET", p, nil).want(t, 200)) }
			only := func(p, key string, ok func(int64) bool) {
				t.Helper()
				for _, it := range get(p).Items {
					if !ok(num(it, key)) {
						t.Errorf("GET %s as %s shows %v", p, who, it)
					}
				}
			}
			isM1 := func(id int64) bool { return id == m1 }
			if l := get(path("/members")); len(l.Items) != 1 || num(l.Items[0], "id") != m1 {
				t.Errorf("members as %s: %v", who, l.Items)
			}
			only(path("/units"), "member_id", isM1)
			only(path("/people"), "member_id", isM1)
			only(path("/substitutes"), "for_person_id", func(id int64) bool { return m1People[id] })
			only(path("/substitutes?person_id=%d", other.ID), "for_person_id", func(id int64) bool { return m1People[id] })
			only(path("/tokens"), "id", func(id int64) bool { return id != otherToken.ID })
			for _, p := range []string{path("/units?member_id=%d", m2), path("/people?member_id=%d", m2),
				path("/people?centre=true"), path("/people?team_id=%d", f.team.ID)} {
				if l := get(p); len(l.Items) != 0 {
					t.Errorf("GET %s as %s: %v", p, who, l.Items)
				}
			}
			if me := decodeAs[map[string]any](t, f.do(t, who, "GET", path("/me"), nil).want(t, 200)); num(me, "id") != f.people[who].ID || num(me, "member_id") != m1 {
				t.Errorf("me as %s: %v", who, me)
			}

			for _, p := range []string{path("/members/%d", m2), path("/units/%d", f.u2.ID), path("/people/%d", other.ID),
				path("/people/%d", f.people["admin"].ID), path("/substitutes/%d", f.sub2.ID), path("/tokens/%d", otherToken.ID)} {
				f.do(t, who, "GET", p, nil).want(t, 404)
			}
			for _, p := range []string{path("/teams"), path("/teams/%d", f.team.ID), path("/audit")} {
				f.do(t, who, "GET", p, nil).want(t, 403)
			}

			writes := []struct {
				method, path string
				body         any
				want         int
			}{
				{"PATCH", path("/members/%d", m2), map[string]any{"name": "Övertagen"}, 404},
				{"PATCH", path("/units/%d", f.u2.ID), map[string]any{"name": "Övertagen"}, 404},
				{"PATCH", path("/people/%d", other.ID), map[string]any{"name": "Övertagen"}, 404},
				{"POST", path("/units"), map[string]any{"member_id": m2, "name": "Ny"}, 403},
				{"POST", path("/people"), map[string]any{"member_id": m2, "name": "Ny", "email": "ny@bastad.example"}, 403},
				{"POST", path("/substitutes"), map[string]any{"person_id": f.people["other2"].ID, "for_person_id": other.ID,
					"starts_on": "2026-12-01", "ends_on": "2026-12-02"}, 403},
				{"DELETE", path("/substitutes/%d", f.sub2.ID), nil, 404},
				{"DELETE", path("/tokens/%d", otherToken.ID), nil, 404},
				{"PUT", path("/teams/%d/units", f.team.ID), map[string]any{"unit_ids": []int64{f.u2.ID}}, 403},
			}
			for _, w := range writes {
				if res := f.do(t, who, w.method, w.path, w.body); res.status != w.want {
					t.Errorf("%s %s as %s: %d, want %d: %s", w.method, w.path, who, res.status, w.want, res.body)
				}
			}
		})
	}

	for i, after := range snapshot() {
		if !bytes.Equal(before[i], after) {
			t.Errorf("another member's data changed:\nbefore %s\nafter  %s", before[i], after)
		}
	}
	f.tokens["other's"] = otherSecret // the token they tried to revoke still works
	f.do(t, "other's", "GET", path("/me"), nil).want(t, 200)
}
