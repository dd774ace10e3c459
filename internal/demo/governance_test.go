package demo_test

import (
	"context"
	"strings"
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/governance"
)

// TestDemoGovernance: the default forums with a year of meetings, the
// contact directory with overdue entries, escalations in flight, and the
// user group behind its cadence while the others keep theirs.
func TestDemoGovernance(t *testing.T) {
	ctx := context.Background()
	a := loaded(t)
	sys := app.SystemActor("test")
	forums, err := a.AllForums(ctx, sys)
	if err != nil || len(forums) != 3+3*7 {
		t.Fatalf("%d forums, %v", len(forums), err)
	}
	held, err := a.ListMeetings(ctx, sys, app.MeetingQuery{Status: governance.Held, PageRequest: app.PageRequest{Limit: 200}})
	if err != nil || len(held.Items) < 100 {
		t.Fatalf("%d meetings held, %v", len(held.Items), err)
	}
	comp, err := a.Compliance(ctx, sys, 0)
	if err != nil {
		t.Fatal(err)
	}
	var behind []string
	for _, c := range comp {
		if c.Behind {
			behind = append(behind, c.Forum.Name)
		}
	}
	t.Logf("behind: %v", behind)
	if len(behind) == 0 || !strings.HasPrefix(behind[0], "Användargrupp") {
		t.Errorf("forums behind: %v; want the user group first", behind)
	}
	if len(behind) > 3 {
		t.Errorf("too many forums behind: %v", behind)
	}
	steps, err := a.ListEscalations(ctx, sys, app.EscalationQuery{Status: governance.EscalationOpen})
	if err != nil || len(steps.Items) < 3 {
		t.Fatalf("%d open escalations, %v", len(steps.Items), err)
	}
	stale, err := a.ListContacts(ctx, sys, app.ContactQuery{StaleOnly: true})
	if err != nil || len(stale) == 0 {
		t.Fatalf("%d contacts to verify, %v", len(stale), err)
	}
	decisions, err := a.ListDecisions(ctx, sys, app.DecisionQuery{Search: "beslut"})
	if err != nil || len(decisions.Items) == 0 {
		t.Fatalf("decision register: %d, %v", len(decisions.Items), err)
	}
	res, err := a.SurveyResults(ctx, sys, forums[0].ID)
	if err != nil || res.Answered == 0 || res.Average < 3 || res.Average > 5 {
		t.Fatalf("survey results %+v, %v", res, err)
	}
}
