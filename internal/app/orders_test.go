package app_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/catalog"
	"samverkan/internal/fault"
	"samverkan/internal/orders"
	"samverkan/internal/store"
)

// TestOrderAdditionalServiceBecomesAddendum is the "done when":
// an orderer orders an additional service above the quote threshold, the
// centre quotes, the orderer accepts, the centre delivers, the orderer
// approves, and the member's agreement has a new version with the
// addendum.
func TestOrderAdditionalServiceBecomesAddendum(t *testing.T) {
	f := newCatFixture(t)
	v1 := f.agreement(t, f.m1, 25)
	orderer, admin := f.actors["orderer"], f.actors["admin"]
	o, err := f.app.PlaceOrder(f.ctx, orderer, app.NewOrder{Kind: orders.Additional, ServiceID: f.extraRun.ID,
		Title: "Extra lönekörning för timavlönade", Description: "En extra körning den 15:e varje månad", WantedBy: date("2027-01-15")})
	if err != nil {
		t.Fatal(err)
	}
	if o.Reference != "B2026-0001" || o.State != orders.Submitted || o.Currency != "SEK" || o.MemberID != f.m1.ID {
		t.Fatalf("placed %+v", o)
	}
	if f.notifications(t, "admin", "order_submit") != 1 {
		t.Error("the centre was not told of the new order")
	}

	// An estimate above the threshold cannot be accepted without a quote.
	big := int64(72_500_00)
	if _, err := f.app.AdvanceOrder(f.ctx, admin, o.ID, orders.Step{Action: orders.Estimate, Amount: big, Text: "Cirka 60 timmar"}); err != nil {
		t.Fatal(err)
	}
	d, _ := f.app.Order(f.ctx, orderer, o.ID)
	if !d.QuoteRequired || d.Threshold != 50_000_00 || !slices.Contains(d.Next, orders.Accept) {
		t.Fatalf("detail %+v", d)
	}
	_, err = f.app.AdvanceOrder(f.ctx, orderer, o.ID, orders.Step{Action: orders.Accept})
	wantKind(t, err, fault.Conflict)
	if e, _ := fault.As(err); e.Fields[0].Code != "quote_required" || !strings.Contains(e.Message, "written quote") {
		t.Fatalf("refusal %+v", e)
	}

	if _, err := f.app.AdvanceOrder(f.ctx, admin, o.ID, orders.Step{Action: orders.Quote, Amount: big,
		Text: "Offert: 60 timmar à 1 208 kr", ValidUntil: date("2026-12-31")}); err != nil {
		t.Fatal(err)
	}
	if f.notifications(t, "orderer", "order_quote") != 1 {
		t.Error("the orderer was not told of the quote")
	}
	o, err = f.app.AdvanceOrder(f.ctx, orderer, o.ID, orders.Step{Action: orders.Accept})
	if err != nil {
		t.Fatal(err)
	}
	if o.State != orders.Accepted || o.AgreementVersionID == 0 || o.HandlerID != f.people["admin"].ID {
		t.Fatalf("accepted %+v", o)
	}
	if f.notifications(t, "admin", "order_accept") != 1 {
		t.Error("the handler was not told of the acceptance")
	}
	if _, err := f.app.AdvanceOrder(f.ctx, admin, o.ID, orders.Step{Action: orders.Deliver, Text: "Första körningen gjord 15 januari"}); err != nil {
		t.Fatal(err)
	}
	if o, err = f.app.AdvanceOrder(f.ctx, orderer, o.ID, orders.Step{Action: orders.Approve}); err != nil || o.State != orders.Approved {
		t.Fatalf("approve: %+v, %v", o, err)
	}

	ag, err := f.app.Agreement(f.ctx, f.actors["contact"], v1.AgreementID)
	if err != nil || len(ag.Versions) != 2 {
		t.Fatalf("agreement %+v, %v", ag, err)
	}
	v2 := ag.Versions[0]
	if v2.ID != o.AgreementVersionID || v2.Number != 2 || v2.Status != catalog.Approved || v2.OrderID != o.ID || ag.Approved.ID != v2.ID {
		t.Fatalf("addendum %+v", v2)
	}
	if !v2.Includes(f.extraRun.ID) || !strings.Contains(v2.Changes, o.Reference) || !strings.Contains(v2.Changes, "Extra lönekörning") {
		t.Fatalf("addendum content %+v", v2)
	}
	if ag.Versions[1].Status != catalog.Superseded {
		t.Fatalf("v1 %s", ag.Versions[1].Status)
	}
	d, _ = f.app.Order(f.ctx, f.actors["contact"], o.ID)
	var trail []string
	for _, e := range d.Events {
		trail = append(trail, e.Action+":"+string(e.To))
	}
	if got := strings.Join(trail, " "); got != "submit:submitted estimate:estimated quote:quoted accept:accepted deliver:delivered approve:approved" {
		t.Errorf("history %s", got)
	}
	if len(d.Next) != 0 {
		t.Errorf("a contact person may take actions %v", d.Next)
	}
	log, _ := f.app.AuditLog(f.ctx, admin, app.AuditQuery{AuditFilter: store.AuditFilter{Entity: "order", EntityID: o.ID}})
	if len(log.Items) != 6 {
		t.Errorf("%d audit entries for the order, want 6", len(log.Items))
	}
}

