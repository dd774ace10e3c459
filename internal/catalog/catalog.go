// Package catalog is the centre's service catalogue and the agreements its
// members sign. The catalogue runs from service areas through services to
// activities, and every activity names the party that does it (the centre,
// the member organisation or the manager), a deadline rule and the service
// level it is measured by: "ax till limpa", who does what and by when. An
// agreement is a member's versioned contract: validity, binding and notice
// periods, the services included, service-level targets, a member-specific
// annex and the people who signed. The package is pure: no I/O.
package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"samverkan/internal/fault"
)

// Text is a name or text in the three languages of the user interface.
type Text struct {
	SV, DA, EN string
}

// In returns the text in lang (sv, da or en), falling back to Swedish.
func (t Text) In(lang string) string {
	switch {
	case lang == "da" && t.DA != "":
		return t.DA
	case lang == "en" && t.EN != "":
		return t.EN
	}
	return t.SV
}

// Trim trims every language.
func (t Text) Trim() Text {
	return Text{strings.TrimSpace(t.SV), strings.TrimSpace(t.DA), strings.TrimSpace(t.EN)}
}

// Contains reports whether any language holds needle (already lower case).
func (t Text) Contains(needle string) bool {
	for _, s := range []string{t.SV, t.DA, t.EN} {
		if strings.Contains(strings.ToLower(s), needle) {
			return true
		}
	}
	return false
}

// Party is who does an activity.
type Party string

const (
	Centre  Party = "centre"  // the service centre
	Member  Party = "member"  // the member organisation's HR or payroll staff
	Manager Party = "manager" // the manager (chef) at the member
)

// Parties in the order a who-does-what page shows them.
var Parties = []Party{Manager, Member, Centre}

// ServiceKind tells included services from the add-ons members order.
type ServiceKind string

const (
	// Base services are included in the agreement's fee.
	Base ServiceKind = "base"
	// Additional services are lasting add-ons ordered one by one; an
	// accepted order for one becomes an addendum to the agreement.
	Additional ServiceKind = "additional"
)

var ServiceKinds = []ServiceKind{Base, Additional}

// Limits on catalogue texts.
const (
	MaxName        = 200
	MaxDescription = 4000
)

var codePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{1,39}$`)

// Area is a service area (tjänsteområde), e.g. payroll and allowances.
type Area struct {
	ID          int64
	Code        string
	Name        Text
	Description Text
	Position    int
}

// Service is a service of the catalogue with its activities. Version goes
// up with every change to the service or one of its activities.
type Service struct {
	ID          int64
	AreaID      int64
	Code        string
	Name        Text
	Description Text
	Kind        ServiceKind
	Active      bool
	Position    int
	Version     int
	UpdatedAt   time.Time
	Activities  []Activity
}

// Activity is one step of a service, done by one party.
type Activity struct {
	ID          int64
	ServiceID   int64
	Position    int
	Name        Text
	Description Text
	Responsible Party
	Deadline    Deadline
	// ServiceLevel is the code of the service-level target (KPI) of the
	// agreement the activity is measured by, "" when none.
	ServiceLevel string
	Forms        Text // the forms and tools used
	Contact      Text // whom to contact
}

// Normalise validates an area.
func (a Area) Normalise() (Area, error) {
	var fs fault.Fields
	a.Code = strings.TrimSpace(a.Code)
	a.Name, a.Description = a.Name.Trim(), a.Description.Trim()
	checkCode(&fs, a.Code)
	checkName(&fs, "name", a.Name)
	checkLong(&fs, "description", a.Description, MaxDescription)
	return a, fs.Err()
}

// Normalise validates a service's own fields (not its activities).
func (s Service) Normalise() (Service, error) {
	var fs fault.Fields
	s.Code = strings.TrimSpace(s.Code)
	s.Name, s.Description = s.Name.Trim(), s.Description.Trim()
	if s.Kind == "" {
		s.Kind = Base
	}
	checkCode(&fs, s.Code)
	if s.AreaID == 0 {
		fs.Add("area_id", "required", "choose the service area")
	}
	checkName(&fs, "name", s.Name)
	checkLong(&fs, "description", s.Description, MaxDescription)
	if !slices.Contains(ServiceKinds, s.Kind) {
		fs.Add("kind", "service_kind", "kind must be base or additional")
	}
	return s, fs.Err()
}

// Normalise validates an activity.
func (a Activity) Normalise() (Activity, error) {
	var fs fault.Fields
	a.Name, a.Description = a.Name.Trim(), a.Description.Trim()
	a.Forms, a.Contact = a.Forms.Trim(), a.Contact.Trim()
	a.ServiceLevel = strings.TrimSpace(a.ServiceLevel)
	checkName(&fs, "name", a.Name)
	checkLong(&fs, "description", a.Description, MaxDescription)
	checkLong(&fs, "forms", a.Forms, MaxDescription)
	checkLong(&fs, "contact", a.Contact, MaxDescription)
	if !slices.Contains(Parties, a.Responsible) {
		fs.Add("responsible", "activity_party", "responsible must be centre, member or manager")
	}
	if a.ServiceLevel != "" && !codePattern.MatchString(a.ServiceLevel) {
		fs.Add("service_level", "catalogue_code_format", "a code is 2–40 lower-case letters, digits or _, starting with a letter")
	}
	if err := a.Deadline.Validate(); err != nil {
		if e, ok := fault.As(err); ok {
			fs = append(fs, e.Fields...)
		}
	}
	return a, fs.Err()
}

func checkCode(fs *fault.Fields, code string) {
	if code == "" {
		fs.Add("code", "required", "code is required")
	} else if !codePattern.MatchString(code) {
		fs.Add("code", "catalogue_code_format", "a code is 2–40 lower-case letters, digits or _, starting with a letter")
	}
}

// checkName requires a name in every language: field_sv, field_da, field_en.
func checkName(fs *fault.Fields, field string, t Text) {
	for _, l := range []struct{ lang, s string }{{"sv", t.SV}, {"da", t.DA}, {"en", t.EN}} {
		switch {
		case l.s == "":
			fs.Add(field+"_"+l.lang, "required", fmt.Sprintf("the %s is required in %s", field, langName[l.lang]))
		case utf8.RuneCountInString(l.s) > MaxName:
			fs.Add(field+"_"+l.lang, "too_long", fmt.Sprintf("the %s is at most %d characters", field, MaxName))
		}
	}
}

func checkLong(fs *fault.Fields, field string, t Text, max int) {
	for _, l := range []struct{ lang, s string }{{"sv", t.SV}, {"da", t.DA}, {"en", t.EN}} {
		if utf8.RuneCountInString(l.s) > max {
			fs.Add(field+"_"+l.lang, "too_long", fmt.Sprintf("the %s is at most %d characters", field, max))
		}
	}
}

var langName = map[string]string{"sv": "Swedish", "da": "Danish", "en": "English"}

// Matches reports whether a service or one of its activities mentions
// every word of query, in any language; an empty query matches all.
func (s Service) Matches(query string) bool {
	for _, w := range strings.Fields(strings.ToLower(query)) {
		if !s.mentions(w) {
			return false
		}
	}
	return true
}

func (s Service) mentions(w string) bool {
	if s.Name.Contains(w) || s.Description.Contains(w) || strings.Contains(s.Code, w) {
		return true
	}
	for _, a := range s.Activities {
		if a.Name.Contains(w) || a.Description.Contains(w) || a.Forms.Contains(w) {
			return true
		}
	}
	return false
}

// By returns the activities party is responsible for, in order.
func (s Service) By(p Party) []Activity {
	var out []Activity
	for _, a := range s.Activities {
		if a.Responsible == p {
			out = append(out, a)
		}
	}
	return out
}
