package app

import (
	"context"
	"slices"
	"strings"
	"time"

	"samverkan/internal/governance"
	"samverkan/internal/store"
)

// ForumCompliance is how one forum kept its cadence in a year.
type ForumCompliance struct {
	Forum governance.Forum
	governance.Compliance
	NextMeeting governance.Meeting // the next planned meeting, zero when none
}

// Compliance judges every forum the actor sees for a year (0: this year),
// as of now: meetings held against the cadence, the next one due, agendas
// and minutes out in time. Forums behind come first.
func (a *App) Compliance(ctx context.Context, by Actor, year int) ([]ForumCompliance, error) {
	forums, err := a.AllForums(ctx, by)
	if err != nil {
		return nil, err
	}
	return a.assess(ctx, forums, year)
}

// ForumComplianceOf judges one forum for a year (0: this year).
func (a *App) ForumComplianceOf(ctx context.Context, by Actor, forumID int64, year int) (ForumCompliance, error) {
	f, err := a.Forum(ctx, by, forumID)
	if err != nil {
		return ForumCompliance{}, err
	}
	out, err := a.assess(ctx, []governance.Forum{f}, year)
	if err != nil {
		return ForumCompliance{}, err
	}
	return out[0], nil
}

func (a *App) assess(ctx context.Context, forums []governance.Forum, year int) ([]ForumCompliance, error) {
	now := a.localNow(ctx)
	if year == 0 {
		year = now.Year()
	}
	cal, err := a.CentreCalendar(ctx)
	if err != nil {
		return nil, err
	}
	q := a.db.Read()
	ids := make([]int64, len(forums))
	for i, f := range forums {
		ids[i] = f.ID
	}
	ms, err := q.ListMeetings(ctx, store.MeetingFilter{ForumIDs: ids,
		From: time.Date(year-1, 1, 1, 0, 0, 0, 0, now.Location()), To: time.Date(year+2, 1, 1, 0, 0, 0, 0, now.Location())})
	if err != nil {
		return nil, err
	}
	byForum := map[int64][]governance.Meeting{}
	for _, m := range ms {
		byForum[m.ForumID] = append(byForum[m.ForumID], m)
	}
	out := make([]ForumCompliance, 0, len(forums))
	for _, f := range forums {
		facts := make([]governance.MeetingFacts, len(byForum[f.ID]))
		fc := ForumCompliance{Forum: f}
		for i, m := range byForum[f.ID] {
			facts[i] = m.Facts()
			if m.Status == governance.Planned && m.StartsAt.After(now) && fc.NextMeeting.ID == 0 {
				fc.NextMeeting = m
			}
		}
		fc.Compliance = governance.Assess(f, facts, year, now, cal)
		if !f.Active {
			fc.Behind = false
		}
		out = append(out, fc)
	}
	// Forums behind first, then those with the most late papers, by name.
	slices.SortStableFunc(out, func(x, y ForumCompliance) int {
		switch {
		case x.Behind != y.Behind:
			return cmpBool(y.Behind, x.Behind)
		case x.Late() != y.Late():
			return y.Late() - x.Late()
		}
		return strings.Compare(x.Forum.Name, y.Forum.Name)
	})
	return out, nil
}
