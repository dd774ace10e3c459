package api_test

import (
	"bytes"
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/cases"
)

// TestCaseIsolation: a case the caller may not see is not found through
// every case endpoint, whatever the caller tries, and nothing changes; no
// list or search shows it. Callers: every member-side role of m1 against
// a case of m2 and the reverse, the orderer against a colleague's case
// (the orderer sees only their own), and centre staff outside the team of
// a confidential case.
func TestCaseIsolation(t *testing.T) {
	f := newFixture(t)
	s := f.caseSetup(t)
	m2Case := f.openCase(t, "other")
	m1Case := f.openCase(t, "employee")
	secret, err := f.app.OpenCase(f.ctx, f.sys, app.NewCase{RequesterID: f.people["employee"].ID, Channel: cases.Email, Type: cases.Question,
		Subject: "Rehabiliteringsärende", Body: "Känsliga uppgifter om sjukfrånvaro.", Confidential: true, TeamID: s.firstLine.ID})
	if err != nil {
		t.Fatal(err)
	}
	f.tokens["outsider"] = f.token(t, "staff") // an agent in no team
	hidden := map[string]cases.Case{"other": m1Case, "orderer": m1Case, "outsider": secret}
	for _, who := range memberSide {
		hidden[who] = m2Case
	}
	atts := map[int64]int64{}
	for _, c := range []cases.Case{m2Case, m1Case, secret} {
		atts[c.ID] = f.attach(t, c.ID, "underlag.bin", binary).ID
	}
	snapshot := func(c cases.Case) []byte {
		a := f.do(t, "admin", "GET", path("/cases/%d", c.ID), nil).want(t, 200).body
		b := f.do(t, "admin", "GET", path("/cases/%d/events", c.ID), nil).want(t, 200).body
		return append(a, b...)
	}
	before := map[int64][]byte{}
	for _, c := range hidden {
		before[c.ID] = snapshot(c)
	}

	for who, c := range hidden {
		t.Run(who, func(t *testing.T) {
			own := f.openCase(t, who)
			if who == "outsider" {
				own = f.openCase(t, "employee")
			}
			for _, req := range []struct {
				method, path string
				body         any
			}{
				{"GET", path("/cases/%d", c.ID), nil},
				{"GET", path("/cases/%d/events", c.ID), nil},
				{"PATCH", path("/cases/%d", c.ID), map[string]any{"priority": "urgent"}},
				{"POST", path("/cases/%d/messages", c.ID), map[string]any{"body": "Hej"}},
				{"POST", path("/cases/%d/attachments", c.ID), uploadOf("x.bin", binary)},
				{"GET", path("/attachments/%d", atts[c.ID]), nil},
				{"POST", path("/cases/%d/handover", c.ID), map[string]any{"team_id": f.team.ID, "reason": "Fel linje"}},
				{"PUT", path("/cases/%d/links/%d", c.ID, own.ID), nil},
				{"DELETE", path("/cases/%d/links/%d", c.ID, own.ID), nil},
				{"POST", path("/cases/%d/merge", c.ID), map[string]any{"into_id": own.ID}},
			} {
				var res response
				if up, ok := req.body.(upload); ok {
					res = f.send(t, who, up.request(req.method, req.path))
				} else {
					res = f.do(t, who, req.method, req.path, req.body)
				}
				if res.status != 404 {
					t.Errorf("%s %s: %d, want 404: %s", req.method, req.path, res.status, res.body)
				}
			}
			for _, q := range []string{"?queue=all", "?member_id=" + itoa(c.MemberID), "?q=" + c.Reference, "?q=semesterersättningen",
				"?q=sjukfrånvaro", "?requester_id=" + itoa(c.RequesterID)} {
				for _, it := range decodeAs[page](t, f.do(t, who, "GET", path("/cases"+q), nil).want(t, 200)).Items {
					if num(it, "id") == c.ID {
						t.Errorf("GET /cases%s shows the hidden case", q)
					}
				}
			}
		})
	}
	for _, c := range hidden {
		if after := snapshot(c); !bytes.Equal(before[c.ID], after) {
			t.Errorf("case %d changed:\nbefore %s\nafter  %s", c.ID, before[c.ID], after)
		}
	}
}
