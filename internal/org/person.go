package org

import (
	"strings"
	"time"

	"samverkan/internal/fault"
)

// Role is what a person may do. Centre roles belong to centre staff; member
// roles to people of a member organisation.
type Role string

const (
	// Centre side.
	Admin    Role = "admin"
	TeamLead Role = "team_lead"
	Agent    Role = "agent"
	// Member side.
	Contact   Role = "contact"   // contact person on a level
	Manager   Role = "manager"   // chef
	Assistant Role = "assistant" // chefsstöd, manager's assistant
	Orderer   Role = "orderer"   // authorised orderer
	Employee  Role = "employee"
)

var CentreRoles = []Role{Admin, TeamLead, Agent}
var MemberRoles = []Role{Contact, Manager, Assistant, Orderer, Employee}

// IsCentre reports whether r is a centre-side role.
func (r Role) IsCentre() bool { return oneOf(r, CentreRoles) }

// Level is a level of the collaboration model.
type Level string

const (
	Strategic   Level = "strategic"
	Tactical    Level = "tactical"
	Operational Level = "operational"
)

var Levels = []Level{Strategic, Tactical, Operational}

// Grant is one role held by a person; Level is set for contacts, UnitID
// optionally narrows a manager or assistant to a unit (and its subunits).
type Grant struct {
	Role   Role
	Level  Level
	UnitID int64
}

// Person is anyone who uses or is known to Samverkan: centre staff or people
// of a member organisation.
type Person struct {
	ID       int64
	Name     string
	Email    string
	Phone    string
	MemberID int64 // 0 for centre staff
	UnitID   int64
	Language string // preferred UI language; "" follows the browser
	Active   bool
	// Pending is set for a person created from an unknown e-mail sender,
	// until the centre has verified who they are.
	Pending   bool
	Grants    []Grant
	CreatedAt time.Time
	UpdatedAt time.Time
}

// IsCentre reports whether the person belongs to the centre.
func (p Person) IsCentre() bool { return p.MemberID == 0 }

// Normalise validates the person's own fields and grants.
func (p Person) Normalise() (Person, error) {
	var fs fault.Fields
	p.Name = strings.TrimSpace(p.Name)
	p.Phone = strings.TrimSpace(p.Phone)
	if p.Name == "" {
		fs.Add("name", "required", "name is required")
	}
	if e, ok := NormaliseEmail(p.Email); ok {
		p.Email = e
	} else {
		fs.Add("email", "email", "not a valid e-mail address")
	}
	if p.Language != "" && !oneOf(p.Language, Languages) {
		fs.Add("language", "language", "language must be sv, da or en")
	}
	if p.UnitID != 0 && p.MemberID == 0 {
		fs.Add("unit_id", "unit_without_member", "a unit belongs to a member; choose the member too")
	}
	for _, g := range p.Grants {
		if err := g.Check(p.MemberID != 0); err != nil {
			fs.Add("roles", "role", err.Error())
			break
		}
	}
	return p, fs.Err()
}

// Check validates a grant for a person on the member side or the centre side.
func (g Grant) Check(memberSide bool) error {
	switch {
	case !oneOf(g.Role, CentreRoles) && !oneOf(g.Role, MemberRoles):
		return fault.Field("role", "role_unknown", "unknown role "+string(g.Role))
	case memberSide && g.Role.IsCentre():
		return fault.Field("role", "role_centre_only", string(g.Role)+" is a centre role; this person belongs to a member")
	case !memberSide && !g.Role.IsCentre():
		return fault.Field("role", "role_member_only", string(g.Role)+" is a member role; this person belongs to the centre")
	case g.Role == Contact && !oneOf(g.Level, Levels):
		return fault.Field("level", "level", "a contact person needs a level: strategic, tactical or operational")
	case g.Role != Contact && g.Level != "":
		return fault.Field("level", "level_only_contact", "only contact persons have a level")
	}
	return nil
}

// Substitute lets one person act for another (ersättare, stedfortræder)
// from StartsOn to EndsOn inclusive, optionally only with one of the
// principal's roles (Scope).
type Substitute struct {
	ID          int64
	PersonID    int64 // the substitute
	ForPersonID int64 // the principal
	StartsOn    time.Time
	EndsOn      time.Time
	Scope       Role // "" = all the principal's roles
	CreatedAt   time.Time
}

// Normalise validates the period and the pair.
func (s Substitute) Normalise() (Substitute, error) {
	var fs fault.Fields
	if s.PersonID == 0 {
		fs.Add("person_id", "required", "the substitute is required")
	}
	if s.ForPersonID == 0 {
		fs.Add("for_person_id", "required", "the person to act for is required")
	} else if s.ForPersonID == s.PersonID {
		fs.Add("for_person_id", "substitute_self", "a person cannot be their own substitute")
	}
	if s.StartsOn.IsZero() {
		fs.Add("starts_on", "required", "start date is required")
	}
	if s.EndsOn.IsZero() {
		fs.Add("ends_on", "required", "end date is required")
	} else if !s.StartsOn.IsZero() && s.EndsOn.Before(s.StartsOn) {
		fs.Add("ends_on", "ends_before_start", "the period ends before it starts")
	}
	if s.Scope != "" && !oneOf(s.Scope, MemberRoles) && !oneOf(s.Scope, CentreRoles) {
		fs.Add("scope", "role_unknown", "scope must be one of the principal's roles")
	}
	return s, fs.Err()
}

// ActiveOn reports whether the substitution covers the calendar day of t
// (in t's location).
func (s Substitute) ActiveOn(t time.Time) bool {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	start := time.Date(s.StartsOn.Year(), s.StartsOn.Month(), s.StartsOn.Day(), 0, 0, 0, 0, time.UTC)
	end := time.Date(s.EndsOn.Year(), s.EndsOn.Month(), s.EndsOn.Day(), 0, 0, 0, 0, time.UTC)
	return !day.Before(start) && !day.After(end)
}
