package api

import (
	"net/http"
	"strings"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/governance"
	"samverkan/internal/org"
)

// forumJSON is a forum of the collaboration model.
type forumJSON struct {
	ID            int64     `json:"id"`
	Name          string    `json:"name"`
	Level         org.Level `json:"level"`
	MemberID      *int64    `json:"member_id"`
	Mandate       string    `json:"mandate"`
	Participants  []string  `json:"participants"`
	CadenceKind   string    `json:"cadence_kind"`
	CadenceN      int       `json:"cadence_n"`
	ConvenorID    int64     `json:"convenor_id"`
	AgendaDays    int       `json:"agenda_days"`
	MinutesDays   int       `json:"minutes_days"`
	SurveyPercent int       `json:"survey_percent"`
	Active        bool      `json:"active"`
	StartsOn      string    `json:"starts_on"`
	CreatedAt     string    `json:"created_at"`
	UpdatedAt     string    `json:"updated_at"`
}

func forumOut(f governance.Forum, loc *time.Location) forumJSON {
	ps := make([]string, len(f.Participants))
	for i, p := range f.Participants {
		ps[i] = p.String()
	}
	return forumJSON{ID: f.ID, Name: f.Name, Level: f.Level, MemberID: idOrNull(f.MemberID), Mandate: f.Mandate, Participants: ps,
		CadenceKind: string(f.Cadence.Kind), CadenceN: f.Cadence.N, ConvenorID: f.ConvenorID, AgendaDays: f.AgendaDays,
		MinutesDays: f.MinutesDays, SurveyPercent: f.SurveyPercent, Active: f.Active, StartsOn: day(f.StartsOn),
		CreatedAt: stamp(f.CreatedAt, loc), UpdatedAt: stamp(f.UpdatedAt, loc)}
}

// forumInput is the body of POST and PATCH /forums; only fields sent change.
type forumInput struct {
	Name          opt[string]     `json:"name"`
	Level         opt[org.Level]  `json:"level"`
	MemberID      nullable[int64] `json:"member_id"`
	Mandate       opt[string]     `json:"mandate"`
	Participants  opt[[]string]   `json:"participants"`
	CadenceKind   opt[string]     `json:"cadence_kind"`
	CadenceN      opt[int]        `json:"cadence_n"`
	ConvenorID    opt[int64]      `json:"convenor_id"`
	AgendaDays    opt[int]        `json:"agenda_days"`
	MinutesDays   opt[int]        `json:"minutes_days"`
	SurveyPercent opt[int]        `json:"survey_percent"`
	Active        opt[bool]       `json:"active"`
	StartsOn      opt[date]       `json:"starts_on"`
}

func (in forumInput) apply(f *governance.Forum) error {
	in.Name.to(&f.Name)
	in.Level.to(&f.Level)
	in.MemberID.to(&f.MemberID)
	in.Mandate.to(&f.Mandate)
	if in.CadenceKind.Set {
		f.Cadence.Kind = governance.CadenceKind(in.CadenceKind.V)
	}
	in.CadenceN.to(&f.Cadence.N)
	in.ConvenorID.to(&f.ConvenorID)
	in.AgendaDays.to(&f.AgendaDays)
	in.MinutesDays.to(&f.MinutesDays)
	in.SurveyPercent.to(&f.SurveyPercent)
	in.Active.to(&f.Active)
	if in.StartsOn.Set {
		f.StartsOn = in.StartsOn.V.Time
	}
	if in.Participants.Set {
		f.Participants = nil
		for _, s := range in.Participants.V {
			p, err := governance.ParseParticipant(s)
			if err != nil {
				return err
			}
			f.Participants = append(f.Participants, p)
		}
	}
	return nil
}

func (s *server) listForums(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	fq := app.ForumQuery{MemberID: q.id("member_id"), Level: enum(q, "level", org.Levels), ActiveOnly: q.flag("active"), PageRequest: q.page()}
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	page, err := s.app.ListForums(r.Context(), by, fq)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	reply(w, http.StatusOK, listOf(page, func(f governance.Forum) forumJSON { return forumOut(f, loc) }))
}

