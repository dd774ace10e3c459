package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/org"
	"samverkan/internal/store"
	"samverkan/internal/store/dbtest"
	"samverkan/internal/web"
)

// flaggedFixture is the web fixture plus stored incoming messages the
// intake flagged for a person.
func flaggedFixture(t *testing.T, raws ...string) (*fixture, []int64) {
	t.Helper()
	db := dbtest.Open(t)
	f := &fixture{ctx: context.Background(), people: map[string]org.Person{}, cookies: map[string]*http.Cookie{}}
	f.app = app.New(db, app.WithClock(func() time.Time { return testNow }))
	sys := app.SystemActor("test")
	var err error
	if f.m1, err = f.app.CreateMember(f.ctx, sys, org.Member{Name: "Höganäs kommun", Country: "SE", OrgNumber: "212000-1082",
		Kind: org.Municipality, Status: org.Active}); err != nil {
		t.Fatal(err)
	}
	for key, p := range map[string]org.Person{
		"agent":    {Name: "Alf Agent", Email: "agent@centre.example", Grants: []org.Grant{{Role: org.Agent}}},
		"employee": {Name: "Erik Anställd", Email: "erik@hoganas.example", MemberID: f.m1.ID, Grants: []org.Grant{{Role: org.Employee}}},
	} {
		if p, err = f.app.CreatePerson(f.ctx, sys, p); err != nil {
			t.Fatal(err)
		}
		if err := f.app.SetPassword(f.ctx, sys, p.ID, password); err != nil {
			t.Fatal(err)
		}
		f.people[key] = p
	}
	if f.h, err = web.New(f.app, web.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))}); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	err = db.InTx(f.ctx, func(q *store.Queries) error {
		for i, raw := range raws {
			id, _, err := q.InsertInboundMail(f.ctx, store.InboundMail{Mailbox: "INBOX", UID: int64(i + 1), UIDValidity: 1,
				MessageID: fmt.Sprintf("m%d@example.org", i), Raw: []byte(raw), ReceivedAt: testNow.Add(-time.Hour)})
			if err != nil {
				return err
			}
			if _, err := q.SettleInboundMail(f.ctx, id, store.InboundOutcome{State: store.InboundFlagged,
				Reason: "the sender is not a known person", From: "okand@example.org", Subject: fmt.Sprintf("message %d", i)}, testNow); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f, ids
}

// TestFlaggedMail: staff read a flagged message as plain text and file it
// as a new case, on an existing case, or set it aside; all audited.
func TestFlaggedMail(t *testing.T) {
	f, ids := flaggedFixture(t,
		"From: Okänd <okand@example.org>\r\nTo: lon@centre.example\r\nSubject: Lön <script>alert(1)</script>\r\nMessage-ID: <m0@example.org>\r\n\r\nMin lön är fel för oktober.\r\n",
		"Subject: trasig\r\nContent-Type: multipart/mixed\r\n\r\nbara text utan avsändare\r\n",
		"From: nyhetsbrev@example.org\r\nSubject: Nyhetsbrev\r\n\r\nErbjudande!\r\n")
	agent, en := f.as(t, "agent"), []string{"Accept-Language", "en"}
	res := f.do(t, "GET", "/mail", nil, agent, en...)
	wantStatus(t, res, http.StatusOK)
	for _, id := range ids {
		wantContains(t, res, fmt.Sprintf(`href="/mail/%d"`, id))
	}
	wantStatus(t, f.do(t, "GET", "/mail", nil, f.as(t, "employee")), http.StatusForbidden)

	res = f.do(t, "GET", fmt.Sprintf("/mail/%d", ids[0]), nil, agent, en...)
	wantStatus(t, res, http.StatusOK)
	wantContains(t, res, "Lön &lt;script&gt;alert(1)&lt;/script&gt;", "Min lön är fel för oktober.", "lon@centre.example", "Waiting for a person")
	if strings.Contains(res.Body, "<script>alert") {
		t.Fatal("the message's subject is rendered as markup")
	}
	raw := f.do(t, "GET", fmt.Sprintf("/mail/%d/raw", ids[0]), nil, agent)
	wantStatus(t, raw, http.StatusOK)
	if h := raw.Header; h.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") {
		t.Errorf("raw download headers %v", h)
	}

	// Opening a case needs a person; nothing is filed without one.
	file := fmt.Sprintf("/mail/%d/file", ids[0])
	res = f.do(t, "POST", file, url.Values{"target": {"person"}}, agent, en...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, `id="f-requester-id-error"`)
	res = f.do(t, "POST", file, url.Values{"target": {"person"}, "requester_id": {fmt.Sprint(f.people["employee"].ID)}, "type": {"question"}}, agent)
	caseID := createdID(t, res, "/cases/")
	c, err := f.app.Case(f.ctx, app.SystemActor("test"), caseID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Subject != "Lön <script>alert(1)</script>" || c.Channel != "email" || c.RequesterID != f.people["employee"].ID {
		t.Errorf("filed case %+v", c.Case)
	}
	wantContains(t, f.do(t, "GET", fmt.Sprintf("/cases/%d", caseID), nil, agent), "Min lön är fel för oktober.")
	wantStatus(t, f.do(t, "POST", file, url.Values{"target": {"person"}, "requester_id": {fmt.Sprint(f.people["employee"].ID)}}, agent),
		http.StatusConflict)

	// The malformed one goes on that case by its registration number.
	res = f.do(t, "POST", fmt.Sprintf("/mail/%d/file", ids[1]), url.Values{"target": {"case"}, "case_ref": {"2026-999999"}}, agent, en...)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, `id="f-case-ref-error"`)
	res = f.do(t, "POST", fmt.Sprintf("/mail/%d/file", ids[1]), url.Values{"target": {"case"}, "case_ref": {c.Reference}}, agent)
	if id := createdID(t, res, "/cases/"); id != caseID {
		t.Errorf("filed on case %d, want %d", id, caseID)
	}
	wantContains(t, f.do(t, "GET", fmt.Sprintf("/cases/%d", caseID), nil, agent), "bara text utan avsändare")

	// The newsletter is set aside with a reason.
	ignore := fmt.Sprintf("/mail/%d/ignore", ids[2])
	wantStatus(t, f.do(t, "POST", ignore, url.Values{"reason": {" "}}, agent), http.StatusUnprocessableEntity)
	wantStatus(t, f.do(t, "POST", ignore, url.Values{"reason": {"Nyhetsbrev"}}, agent), http.StatusSeeOther)
	wantContains(t, f.do(t, "GET", "/mail", nil, agent, en...), "No e-mail waits for a person.")
	wantContains(t, f.do(t, "GET", fmt.Sprintf("/mail/%d", ids[2]), nil, agent, en...), "Set aside", "Nyhetsbrev")

	log, err := f.app.AuditLog(f.ctx, app.SystemActor("test"), app.AuditQuery{AuditFilter: store.AuditFilter{Entity: "inbound_mail"}})
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, e := range log.Items {
		actions[e.Action]++
	}
	if actions["file"] != 2 || actions["ignore"] != 1 {
		t.Errorf("audit of inbound mail: %v", actions)
	}
}
