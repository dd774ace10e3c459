// Package org is the organisation model: the centre, its member
// organisations and their units, the centre's teams, people and their roles,
// and substitutes. It is pure: validation and rules, no I/O.
package org

import (
	"net/mail"
	"strings"
	"time"

	"samverkan/internal/fault"
)

// Countries the product serves.
var Countries = []string{"SE", "DK"}

// Languages the user interface speaks.
var Languages = []string{"sv", "da", "en"}

// Centre is the shared service centre that runs Samverkan.
type Centre struct {
	Name     string
	Country  string // SE or DK
	TimeZone string // IANA name, e.g. Europe/Stockholm
	Currency string // SEK or DKK
	Language string // sv, da or en
}

// Validate checks every field and reports all problems at once.
func (c Centre) Validate() error {
	var fs fault.Fields
	if strings.TrimSpace(c.Name) == "" {
		fs.Add("name", "required", "name is required")
	}
	if !oneOf(c.Country, Countries) {
		fs.Add("country", "country", "country must be SE or DK")
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil || c.TimeZone == "" {
		fs.Add("time_zone", "time_zone", "time zone must be an IANA name such as Europe/Stockholm")
	}
	if !oneOf(c.Currency, []string{"SEK", "DKK"}) {
		fs.Add("currency", "currency", "currency must be SEK or DKK")
	}
	if !oneOf(c.Language, Languages) {
		fs.Add("language", "language", "language must be sv, da or en")
	}
	return fs.Err()
}

// MemberKind is what sort of organisation a member is.
type MemberKind string

const (
	Municipality     MemberKind = "municipality"
	Region           MemberKind = "region"
	Agency           MemberKind = "agency"
	MunicipalCompany MemberKind = "municipal_company"
)

var MemberKinds = []MemberKind{Municipality, Region, Agency, MunicipalCompany}

// MemberStatus is where a member is in its life with the centre.
type MemberStatus string

const (
	Onboarding     MemberStatus = "onboarding"
	Implementation MemberStatus = "implementation"
	Active         MemberStatus = "active"
	Leaving        MemberStatus = "leaving"
)

var MemberStatuses = []MemberStatus{Onboarding, Implementation, Active, Leaving}

// Member is an organisation the centre serves.
type Member struct {
	ID        int64
	Name      string
	OrgNumber string
	Kind      MemberKind
	Country   string
	Status    MemberStatus
	ParentID  int64 // 0 when the member has no parent
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Normalise validates m and returns it with its organisation number in
// canonical form. Whether the parent exists is the caller's question.
func (m Member) Normalise() (Member, error) {
	var fs fault.Fields
	m.Name = strings.TrimSpace(m.Name)
	if m.Name == "" {
		fs.Add("name", "required", "name is required")
	}
	if !oneOf(m.Country, Countries) {
		fs.Add("country", "country", "country must be SE or DK")
	} else if n, ok := NormaliseOrgNumber(m.Country, m.OrgNumber); ok {
		m.OrgNumber = n
	} else if m.Country == "SE" {
		fs.Add("org_number", "org_number_se", "not a valid Swedish organisation number (ten digits, NNNNNN-NNNN, with a correct check digit)")
	} else {
		fs.Add("org_number", "org_number_dk", "not a valid Danish CVR number (eight digits with a correct modulus-11 check)")
	}
	if !oneOf(m.Kind, MemberKinds) {
		fs.Add("kind", "kind", "kind must be municipality, region, agency or municipal_company")
	}
	if m.Status == "" {
		m.Status = Onboarding
	}
	if !oneOf(m.Status, MemberStatuses) {
		fs.Add("status", "status", "status must be onboarding, implementation, active or leaving")
	}
	if m.ParentID != 0 && m.ParentID == m.ID {
		fs.Add("parent_id", "parent_self", "a member cannot be its own parent")
	}
	return m, fs.Err()
}

// Unit is a part of a member organisation (förvaltning, enhet), in a tree.
type Unit struct {
	ID         int64
	MemberID   int64
	ParentID   int64
	Name       string
	CostCentre string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Normalise validates the unit's own fields.
func (u Unit) Normalise() (Unit, error) {
	var fs fault.Fields
	u.Name = strings.TrimSpace(u.Name)
	u.CostCentre = strings.TrimSpace(u.CostCentre)
	if u.Name == "" {
		fs.Add("name", "required", "name is required")
	}
	if u.MemberID == 0 {
		fs.Add("member_id", "required", "member is required")
	}
	if len(u.CostCentre) > 32 {
		fs.Add("cost_centre", "too_long", "cost centre code is at most 32 characters")
	}
	return u, fs.Err()
}

// CreatesCycle reports whether making parent the parent of unit would close
// a loop. parentOf maps each unit to its current parent (0 for a root).
func CreatesCycle(unit, parent int64, parentOf map[int64]int64) bool {
	for seen := 0; parent != 0 && seen <= len(parentOf); seen++ {
		if parent == unit {
			return true
		}
		parent = parentOf[parent]
	}
	return false
}

// Team is a group of centre staff (first line, a payroll team, ...).
type Team struct {
	ID          int64
	Name        string
	Description string
	CreatedAt   time.Time
}

// Normalise validates the team.
func (t Team) Normalise() (Team, error) {
	t.Name = strings.TrimSpace(t.Name)
	t.Description = strings.TrimSpace(t.Description)
	if t.Name == "" {
		return t, fault.Field("name", "required", "name is required")
	}
	return t, nil
}

// NormaliseEmail returns the address in lower case, or ok false.
func NormaliseEmail(s string) (string, bool) {
	s = strings.TrimSpace(s)
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") {
		return "", false
	}
	return strings.ToLower(s), true
}

func oneOf[T comparable](v T, set []T) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}
