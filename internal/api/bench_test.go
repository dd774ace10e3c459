package api_test

import (
	"fmt"
	"net/http/httptest"
	"testing"

	"samverkan/internal/org"
)

// BenchmarkListMembers measures GET /api/v1/members with a bearer token
// over 8 members: authentication, the query and the rendering.
func BenchmarkListMembers(b *testing.B) {
	f := newFixture(b)
	for i := range 6 {
		if _, err := f.app.CreateMember(f.ctx, f.sys, org.Member{Name: fmt.Sprintf("Bolag %d", i), Country: "SE",
			OrgNumber: f.orgNumber(), Kind: org.MunicipalCompany}); err != nil {
			b.Fatal(err)
		}
	}
	auth := "Bearer " + f.tokens["agent"]
	for b.Loop() {
		r := httptest.NewRequest("GET", "/api/v1/members", nil)
		r.Header.Set("Authorization", auth)
		w := httptest.NewRecorder()
		f.h.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
}
