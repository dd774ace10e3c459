package app

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"samverkan/internal/fault"
	"samverkan/internal/governance"
	"samverkan/internal/store"
)

// JobSurveyInvitation is the job enqueued for every survey invitation,
// with payload {"invitation_id": N}: its handler e-mails the person a link
// to the survey in the portal (SurveyNotice says what to send).
const JobSurveyInvitation = "governance.survey_invitation"

// sendSurvey asks a share of a held meeting's member-side participants,
// chosen at random, for their view of it: those present, or when no one's
// attendance was recorded, everyone invited.
func (a *App) sendSurvey(ctx context.Context, q *store.Queries, m governance.Meeting, f governance.Forum) error {
	if f.SurveyPercent <= 0 {
		return nil
	}
	var pool []int64
	att, err := q.Attendance(ctx, m.ID)
	if err != nil {
		return err
	}
	for _, at := range att {
		if at.MemberID != 0 && at.Status == governance.Present {
			pool = append(pool, at.PersonID)
		}
	}
	if len(att) == 0 {
		ps, err := invitees(ctx, q, m, f)
		if err != nil {
			return err
		}
		for _, p := range ps {
			if !p.IsCentre() {
				pool = append(pool, p.ID)
			}
		}
	}
	rand.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	for _, id := range pool[:governance.SurveySize(len(pool), f.SurveyPercent)] {
		inv, inserted, err := q.CreateSurveyInvitation(ctx, m.ID, id, a.now())
		if err != nil || !inserted {
			return err
		}
		link := fmt.Sprintf("/surveys/%d", inv.ID)
		if err := q.CreateLinkedNotification(ctx, store.Notification{PersonID: id, Kind: "governance_survey",
			Message: "How was the meeting? " + m.Title, CreatedAt: a.now()}, link); err != nil {
			return err
		}
		if _, err := q.EnqueueJob(ctx, store.Job{Kind: JobSurveyInvitation, Payload: fmt.Sprintf(`{"invitation_id":%d}`, inv.ID),
			UniqueKey: fmt.Sprintf("%s:%d", JobSurveyInvitation, inv.ID)}, a.now()); err != nil {
			return err
		}
	}
	return nil
}

// SurveyNotice is what to e-mail about one survey invitation.
type SurveyNotice struct {
	InvitationID int64
	Name, Email  string
	Language     string
	MeetingTitle string
	StartsAt     time.Time
	Path         string // the survey's page in the portal, e.g. /surveys/12
	Answered     bool
}

// SurveyNotice tells the mailer what to send for JobSurveyInvitation.
func (a *App) SurveyNotice(ctx context.Context, invitationID int64) (SurveyNotice, error) {
	q := a.db.Read()
	inv, err := q.GetSurveyInvitation(ctx, invitationID)
	if err != nil {
		return SurveyNotice{}, notFound(err, "survey")
	}
	p, err := q.GetPerson(ctx, inv.PersonID)
	if err != nil {
		return SurveyNotice{}, err
	}
	m, err := q.GetMeeting(ctx, inv.MeetingID)
	if err != nil {
		return SurveyNotice{}, err
	}
	lang := p.Language
	if lang == "" {
		c, err := a.Centre(ctx)
		if err != nil {
			return SurveyNotice{}, err
		}
		lang = c.Language
	}
	return SurveyNotice{InvitationID: inv.ID, Name: p.Name, Email: p.Email, Language: lang, MeetingTitle: m.Title,
		StartsAt: m.StartsAt, Path: fmt.Sprintf("/surveys/%d", inv.ID), Answered: !inv.AnsweredAt.IsZero()}, nil
}

// SurveyView is an invitation with its meeting.
type SurveyView struct {
	store.SurveyInvitation
	MeetingTitle string
	StartsAt     time.Time
}

// MySurveys lists the surveys the actor was asked, newest first.
func (a *App) MySurveys(ctx context.Context, by Actor) ([]SurveyView, error) {
	if by.PersonID == 0 {
		return nil, fault.New(fault.Unauthenticated, "sign in first")
	}
	q := a.db.Read()
	invs, err := q.ListSurveyInvitations(ctx, store.SurveyFilter{PersonID: by.PersonID})
	if err != nil {
		return nil, err
	}
	out := make([]SurveyView, 0, len(invs))
	for _, inv := range invs {
		m, err := q.GetMeeting(ctx, inv.MeetingID)
		if err != nil {
			return nil, err
		}
		out = append(out, SurveyView{SurveyInvitation: inv, MeetingTitle: m.Title, StartsAt: m.StartsAt})
	}
	return out, nil
}

