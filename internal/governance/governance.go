// Package governance is the collaboration model (samverkansmodell) of a
// shared service centre: forums on strategic, tactical and operational
// level with a required cadence, the contact directory, meetings with
// agendas, minutes, decisions and action items, the escalation ladder
// between the levels, compliance with the cadence, surveys after meetings,
// and iCalendar output. It is pure: rules and arithmetic, no I/O.
package governance

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"samverkan/internal/fault"
	"samverkan/internal/org"
)

// Rank orders the levels from the bottom of the ladder: operational 0,
// tactical 1, strategic 2; -1 for anything else.
func Rank(l org.Level) int {
	switch l {
	case org.Operational:
		return 0
	case org.Tactical:
		return 1
	case org.Strategic:
		return 2
	}
	return -1
}

// NextLevel is the level above l on the escalation ladder; ok is false at
// the top.
func NextLevel(l org.Level) (org.Level, bool) {
	switch l {
	case org.Operational:
		return org.Tactical, true
	case org.Tactical:
		return org.Strategic, true
	}
	return "", false
}

// ValidLevel reports whether l is one of the three levels.
func ValidLevel(l org.Level) bool { return Rank(l) >= 0 }

// Side is the centre's side of a forum or the members'.
type Side string

const (
	CentreSide Side = "centre"
	MemberSide Side = "member"
)

// Participant is who takes part in a forum, by role: on the centre's side
// a centre role (admin, team lead, agent), on the members' side a member
// role, for contact persons with their level.
type Participant struct {
	Side  Side
	Role  org.Role
	Level org.Level // contact persons only
}

// Check validates the participant.
func (p Participant) Check() error {
	switch p.Side {
	case CentreSide, MemberSide:
	default:
		return fault.Field("participants", "participant_side", "a participant is on the centre's side or the members'")
	}
	if err := (org.Grant{Role: p.Role, Level: p.Level}).Check(p.Side == MemberSide); err != nil {
		return fault.Field("participants", "participant_role", "participant "+p.String()+": "+detail(err))
	}
	return nil
}

// String writes the participant as side:role or side:role:level.
func (p Participant) String() string {
	s := string(p.Side) + ":" + string(p.Role)
	if p.Level != "" {
		s += ":" + string(p.Level)
	}
	return s
}

// ParseParticipant reads side:role or side:role:level.
func ParseParticipant(s string) (Participant, error) {
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) < 2 || len(parts) > 3 {
		return Participant{}, fault.Field("participants", "participant_side", fmt.Sprintf("participant %q must be side:role or side:role:level", s))
	}
	p := Participant{Side: Side(parts[0]), Role: org.Role(parts[1])}
	if len(parts) == 3 {
		p.Level = org.Level(parts[2])
	}
	return p, p.Check()
}

// Takes reports whether a person with grants g on side takes part.
func (p Participant) Takes(side Side, gs []org.Grant) bool {
	if side != p.Side {
		return false
	}
	return slices.ContainsFunc(gs, func(g org.Grant) bool {
		return g.Role == p.Role && (p.Level == "" || g.Level == p.Level)
	})
}

func detail(err error) string {
	if e, ok := fault.As(err); ok && len(e.Fields) > 0 {
		return e.Fields[0].Detail
	}
	return err.Error()
}

