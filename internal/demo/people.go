package demo

import (
	"slices"

	"samverkan/internal/app"
	"samverkan/internal/org"
)

// centreStaff creates the centre's people and teams.
func (l *loader) centreStaff() error {
	ids := map[string]int64{}
	for _, t := range teams {
		team, err := l.a.CreateTeam(l.ctx, l.sys, org.Team{Name: t.name, Description: t.description})
		if err != nil {
			return err
		}
		ids[t.name] = team.ID
		var served []int64
		for _, m := range t.serves {
			for _, u := range l.units[m] {
				served = append(served, u.ID)
			}
		}
		if err := l.a.SetTeamUnits(l.ctx, l.sys, team.ID, served); err != nil {
			return err
		}
	}
	staff := func(email string, team string, roles ...org.Role) error {
		var gs []org.Grant
		for _, r := range roles {
			gs = append(gs, org.Grant{Role: r})
		}
		p, err := l.person(0, 0, "hrservicecenter", email, gs...)
		if err != nil {
			return err
		}
		if team == "" {
			return nil
		}
		return l.a.SetTeamMember(l.ctx, l.sys, ids[team], p.ID, true)
	}
	// The head of the centre and the system administrator.
	if err := staff("", "", org.Admin, org.TeamLead); err != nil {
		return err
	}
	if err := staff("admin@demo.example", "Pension och system", org.Admin); err != nil {
		return err
	}
	for _, t := range teams {
		lead := ""
		if t.name == "Löneteam 1" {
			lead = "teamlead@demo.example"
		}
		if err := staff(lead, t.name, org.TeamLead, org.Agent); err != nil {
			return err
		}
		n := 4
		if t.name == "Första linjen" {
			n = 8
		}
		for i := range n {
			email := ""
			if t.name == "Första linjen" && i == 0 {
				email = "agent@demo.example"
			}
			if err := staff(email, t.name, org.Agent); err != nil {
				return err
			}
		}
	}
	// Trainers belong to no team.
	for range 2 {
		if err := staff("", "", org.Agent); err != nil {
			return err
		}
	}
	return nil
}

// memberPeople creates contacts on every level, managers for the units,
// assistants, an orderer and employees for one member.
func (l *loader) memberPeople(ms memberSpec) error {
	m := l.members[ms.name]
	units := l.units[ms.name]
	hr := units[0].ID
	demoLogin := func(email string) string {
		if ms.name == "Helsingborgs stad" {
			return email
		}
		if ms.name == "Höganäs kommun" && email == "operativ@demo.example" {
			return "hoganas@demo.example"
		}
		return ""
	}
	add := func(email string, unit int64, gs ...org.Grant) (org.Person, error) {
		return l.person(m.ID, unit, ms.domain, demoLogin(email), gs...)
	}
	if _, err := add("strategisk@demo.example", hr, org.Grant{Role: org.Contact, Level: org.Strategic}); err != nil {
		return err
	}
	if _, err := add("taktisk@demo.example", hr, org.Grant{Role: org.Contact, Level: org.Tactical}, org.Grant{Role: org.Orderer}); err != nil {
		return err
	}
	if _, err := add("operativ@demo.example", hr, org.Grant{Role: org.Contact, Level: org.Operational}); err != nil {
		return err
	}
	if _, err := add("", hr, org.Grant{Role: org.Contact, Level: org.Operational}); err != nil {
		return err
	}
	if _, err := add("bestallare@demo.example", hr, org.Grant{Role: org.Orderer}); err != nil {
		return err
	}
	var chef, assistant org.Person
	for i, u := range units {
		p, err := add(pick(i == 3, "chef@demo.example"), u.ID, org.Grant{Role: org.Manager, UnitID: u.ID})
		if err != nil {
			return err
		}
		if i == 3 {
			chef = p
		}
	}
	for i := range 2 {
		u := units[min(3, len(units)-1)]
		p, err := add(pick(i == 0, "chefsstod@demo.example"), u.ID, org.Grant{Role: org.Assistant, UnitID: u.ID})
		if err != nil {
			return err
		}
		if i == 0 {
			assistant = p
		}
	}
	for i := range 3 * len(units) {
		u := units[l.rnd.IntN(len(units))]
		if _, err := add(pick(i == 0, "anstalld@demo.example"), u.ID, org.Grant{Role: org.Employee}); err != nil {
			return err
		}
	}
	if chef.ID == 0 || assistant.ID == 0 {
		return nil
	}
	// The manager's assistant stands in for the manager this month and next.
	now := l.a.Now()
	_, err := l.a.AppointSubstitute(l.ctx, l.sys, org.Substitute{PersonID: assistant.ID, ForPersonID: chef.ID,
		StartsOn: now.AddDate(0, 0, -7), EndsOn: now.AddDate(0, 1, 0)})
	return err
}

func pick(cond bool, s string) string {
	if cond {
		return s
	}
	return ""
}

// logins sets the demo password on every demo account.
func (l *loader) logins() error {
	sys := app.SystemActor("demo data")
	var ids []int64
	for _, lg := range Logins {
		page, err := l.a.ListPeople(l.ctx, sys, app.PersonQuery{Search: lg.Email})
		if err != nil {
			return err
		}
		if i := slices.IndexFunc(page.Items, func(p org.Person) bool { return p.Email == lg.Email }); i >= 0 {
			ids = append(ids, page.Items[i].ID)
		}
	}
	// One hash for the one demo password keeps start-up fast.
	return l.a.SetPasswords(l.ctx, sys, ids, Password)
}
