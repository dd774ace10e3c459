package governance

import (
	"strings"
	"testing"
	"time"

	"samverkan/internal/calendar"
	"samverkan/internal/fault"
	"samverkan/internal/org"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func wantField(t *testing.T, err error, field, code string) {
	t.Helper()
	e, ok := fault.As(err)
	if !ok || e.Kind != fault.Invalid {
		t.Fatalf("err = %v, want invalid %s", err, field)
	}
	for _, f := range e.Fields {
		if f.Field == field && (code == "" || f.Code == code) {
			return
		}
	}
	t.Fatalf("err = %v, want field %s code %s", err, field, code)
}

func TestCadenceCount(t *testing.T) {
	tests := []struct {
		c          Cadence
		days, year int
		want       int
	}{
		{Cadence{PerYear, 3}, 365, 365, 3},
		{Cadence{PerYear, 6}, 366, 366, 6},
		{Cadence{PerYear, 6}, 183, 365, 3},
		{Cadence{EveryWeeks, 12}, 365, 365, 4},
		{Cadence{EveryWeeks, 8}, 365, 365, 6},
		{Cadence{EveryWeeks, 8}, 56, 365, 1},
		{Cadence{EveryWeeks, 8}, 55, 365, 0},
		{Cadence{Monthly, 0}, 365, 365, 12},
		{Cadence{Monthly, 0}, 366, 366, 12},
		{Cadence{Quarterly, 0}, 365, 365, 4},
		{Cadence{Quarterly, 0}, 91, 365, 0},
		{Cadence{Quarterly, 0}, 92, 365, 1},
		{Cadence{PerYear, 3}, 0, 365, 0},
	}
	for _, tc := range tests {
		if got := tc.c.Count(tc.days, tc.year); got != tc.want {
			t.Errorf("%v over %d of %d days: %d, want %d", tc.c, tc.days, tc.year, got, tc.want)
		}
	}
}

func TestCadenceCheck(t *testing.T) {
	for _, c := range []Cadence{{PerYear, 3}, {EveryWeeks, 12}, {Monthly, 0}, {Quarterly, 0}} {
		if err := c.Check(); err != nil {
			t.Errorf("%v: %v", c, err)
		}
	}
	bad := map[Cadence]string{
		{PerYear, 0}: "cadence_n", {EveryWeeks, 53}: "cadence_n", {Monthly, 2}: "cadence_n", {"weekly", 1}: "cadence_kind",
	}
	for c, field := range bad {
		wantField(t, c.Check(), field, "")
	}
}

func swedish(t *testing.T) *calendar.Calendar {
	t.Helper()
	cal, err := calendar.ForCountry("SE")
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

func TestDeadlinesSkipClosedDays(t *testing.T) {
	cal := swedish(t)
	sthlm := cal.Location()
	at := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, sthlm) }
	tests := []struct {
		name string
		got  time.Time
		want time.Time
	}{
		{"agenda five days before a Thursday", AgendaDeadline(cal, at(2026, 12, 10, 10), 5), at(2026, 12, 4, 0)},
		// 6 January and New Year's Day are holidays, New Year's Eve an agreement day.
		{"agenda over New Year", AgendaDeadline(cal, at(2027, 1, 7, 10), 5), at(2026, 12, 29, 0)},
		{"agenda zero days is the start", AgendaDeadline(cal, at(2026, 12, 10, 10), 0), at(2026, 12, 10, 10)},
		// Christmas Eve, Christmas Day and the weekend are closed.
		{"minutes over Christmas", MinutesDeadline(cal, at(2026, 12, 17, 12), 5), at(2026, 12, 29, 0)},
		{"minutes zero days is the day's end", MinutesDeadline(cal, at(2026, 12, 17, 12), 0), at(2026, 12, 18, 0)},
	}
	for _, tc := range tests {
		if !tc.got.Equal(tc.want) {
			t.Errorf("%s: %s, want %s", tc.name, tc.got.In(sthlm), tc.want)
		}
	}
}

