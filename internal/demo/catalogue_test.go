package demo_test

import (
	"context"
	"testing"

	"samverkan/internal/app"
	"samverkan/internal/catalog"
	"samverkan/internal/orders"
)

// TestDemoCatalogue: every service has 3–8 activities, every member an
// agreement (one with a deviation annex, one being revised), and the 30
// orders are in every state.
func TestDemoCatalogue(t *testing.T) {
	ctx := context.Background()
	a := loaded(t)
	sys := app.SystemActor("test")
	areas, err := a.Catalogue(ctx, sys, app.CatalogueQuery{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ar := range areas {
		for _, s := range ar.Services {
			n++
			if len(s.Activities) < 3 || len(s.Activities) > 8 {
				t.Errorf("%s has %d activities", s.Code, len(s.Activities))
			}
		}
	}
	if n != 16 {
		t.Errorf("%d services", n)
	}
	list, err := a.ListAgreements(ctx, sys, app.AgreementQuery{})
	if err != nil || len(list.Items) != 8 {
		t.Fatalf("%d agreements, %v", len(list.Items), err)
	}
	deviations, drafts := 0, 0
	for _, ag := range list.Items {
		if ag.Approved == nil {
			t.Errorf("%s has no approved agreement", ag.MemberName)
			continue
		}
		if len(ag.Approved.Deviations) > 0 {
			deviations++
		}
		if ag.HasDraft {
			drafts++
		}
	}
	if deviations != 1 || drafts != 1 {
		t.Errorf("%d agreements with deviations, %d being revised", deviations, drafts)
	}
	os, err := a.ListOrders(ctx, sys, app.OrderQuery{PageRequest: app.PageRequest{Limit: 100}})
	if err != nil || len(os.Items) != 30 {
		t.Fatalf("%d orders, %v", len(os.Items), err)
	}
	states := map[orders.State]int{}
	addenda := 0
	for _, o := range os.Items {
		states[o.State]++
		if o.AgreementVersionID != 0 {
			addenda++
		}
	}
	for _, s := range orders.States {
		if states[s] == 0 {
			t.Errorf("no order is %s", s)
		}
	}
	if addenda == 0 {
		t.Error("no accepted order made an addendum")
	}
	w, err := a.WhoDoesWhat(ctx, sys, app.WhoQuery{MemberID: list.Items[0].MemberID, Search: "rättelse", Party: catalog.Manager})
	if err != nil || len(w.Areas) == 0 {
		t.Fatalf("who does what: %+v, %v", w, err)
	}
}
