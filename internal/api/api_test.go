package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"samverkan/internal/api"
	"samverkan/internal/app"
	"samverkan/internal/org"
	"samverkan/internal/store/dbtest"
)

// testNow is 10:00 in Stockholm.
var testNow = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// roles are the callers every route is tried with: centre staff, the
// member-side roles, no token at all and a revoked token.
var roles = []string{"admin", "lead", "agent", "contact", "manager", "assistant", "orderer", "employee", "none", "revoked"}

// fixture is a small organisation behind the API: members m1 (with units
// u1 and its child u1b) and m2 (unit u2); centre staff admin, lead and agent
// (lead and agent in team) and staff (in no team); one person of m1 per
// member-side role; other and other2 at m2. Every caller of roles has a
// token. Every response the fixture sees is checked against the OpenAPI
// document.
type fixture struct {
	app      *app.App
	h        http.Handler
	ctx      context.Context
	sys      app.Actor
	m1, m2   org.Member
	u1       org.Unit
	u1b      org.Unit
	u2       org.Unit
	team     org.Team
	people   map[string]org.Person
	tokens   map[string]string
	sub2     org.Substitute // other2 acts for other (m2)
	spec     *spec
	seq      int
	policyID int64
	subID    int64
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), sys: app.SystemActor("test"), people: map[string]org.Person{}, tokens: map[string]string{}}
	f.app = app.New(dbtest.Open(t), app.WithClock(func() time.Time { return testNow }))
	f.h = api.New(f.app, slog.New(slog.NewTextHandler(io.Discard, nil)))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	f.m1, err = f.app.CreateMember(f.ctx, f.sys, org.Member{Name: "Höganäs kommun", Country: "SE", OrgNumber: "212000-1082", Kind: org.Municipality, Status: org.Active})
	must(err)
	f.m2, err = f.app.CreateMember(f.ctx, f.sys, org.Member{Name: "Båstads kommun", Country: "SE", OrgNumber: "212000-0969", Kind: org.Municipality, Status: org.Active})
	must(err)
	f.u1, err = f.app.CreateUnit(f.ctx, f.sys, org.Unit{MemberID: f.m1.ID, Name: "Skolförvaltningen", CostCentre: "4100"})
	must(err)
	f.u1b, err = f.app.CreateUnit(f.ctx, f.sys, org.Unit{MemberID: f.m1.ID, ParentID: f.u1.ID, Name: "Tornlyckeskolan"})
	must(err)
	f.u2, err = f.app.CreateUnit(f.ctx, f.sys, org.Unit{MemberID: f.m2.ID, Name: "Socialförvaltningen", CostCentre: "5100"})
	must(err)
	add := func(key, name string, member, unit int64, g org.Grant) {
		t.Helper()
		p, err := f.app.CreatePerson(f.ctx, f.sys, org.Person{Name: name, Email: key + "@test.example", MemberID: member, UnitID: unit, Grants: []org.Grant{g}})
		must(err)
		f.people[key] = p
	}
	add("admin", "Anna Admin", 0, 0, org.Grant{Role: org.Admin})
	add("lead", "Lars Lead", 0, 0, org.Grant{Role: org.TeamLead})
	add("agent", "Alf Agent", 0, 0, org.Grant{Role: org.Agent})
	add("staff", "Stina Staff", 0, 0, org.Grant{Role: org.Agent})
	add("contact", "Kim Kontakt", f.m1.ID, f.u1.ID, org.Grant{Role: org.Contact, Level: org.Strategic})
	add("manager", "Maja Chef", f.m1.ID, f.u1.ID, org.Grant{Role: org.Manager, UnitID: f.u1.ID})
	add("assistant", "Ali Chefsstöd", f.m1.ID, f.u1.ID, org.Grant{Role: org.Assistant})
	add("orderer", "Olle Beställare", f.m1.ID, 0, org.Grant{Role: org.Orderer})
	add("employee", "Eva Anställd", f.m1.ID, f.u1b.ID, org.Grant{Role: org.Employee})
	add("other", "Otto Båstad", f.m2.ID, f.u2.ID, org.Grant{Role: org.Employee})
	add("other2", "Olga Båstad", f.m2.ID, f.u2.ID, org.Grant{Role: org.Employee})

	f.team, err = f.app.CreateTeam(f.ctx, f.sys, org.Team{Name: "Lön Nord", Description: "Lön för nordvästra Skåne"})
	must(err)
	must(f.app.SetTeamMember(f.ctx, f.sys, f.team.ID, f.people["lead"].ID, true))
	must(f.app.SetTeamMember(f.ctx, f.sys, f.team.ID, f.people["agent"].ID, true))
	must(f.app.SetTeamUnits(f.ctx, f.sys, f.team.ID, []int64{f.u1.ID}))
	f.sub2, err = f.app.AppointSubstitute(f.ctx, f.sys, org.Substitute{PersonID: f.people["other2"].ID, ForPersonID: f.people["other"].ID,
		StartsOn: testNow, EndsOn: testNow.AddDate(0, 0, 14)})
	must(err)
	_, err = f.app.AppointSubstitute(f.ctx, f.sys, org.Substitute{PersonID: f.people["agent"].ID, ForPersonID: f.people["lead"].ID,
		StartsOn: testNow, EndsOn: testNow.AddDate(0, 0, 7), Scope: org.TeamLead})
	must(err)

	for _, key := range append(roles[:8:8], "other") {
		f.tokens[key] = f.token(t, key)
	}
	revoked, secret, err := f.app.CreateAPIToken(f.ctx, f.sys, f.people["admin"].ID, "old")
	must(err)
	must(f.app.RevokeAPIToken(f.ctx, f.sys, revoked.ID))
	f.tokens["revoked"] = secret

	f.spec = loadSpec(t, f.h)
	return f
}