// Forum is a standing meeting of the collaboration model: an owner
// council, a customer council, direction meetings with one member, a user
// group.
type Forum struct {
	ID           int64
	Name         string
	Level        org.Level
	MemberID     int64 // 0: all members together
	Mandate      string
	Participants []Participant
	Cadence      Cadence
	ConvenorID   int64 // a person of the centre
	// AgendaDays is how many business days before a meeting its agenda
	// must be out; MinutesDays how many after it the minutes must be.
	AgendaDays  int
	MinutesDays int
	// SurveyPercent is the share of participants asked after a meeting.
	SurveyPercent int
	Active        bool
	StartsOn      time.Time // the cadence is counted from this day
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Default deadlines of a forum.
const (
	DefaultAgendaDays  = 5
	DefaultMinutesDays = 5
)

// Normalise validates the forum and reports every problem at once.
func (f Forum) Normalise() (Forum, error) {
	var fs fault.Fields
	f.Name = strings.TrimSpace(f.Name)
	f.Mandate = strings.TrimSpace(f.Mandate)
	if f.Name == "" {
		fs.Add("name", "required", "name is required")
	} else if len(f.Name) > 200 {
		fs.Add("name", "too_long", "name is at most 200 characters")
	}
	if !ValidLevel(f.Level) {
		fs.Add("level", "level", "level must be strategic, tactical or operational")
	}
	if len(f.Mandate) > 10000 {
		fs.Add("mandate", "too_long", "the mandate is at most 10,000 characters")
	}
	if err := f.Cadence.Check(); err != nil {
		e, _ := fault.As(err)
		fs = append(fs, e.Fields...)
	}
	if f.ConvenorID == 0 {
		fs.Add("convenor_id", "required", "a convenor at the centre is required")
	}
	if f.AgendaDays < 0 || f.AgendaDays > 30 {
		fs.Add("agenda_days", "forum_deadline_days", "between 0 and 30 business days")
	}
	if f.MinutesDays < 0 || f.MinutesDays > 30 {
		fs.Add("minutes_days", "forum_deadline_days", "between 0 and 30 business days")
	}
	if f.SurveyPercent < 0 || f.SurveyPercent > 100 {
		fs.Add("survey_percent", "survey_percent_range", "a share between 0 and 100 per cent")
	}
	seen := map[Participant]bool{}
	var ps []Participant
	for _, p := range f.Participants {
		if err := p.Check(); err != nil {
			e, _ := fault.As(err)
			if !fs.Has("participants") {
				fs = append(fs, e.Fields...)
			}
			continue
		}
		if !seen[p] {
			seen[p] = true
			ps = append(ps, p)
		}
	}
	f.Participants = ps
	if f.StartsOn.IsZero() {
		fs.Add("starts_on", "required", "the day the cadence is counted from is required")
	}
	return f, fs.Err()
}

// Covers reports whether the forum's scope includes member id.
func (f Forum) Covers(memberID int64) bool { return f.MemberID == 0 || f.MemberID == memberID }

// Takes reports whether a person (side and grants) takes part in the forum.
func (f Forum) Takes(side Side, gs []org.Grant) bool {
	return slices.ContainsFunc(f.Participants, func(p Participant) bool { return p.Takes(side, gs) })
}

// DefaultForum is one of the forums a centre starts with.
type DefaultForum struct {
	Key          string // stable name of the kind: owner_council, ...
	Name         string // Swedish name; per-member forums get " – member"
	Level        org.Level
	PerMember    bool
	Cadence      Cadence
	Mandate      string
	Participants []Participant
}

// DefaultForums are the forums DESIGN.md names as the defaults of the
// collaboration model: the owner council (at least 3 a year), the
// operational council (at least 6), direction meetings every 12 weeks,
// quarterly meetings, monthly partner visits and user groups every 8 weeks.
func DefaultForums() []DefaultForum {
	admin := Participant{Side: CentreSide, Role: org.Admin}
	lead := Participant{Side: CentreSide, Role: org.TeamLead}
	contact := func(l org.Level) Participant { return Participant{Side: MemberSide, Role: org.Contact, Level: l} }
	return []DefaultForum{
		{"owner_council", "Ägarråd", org.Strategic, false, Cadence{PerYear, 3},
			"Beslutar om verksamhetsplan, budget och avgifter för servicecentret och följer upp samverkansavtalet.",
			[]Participant{admin, contact(org.Strategic)}},
		{"operational_council", "Driftråd", org.Operational, false, Cadence{PerYear, 6},
			"Följer upp leveranser, servicenivåer och avvikelser och samordnar förändringar i löneprocessen.",
			[]Participant{lead, contact(org.Operational)}},
		{"direction", "Styrmöte", org.Strategic, true, Cadence{EveryWeeks, 12},
			"Riktning och prioriteringar för samarbetet med kunden; eskalerade frågor som taktisk nivå inte löst.",
			[]Participant{admin, contact(org.Strategic), contact(org.Tactical)}},
		{"quarterly", "Kvartalsmöte", org.Tactical, true, Cadence{Quarterly, 0},
			"Kvartalets servicenivåer, beställningar, ändringar och eskalerade ärenden.",
			[]Participant{admin, lead, contact(org.Tactical)}},
		{"partner_visit", "Partnerbesök", org.Operational, true, Cadence{Monthly, 0},
			"Löpande frågor i lönearbetet, underlag och tidplaner.",
			[]Participant{lead, contact(org.Operational)}},
		{"user_group", "Användargrupp", org.Operational, false, Cadence{EveryWeeks, 8},
			"Användning av lönesystemet, utbildning och önskemål om förbättringar.",
			[]Participant{lead, {Side: CentreSide, Role: org.Agent}, contact(org.Operational)}},
	}
}
