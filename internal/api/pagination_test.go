package api_test

import (
	"fmt"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"samverkan/internal/org"
)

// walk follows next_cursor from the first page of p to the last and
// returns the ids seen.
func (f *fixture) walk(t *testing.T, who, p string, limit int) []int64 {
	t.Helper()
	var seen []int64
	cursor, sep := "", "?"
	if strings.Contains(p, "?") {
		sep = "&"
	}
	for range 1000 {
		q := url.Values{"limit": {fmt.Sprint(limit)}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		l := decodeAs[page](t, f.do(t, who, "GET", path(p+sep+q.Encode()), nil).want(t, 200))
		if len(l.Items) > limit {
			t.Fatalf("%s: %d items on a page of %d", p, len(l.Items), limit)
		}
		for _, it := range l.Items {
			seen = append(seen, num(it, "id"))
		}
		if l.NextCursor == nil {
			return seen
		}
		cursor = *l.NextCursor
	}
	t.Fatalf("%s: the cursor never ends", p)
	return nil
}

func TestPaginationWalk(t *testing.T) {
	f := newFixture(t)
	for i := range 6 {
		if _, err := f.app.CreateMember(f.ctx, f.sys, org.Member{Name: fmt.Sprintf("Bolag %d", i), Country: "SE",
			OrgNumber: f.orgNumber(), Kind: org.MunicipalCompany, ParentID: f.m1.ID}); err != nil {
			t.Fatal(err)
		}
	}
	all := decodeAs[page](t, f.do(t, "admin", "GET", path("/members?limit=200"), nil).want(t, 200))
	if len(all.Items) != 8 || all.NextCursor != nil {
		t.Fatalf("%d members, next %v; want 8 on one page", len(all.Items), all.NextCursor)
	}
	var want []int64
	for _, it := range all.Items {
		want = append(want, num(it, "id"))
	}
	if got := f.walk(t, "admin", "/members", 1); !slices.Equal(got, want) {
		t.Fatalf("limit=1 walk %v, want %v", got, want)
	}
	if got := f.walk(t, "admin", "/members", 3); !slices.Equal(got, want) {
		t.Fatalf("limit=3 walk %v, want %v", got, want)
	}
	// Filters hold across pages; member-side walks stay in their member.
	if got := f.walk(t, "admin", "/members?kind=municipal_company", 1); len(got) != 6 {
		t.Fatalf("filtered walk %v", got)
	}
	if got := f.walk(t, "contact", "/members", 1); !slices.Equal(got, []int64{f.m1.ID}) {
		t.Fatalf("member-side walk %v", got)
	}
	people := f.walk(t, "admin", "/people", 2)
	if len(people) != len(f.people) || !slices.IsSorted(people) {
		t.Fatalf("people walk %v", people)
	}
	if audit := f.walk(t, "admin", "/audit", 5); !slices.IsSortedFunc(audit, func(a, b int64) int { return int(b - a) }) {
		t.Fatalf("audit walk not newest first: %v", audit)
	}
}

func TestTokenLifecycle(t *testing.T) {
	f := newFixture(t)
	created := decodeAs[map[string]any](t, f.do(t, "employee", "POST", path("/tokens"), map[string]any{"name": "  lönespec-export "}).want(t, 201))
	secret, _ := created["token"].(string)
	id := num(created, "id")
	if secret == "" || created["name"] != "lönespec-export" {
		t.Fatalf("created %v", created)
	}
	f.tokens["new"] = secret
	me := decodeAs[map[string]any](t, f.do(t, "new", "GET", path("/me"), nil).want(t, 200))
	if num(me, "id") != f.people["employee"].ID {
		t.Fatalf("the new token is %v", me)
	}
	list := decodeAs[page](t, f.do(t, "employee", "GET", path("/tokens"), nil).want(t, 200))
	if len(list.Items) != 2 || num(list.Items[0], "id") != id || list.Items[0]["revoked_at"] != nil || list.Items[0]["token"] != nil {
		t.Fatalf("tokens %v", list.Items)
	}
	if got := f.walk(t, "employee", "/tokens", 1); len(got) != 2 || got[0] != id {
		t.Fatalf("token walk %v", got)
	}
	// Someone else cannot revoke it; its owner can, once.
	f.do(t, "contact", "DELETE", path("/tokens/%d", id), nil).want(t, 404)
	f.do(t, "new", "GET", path("/me"), nil).want(t, 200)
	f.do(t, "employee", "DELETE", path("/tokens/%d", id), nil).want(t, 204)
	res := f.do(t, "new", "GET", path("/me"), nil).want(t, 401)
	if res.header.Get("WWW-Authenticate") == "" {
		t.Fatal("401 without WWW-Authenticate")
	}
	list = decodeAs[page](t, f.do(t, "employee", "GET", path("/tokens"), nil).want(t, 200))
	if list.Items[0]["revoked_at"] == nil {
		t.Fatalf("revoked token listed as %v", list.Items[0])
	}
	// A malformed header is as good as none.
	for _, h := range []string{"Bearer", "Basic " + secret, "Bearer  ", secret} {
		r := httptest.NewRequest("GET", path("/me"), nil)
		r.Header.Set("Authorization", h)
		if res := f.send(t, "none", r); res.status != 401 {
			t.Errorf("Authorization %q: %d", h, res.status)
		}
	}
}