// token issues a new API token for the person under key.
func (f *fixture) token(t testing.TB, key string) string {
	t.Helper()
	_, secret, err := f.app.CreateAPIToken(f.ctx, f.sys, f.people[key].ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// next returns a number not used before in this fixture.
func (f *fixture) next() int {
	f.seq++
	return f.seq
}

// orgNumber makes a valid Swedish organisation number not used before.
func (f *fixture) orgNumber() string {
	nine := fmt.Sprintf("55600%04d", f.next())
	return nine[:6] + "-" + nine[6:] + string(org.LuhnCheckDigit(nine))
}

// response is what the API answered.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request as who (a key of tokens, or "none") and checks the
// answer against the OpenAPI document. body is sent as JSON unless it is
// nil; a string is sent as it is.
func (f *fixture) do(t testing.TB, who, method, path string, body any) response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, ok := body.(string)
		if !ok {
			raw, err := json.Marshal(body)
			if err != nil {
				t.Fatal(err)
			}
			b = string(raw)
		}
		rd = strings.NewReader(b)
	}
	r := httptest.NewRequest(method, path, rd)
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	return f.send(t, who, r)
}

// send sends a prepared request as who and checks the answer.
func (f *fixture) send(t testing.TB, who string, r *http.Request) response {
	t.Helper()
	if tok := f.tokens[who]; tok != "" {
		r.Header.Set("Authorization", "Bearer "+tok)
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	res := response{status: w.Code, header: w.Header(), body: w.Body.Bytes()}
	if f.spec != nil {
		f.spec.check(t, r.Method, r.URL.Path, res)
	}
	return res
}

// want fails unless the status is code.
func (res response) want(t testing.TB, code int) response {
	t.Helper()
	if res.status != code {
		t.Fatalf("status %d, want %d: %s", res.status, code, res.body)
	}
	return res
}

// decodeAs decodes a response body.
func decodeAs[T any](t testing.TB, res response) T {
	t.Helper()
	var v T
	if err := json.NewDecoder(bytes.NewReader(res.body)).Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", res.body, err)
	}
	return v
}

// Shapes of answers the tests read.
type (
	page struct {
		Items      []map[string]any `json:"items"`
		NextCursor *string          `json:"next_cursor"`
	}
	problem struct {
		Type   string `json:"type"`
		Title  string `json:"title"`
		Status int    `json:"status"`
		Detail string `json:"detail"`
		Errors []struct {
			Field  string `json:"field"`
			Code   string `json:"code"`
			Detail string `json:"detail"`
		} `json:"errors"`
	}
)

// num reads a JSON number field as int64.
func num(m map[string]any, key string) int64 {
	v, _ := m[key].(float64)
	return int64(v)
}

func path(format string, args ...any) string { return fmt.Sprintf("/api/v1"+format, args...) }