// Survey reads one of the actor's own survey invitations.
func (a *App) Survey(ctx context.Context, by Actor, id int64) (SurveyView, error) {
	q := a.db.Read()
	inv, err := q.GetSurveyInvitation(ctx, id)
	if err != nil || inv.PersonID != by.PersonID || by.PersonID == 0 {
		return SurveyView{}, fault.NotFoundf("survey not found")
	}
	m, err := q.GetMeeting(ctx, inv.MeetingID)
	if err != nil {
		return SurveyView{}, err
	}
	return SurveyView{SurveyInvitation: inv, MeetingTitle: m.Title, StartsAt: m.StartsAt}, nil
}

// AnswerSurvey records the actor's answer to their survey, once.
func (a *App) AnswerSurvey(ctx context.Context, by Actor, id int64, score int, comment string) error {
	comment = strings.TrimSpace(comment)
	if err := governance.CheckScore(score, comment); err != nil {
		return err
	}
	return a.db.InTx(ctx, func(q *store.Queries) error {
		inv, err := q.GetSurveyInvitation(ctx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && (inv.PersonID != by.PersonID || by.PersonID == 0)) {
			return fault.NotFoundf("survey not found")
		}
		if err != nil {
			return err
		}
		if !inv.AnsweredAt.IsZero() {
			return fault.Conflictf("you have answered this survey already")
		}
		if err := q.AnswerSurvey(ctx, id, score, comment, a.now()); err != nil {
			return err
		}
		return a.audit(ctx, q, by, by.MemberID, "survey", id, "answer", nil, map[string]any{"score": score})
	})
}

// SurveyResult is how one meeting was judged.
type SurveyResult struct {
	MeetingID int64
	Title     string
	StartsAt  time.Time
	Invited   int
	Answered  int
	Average   float64 // 0 when no one answered
	Comments  []string
}

// SurveySummary is a forum's survey results over time, oldest first.
type SurveySummary struct {
	Forum    governance.Forum
	Meetings []SurveyResult
	Invited  int
	Answered int
	Average  float64
}

// SurveyResults summarises the surveys of a forum's meetings (centre).
func (a *App) SurveyResults(ctx context.Context, by Actor, forumID int64) (SurveySummary, error) {
	if err := by.require(ViewGovernance); err != nil {
		return SurveySummary{}, err
	}
	q := a.db.Read()
	f, err := q.GetForum(ctx, forumID)
	if err != nil {
		return SurveySummary{}, notFound(err, "forum")
	}
	s := SurveySummary{Forum: f}
	invs, err := q.ListSurveyInvitations(ctx, store.SurveyFilter{ForumID: forumID})
	if err != nil {
		return s, err
	}
	byMeeting := map[int64]*SurveyResult{}
	var order []int64
	total := 0
	for i := len(invs) - 1; i >= 0; i-- {
		inv := invs[i]
		r, ok := byMeeting[inv.MeetingID]
		if !ok {
			m, err := q.GetMeeting(ctx, inv.MeetingID)
			if err != nil {
				return s, err
			}
			r = &SurveyResult{MeetingID: m.ID, Title: m.Title, StartsAt: m.StartsAt}
			byMeeting[m.ID] = r
			order = append(order, m.ID)
		}
		r.Invited++
		if !inv.AnsweredAt.IsZero() {
			r.Answered++
			r.Average += float64(inv.Score)
			total += inv.Score
			if inv.Comment != "" {
				r.Comments = append(r.Comments, inv.Comment)
			}
		}
	}
	for _, id := range order {
		r := byMeeting[id]
		if r.Answered > 0 {
			r.Average /= float64(r.Answered)
		}
		s.Invited += r.Invited
		s.Answered += r.Answered
		s.Meetings = append(s.Meetings, *r)
	}
	if s.Answered > 0 {
		s.Average = float64(total) / float64(s.Answered)
	}
	slices.SortStableFunc(s.Meetings, func(x, y SurveyResult) int { return x.StartsAt.Compare(y.StartsAt) })
	return s, nil
}
