package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"samverkan/internal/fault"
	"samverkan/internal/governance"
	"samverkan/internal/mail"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// MailNotice is an e-mail notice (not about a case) to send once under
// its kind and key.
type MailNotice struct {
	Kind string // mail.NoticeSurveyInvitation or mail.NoticeContactVerification
	Key  string // names the notice among those of its kind
	mail.Notice
}

// NoticeMailer sends a notice once per kind and key; *mail.Service is
// one. It returns mail.ErrNotConfigured when there is no SMTP server.
type NoticeMailer interface {
	SendNotice(ctx context.Context, kind, key string, n mail.Notice) error
}

// SurveyInvitationJob is the handler of JobSurveyInvitation: it e-mails
// the invitation to the survey through m, once however often it runs.
func (a *App) SurveyInvitationJob(m NoticeMailer) func(ctx context.Context, payload string) error {
	return func(ctx context.Context, payload string) error {
		ns, err := a.SurveyInvitationNotices(ctx, payload)
		if err != nil {
			return err
		}
		return a.sendNotices(ctx, m, JobSurveyInvitation, ns)
	}
}

// ContactVerificationJob is the periodic handler of
// JobContactVerification: it asks the members whose directory is due to
// confirm it (RequestContactVerification, an in-app notification) and
// e-mails the request to their contact persons through m.
func (a *App) ContactVerificationJob(m NoticeMailer) func(ctx context.Context, payload string) error {
	return func(ctx context.Context, _ string) error {
		asked, err := a.RequestContactVerification(ctx)
		if err != nil {
			return err
		}
		if asked > 0 {
			a.log.Info("members asked to confirm their contact directory", "members", asked)
		}
		ns, err := a.ContactVerificationNotices(ctx)
		if err != nil {
			return err
		}
		return a.sendNotices(ctx, m, JobContactVerification, ns)
	}
}

// sendNotices sends each notice, going on past failures so one bad
// address does not hold up the others; a retry skips those already sent.
// Without SMTP it logs that no e-mail went out (the in-app notification
// is there) and returns nil.
func (a *App) sendNotices(ctx context.Context, m NoticeMailer, job string, ns []MailNotice) error {
	var errs []error
	for _, n := range ns {
		err := m.SendNotice(ctx, n.Kind, n.Key, n.Notice)
		if errors.Is(err, mail.ErrNotConfigured) {
			a.log.Info("e-mail out is not configured: no e-mail sent", "job", job, "notices", len(ns))
			return nil
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s %s: %w", n.Kind, n.Key, err))
		}
	}
	return errors.Join(errs...)
}

// SurveyInvitationNotices turns a JobSurveyInvitation payload into the
// e-mail that invites the person to the survey: none when the invitation
// is gone or already answered.
func (a *App) SurveyInvitationNotices(ctx context.Context, payload string) ([]MailNotice, error) {
	var p struct {
		InvitationID int64 `json:"invitation_id"`
	}
	if err := json.Unmarshal([]byte(payload), &p); err != nil || p.InvitationID == 0 {
		return nil, fmt.Errorf("bad payload %q", payload)
	}
	sn, err := a.SurveyNotice(ctx, p.InvitationID)
	if fe, ok := fault.As(err); ok && fe.Kind == fault.NotFound {
		a.log.Info("no mail to send: the survey invitation is gone", "invitation", p.InvitationID)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if sn.Answered {
		return nil, nil
	}
	centre, err := a.Centre(ctx)
	if err != nil {
		return nil, err
	}
	return []MailNotice{{Kind: mail.NoticeSurveyInvitation, Key: fmt.Sprintf("invitation-%d", sn.InvitationID),
		Notice: mail.Notice{To: mail.Address{Name: sn.Name, Email: sn.Email}, Language: sn.Language,
			CentreName: centre.Name, Path: sn.Path, Meeting: sn.MeetingTitle, MeetingAt: sn.StartsAt.In(centreZone(centre))}}}, nil
}

// ContactVerificationNotices lists the e-mails asking contact persons to
// confirm their member's contact directory: one to each active recipient
// of this month's request (RequestContactVerification: the people in the
// directory and the member's contact persons) while the directory still
// needs confirming. The key names member, person and month, so each goes
// out once however often the job runs.
func (a *App) ContactVerificationNotices(ctx context.Context) ([]MailNotice, error) {
	now := a.now()
	period := now.UTC().Format("2006-01")
	centre, err := a.Centre(ctx)
	if err != nil {
		return nil, err
	}
	zone := centreZone(centre)
	q := a.db.Read()
	members, err := q.ListMembers(ctx, store.MemberFilter{})
	if err != nil {
		return nil, err
	}
	var out []MailNotice
	for _, m := range members {
		asked, err := q.VerificationRequested(ctx, m.ID, period)
		if err != nil {
			return nil, err
		}
		if !asked {
			continue
		}
		cs, err := q.ListContacts(ctx, store.ContactFilter{MemberID: m.ID})
		if err != nil {
			return nil, err
		}
		due := len(cs) == 0
		var entries []mail.NoticeEntry
		var recipients []int64
		for _, c := range cs {
			if c.VerifiedAt.IsZero() || c.VerifiedAt.Before(now.AddDate(0, -(governance.VerifyEvery-1), 0)) {
				due = true
			}
			e := mail.NoticeEntry{Level: string(c.Level), Title: c.Title}
			if !c.VerifiedAt.IsZero() {
				e.VerifiedAt = c.VerifiedAt.In(zone)
			}
			if p, err := q.GetPerson(ctx, c.PersonID); err == nil {
				e.Name, e.Email, e.Phone = p.Name, p.Email, p.Phone
			}
			if c.DeputyID != 0 {
				if p, err := q.GetPerson(ctx, c.DeputyID); err == nil {
					e.Deputy = p.Name
				}
			}
			entries = append(entries, e)
			recipients = append(recipients, c.PersonID)
		}
		if !due {
			continue
		}
		contacts, err := q.ListPeople(ctx, store.PersonFilter{MemberID: m.ID, Role: org.Contact})
		if err != nil {
			return nil, err
		}
		for _, p := range contacts {
			recipients = append(recipients, p.ID)
		}
		seen := map[int64]bool{}
		for _, id := range recipients {
			if seen[id] {
				continue
			}
			seen[id] = true
			p, err := q.GetPerson(ctx, id)
			if err != nil || !p.Active {
				continue
			}
			lang := p.Language
			if lang == "" {
				lang = centre.Language
			}
			out = append(out, MailNotice{Kind: mail.NoticeContactVerification,
				Key: fmt.Sprintf("member-%d.person-%d.%s", m.ID, p.ID, period),
				Notice: mail.Notice{To: mail.Address{Name: p.Name, Email: p.Email}, Language: lang, CentreName: centre.Name,
					Path: "/contacts", Member: m.Name, Entries: entries}})
		}
	}
	return out, nil
}

// centreZone is the centre's time zone, UTC when it cannot be loaded.
func centreZone(c org.Centre) *time.Location {
	if loc, err := time.LoadLocation(c.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}
