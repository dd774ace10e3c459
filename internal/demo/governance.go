package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/calendar"
	"samverkan/internal/governance"
	"samverkan/internal/org"
)

// history records the past as it happened: every use case runs with the
// clock set to when the step took place.
type history struct {
	l   *loader
	rnd *rand.Rand // its own, so the data loaded after it stays the same
	at  time.Time
	a   *app.App
	cal *calendar.Calendar
	// contacts of each member by level, and the centre's staff.
	contacts map[int64]map[org.Level][]org.Person
	staff    []org.Person
}

// governance creates the collaboration model of the demo centre: the
// default forums started a year ago, the contact directory, a year of
// meetings with agendas, minutes, attendance, decisions, action items and
// survey answers, upcoming meetings, a few escalations in flight, and one
// forum (the user group) behind its cadence.
func (l *loader) governance() error {
	h := &history{l: l, rnd: rand.New(rand.NewPCG(2026, 6)), contacts: map[int64]map[org.Level][]org.Person{}}
	h.a = l.a.At(func() time.Time { return h.at })
	now := l.a.Now()
	var err error
	if h.cal, err = l.a.CentreCalendar(l.ctx); err != nil {
		return err
	}
	people, err := collectPeople(l, app.PersonQuery{Role: org.Contact})
	if err != nil {
		return err
	}
	for _, p := range people {
		for _, g := range p.Grants {
			if g.Role == org.Contact {
				if h.contacts[p.MemberID] == nil {
					h.contacts[p.MemberID] = map[org.Level][]org.Person{}
				}
				h.contacts[p.MemberID][g.Level] = append(h.contacts[p.MemberID][g.Level], p)
			}
		}
	}
	if h.staff, err = collectPeople(l, app.PersonQuery{CentreOnly: true}); err != nil {
		return err
	}
	convenor := h.staff[0] // the head of the centre
	start := governance.Day(now.AddDate(-1, 0, 0))
	h.at = now.AddDate(-1, 0, -1)
	forums, err := h.a.CreateDefaultForums(l.ctx, l.sys, convenor.ID, start)
	if err != nil {
		return err
	}
	if err := h.directory(now); err != nil {
		return err
	}
	for i, f := range forums {
		if err := h.forumYear(f, start, now); err != nil {
			return fmt.Errorf("forum %s: %w", f.Name, err)
		}
		fmt.Fprintf(l.out, "  forums %d/%d\r", i+1, len(forums))
	}
	fmt.Fprintln(l.out)
	return h.escalations(forums, now)
}

func collectPeople(l *loader, pq app.PersonQuery) ([]org.Person, error) {
	var out []org.Person
	pq.Limit = 200
	for {
		p, err := l.a.ListPeople(l.ctx, l.sys, pq)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Items...)
		if p.NextCursor == "" {
			return out, nil
		}
		pq.Cursor = p.NextCursor
	}
}

var contactTitles = map[org.Level]string{org.Strategic: "HR-direktör", org.Tactical: "Lönechef", org.Operational: "Lönehandläggare"}

// directory lists every member's contact persons; most members confirmed
// their entries during the year, two have entries overdue.
func (h *history) directory(now time.Time) error {
	for _, m := range h.l.members {
		byLevel := h.contacts[m.ID]
		for _, level := range org.Levels {
			ps := byLevel[level]
			for i, p := range ps {
				c := governance.Contact{MemberID: m.ID, Level: level, PersonID: p.ID, Title: contactTitles[level]}
				if level == org.Operational && len(ps) > 1 {
					c.DeputyID = ps[(i+1)%len(ps)].ID
				}
				if _, err := h.a.SaveContact(h.l.ctx, h.l.sys, c); err != nil {
					return err
				}
			}
		}
		switch m.Name {
		case "Svalövs kommun", "Nordvästra Skånes Renhållning AB":
			continue // never confirmed: flagged
		}
		h.at = now.AddDate(0, -1-h.rnd.IntN(9), -h.rnd.IntN(20))
		if _, err := h.a.VerifyContacts(h.l.ctx, h.l.sys, m.ID); err != nil {
			return err
		}
	}
	return nil
}

// openDay moves t to the same time on the next open day if t's is closed.
func (h *history) openDay(t time.Time) time.Time {
	for i := 0; i < 10 && h.cal.HoursOn(calendar.DateOf(t.In(h.cal.Location()))).Closed(); i++ {
		t = t.AddDate(0, 0, 1)
	}
	return t
}