func TestOrderRights(t *testing.T) {
	f := newCatFixture(t)
	in := app.NewOrder{Kind: orders.Special, Title: "Rapport", Description: "Sjukfrånvaro per förvaltning"}
	for _, who := range []string{"contact", "manager", "employee", "admin", "agent"} {
		_, err := f.app.PlaceOrder(f.ctx, f.actors[who], in)
		wantKind(t, err, fault.Forbidden)
		if e, _ := fault.As(err); !strings.Contains(e.Message, "orderer") {
			t.Errorf("%s: no explanation: %q", who, e.Message)
		}
	}
	o, err := f.app.PlaceOrder(f.ctx, f.actors["orderer"], in)
	if err != nil {
		t.Fatal(err)
	}
	// The other member's people do not see it at all.
	for _, who := range []string{"orderer2", "contact2"} {
		_, err := f.app.Order(f.ctx, f.actors[who], o.ID)
		wantKind(t, err, fault.NotFound)
		_, err = f.app.AdvanceOrder(f.ctx, f.actors[who], o.ID, orders.Step{Action: orders.Cancel, Text: "x"})
		wantKind(t, err, fault.NotFound)
		list, _ := f.app.ListOrders(f.ctx, f.actors[who], app.OrderQuery{})
		if len(list.Items) != 0 {
			t.Errorf("%s lists %d orders of another member", who, len(list.Items))
		}
	}
	// Contact persons follow their member's orders but do not decide.
	if _, err := f.app.Order(f.ctx, f.actors["contact"], o.ID); err != nil {
		t.Fatal(err)
	}
	_, err = f.app.AdvanceOrder(f.ctx, f.actors["contact"], o.ID, orders.Step{Action: orders.Cancel, Text: "x"})
	wantKind(t, err, fault.Forbidden)
	_, err = f.app.Order(f.ctx, f.actors["employee"], o.ID)
	wantKind(t, err, fault.Forbidden)
	// The orderer may not quote; the centre may not accept.
	_, err = f.app.AdvanceOrder(f.ctx, f.actors["orderer"], o.ID, orders.Step{Action: orders.Quote, Amount: 1, Text: "x", ValidUntil: date("2027-01-01")})
	wantKind(t, err, fault.Forbidden)
	if _, err := f.app.AdvanceOrder(f.ctx, f.actors["agent"], o.ID, orders.Step{Action: orders.Estimate, Amount: 12_000_00}); err != nil {
		t.Fatal(err)
	}
	_, err = f.app.AdvanceOrder(f.ctx, f.actors["agent"], o.ID, orders.Step{Action: orders.Accept})
	wantKind(t, err, fault.Forbidden)
	// Below the threshold an estimate is enough; a special service makes
	// no addendum.
	o, err = f.app.AdvanceOrder(f.ctx, f.actors["orderer"], o.ID, orders.Step{Action: orders.Accept})
	if err != nil || o.State != orders.Accepted || o.AgreementVersionID != 0 {
		t.Fatalf("accept %+v, %v", o, err)
	}
	_, err = f.app.AdvanceOrder(f.ctx, f.actors["orderer"], o.ID, orders.Step{Action: orders.Cancel, Text: "ångrar"})
	wantKind(t, err, fault.Conflict)
}