func (s *server) getForum(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err == nil {
		var f governance.Forum
		if f, err = s.app.Forum(r.Context(), by, id); err == nil {
			reply(w, http.StatusOK, forumOut(f, s.zone(r.Context())))
			return
		}
	}
	s.problem(w, r, err)
}

func (s *server) createForum(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in forumInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	f := governance.Forum{AgendaDays: governance.DefaultAgendaDays, MinutesDays: governance.DefaultMinutesDays}
	err := in.apply(&f)
	if err == nil {
		f, err = s.app.CreateForum(r.Context(), by, f)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "forums", f.ID, forumOut(f, s.zone(r.Context())))
}

func (s *server) patchForum(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	var in forumInput
	if err == nil {
		err = decode(r, &in)
	}
	var f governance.Forum
	if err == nil {
		f, err = s.app.Forum(r.Context(), by, id)
	}
	if err == nil {
		err = in.apply(&f)
	}
	if err == nil {
		f, err = s.app.UpdateForum(r.Context(), by, f)
	}
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, forumOut(f, s.zone(r.Context())))
}

// complianceJSON is how one forum kept its cadence in a year.
type complianceJSON struct {
	ForumID       int64     `json:"forum_id"`
	ForumName     string    `json:"forum_name"`
	Level         org.Level `json:"level"`
	MemberID      *int64    `json:"member_id"`
	Year          int       `json:"year"`
	Required      int       `json:"required"`
	Expected      int       `json:"expected"`
	Held          int       `json:"held"`
	Planned       int       `json:"planned"`
	LastHeld      *string   `json:"last_held"`
	NextDue       *string   `json:"next_due"`
	NextMeetingID *int64    `json:"next_meeting_id"`
	NextMeetingAt *string   `json:"next_meeting_at"`
	AgendasDue    int       `json:"agendas_due"`
	AgendasOnTime int       `json:"agendas_on_time"`
	MinutesDue    int       `json:"minutes_due"`
	MinutesOnTime int       `json:"minutes_on_time"`
	Behind        bool      `json:"behind"`
}

func complianceOut(c app.ForumCompliance, loc *time.Location) complianceJSON {
	return complianceJSON{ForumID: c.Forum.ID, ForumName: c.Forum.Name, Level: c.Forum.Level, MemberID: idOrNull(c.Forum.MemberID),
		Year: c.Year, Required: c.Required, Expected: c.Expected, Held: c.Held, Planned: c.Planned,
		LastHeld: stampOrNull(c.LastHeld, loc), NextDue: dayOrNull(c.NextDue), NextMeetingID: idOrNull(c.NextMeeting.ID),
		NextMeetingAt: stampOrNull(c.NextMeeting.StartsAt, loc), AgendasDue: c.AgendasDue, AgendasOnTime: c.AgendasOnTime,
		MinutesDue: c.MinutesDue, MinutesOnTime: c.MinutesOnTime, Behind: c.Behind}
}

func (s *server) getCompliance(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	year := 0
	if y := q.str("year"); y != "" {
		year = int(q.id("year"))
		if year != 0 && (year < 2000 || year > 2200) {
			q.fs.Add("year", "year", "year must be between 2000 and 2200")
		}
	}
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	cs, err := s.app.Compliance(r.Context(), by, year)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	out := struct {
		Items []complianceJSON `json:"items"`
	}{Items: make([]complianceJSON, 0, len(cs))}
	for _, c := range cs {
		out.Items = append(out.Items, complianceOut(c, loc))
	}
	reply(w, http.StatusOK, out)
}

// writeFile answers with a file of another media type than JSON.
func writeFile(w http.ResponseWriter, mediaType, filename string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", mediaType)
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Disposition", `attachment; filename="`+strings.ReplaceAll(filename, `"`, "")+`"`)
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}
