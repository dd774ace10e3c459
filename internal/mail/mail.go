// Package mail is Samverkan's e-mail adapter. E-mail in: it polls IMAP
// mailboxes, stores every message raw before anything else (once per
// Message-ID), parses it (addresses, decoded subject, text, sanitised
// HTML, attachments), recognises automatic messages that must never be
// answered, extracts the threading keys and hands the rest to a Processor
// that files it on a case. E-mail out: it renders the acknowledgement,
// reply and resolved notice in Swedish, Danish or English, gives each
// message our own Message-ID (which names the case, so replies thread) and
// sends it over SMTP from a durable background job.
//
// The package knows nothing of cases: package app provides the Processor
// (incoming) and the LetterSource (outgoing).
package mail

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"samverkan/internal/jobs"
	"samverkan/internal/store"
)

// Job kinds. Package app enqueues the three outgoing kinds with the
// payload {"case_id":N,"event_id":N}; this package enqueues the others.
const (
	KindPoll            = "mail.poll"                 // periodic: read the mailboxes
	KindInbound         = "mail.inbound"              // {"inbound_mail_id":N}: file a stored message
	KindAcknowledgement = "mail.case_acknowledgement" // a new case was opened
	KindReply           = "mail.case_reply"           // an agent replied on a case
	KindResolved        = "mail.case_resolved"        // a case was resolved
)

// OutgoingKinds are the job kinds that send a letter.
var OutgoingKinds = []string{KindAcknowledgement, KindReply, KindResolved}

// Payload is the payload of an outgoing job.
type Payload struct {
	CaseID  int64 `json:"case_id"`
	EventID int64 `json:"event_id"`
}

// Options are the collaborators of a Service.
type Options struct {
	Log *slog.Logger
	Now func() time.Time
	// Processor files incoming messages; required when mailboxes are
	// configured or Deliver is used.
	Processor Processor
	// Letters tells what to send for an outgoing job; required when SMTP
	// is configured.
	Letters LetterSource
}

// Service is the e-mail adapter over one database.
type Service struct {
	cfg       Config
	db        *store.DB
	log       *slog.Logger
	now       func() time.Time
	processor Processor
	letters   LetterSource
	sender    *Sender
	templates *templates
}

// New validates cfg (every problem at once, as a fault.Invalid error) and
// makes the Service.
func New(cfg Config, db *store.DB, opts Options) (*Service, error) {
	cfg, err := cfg.Validate()
	var errs []error
	if err != nil {
		errs = append(errs, err)
	}
	if cfg.InEnabled() && opts.Processor == nil {
		errs = append(errs, errors.New("mail: mailboxes are configured but no Processor files the messages"))
	}
	if cfg.OutEnabled() && opts.Letters == nil {
		errs = append(errs, errors.New("mail: SMTP is configured but no LetterSource says what to send"))
	}
	t, err := loadTemplates()
	if err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	s := &Service{cfg: cfg, db: db, log: opts.Log, now: opts.Now, processor: opts.Processor,
		letters: opts.Letters, templates: t}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if cfg.OutEnabled() {
		s.sender = NewSender(cfg.SMTP)
	}
	return s, nil
}

// Config is the validated configuration, defaults filled in.
func (s *Service) Config() Config { return s.cfg }

// Register makes the runner poll the mailboxes every PollInterval (once
// across all instances), file stored messages and send outgoing letters
// (or, without SMTP, drop them with a log line).
func (s *Service) Register(r *jobs.Runner) {
	if s.processor != nil {
		r.Handle(KindInbound, s.handleInbound)
	}
	if s.cfg.InEnabled() {
		r.Every(KindPoll, s.cfg.PollInterval, func(ctx context.Context, _ string) error { return s.Poll(ctx) })
	}
	for _, kind := range OutgoingKinds {
		if s.cfg.OutEnabled() {
			r.Handle(kind, s.sendHandler(kind))
			continue
		}
		// Without SMTP the letters are dropped, not kept to go out days
		// late once a server is configured.
		r.Handle(kind, func(context.Context, string) error {
			s.log.Info("e-mail out is not configured: letter not sent", "kind", kind)
			return nil
		})
	}
}
