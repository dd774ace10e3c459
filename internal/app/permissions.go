package app

import (
	"samverkan/internal/fault"
	"samverkan/internal/org"
	"slices"
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
	// WorkCases: see the centre's cases and work on them (reply, note,
	// assign, change, hand over, link, merge). Confidential cases stay
	// limited to their team, team leads and admins.
	WorkCases Permission = "work_cases"
	// ManageRouting: routing rules and the case settings.
	ManageRouting Permission = "manage_routing"
	// ViewCaseReports: reports over cases, such as repeat contacts.
	ViewCaseReports Permission = "view_case_reports"
	// ViewGovernance: the collaboration model from the centre's side:
	// forums, meetings, agenda proposals, escalations, the contact
	// directory and compliance. Member contacts see their own member's
	// forums in the portal without it.
	ViewGovernance Permission = "view_governance"
	// ManageGovernance: forums, meetings, agendas, minutes, decisions,
	// action items and every member's contact directory.
	ManageGovernance Permission = "manage_governance"
	// Escalate: raise a case, an SLA breach, an order or a meeting item
	// up the escalation ladder.
	Escalate Permission = "escalate"
	// ManageCatalogue: change the service catalogue (areas, services,
	// activities). Everyone signed in may read it.
	ManageCatalogue Permission = "manage_catalogue"
	// ViewAgreements: read every member's agreements (member-side
	// contacts, managers, assistants and orderers read their own).
	ViewAgreements Permission = "view_agreements"
	// ManageAgreements: write and approve agreement versions.
	ManageAgreements Permission = "manage_agreements"
	// WorkOrders: see every member's orders and estimate, quote and
	// deliver them (orderers place and decide their member's orders).
	WorkOrders Permission = "work_orders"
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
	WorkCases:          {org.Admin, org.TeamLead, org.Agent},
	ManageRouting:      {org.Admin},
	ViewCaseReports:    {org.Admin, org.TeamLead},
	ViewGovernance:     {org.Admin, org.TeamLead, org.Agent},
	ManageGovernance:   {org.Admin, org.TeamLead},
	Escalate:           {org.Admin, org.TeamLead, org.Agent},
	ManageCatalogue:    {org.Admin},
	ViewAgreements:     {org.Admin, org.TeamLead, org.Agent},
	ManageAgreements:   {org.Admin},
	WorkOrders:         {org.Admin, org.TeamLead, org.Agent},
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

// Permissions lists every permission, sorted by name.
func Permissions() []Permission {
	ps := make([]Permission, 0, len(grants))
	for p := range grants {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	return ps
}
