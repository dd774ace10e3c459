package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"samverkan/internal/store"
	"samverkan/internal/store/dbtest"
)

// A new case's search document may wait in a queue (SQLite), but a search
// that indexes the queue first finds it, and a document rewritten while it
// waits is indexed once, as rewritten.
func TestQueuedSearchDocumentsAreFoundAndNeverStale(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t)
	cs := addTestCases(t, db, time.Date(2026, 3, 30, 9, 0, 0, 0, time.UTC), 2)
	err := db.InTx(ctx, func(q *store.Queries) error {
		return q.IndexNewCases(ctx, []store.CaseDoc{
			{Case: cs[0], External: []string{"Semesterersättningen saknas"}},
			{Case: cs[1], External: []string{"Fel skattetabell"}},
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	// The second case gets a reply before its first document was indexed.
	err = db.InTx(ctx, func(q *store.Queries) error {
		return q.IndexCase(ctx, cs[1], []string{"Fel skattetabell", "Rättad till tabell 33"}, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.IndexQueuedCases(ctx); err != nil {
		t.Fatal(err)
	}
	search := func(text string) []int64 {
		t.Helper()
		vs, err := db.Read().SearchCases(ctx, store.CaseSearch{Text: text, Filter: store.CaseFilter{Scope: store.CaseScope{Centre: true, AllConfidential: true}}})
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, v := range vs {
			ids = append(ids, v.Case.ID)
		}
		return ids
	}
	for _, tc := range []struct {
		text string
		want []int64
	}{
		{"semesterersättningen", []int64{cs[0].ID}},
		{"skattetabell", []int64{cs[1].ID}},
		{"tabell 33", []int64{cs[1].ID}},
		{"lönefråga", []int64{cs[1].ID, cs[0].ID}},
	} {
		if diff := cmp.Diff(tc.want, search(tc.text)); diff != "" {
			t.Errorf("search %q (-want +got):\n%s", tc.text, diff)
		}
	}
	// Indexing an empty queue is nothing.
	if err := db.IndexQueuedCases(ctx); err != nil {
		t.Fatal(err)
	}
	if got := search("skattetabell"); len(got) != 1 {
		t.Errorf("after a second indexing: %v", got)
	}
}
