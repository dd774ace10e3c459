package store_test

import (
	"context"
	"testing"
	"time"

	"samverkan/internal/store"
	"samverkan/internal/store/dbtest"
)

func TestInboundMailOncePerMessageID(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t)
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	q := db.Read()
	m := store.InboundMail{Mailbox: "hr", UIDValidity: 7, UID: 1, MessageID: "a@x.se", Raw: []byte("From: a@x.se\r\n\r\nhej"), ReceivedAt: now}
	id, inserted, err := q.InsertInboundMail(ctx, m)
	if err != nil || !inserted {
		t.Fatalf("first insert: %v, %v", inserted, err)
	}
	m.UID = 2
	again, inserted, err := q.InsertInboundMail(ctx, m)
	if err != nil || inserted || again != id {
		t.Fatalf("second insert: id %d (want %d), inserted %v, %v", again, id, inserted, err)
	}
	got, err := q.GetInboundMail(ctx, id)
	if err != nil || string(got.Raw) != string(m.Raw) || got.Size != int64(len(m.Raw)) || got.UID != 1 ||
		got.State != store.InboundNew || !got.ReceivedAt.Equal(now) || !got.HandledAt.IsZero() {
		t.Fatalf("stored: %+v, %v", got, err)
	}

	o := store.InboundOutcome{State: store.InboundProcessed, CaseID: 42, From: "a@x.se", Subject: "Fråga"}
	if ok, err := q.SettleInboundMail(ctx, id, o, now); !ok || err != nil {
		t.Fatalf("settle: %v, %v", ok, err)
	}
	if ok, _ := q.SettleInboundMail(ctx, id, store.InboundOutcome{State: store.InboundFlagged}, now); ok {
		t.Fatal("a settled message was settled again")
	}
	if c, err := q.CaseOfMessageIDs(ctx, []string{"unknown@x", "a@x.se"}); c != 42 || err != nil {
		t.Errorf("CaseOfMessageIDs = %d, %v", c, err)
	}
	list, err := q.ListInboundMail(ctx, store.InboundMailFilter{State: store.InboundProcessed, CaseID: 42})
	if err != nil || len(list) != 1 || list[0].Subject != "Fråga" || list[0].Raw != nil || list[0].HandledAt.IsZero() {
		t.Errorf("list: %+v, %v", list, err)
	}
	if err := q.ResettleInboundMail(ctx, id, store.InboundOutcome{State: store.InboundFlagged, Reason: "by hand"}, now); err != nil {
		t.Fatal(err)
	}
	if got, _ := q.GetInboundMail(ctx, id); got.State != store.InboundFlagged || got.CaseID != 0 || got.Subject != "Fråga" {
		t.Errorf("after resettle: %+v", got)
	}
	if err := q.ResettleInboundMail(ctx, 999, o, now); err != store.ErrNotFound {
		t.Errorf("resettle of a missing message: %v", err)
	}
}

func TestMailCursor(t *testing.T) {
	ctx := context.Background()
	q := dbtest.Open(t).Read()
	now := time.Now()
	if v, u, err := q.MailCursor(ctx, "hr"); v != 0 || u != 0 || err != nil {
		t.Fatalf("unread mailbox: %d %d %v", v, u, err)
	}
	q.SaveMailCursor(ctx, "hr", 7, 10, now)
	q.SaveMailCursor(ctx, "hr", 7, 12, now)
	if v, u, err := q.MailCursor(ctx, "hr"); v != 7 || u != 12 || err != nil {
		t.Fatalf("cursor: %d %d %v", v, u, err)
	}
}

func TestOutboundMailReservedOnce(t *testing.T) {
	ctx := context.Background()
	q := dbtest.Open(t).Read()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	first, err := q.ReserveOutboundMail(ctx, store.OutboundMail{Kind: "mail.case_reply", CaseID: 5, EventID: 9,
		MessageID: "case-5.event-9.aaa@samverkan.x", Recipient: "a@x.se", Subject: "[2026-000001] x"}, now)
	if err != nil || first.State != store.OutboundPending {
		t.Fatalf("reserve: %+v, %v", first, err)
	}
	retry, err := q.ReserveOutboundMail(ctx, store.OutboundMail{Kind: "mail.case_reply", CaseID: 5, EventID: 9,
		MessageID: "case-5.event-9.bbb@samverkan.x", Recipient: "a@x.se"}, now)
	if err != nil || retry.ID != first.ID || retry.MessageID != first.MessageID {
		t.Fatalf("a retry got %+v, want the first reservation %+v (%v)", retry, first, err)
	}
	if err := q.MarkOutboundMailSent(ctx, first.ID, now); err != nil {
		t.Fatal(err)
	}
	list, _ := q.ListOutboundMail(ctx, 5)
	if len(list) != 1 || list[0].State != store.OutboundSent || !list[0].SentAt.Equal(now) {
		t.Errorf("outbound: %+v", list)
	}
	if c, _ := q.CaseOfMessageIDs(ctx, []string{first.MessageID}); c != 5 {
		t.Errorf("CaseOfMessageIDs of our message = %d, want 5", c)
	}
}