// meetingDays spreads a year of meetings over the forum's cadence, and
// two more in the coming weeks. The user group stopped meeting in the
// summer: it is the forum behind its cadence.
func (h *history) meetingDays(f governance.Forum, start, now time.Time) []time.Time {
	var step func(time.Time) time.Time
	switch f.Cadence.Kind {
	case governance.EveryWeeks:
		step = func(t time.Time) time.Time { return t.AddDate(0, 0, 7*f.Cadence.N-3) }
	case governance.Monthly:
		step = func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
	case governance.Quarterly:
		step = func(t time.Time) time.Time { return t.AddDate(0, 3, -2) }
	default:
		step = func(t time.Time) time.Time { return t.AddDate(0, 0, 365/f.Cadence.N-10) }
	}
	loc := h.cal.Location()
	t := time.Date(start.Year(), start.Month(), start.Day(), 10, 0, 0, 0, loc).AddDate(0, 0, 14+int(f.ID%10))
	var out []time.Time
	stop := now.AddDate(0, 0, 40)
	if strings.HasPrefix(f.Name, "Användargrupp") {
		stop = now.AddDate(0, -5, 0)
	}
	for ; t.Before(stop); t = step(t) {
		out = append(out, h.openDay(t))
	}
	return out
}

var agendaTopics = map[org.Level][]string{
	org.Strategic:   {"Verksamhetsplan och budget", "Avgifter och prismodell", "Samverkansavtalets uppföljning", "Digitaliseringsplan"},
	org.Tactical:    {"Servicenivåer och kvartalsrapport", "Beställningar och ändringar", "Leveransbrister och åtgärder", "Tidplan för lönekörningar"},
	org.Operational: {"Underlag till lönekörningen", "Frågor från chefer", "Rättelser och återkrav", "Systemuppdatering och behörigheter"},
}

// forumYear holds the forum's year of meetings.
func (h *history) forumYear(f governance.Forum, start, now time.Time) error {
	for i, day := range h.meetingDays(f, start, now) {
		if err := h.meeting(f, i, day, now); err != nil {
			return err
		}
	}
	return nil
}

func (h *history) meeting(f governance.Forum, n int, startsAt, now time.Time) error {
	ctx, sys, rnd := h.l.ctx, h.l.sys, h.rnd
	h.at = startsAt.AddDate(0, 0, -30)
	m, err := h.a.ScheduleMeeting(ctx, sys, governance.Meeting{ForumID: f.ID, StartsAt: startsAt, EndsAt: startsAt.Add(2 * time.Hour),
		Title: fmt.Sprintf("%s %s", f.Name, startsAt.Format("2006-01-02")), Location: "HR-servicecenter, Bruksgatan 2, Helsingborg"})
	if err != nil {
		return err
	}
	topics := agendaTopics[f.Level]
	for k := range 2 {
		if _, err := h.a.AddAgendaItem(ctx, sys, governance.AgendaItem{MeetingID: m.ID, Title: topics[(n+k)%len(topics)]}); err != nil {
			return err
		}
	}
	if startsAt.After(now) {
		if startsAt.Before(now.AddDate(0, 0, 14)) {
			h.at = now.AddDate(0, 0, -1)
			_, err = h.a.PublishAgenda(ctx, sys, m.ID)
		}
		return err
	}
	lead := 7 // days the agenda was out before the meeting
	if n%5 == 4 {
		lead = 1 // now and then late
	}
	h.at = startsAt.AddDate(0, 0, -lead)
	if _, err := h.a.PublishAgenda(ctx, sys, m.ID); err != nil {
		return err
	}
	h.at = startsAt.Add(3 * time.Hour)
	people, err := h.a.MeetingInvitees(ctx, sys, m.ID)
	if err != nil {
		return err
	}
	var att []app.AttendanceInput
	for _, p := range people {
		st := governance.Present
		if rnd.IntN(6) == 0 {
			st = governance.Excused
		}
		att = append(att, app.AttendanceInput{PersonID: p.ID, Status: st})
	}
	if _, err := h.a.RecordAttendance(ctx, sys, m.ID, att); err != nil {
		return err
	}
	// Earlier action items get done, except the latest one or two.
	if err := h.closeOldActions(f, m.ID, startsAt); err != nil {
		return err
	}
	d, err := h.a.RecordDecision(ctx, sys, governance.Decision{MeetingID: m.ID,
		Title: "Beslut om " + strings.ToLower(topics[n%len(topics)]),
		Body:  "Mötet ställde sig bakom förslaget. Centret återrapporterar vid nästa möte."})
	if err != nil {
		return err
	}
	owner := h.actionOwner(f, m, n)
	if owner != 0 {
		if _, err := h.a.AddActionItem(ctx, sys, governance.ActionItem{MeetingID: m.ID, DecisionID: d.ID, OwnerID: owner,
			Title: "Återkoppla om " + strings.ToLower(topics[(n+1)%len(topics)]), DueOn: governance.Day(startsAt.AddDate(0, 0, 28))}); err != nil {
			return err
		}
	}
	if _, err := h.a.SaveMinutes(ctx, sys, m.ID, fmt.Sprintf("Närvarande enligt närvarolistan.\n\n1. %s: genomgång och frågor.\n2. %s: beslut enligt beslutsregistret.",
		topics[n%len(topics)], topics[(n+1)%len(topics)])); err != nil {
		return err
	}
	lag := 3
	if n%4 == 3 {
		lag = 12 // late minutes
	}
	h.at = h.openDay(startsAt.AddDate(0, 0, lag))
	if _, err := h.a.PublishMinutes(ctx, sys, m.ID); err != nil {
		return err
	}
	return h.answerSurveys(m.ID)
}

