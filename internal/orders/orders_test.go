package orders_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"samverkan/internal/fault"
	"samverkan/internal/orders"
)

var (
	now       = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	today     = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	threshold = orders.DefaultThreshold["SEK"]
)

func TestNormalise(t *testing.T) {
	good := orders.Order{Kind: orders.Additional, ServiceID: 3, Title: "Extra lönekörning", Description: "Varje månad för timavlönade"}
	if _, err := good.Normalise(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		edit  func(*orders.Order)
		field string
	}{
		{"unknown kind", func(o *orders.Order) { o.Kind = "gift" }, "kind"},
		{"additional without service", func(o *orders.Order) { o.ServiceID = 0 }, "service_id"},
		{"no title", func(o *orders.Order) { o.Title = "  " }, "title"},
		{"no description", func(o *orders.Order) { o.Description = "" }, "description"},
		{"long title", func(o *orders.Order) { o.Title = strings.Repeat("x", 201) }, "title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := good
			tt.edit(&o)
			_, err := o.Normalise()
			wantField(t, err, tt.field)
		})
	}
	special := orders.Order{Kind: orders.Special, Title: "Rapport", Description: "Sjukfrånvaro per förvaltning 2026"}
	if _, err := special.Normalise(); err != nil {
		t.Errorf("a special service needs no catalogue service: %v", err)
	}
}

func TestApply(t *testing.T) {
	at := func(s orders.State, amount int64, quote string) orders.Order {
		o := orders.Order{Reference: "B2026-0001", State: s, Amount: amount, Quote: quote}
		if quote != "" {
			o.QuoteValidUntil = today.AddDate(0, 0, 30)
		}
		return o
	}
	big, small := int64(72_500_00), int64(12_000_00)
	tests := []struct {
		name   string
		order  orders.Order
		side   orders.Side
		step   orders.Step
		want   orders.State
		refuse fault.Kind
		field  string
	}{
		{"centre estimates", at(orders.Submitted, 0, ""), orders.CentreSide, orders.Step{Action: orders.Estimate, Amount: small, Text: "ca 10 h"}, orders.Estimated, 0, ""},
		{"centre quotes", at(orders.Submitted, 0, ""), orders.CentreSide, orders.Step{Action: orders.Quote, Amount: big, Text: "Offert", ValidUntil: today.AddDate(0, 1, 0)}, orders.Quoted, 0, ""},
		{"centre revises an estimate into a quote", at(orders.Estimated, big, ""), orders.CentreSide, orders.Step{Action: orders.Quote, Amount: big, Text: "Offert", ValidUntil: today}, orders.Quoted, 0, ""},
		{"orderer accepts a small estimate", at(orders.Estimated, small, ""), orders.MemberSide, orders.Step{Action: orders.Accept}, orders.Accepted, 0, ""},
		{"orderer accepts a quote", at(orders.Quoted, big, "Offert"), orders.MemberSide, orders.Step{Action: orders.Accept}, orders.Accepted, 0, ""},
		{"accepting a big estimate without a quote", at(orders.Estimated, big, ""), orders.MemberSide, orders.Step{Action: orders.Accept}, "", fault.Conflict, "quote"},
		{"exactly the threshold needs no quote", at(orders.Estimated, threshold, ""), orders.MemberSide, orders.Step{Action: orders.Accept}, orders.Accepted, 0, ""},
		{"orderer declines with a reason", at(orders.Quoted, big, "Offert"), orders.MemberSide, orders.Step{Action: orders.Decline, Text: "För dyrt"}, orders.Declined, 0, ""},
		{"declining needs a reason", at(orders.Quoted, big, "Offert"), orders.MemberSide, orders.Step{Action: orders.Decline}, "", fault.Invalid, "text"},
		{"centre delivers", at(orders.Accepted, big, "Offert"), orders.CentreSide, orders.Step{Action: orders.Deliver, Text: "Klart"}, orders.Delivered, 0, ""},
		{"orderer approves", at(orders.Delivered, big, "Offert"), orders.MemberSide, orders.Step{Action: orders.Approve}, orders.Approved, 0, ""},
		{"orderer sends a delivery back", at(orders.Delivered, big, "Offert"), orders.MemberSide, orders.Step{Action: orders.RejectDelivery, Text: "Saknar Båstad"}, orders.Accepted, 0, ""},
		{"either side cancels", at(orders.Submitted, 0, ""), orders.CentreSide, orders.Step{Action: orders.Cancel, Text: "Ingår redan"}, orders.Cancelled, 0, ""},
		{"the orderer cannot quote", at(orders.Submitted, 0, ""), orders.MemberSide, orders.Step{Action: orders.Quote, Amount: big, Text: "x", ValidUntil: today}, "", fault.Forbidden, ""},
		{"the centre cannot accept", at(orders.Quoted, big, "Offert"), orders.CentreSide, orders.Step{Action: orders.Accept}, "", fault.Forbidden, ""},
		{"no delivery before acceptance", at(orders.Quoted, big, "Offert"), orders.CentreSide, orders.Step{Action: orders.Deliver}, "", fault.Conflict, "action"},
		{"no cancelling after acceptance", at(orders.Accepted, big, "Offert"), orders.MemberSide, orders.Step{Action: orders.Cancel, Text: "x"}, "", fault.Conflict, "action"},
		{"a quote needs its text", at(orders.Submitted, 0, ""), orders.CentreSide, orders.Step{Action: orders.Quote, Amount: big, ValidUntil: today}, "", fault.Invalid, "text"},
		{"a quote cannot have run out already", at(orders.Submitted, 0, ""), orders.CentreSide, orders.Step{Action: orders.Quote, Amount: big, Text: "x", ValidUntil: today.AddDate(0, 0, -1)}, "", fault.Invalid, "valid_until"},
		{"an estimate needs an amount", at(orders.Submitted, 0, ""), orders.CentreSide, orders.Step{Action: orders.Estimate}, "", fault.Invalid, "amount"},
		{"unknown action", at(orders.Submitted, 0, ""), orders.CentreSide, orders.Step{Action: "pay"}, "", fault.Invalid, "action"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := orders.Apply(tt.order, tt.side, tt.step, threshold, now, today)
			if tt.refuse == 0 {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if got.State != tt.want || !got.UpdatedAt.Equal(now) {
					t.Fatalf("state %s at %v, want %s", got.State, got.UpdatedAt, tt.want)
				}
				return
			}
			e, ok := fault.As(err)
			if !ok || e.Kind != tt.refuse {
				t.Fatalf("err = %v, want kind %v", err, tt.refuse)
			}
			if tt.field != "" && !slices.ContainsFunc(e.Fields, func(f fault.FieldError) bool { return f.Field == tt.field && f.Code != "" }) {
				t.Fatalf("err = %v, want field %s", err, tt.field)
			}
			if got != tt.order {
				t.Fatal("a refused step changed the order")
			}
		})
	}
}

