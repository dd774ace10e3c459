package app

import (
	"samverkan/internal/fault"
	"samverkan/internal/org"
)

// Permission names something a role may do. Every decision of this kind is
// made here, from this table; the edges only ask.
type Permission string

const (
	// ViewDirectory: see members, units and people. Member-side users
	// see only their own member's.
	ViewDirectory Permission = "view_directory"
	// ViewCentre: see the centre's teams and its staff.
	ViewCentre Permission = "view_centre"
	// ManageOrganisation: change the centre, members, units, people and roles.
	ManageOrganisation Permission = "manage_organisation"
	// ManageTeams: create teams and change which units they serve.
	ManageTeams Permission = "manage_teams"
	// ManageTeamMembers: put staff in and out of a team (team leads: their own).
	ManageTeamMembers Permission = "manage_team_members"
	// ManageSubstitutes: appoint substitutes for anyone (everyone may for themselves).
	ManageSubstitutes Permission = "manage_substitutes"
	// ViewAudit: browse the audit log.
	ViewAudit Permission = "view_audit"
	// ManageCalendar: the centre's closed days, half days and office hours.
	ManageCalendar Permission = "manage_calendar"
	// ManageSLA: service-level policies.
	ManageSLA Permission = "manage_sla"
)

// grants says which roles hold which permissions. A person signed in with
// no role at all may still see their own member's directory as a member-side
// user, and manage their own account.
var grants = map[Permission][]org.Role{
	ViewDirectory:      {org.Admin, org.TeamLead, org.Agent, org.Contact, org.Manager, org.Assistant, org.Orderer, org.Employee},
	ViewCentre:         {org.Admin, org.TeamLead, org.Agent},
	ManageOrganisation: {org.Admin},
	ManageTeams:        {org.Admin},
	ManageTeamMembers:  {org.Admin, org.TeamLead},
	ManageSubstitutes:  {org.Admin},
	ViewAudit:          {org.Admin},
	ManageCalendar:     {org.Admin},
	ManageSLA:          {org.Admin},
}

// Can reports whether the actor holds permission p. Centre permissions are
// never granted to member-side users, whatever roles they hold.
func (a Actor) Can(p Permission) bool {
	if a.System {
		return true
	}
	if a.PersonID == 0 {
		return false
	}
	centreOnly := p != ViewDirectory
	if centreOnly && !a.IsCentre() {
		return false
	}
	for _, r := range grants[p] {
		if a.Has(r) {
			return true
		}
	}
	return false
}

// require returns a Forbidden fault unless the actor holds p.
func (a Actor) require(p Permission) error {
	if a.Can(p) {
		return nil
	}
	if a.PersonID == 0 && !a.System {
		return fault.New(fault.Unauthenticated, "sign in first")
	}
	return fault.Forbiddenf("your role does not allow this (%s)", p)
}
