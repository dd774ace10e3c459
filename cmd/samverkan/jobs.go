package main

import (
	"context"
	"log/slog"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/jobs"
	"samverkan/internal/mail"
	"samverkan/internal/store"
)

// newRunner registers every background job Samverkan has. The runner of
// each instance takes due jobs from the database; periodic jobs are
// enqueued once per interval across all instances. mailer sends the
// e-mail notices (without SMTP the jobs log that no e-mail was sent).
func newRunner(db *store.DB, a *app.App, mailer *mail.Service, log *slog.Logger) *jobs.Runner {
	r := jobs.NewRunner(db, log, nil)
	r.Handle(app.JobSurveyInvitation, a.SurveyInvitationJob(mailer))
	r.Every(app.JobContactVerification, 24*time.Hour, a.ContactVerificationJob(mailer))
	r.Handle(app.JobRecomputeSLA, func(ctx context.Context, _ string) error {
		start := time.Now()
		n, err := a.RecomputeAllSLA(ctx, nil)
		log.Info("SLA clocks recomputed", "cases", n, "took", time.Since(start).Round(time.Millisecond))
		return err
	})
	r.Every("sla.check", time.Minute, func(ctx context.Context, _ string) error {
		n, err := a.CheckSLAAlerts(ctx)
		if n > 0 {
			log.Info("SLA clocks checked", "cases", n)
		}
		return err
	})
	r.Every("cases.autoclose", time.Hour, func(ctx context.Context, _ string) error {
		n, err := a.AutoCloseResolved(ctx, app.SystemActor("auto-close"), 500)
		if n > 0 {
			log.Info("resolved cases closed", "cases", n)
		}
		return err
	})
	r.Every(app.JobAgreementRevisions, 24*time.Hour, func(ctx context.Context, _ string) error {
		_, err := a.RemindAgreementRevisions(ctx)
		return err
	})
	r.Every("housekeeping", time.Hour, func(ctx context.Context, _ string) error {
		return a.PruneExpired(ctx)
	})
	return r
}