func TestAcceptingAnExpiredQuote(t *testing.T) {
	o := orders.Order{State: orders.Quoted, Amount: 72_500_00, Quote: "Offert", QuoteValidUntil: today.AddDate(0, 0, -1)}
	_, err := orders.Apply(o, orders.MemberSide, orders.Step{Action: orders.Accept}, threshold, now, today)
	if e, ok := fault.As(err); !ok || e.Kind != fault.Conflict || e.Fields[0].Code != "quote_expired" {
		t.Fatalf("err = %v", err)
	}
}

func TestEstimateClearsAnOldQuote(t *testing.T) {
	o := orders.Order{State: orders.Quoted, Amount: 72_500_00, Quote: "Offert", QuoteValidUntil: today}
	o, err := orders.Apply(o, orders.CentreSide, orders.Step{Action: orders.Estimate, Amount: 60_000_00}, threshold, now, today)
	if err != nil || o.Quote != "" || !o.QuoteValidUntil.IsZero() {
		t.Fatalf("%+v, %v", o, err)
	}
	if _, err := orders.Apply(o, orders.MemberSide, orders.Step{Action: orders.Accept}, threshold, now, today); fault.KindOf(err) != fault.Conflict {
		t.Fatalf("a new estimate above the threshold is accepted on an old quote: %v", err)
	}
}

func TestNext(t *testing.T) {
	tests := []struct {
		state orders.State
		side  orders.Side
		want  []orders.Action
	}{
		{orders.Submitted, orders.CentreSide, []orders.Action{orders.Estimate, orders.Quote, orders.Cancel}},
		{orders.Submitted, orders.MemberSide, []orders.Action{orders.Cancel}},
		{orders.Quoted, orders.MemberSide, []orders.Action{orders.Accept, orders.Decline, orders.Cancel}},
		{orders.Delivered, orders.MemberSide, []orders.Action{orders.Approve, orders.RejectDelivery}},
		{orders.Approved, orders.CentreSide, nil},
	}
	for _, tt := range tests {
		if got := orders.Next(tt.state, tt.side); !slices.Equal(got, tt.want) {
			t.Errorf("%s/%s: %v, want %v", tt.state, tt.side, got, tt.want)
		}
	}
	if orders.Approved.Open() || !orders.Delivered.Open() {
		t.Error("Open")
	}
}

func TestMoney(t *testing.T) {
	tests := []struct {
		amount         int64
		currency, lang string
		want           string
	}{
		{5_000_000, "SEK", "sv", "50 000,00 kr"},
		{7_250_050, "SEK", "en", "SEK 72,500.50"},
		{3_750_000, "DKK", "da", "37.500,00 kr."},
		{99, "DKK", "sv", "0,99 DKK"},
		{123_456_789_00, "SEK", "sv", "123 456 789,00 kr"},
	}
	for _, tt := range tests {
		if got := orders.FormatMoney(tt.amount, tt.currency, tt.lang); got != tt.want {
			t.Errorf("FormatMoney(%d, %s, %s) = %q, want %q", tt.amount, tt.currency, tt.lang, got, tt.want)
		}
	}
	parse := map[string]int64{"72 500": 7_250_000, "72500,50": 7_250_050, "72.500,5": 7_250_050, "72,500.50": 7_250_050,
		"72 500 kr": 7_250_000, "0,99": 99, "1.234.567": 123_456_700, "72,500": 7_250_000}
	for in, want := range parse {
		got, err := orders.ParseAmount("amount", in)
		if err != nil || got != want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "abc", "-5", "12,3,4x", "1e9", "9999999999999"} {
		if _, err := orders.ParseAmount("amount", in); err == nil {
			t.Errorf("ParseAmount(%q) accepted", in)
		}
	}
}

func wantField(t *testing.T, err error, field string) {
	t.Helper()
	e, ok := fault.As(err)
	if !ok || e.Kind != fault.Invalid {
		t.Fatalf("err = %v, want invalid %s", err, field)
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return
		}
	}
	t.Fatalf("err = %v, want field %s", err, field)
}
