package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"samverkan/internal/cases"
	"samverkan/internal/org"
	"samverkan/internal/store"
	"samverkan/internal/store/dbtest"
)

// Clocks stored one column per instant (migration 0008) come through the
// move to the compact form (0013) unchanged, and read back as written.
func TestCaseClocksSurviveTheCompactForm(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, dbtest.Source(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.MigrateTo(ctx, 12, nil); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 30, 9, 15, 0, 123456000, time.UTC)
	var caseIDs []int64
	for _, c := range addTestCases(t, db, now, 3) {
		caseIDs = append(caseIDs, c.ID)
	}
	at := func(h int) time.Time { return now.Add(time.Duration(h) * time.Hour) }
	// Written the way 0008 stored them.
	for _, row := range []struct {
		id   int64
		cols string
		args []any
	}{
		{caseIDs[0], `first_response_warn, first_response_due, first_response_met, resolution_warn, resolution_due, resolution_miss, alert_at`,
			[]any{at(6), at(8), at(2), at(30), at(40), at(40), at(30)}},
		{caseIDs[1], `first_response_due, first_response_paused, member_input_due, member_input_miss`, []any{at(1), true, at(16), at(16)}},
	} {
		args := append([]any{row.id, now}, row.args...)
		ph := ""
		for i := range row.args {
			ph += fmt.Sprintf(", $%d", i+3)
		}
		if _, err := db.SQL.ExecContext(ctx, `INSERT INTO case_sla (case_id, computed_at, `+row.cols+`) VALUES ($1, $2`+ph+`)`, args...); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Migrate(ctx, nil); err != nil {
		t.Fatal(err)
	}
	got, err := db.Read().CaseSLAs(ctx, caseIDs)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]store.CaseSLA{
		caseIDs[0]: {CaseID: caseIDs[0], FirstResponse: store.ClockRow{Warn: at(6), Due: at(8), Met: at(2)},
			Resolution: store.ClockRow{Warn: at(30), Due: at(40), Miss: at(40)}, AlertAt: at(30), ComputedAt: now},
		caseIDs[1]: {CaseID: caseIDs[1], FirstResponse: store.ClockRow{Due: at(1), Paused: true},
			MemberInput: store.ClockRow{Due: at(16), Miss: at(16)}, ComputedAt: now},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("converted clocks (-want +got):\n%s", diff)
	}
	// The report still counts due and missed per measure from the new form.
	rows, err := db.Read().SLAReport(ctx, 0, now.Add(-time.Hour), now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var counts []string
	for _, r := range rows {
		counts = append(counts, fmt.Sprintf("%s %s %d/%d", r.Measure, r.Side, r.Due, r.Missed))
	}
	if diff := cmp.Diff([]string{"first_response centre 2/0", "resolution centre 1/1", "member_input member 1/1"}, counts); diff != "" {
		t.Fatalf("report (-want +got):\n%s", diff)
	}
	// A save overwrites, and what is saved reads back to the microsecond.
	s := got[caseIDs[0]]
	s.Resolution.Met, s.AlertAt = at(39).Add(time.Microsecond), time.Time{}
	if err := db.Read().SaveCaseSLAs(ctx, []store.CaseSLA{s}); err != nil {
		t.Fatal(err)
	}
	back, err := db.Read().CaseSLAsBetween(ctx, caseIDs[0], caseIDs[2])
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[int64]store.CaseSLA{caseIDs[0]: s, caseIDs[1]: want[caseIDs[1]]}, back); diff != "" {
		t.Fatalf("after save (-want +got):\n%s", diff)
	}
}

// addTestCases adds a member, a person and n cases received at now.
func addTestCases(t *testing.T, db *store.DB, now time.Time, n int) []cases.Case {
	t.Helper()
	ctx := context.Background()
	var out []cases.Case
	err := db.InTx(ctx, func(q *store.Queries) error {
		m, err := q.CreateMember(ctx, org.Member{Name: "Båstads kommun", OrgNumber: "212000-0241", Kind: "municipality", Country: "se", Status: "active"}, now)
		if err != nil {
			return err
		}
		p, err := q.CreatePerson(ctx, org.Person{Name: "Anna", Email: "anna@example.se", MemberID: m.ID, Active: true}, now)
		if err != nil {
			return err
		}
		for i := range n {
			c, err := q.CreateCase(ctx, cases.Case{Year: 2026, Seq: int64(i + 1), Reference: fmt.Sprintf("2026-%06d", i+1), MemberID: m.ID,
				RequesterID: p.ID, Channel: cases.Phone, Type: cases.Question, Priority: cases.Normal, Status: cases.Open,
				Line: cases.FirstLine, Subject: "Lönefråga", ReceivedAt: now, CreatedAt: now, UpdatedAt: now})
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
