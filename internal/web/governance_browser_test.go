package web_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"samverkan/internal/app"
	"samverkan/internal/browsertest"
	"samverkan/internal/cases"
	"samverkan/internal/governance"
	"samverkan/internal/org"
	"samverkan/internal/sla"
)

// TestGovernanceAccessibility opens the pages of the "done when" flow in
// Chromium as the centre and as the member contact, and checks each with
// axe-core: the meeting with its proposals and forms, the escalation
// ladder, compliance, the decision register, the action items, the
// contact directory and a survey.
func TestGovernanceAccessibility(t *testing.T) {
	b := browsertest.New(t)
	g := newGovWeb(t)
	ctx, sys := g.ctx, app.SystemActor("test")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	forum, err := g.app.CreateForum(ctx, sys, governance.Forum{Name: "Kvartalsmöte – Helsingborgs stad", Level: org.Tactical, MemberID: g.m1.ID,
		Cadence: governance.Cadence{Kind: governance.Quarterly}, ConvenorID: g.people["admin"].ID, AgendaDays: 5, MinutesDays: 5, SurveyPercent: 100,
		Participants: []governance.Participant{{Side: governance.CentreSide, Role: org.Admin}, {Side: governance.MemberSide, Role: org.Contact, Level: org.Tactical}}})
	must(err)
	start := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	m, err := g.app.ScheduleMeeting(ctx, sys, governance.Meeting{ForumID: forum.ID, StartsAt: start, EndsAt: start.Add(2 * time.Hour), Location: "Stadshuset"})
	must(err)
	_, err = g.app.SaveSLAPolicy(ctx, sys, sla.Policy{Name: "Lön", Position: 1, Resolution: sla.Target{Amount: 1, Unit: sla.BusinessDays}, WarnPercent: 80})
	must(err)
	team, err := g.app.CreateTeam(ctx, sys, org.Team{Name: "Löneteam 1"})
	must(err)
	c, err := g.app.OpenCase(ctx, sys, app.NewCase{RequesterID: g.people["employee"].ID, Channel: cases.Phone, Type: cases.Question,
		Subject: "Fel OB-tillägg", Body: "OB saknas", TeamID: team.ID, ReceivedAt: testNow.AddDate(0, 0, -7)})
	must(err)
	_, err = g.app.RecomputeAllSLA(ctx, nil)
	must(err)
	step, err := g.app.Escalate(ctx, sys, app.EscalationInput{Source: governance.FromSLABreach, SourceID: c.ID, Reason: "Tredje missen i månaden"})
	must(err)
	_, err = g.app.AddAgendaItem(ctx, sys, governance.AgendaItem{MeetingID: m.ID, Title: "Servicenivåer"})
	must(err)
	_, err = g.app.PublishAgenda(ctx, sys, m.ID)
	must(err)
	contact, err := g.app.SaveContact(ctx, sys, governance.Contact{MemberID: g.m1.ID, Level: org.Tactical, PersonID: g.people["contact"].ID, Title: "Lönechef"})
	must(err)

	srv := httptest.NewServer(g.h)
	t.Cleanup(srv.Close)
	tab := b.Tab(t)
	visit := func(who string, paths ...string) {
		t.Helper()
		ck := g.as(t, who)[0]
		browsertest.Run(t, tab, "sign in as "+who, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, network.SetCookie, network.SetCookieParams{Name: ck.Name, Value: ck.Value, URL: srv.URL})
			return err
		}))
		for _, p := range paths {
			browsertest.Run(t, tab, "open "+p, chromedp.Navigate(srv.URL+p))
			tctx, cancel := context.WithTimeout(tab, 10*time.Second)
			at, err := chromedp.Run(tctx, chromedp.Evaluate[string](`location.pathname + " " + document.querySelectorAll("main h1").length`))
			cancel()
			if want := strings.SplitN(p, "?", 2)[0] + " 1"; err != nil || at != want {
				t.Fatalf("%s: the browser is at %q, want %q (%v)", p, at, want, err)
			}
			browsertest.CheckAxe(t, tab, who+" "+p)
		}
	}
	visit("admin", "/meetings", fmt.Sprintf("/meetings/%d", m.ID), fmt.Sprintf("/forums/%d", forum.ID), "/forums", "/forums/new",
		fmt.Sprintf("/forums/%d/edit", forum.ID), "/compliance", "/escalations", fmt.Sprintf("/escalations/%d", step.ID), "/decisions",
		"/action-items", "/contacts", fmt.Sprintf("/contacts/%d/edit", contact.ID))

	// After the meeting: minutes, a decision, an action item, a survey.
	g.set(start.Add(3 * time.Hour))
	_, err = g.app.RecordAttendance(ctx, sys, m.ID, []app.AttendanceInput{{PersonID: g.people["contact"].ID, Status: governance.Present}})
	must(err)
	_, err = g.app.RecordDecision(ctx, sys, governance.Decision{MeetingID: m.ID, EscalationID: step.ID, Title: "Åtgärdsplan"})
	must(err)
	action, err := g.app.AddActionItem(ctx, sys, governance.ActionItem{MeetingID: m.ID, Title: "Se över rutinen", OwnerID: g.people["contact"].ID,
		DueOn: time.Date(2026, 12, 18, 0, 0, 0, 0, time.UTC)})
	must(err)
	_, err = g.app.SaveMinutes(ctx, sys, m.ID, "Beslut om åtgärdsplan.")
	must(err)
	_, err = g.app.PublishMinutes(ctx, sys, m.ID)
	must(err)
	_, secret, err := g.app.CreateAPIToken(ctx, sys, g.people["contact"].ID, "test")
	must(err)
	tilda, err := g.app.TokenActor(ctx, secret)
	must(err)
	surveys, err := g.app.MySurveys(ctx, tilda)
	if err != nil || len(surveys) != 1 {
		t.Fatalf("surveys %+v, %v", surveys, err)
	}
	visit("admin", fmt.Sprintf("/meetings/%d", m.ID))
	visit("contact", "/meetings", fmt.Sprintf("/meetings/%d", m.ID), "/action-items", fmt.Sprintf("/action-items/%d", action.ID),
		fmt.Sprintf("/escalations/%d", step.ID), "/contacts", "/decisions", fmt.Sprintf("/surveys/%d", surveys[0].ID))
}