func TestOrderValidation(t *testing.T) {
	f := newCatFixture(t)
	orderer := f.actors["orderer"]
	tests := []struct {
		in    app.NewOrder
		field string
	}{
		{app.NewOrder{Kind: orders.Additional, Title: "x", Description: "y"}, "service_id"},
		{app.NewOrder{Kind: orders.Additional, ServiceID: f.corrections.ID, Title: "x", Description: "y"}, "service_id"},
		{app.NewOrder{Kind: orders.Change, ServiceID: 999, Title: "x", Description: "y"}, "service_id"},
		{app.NewOrder{Kind: orders.Special, Title: "", Description: "y"}, "title"},
		{app.NewOrder{Kind: orders.Special, Title: "x", Description: "y", WantedBy: date("2026-01-01")}, "wanted_by"},
		{app.NewOrder{Kind: "gift", Title: "x", Description: "y"}, "kind"},
	}
	for _, tt := range tests {
		_, err := f.app.PlaceOrder(f.ctx, orderer, tt.in)
		wantField(t, err, tt.field)
	}
	list, _ := f.app.ListOrders(f.ctx, f.actors["admin"], app.OrderQuery{})
	if len(list.Items) != 0 {
		t.Fatalf("refused orders were saved: %d", len(list.Items))
	}
	// A change to an existing service is an addendum too, and the
	// member's tactical contact hears of it.
	f.agreement(t, f.m1, 25)
	o, err := f.app.PlaceOrder(f.ctx, orderer, app.NewOrder{Kind: orders.Change, ServiceID: f.corrections.ID,
		Title: "Rättelser även för arvoden", Description: "Utöka rättelsetjänsten till förtroendevaldas arvoden"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.AdvanceOrder(f.ctx, f.actors["admin"], o.ID, orders.Step{Action: orders.Estimate, Amount: 8_000_00}); err != nil {
		t.Fatal(err)
	}
	if f.notifications(t, "contact", "order_estimate") != 1 {
		t.Error("the tactical contact was not told of the change's estimate")
	}
	if o, err = f.app.AdvanceOrder(f.ctx, orderer, o.ID, orders.Step{Action: orders.Accept}); err != nil || o.AgreementVersionID == 0 {
		t.Fatalf("accept change %+v, %v", o, err)
	}
}

// TestAddendumDuringRevision: an addendum made while a new version is
// being drafted takes the draft's number, and the draft keeps the change.
func TestAddendumDuringRevision(t *testing.T) {
	f := newCatFixture(t)
	v1 := f.agreement(t, f.m1, 25)
	draft, err := f.app.DraftAgreementVersion(f.ctx, f.actors["admin"], v1.AgreementID, "Årlig revision")
	if err != nil {
		t.Fatal(err)
	}
	o, err := f.app.PlaceOrder(f.ctx, f.actors["orderer"], app.NewOrder{Kind: orders.Additional, ServiceID: f.extraRun.ID,
		Title: "Extra körning", Description: "Varje månad"})
	if err != nil {
		t.Fatal(err)
	}
	f.now = f.now.Add(time.Hour)
	if _, err := f.app.AdvanceOrder(f.ctx, f.actors["admin"], o.ID, orders.Step{Action: orders.Estimate, Amount: 20_000_00}); err != nil {
		t.Fatal(err)
	}
	if o, err = f.app.AdvanceOrder(f.ctx, f.actors["orderer"], o.ID, orders.Step{Action: orders.Accept}); err != nil {
		t.Fatal(err)
	}
	ag, _ := f.app.Agreement(f.ctx, f.actors["admin"], v1.AgreementID)
	if len(ag.Versions) != 3 {
		t.Fatalf("%d versions", len(ag.Versions))
	}
	got := []string{}
	for _, v := range ag.Versions {
		got = append(got, string(v.Status))
	}
	if strings.Join(got, " ") != "draft approved superseded" || ag.Versions[0].ID != draft.ID || ag.Versions[0].Number != 3 ||
		ag.Versions[1].ID != o.AgreementVersionID || ag.Versions[1].Number != 2 {
		t.Fatalf("versions %v: %+v", got, ag.Versions)
	}
	if !ag.Versions[0].Includes(f.extraRun.ID) || !strings.Contains(ag.Versions[0].Changes, o.Reference) {
		t.Fatalf("the draft lost the addendum: %+v", ag.Versions[0])
	}
}
