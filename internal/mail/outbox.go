package mail

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"strings"

	"samverkan/internal/store"
)

// sendHandler is the job that sends one letter of kind. It reserves the
// letter's Message-ID before sending, so a retry sends the same message
// again rather than a second one, and a job run again after the server
// accepted the message sends nothing.
func (s *Service) sendHandler(kind string) func(ctx context.Context, payload string) error {
	return func(ctx context.Context, payload string) error {
		var p Payload
		if err := json.Unmarshal([]byte(payload), &p); err != nil || p.CaseID == 0 {
			return fmt.Errorf("bad payload %q", payload)
		}
		return s.Send(ctx, kind, p.CaseID, p.EventID)
	}
}

// Send sends the letter of kind for a case event now (the job handler's
// work, exported for the command line and tests). It returns nil without
// sending when the LetterSource says there is nothing to send or the
// letter was sent before.
func (s *Service) Send(ctx context.Context, kind string, caseID, eventID int64) error {
	if s.sender == nil {
		return ErrNotConfigured
	}
	l, err := s.letters.Letter(ctx, kind, caseID, eventID)
	if errors.Is(err, ErrNoLetter) {
		s.log.Info("no mail to send", "kind", kind, "case", caseID, "event", eventID, "reason", err.Error())
		return nil
	}
	if err != nil {
		return fmt.Errorf("prepare %s for case %d: %w", kind, caseID, err)
	}
	l.To.Email = strings.TrimSpace(l.To.Email)
	if _, err := mail.ParseAddress(l.To.Email); err != nil || l.To.Email == "" {
		s.log.Warn("no mail to send: no usable recipient address", "kind", kind, "case", caseID, "to", l.To.Email)
		return nil
	}
	if strings.EqualFold(l.To.Email, s.cfg.From.Email) {
		s.log.Warn("no mail to send: the recipient is the centre itself", "kind", kind, "case", caseID)
		return nil
	}
	if l.CentreName == "" {
		l.CentreName = s.cfg.From.Name
	}
	lang := language(l.Language, s.cfg.Language)
	subject, body, err := s.templates.render(kind, lang, l)
	if err != nil {
		return fmt.Errorf("render %s (%s): %w", kind, lang, err)
	}
	now := s.now()
	var out store.OutboundMail
	err = s.db.InTx(ctx, func(q *store.Queries) error {
		var err error
		out, err = q.ReserveOutboundMail(ctx, store.OutboundMail{Kind: kind, CaseID: caseID, EventID: eventID,
			MessageID: NewMessageID(caseID, eventID, s.cfg.Domain), Recipient: l.To.Email, Subject: subject}, now)
		return err
	})
	if err != nil {
		return err
	}
	if out.State == store.OutboundSent {
		return nil
	}
	m, err := s.compose(kind, l, subject, body, out.MessageID, now)
	if err != nil {
		return err
	}
	if err := s.sender.Send(ctx, m); err != nil {
		return err
	}
	wctx := context.WithoutCancel(ctx)
	return s.db.InTx(wctx, func(q *store.Queries) error {
		return q.MarkOutboundMailSent(wctx, out.ID, s.now())
	})
}