// actionOwner picks who does the meeting's action item: a member contact
// on the forum's level, or every third time someone at the centre.
func (h *history) actionOwner(f governance.Forum, m governance.Meeting, n int) int64 {
	if n%3 == 2 || m.MemberID == 0 {
		return h.staff[n%len(h.staff)].ID
	}
	if ps := h.contacts[m.MemberID][f.Level]; len(ps) > 0 {
		return ps[n%len(ps)].ID
	}
	return h.staff[0].ID
}

// closeOldActions marks the forum's action items older than the previous
// meeting done.
func (h *history) closeOldActions(f governance.Forum, meetingID int64, before time.Time) error {
	items, err := h.a.ListActionItems(h.l.ctx, h.l.sys, app.ActionQuery{ForumID: f.ID, OpenOnly: true, PageRequest: app.PageRequest{Limit: 200}})
	if err != nil {
		return err
	}
	for _, it := range items.Items {
		if it.MeetingID == meetingID || it.DueOn.After(before) || h.rnd.IntN(4) == 0 {
			continue
		}
		if _, err := h.a.UpdateActionItem(h.l.ctx, h.l.sys, it.ID, app.ActionUpdate{Status: governance.Done, Progress: "Klart; redovisat på mötet."}); err != nil {
			return err
		}
	}
	return nil
}

// answerSurveys lets most of those asked answer, signed in as themselves.
func (h *history) answerSurveys(meetingID int64) error {
	ctx := h.l.ctx
	att, err := h.a.MeetingInvitees(ctx, h.l.sys, meetingID)
	if err != nil {
		return err
	}
	for _, p := range att {
		if p.IsCentre() || h.rnd.IntN(10) < 3 {
			continue
		}
		token, err := h.a.SignInVerified(ctx, p.Email)
		if err != nil {
			return err
		}
		by, err := h.a.SessionActor(ctx, token)
		if err != nil {
			return err
		}
		mine, err := h.a.MySurveys(ctx, by)
		if err != nil {
			return err
		}
		for _, s := range mine {
			if s.MeetingID == meetingID && s.AnsweredAt.IsZero() {
				if err := h.a.AnswerSurvey(ctx, by, s.ID, 3+h.rnd.IntN(3), ""); err != nil {
					return err
				}
			}
		}
		if err := h.a.SignOut(ctx, by, token); err != nil {
			return err
		}
	}
	return nil
}

// escalations leaves a few items in flight: Helsingborg's from an
// operational partner visit up to tactical (on the next quarterly
// meeting), Åstorp's straight to the strategic level, and an operational
// one at Höganäs.
func (h *history) escalations(forums []governance.Forum, now time.Time) error {
	h.at = now.Add(-2 * time.Hour)
	byName := map[string]governance.Forum{}
	for _, f := range forums {
		byName[f.Name] = f
	}
	steps := []struct {
		forum  string
		levels []org.Level
		reason string
	}{
		{"Partnerbesök – Helsingborgs stad", []org.Level{"", ""}, "Underlagen kommer fortfarande in sent; frågan behöver lösas på taktisk nivå."},
		{"Kvartalsmöte – Åstorps kommun", []org.Level{org.Strategic}, "Avgiftsfrågan kan inte avgöras utan ägarnas ställningstagande."},
		{"Partnerbesök – Höganäs kommun", []org.Level{""}, "Återkommande rättelser i OB-ersättningen."},
	}
	for _, s := range steps {
		f, ok := byName[s.forum]
		if !ok {
			continue
		}
		ms, err := h.a.ListMeetings(h.l.ctx, h.l.sys, app.MeetingQuery{ForumID: f.ID, Status: governance.Held, Newest: true, PageRequest: app.PageRequest{Limit: 1}})
		if err != nil || len(ms.Items) == 0 {
			return err
		}
		d, err := h.a.Meeting(h.l.ctx, h.l.sys, ms.Items[0].ID)
		if err != nil || len(d.Agenda) == 0 {
			return err
		}
		for _, level := range s.levels {
			if _, err := h.a.Escalate(h.l.ctx, h.l.sys, app.EscalationInput{Source: governance.FromMeetingItem, SourceID: d.Agenda[0].ID,
				Level: level, Reason: s.reason}); err != nil {
				return err
			}
		}
	}
	return nil
}
