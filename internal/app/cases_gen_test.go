package app_test

import (
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/store"
)

func TestGenerateCases(t *testing.T) {
	f := newCaseFixture(t)
	f.open(t, f.agent, app.NewCase{RequesterID: f.emp1.ID})
	res, err := f.db.GenerateCases(f.ctx, store.CaseGen{Cases: 1200, Batch: 100, TxCases: 500, Now: testNow, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Cases != 1200 || res.Events < 1200 {
		t.Fatalf("generated %+v", res)
	}
	// Numbers continue after the generated ones, per year.
	c := f.open(t, f.agent, app.NewCase{RequesterID: f.emp1.ID})
	if d, err := f.app.CaseByReference(f.ctx, f.agent, c.Reference); err != nil || d.ID != c.ID {
		t.Fatalf("new case after generation: %s, %v", c.Reference, err)
	}
	var total int
	for cursor := ""; ; {
		page, err := f.app.Queue(f.ctx, f.leadA, app.QueueQuery{Queue: app.QueueAll, PageRequest: app.PageRequest{Limit: 200, Cursor: cursor}})
		if err != nil {
			t.Fatal(err)
		}
		total += len(page.Items)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if total != 1202 {
		t.Fatalf("%d cases listed, want 1202", total)
	}
	page, err := f.app.SearchCases(f.ctx, f.agent, app.SearchQuery{Text: "semesterersättning"})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("generated cases not searchable: %v", err)
	}
	open, err := f.app.Queue(f.ctx, f.agent, app.QueueQuery{Queue: app.QueueAllOpen, ReceivedBefore: testNow.AddDate(0, 0, -15)})
	if err != nil || len(open.Items) != 0 {
		t.Fatalf("old generated cases are open: %d, %v", len(open.Items), err)
	}
	d, err := f.app.Case(f.ctx, f.agent, page.Items[0].ID)
	if err != nil || len(d.Timeline) == 0 || d.Timeline[0].Kind != "message" || d.ReceivedAt.After(testNow) || d.UpdatedAt.After(testNow.Add(time.Second)) {
		t.Fatalf("generated case %+v, %v", d.CaseView, err)
	}
}