func TestAssessPerYear(t *testing.T) {
	cal := swedish(t)
	sthlm := cal.Location()
	f := Forum{Cadence: Cadence{PerYear, 3}, StartsOn: date(2026, 1, 1), AgendaDays: 5, MinutesDays: 5}
	meet := func(m time.Month, d int, st MeetingStatus, agendaDaysEarly, minutesDaysLate int) MeetingFacts {
		start := time.Date(2026, m, d, 10, 0, 0, 0, sthlm)
		mf := MeetingFacts{StartsAt: start, EndsAt: start.Add(2 * time.Hour), Status: st}
		if agendaDaysEarly >= 0 {
			mf.AgendaPublishedAt = start.AddDate(0, 0, -agendaDaysEarly)
		}
		if minutesDaysLate >= 0 && st == Held {
			mf.MinutesPublishedAt = start.AddDate(0, 0, minutesDaysLate)
		}
		return mf
	}
	ms := []MeetingFacts{
		meet(2, 12, Held, 10, 2), // Thursday; all on time
		meet(5, 21, Held, 2, 20), // agenda and minutes late
		meet(10, 8, Planned, -1, -1),
		meet(3, 5, Cancelled, -1, -1),
	}
	// 1 September: two held, the pace asks for 1.99 → 1.
	c := Assess(f, ms, 2026, time.Date(2026, 9, 1, 12, 0, 0, 0, sthlm), cal)
	if c.Required != 3 || c.Expected != 1 || c.Held != 2 || c.Planned != 1 || c.Behind {
		t.Fatalf("1 Sep: %+v", c)
	}
	if c.AgendasDue != 2 || c.AgendasOnTime != 1 || c.MinutesDue != 2 || c.MinutesOnTime != 1 || c.Late() != 2 {
		t.Fatalf("1 Sep deadlines: %+v", c)
	}
	// The third is due by day ceil(3/(3/365)) = 365: 31 December.
	if !c.NextDue.Equal(date(2026, 12, 31)) {
		t.Fatalf("next due %s", c.NextDue)
	}
	// The planned meeting did not happen: behind on 1 January next year.
	past := Assess(f, ms, 2026, time.Date(2027, 1, 2, 12, 0, 0, 0, sthlm), cal)
	if past.Expected != 3 || !past.Behind || past.Planned != 0 {
		t.Fatalf("year after: %+v", past)
	}
	// With only one held, the second is due by 1 September (day 244).
	one := Assess(f, ms[:1], 2026, time.Date(2026, 8, 1, 12, 0, 0, 0, sthlm), cal)
	if !one.NextDue.Equal(date(2026, 9, 1)) || one.Behind {
		t.Fatalf("one held: %+v", one)
	}
	late := Assess(f, ms[:1], 2026, time.Date(2026, 9, 2, 12, 0, 0, 0, sthlm), cal)
	if !late.Behind || late.Expected != 2 {
		t.Fatalf("one held on 2 Sep: %+v", late)
	}
}

func TestAssessEveryWeeks(t *testing.T) {
	cal := swedish(t)
	sthlm := cal.Location()
	f := Forum{Cadence: Cadence{EveryWeeks, 8}, StartsOn: date(2025, 6, 1)}
	held := func(m time.Month, d int) MeetingFacts {
		s := time.Date(2026, m, d, 9, 0, 0, 0, sthlm)
		return MeetingFacts{StartsAt: s, EndsAt: s.Add(time.Hour), Status: Held}
	}
	ms := []MeetingFacts{held(1, 15), held(3, 5), held(4, 30)}
	c := Assess(f, ms, 2026, time.Date(2026, 6, 20, 9, 0, 0, 0, sthlm), cal)
	// 30 April + 8 weeks = 25 June.
	if !c.NextDue.Equal(date(2026, 6, 25)) || c.Behind || c.Held != 3 || c.Required != 6 {
		t.Fatalf("June: %+v", c)
	}
	c = Assess(f, ms, 2026, time.Date(2026, 6, 26, 9, 0, 0, 0, sthlm), cal)
	if !c.Behind {
		t.Fatalf("gap passed but not behind: %+v", c)
	}
	// A forum that starts in July requires a prorated count.
	f.StartsOn = date(2026, 7, 1)
	c = Assess(f, nil, 2026, time.Date(2026, 7, 2, 9, 0, 0, 0, sthlm), cal)
	if c.Required != 3 || c.Expected != 0 || c.Behind || !c.NextDue.Equal(date(2026, 8, 26)) {
		t.Fatalf("prorated: %+v", c)
	}
}

