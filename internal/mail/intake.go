package mail

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"samverkan/internal/store"
)

// Inbound is a stored incoming message, parsed, on its way to a case.
type Inbound struct {
	ID         int64 // inbound_mail.id
	Mailbox    string
	ReceivedAt time.Time
	Message    *Message
	Thread     Thread
}

// Processor files an incoming message: it threads it into the case named
// by in.Thread (CaseID from In-Reply-To/References first, then Reference
// from the subject) or opens a new case, and returns the case id. It is
// given well-formed messages only. An automatic message (an out-of-office
// reply, a bounce: in.Message.Automatic is set) comes only when it names a
// case; it may be kept on that case but must never be answered, reopen the
// case or open a new one.
//
// It runs in a job that may run again after a crash. To file a message
// exactly once, an implementation opens the case and calls
// store.Queries.SettleInboundMail(in.ID, processed, caseID) in the same
// transaction, and rolls back when that reports false (already settled).
// It returns NeedsPerson(reason) for a message it will never be able to
// file (it is then flagged for manual handling) and any other error to be
// retried later.
type Processor interface {
	ProcessInbound(ctx context.Context, in *Inbound) (caseID int64, err error)
}

// ProcessorFunc adapts a function to Processor.
type ProcessorFunc func(ctx context.Context, in *Inbound) (int64, error)

func (f ProcessorFunc) ProcessInbound(ctx context.Context, in *Inbound) (int64, error) {
	return f(ctx, in)
}

// manualError is a Processor's verdict that a person must handle a message.
type manualError struct{ reason string }

func (e *manualError) Error() string { return e.reason }

// NeedsPerson is the error a Processor returns for a message that a person
// must handle (for example, a sender not allowed on the case it names).
func NeedsPerson(reason string) error { return &manualError{reason: reason} }

type cursor struct {
	mailbox     string
	uidValidity int64
	uid         int64
}

type inboundPayload struct {
	ID int64 `json:"inbound_mail_id"`
}

// Deliver stores a raw message that arrived by other means than polling
// (an import, a forwarding hook) exactly as a polled one: raw first, once
// per Message-ID, then filed by a job. It returns the id of the stored row
// and whether this call stored it.
func (s *Service) Deliver(ctx context.Context, mailbox string, raw []byte) (id int64, inserted bool, err error) {
	return s.deliver(ctx, mailbox, raw, s.now(), nil)
}

// deliver stores raw, enqueues its filing job and, for a polled message,
// moves the mailbox's read position: all in one transaction.
func (s *Service) deliver(ctx context.Context, mailbox string, raw []byte, received time.Time, pos *cursor) (id int64, inserted bool, err error) {
	if len(raw) == 0 {
		return 0, false, errors.New("empty message")
	}
	now := s.now()
	row := store.InboundMail{Mailbox: mailbox, MessageID: rawMessageID(raw), Raw: raw, ReceivedAt: received}
	if pos != nil {
		row.UIDValidity, row.UID = pos.uidValidity, pos.uid
	}
	err = s.db.InTx(ctx, func(q *store.Queries) error {
		var err error
		id, inserted, err = q.InsertInboundMail(ctx, row)
		if err != nil {
			return fmt.Errorf("store message: %w", err)
		}
		if inserted {
			payload, _ := json.Marshal(inboundPayload{ID: id})
			if _, err := q.EnqueueJob(ctx, store.Job{Kind: KindInbound, Payload: string(payload),
				UniqueKey: KindInbound + ":" + fmt.Sprint(id)}, now); err != nil {
				return err
			}
		}
		if pos != nil {
			return q.SaveMailCursor(ctx, pos.mailbox, pos.uidValidity, pos.uid, now)
		}
		return nil
	})
	return id, inserted, err
}

// handleInbound is the job that files one stored message.
func (s *Service) handleInbound(ctx context.Context, payload string) error {
	var p inboundPayload
	if err := json.Unmarshal([]byte(payload), &p); err != nil || p.ID == 0 {
		return fmt.Errorf("bad payload %q", payload)
	}
	row, err := s.db.Read().GetInboundMail(ctx, p.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if row.State != store.InboundNew {
		return nil
	}
	outcome, err := s.file(ctx, row)
	if err != nil {
		return err
	}
	var settled bool
	err = s.db.InTx(ctx, func(q *store.Queries) error {
		var err error
		settled, err = q.SettleInboundMail(ctx, row.ID, outcome, s.now())
		return err
	})
	if err == nil && settled && outcome.State != store.InboundProcessed {
		s.log.Info("mail not filed", "inbound_mail", row.ID, "state", outcome.State, "reason", outcome.Reason)
	}
	return err
}

// file decides what becomes of a stored message; only a Processor error
// that is worth retrying is returned as an error.
func (s *Service) file(ctx context.Context, row store.InboundMail) (store.InboundOutcome, error) {
	msg, perr := Parse(row.Raw)
	o := store.InboundOutcome{From: msg.From.Email, Subject: truncate(msg.Subject, 500)}
	if perr != nil {
		o.State, o.Reason = store.InboundFlagged, perr.Error()
		return o, nil
	}
	if IsOwnMessageID(msg.MessageID, s.cfg.Domain) {
		o.State, o.Reason = store.InboundIgnored, "a message we sent ourselves"
		return o, nil
	}
	th := ThreadKeys(msg, s.cfg.Domain)
	if th.CaseID == 0 && len(th.MessageIDs) > 0 {
		caseID, err := s.db.Read().CaseOfMessageIDs(ctx, th.MessageIDs)
		if err != nil {
			return o, err
		}
		th.CaseID = caseID
	}
	switch {
	case msg.Automatic != "" && th.CaseID == 0 && !th.HasReference:
		o.State = store.InboundFlagged
		o.Reason = "automatic message, never answered (" + truncate(msg.Automatic, 200) + ")"
		return o, nil
	case s.cfg.From.Email != "" && strings.EqualFold(msg.From.Email, s.cfg.From.Email):
		o.State, o.CaseID = store.InboundFlagged, th.CaseID
		o.Reason = "sent from the centre's own address"
		return o, nil
	}
	caseID, err := s.processor.ProcessInbound(ctx, &Inbound{
		ID: row.ID, Mailbox: row.Mailbox, ReceivedAt: row.ReceivedAt, Message: msg, Thread: th,
	})
	var manual *manualError
	switch {
	case errors.As(err, &manual):
		o.State, o.Reason, o.CaseID = store.InboundFlagged, manual.reason, th.CaseID
	case err != nil:
		return o, err
	default:
		o.State, o.CaseID = store.InboundProcessed, caseID
	}
	return o, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
