package app

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// Job kinds that case use cases enqueue, in the transaction of the change.
// The payload of the mail jobs is CaseMailPayload as JSON.
const (
	// JobCaseAcknowledgement: a new case from a member-side person; tell
	// them it arrived and its registration number.
	JobCaseAcknowledgement = "mail.case_acknowledgement"
	// JobCaseReply: an external reply to send to the requester.
	JobCaseReply = "mail.case_reply"
	// JobCaseResolved: the case was resolved; tell the requester.
	JobCaseResolved = "mail.case_resolved"
	// JobCaseAutoClose is the periodic job that closes cases resolved
	// longer ago than the reopen period (see AutoCloseResolved).
	JobCaseAutoClose = "cases.autoclose"
)

// CaseMailPayload is the payload of the mail jobs: the case and the
// timeline event (opening message, reply or status change) to tell about.
type CaseMailPayload struct {
	CaseID  int64 `json:"case_id"`
	EventID int64 `json:"event_id"`
}

// enqueueCaseMail adds a mail job; the unique key makes a retried
// transaction or a second call harmless.
func enqueueCaseMail(ctx context.Context, q *store.Queries, kind string, caseID, eventID int64, now time.Time) error {
	b, _ := json.Marshal(CaseMailPayload{CaseID: caseID, EventID: eventID})
	_, err := q.EnqueueJob(ctx, store.Job{Kind: kind, Payload: string(b),
		UniqueKey: kind + ":" + strconv.FormatInt(caseID, 10) + ":" + strconv.FormatInt(eventID, 10)}, now)
	return err
}

type backfillKey struct{}

// Backfill returns a context in which the case use cases record history as
// of at instead of now and send no e-mail: for loading demo data and for
// importing cases from an older system. It is never used on a request path.
func Backfill(ctx context.Context, at time.Time) context.Context {
	return context.WithValue(ctx, backfillKey{}, at)
}

// caseNow is the instant a case change is recorded at, and whether it is
// a backfill (no e-mail).
func (a *App) caseNow(ctx context.Context) (time.Time, bool) {
	if at, ok := ctx.Value(backfillKey{}).(time.Time); ok && !at.IsZero() {
		return at.UTC().Truncate(time.Microsecond), true
	}
	return a.now().UTC().Truncate(time.Microsecond), false
}

// CaseSettings are the installation's settings of cases.
type CaseSettings struct {
	// Prefix goes in front of registration numbers: HRSC2026-000123.
	Prefix string
	// FirstLineTeamID gets new cases no routing rule matches (0: the team
	// named "Första linjen", if there is one).
	FirstLineTeamID int64
	// ReopenDays: a member's reply within this many days of resolution
	// reopens a case; later, it opens a new linked case.
	ReopenDays int
	// AttachmentMaxBytes limits the size of one attachment.
	AttachmentMaxBytes int64
}

type caseConfig struct {
	prefix        string
	firstLine     int64
	reopenDays    int
	maxAttachment int64
}

// caseConfig reads the case settings with their defaults.
func (a *App) caseConfig(ctx context.Context, q *store.Queries) (caseConfig, error) {
	return a.caseConfigWith(ctx, q, nil)
}

// caseConfigWith reads the settings and takes the default team from snap
// if given. (Opening a case takes them from the case cache, which a change
// of the settings clears.)
func (a *App) caseConfigWith(ctx context.Context, q *store.Queries, snap *caseSnapshot) (caseConfig, error) {
	m, err := q.Settings(ctx, SettingCasePrefix, SettingFirstLineTeam, SettingReopenDays, SettingAttachmentMax)
	if err != nil {
		return caseConfig{}, err
	}
	cfg := caseConfig{prefix: m[SettingCasePrefix], reopenDays: cases.DefaultReopenDays, maxAttachment: DefaultAttachmentMax}
	if n, err := strconv.Atoi(m[SettingReopenDays]); err == nil && n >= 0 {
		cfg.reopenDays = n
	}
	if n, err := strconv.ParseInt(m[SettingAttachmentMax], 10, 64); err == nil && n > 0 {
		cfg.maxAttachment = n
	}
	if n, err := strconv.ParseInt(m[SettingFirstLineTeam], 10, 64); err == nil && n > 0 {
		cfg.firstLine = n
	} else if snap != nil {
		cfg.firstLine = snap.firstLine
	} else {
		id, err := q.TeamByName(ctx, FirstLineTeamName)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return cfg, err
		}
		cfg.firstLine = id
	}
	return cfg, nil
}

// CaseSettings reads the case settings (centre staff).
func (a *App) CaseSettings(ctx context.Context, by Actor) (CaseSettings, error) {
	if err := by.require(WorkCases); err != nil {
		return CaseSettings{}, err
	}
	cfg, err := a.caseConfig(ctx, a.db.Read())
	return CaseSettings{Prefix: cfg.prefix, FirstLineTeamID: cfg.firstLine, ReopenDays: cfg.reopenDays,
		AttachmentMaxBytes: cfg.maxAttachment}, err
}

// UpdateCaseSettings changes the case settings (admins). Registration
// numbers already given keep their prefix.
func (a *App) UpdateCaseSettings(ctx context.Context, by Actor, s CaseSettings) (CaseSettings, error) {
	if err := by.require(ManageRouting); err != nil {
		return s, err
	}
	var fs fault.Fields
	if !cases.ValidPrefix(s.Prefix) {
		fs.Add("prefix", "case_prefix", "the prefix is a capital letter and up to nine more capital letters, digits or hyphens")
	}
	if s.ReopenDays < 0 || s.ReopenDays > 365 {
		fs.Add("reopen_days", "range", "between 0 and 365 days")
	}
	if s.AttachmentMaxBytes < 1024 || s.AttachmentMaxBytes > 100<<20 {
		fs.Add("attachment_max_bytes", "range", "between 1 KiB and 100 MiB")
	}
	err := a.db.InTx(ctx, func(q *store.Queries) error {
		if s.FirstLineTeamID != 0 {
			if _, err := q.GetTeam(ctx, s.FirstLineTeamID); errors.Is(err, store.ErrNotFound) {
				fs.Add("first_line_team_id", "team_unknown", "there is no team with this id")
			} else if err != nil {
				return err
			}
		}
		if err := fs.Err(); err != nil {
			return err
		}
		before, err := a.caseConfig(ctx, q)
		if err != nil {
			return err
		}
		team := ""
		if s.FirstLineTeamID != 0 {
			team = strconv.FormatInt(s.FirstLineTeamID, 10)
		}
		for k, v := range map[string]string{SettingCasePrefix: s.Prefix, SettingFirstLineTeam: team,
			SettingReopenDays: strconv.Itoa(s.ReopenDays), SettingAttachmentMax: strconv.FormatInt(s.AttachmentMaxBytes, 10)} {
			if err := q.PutSetting(ctx, k, v); err != nil {
				return err
			}
		}
		return a.audit(ctx, q, by, 0, "case_settings", 0, "update",
			CaseSettings{before.prefix, before.firstLine, before.reopenDays, before.maxAttachment}, s)
	})
	a.forgetCases()
	return s, err
}