func TestLadder(t *testing.T) {
	tests := []struct {
		current, target, want org.Level
		code                  string
	}{
		{"", "", org.Operational, ""},
		{org.Operational, "", org.Tactical, ""},
		{org.Tactical, "", org.Strategic, ""},
		{org.Strategic, "", "", "escalation_top"},
		{org.Operational, org.Strategic, org.Strategic, ""},
		{org.Tactical, org.Tactical, "", "escalation_not_higher"},
		{org.Tactical, org.Operational, "", "escalation_not_higher"},
		{"", org.Tactical, org.Tactical, ""},
		{"", "board", "", "level"},
	}
	for _, tc := range tests {
		got, err := ClimbTo(tc.current, tc.target)
		if tc.code != "" {
			wantField(t, err, "level", tc.code)
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ClimbTo(%q, %q) = %q, %v; want %q", tc.current, tc.target, got, err, tc.want)
		}
	}
	if _, err := CheckReason("  "); err == nil {
		t.Error("an empty reason is accepted")
	}
	// The limit counts characters, not bytes: 5,000 å are 10,000 bytes.
	if _, err := CheckReason(strings.Repeat("å", MaxReason)); err != nil {
		t.Errorf("a reason of %d characters is refused: %v", MaxReason, err)
	}
	_, err := CheckReason(strings.Repeat("å", MaxReason+1))
	wantField(t, err, "reason", "too_long")
}

func TestBadInput(t *testing.T) {
	_, err := ActionItem{Title: "Ta fram underlag", DueOn: date(2026, 12, 1)}.Normalise()
	wantField(t, err, "owner_id", "action_owner")

	f := Forum{ID: 1, MemberID: 7}
	wantField(t, Meeting{ForumID: 1, MemberID: 8}.InScope(f), "member_id", "meeting_scope")
	if err := (Meeting{ForumID: 1, MemberID: 7}).InScope(f); err != nil {
		t.Fatal(err)
	}
	if err := (Meeting{ForumID: 2, MemberID: 8}).InScope(Forum{ID: 2}); err != nil {
		t.Fatalf("a forum of all members meets any member: %v", err)
	}

	_, err = Forum{Name: "Ägarråd", Level: "board", Cadence: Cadence{PerYear, 0}, SurveyPercent: 120,
		Participants: []Participant{{Side: MemberSide, Role: org.Admin}}}.Normalise()
	for _, field := range []string{"level", "cadence_n", "convenor_id", "survey_percent", "participants", "starts_on"} {
		wantField(t, err, field, "")
	}
	_, err = Contact{MemberID: 1, Level: org.Tactical, PersonID: 3, DeputyID: 3}.Normalise()
	wantField(t, err, "deputy_id", "deputy_self")
	_, err = Meeting{ForumID: 1, Title: "Möte", StartsAt: date(2026, 1, 2), EndsAt: date(2026, 1, 1)}.Normalise()
	wantField(t, err, "ends_at", "ends_before_start")
}

func TestParticipants(t *testing.T) {
	p, err := ParseParticipant("member:contact:tactical")
	if err != nil || p != (Participant{MemberSide, org.Contact, org.Tactical}) || p.String() != "member:contact:tactical" {
		t.Fatalf("%+v %v", p, err)
	}
	if !p.Takes(MemberSide, []org.Grant{{Role: org.Contact, Level: org.Tactical}}) ||
		p.Takes(MemberSide, []org.Grant{{Role: org.Contact, Level: org.Strategic}}) ||
		p.Takes(CentreSide, []org.Grant{{Role: org.Contact, Level: org.Tactical}}) {
		t.Fatal("Takes is wrong")
	}
	for _, bad := range []string{"member:admin", "centre:contact:tactical", "board:admin", "member", "member:contact"} {
		if _, err := ParseParticipant(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	for _, d := range DefaultForums() {
		f := Forum{Name: d.Name, Level: d.Level, Cadence: d.Cadence, Participants: d.Participants, ConvenorID: 1, StartsOn: date(2026, 1, 1)}
		if _, err := f.Normalise(); err != nil {
			t.Errorf("default %s: %v", d.Key, err)
		}
	}
}

func TestSurveySize(t *testing.T) {
	for _, tc := range []struct{ n, pct, want int }{{10, 30, 3}, {7, 30, 3}, {1, 30, 1}, {5, 0, 0}, {0, 50, 0}, {4, 100, 4}} {
		if got := SurveySize(tc.n, tc.pct); got != tc.want {
			t.Errorf("SurveySize(%d, %d) = %d, want %d", tc.n, tc.pct, got, tc.want)
		}
	}
}
