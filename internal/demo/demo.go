// Package demo loads a realistic demo data set: a shared service centre
// like HR-servicecenter with six member municipalities and two municipal
// companies, their units, the centre's teams and a few hundred people in
// every role, plus sign-in accounts for each role. Loading is idempotent.
package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"text/tabwriter"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/org"
)

// Password is the password of every demo login.
const Password = "samverkan-demo"

// Login is one demo account.
type Login struct {
	Email, Role, Who string
}

// Logins lists the demo accounts, one per role.
var Logins = []Login{
	{"admin@demo.example", "centre admin", "HR-servicecenter"},
	{"teamlead@demo.example", "team lead", "Löneteam 1"},
	{"agent@demo.example", "agent (first line)", "Första linjen"},
	{"strategisk@demo.example", "strategic contact (HR director)", "Helsingborgs stad"},
	{"taktisk@demo.example", "tactical contact", "Helsingborgs stad"},
	{"operativ@demo.example", "operational contact", "Helsingborgs stad"},
	{"chef@demo.example", "manager", "Helsingborgs stad"},
	{"chefsstod@demo.example", "manager's assistant, substitute for the manager", "Helsingborgs stad"},
	{"bestallare@demo.example", "authorised orderer", "Helsingborgs stad"},
	{"anstalld@demo.example", "employee", "Helsingborgs stad"},
	{"hoganas@demo.example", "operational contact", "Höganäs kommun"},
}

// Load creates the whole demo data set unless it was loaded before, then
// prints the demo logins to out.
func Load(ctx context.Context, a *app.App, out io.Writer) error {
	rest, err := Start(ctx, a, out)
	if err != nil {
		return err
	}
	return rest(ctx)
}

// Start loads the demo organisation (the centre, members, units, teams,
// people and the demo logins) unless that was done before, prints the
// logins, and returns a function that loads the rest: the catalogue and
// agreements, a year of cases and of meetings. serve runs the rest in the
// background once it listens, so it answers quickly. Each part is loaded
// once: markers in the installation settings say what is done, and a part
// that was interrupted is not started again (it would duplicate what it
// had written).
func Start(ctx context.Context, a *app.App, out io.Writer) (rest func(context.Context) error, err error) {
	rest = func(context.Context) error { return nil }
	orgDone, err := a.InstallationSetting(ctx, orgKey)
	if err != nil {
		return rest, err
	}
	if orgDone != "" {
		activity, err := a.InstallationSetting(ctx, activityKey)
		if err == nil && activity == "started" {
			fmt.Fprintln(out, "note: loading the demo cases and meetings was interrupted earlier; it is not repeated")
		}
		return rest, printLogins(out, err)
	}
	start := time.Now()
	fmt.Fprintln(out, "loading the demo organisation…")
	l := &loader{a: a, ctx: ctx, sys: app.SystemActor("demo data"), rnd: rand.New(rand.NewPCG(2026, 11)),
		members: map[string]org.Member{}, units: map[string][]org.Unit{}, out: out, used: map[string]bool{}}
	if err := l.loadOrganisation(); err != nil {
		return rest, err
	}
	if err := a.SetInstallationSetting(ctx, l.sys, orgKey, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return rest, err
	}
	fmt.Fprintf(out, "demo organisation loaded in %s: %d members, %d units, %d people\n",
		time.Since(start).Round(time.Millisecond), len(l.members), l.unitCount, l.people)
	rest = func(ctx context.Context) error {
		l.ctx = ctx
		if err := a.SetInstallationSetting(ctx, l.sys, activityKey, "started"); err != nil {
			return err
		}
		start := time.Now()
		if err := l.loadActivity(); err != nil {
			return err
		}
		if err := a.SetInstallationSetting(ctx, l.sys, activityKey, "done"); err != nil {
			return err
		}
		fmt.Fprintf(out, "demo catalogue, agreements, cases and meetings loaded in %s\n", time.Since(start).Round(time.Millisecond))
		return nil
	}
	return rest, printLogins(out, nil)
}

const (
	orgKey      = "demo_organisation"
	activityKey = "demo_activity"
)

func printLogins(out io.Writer, err error) error {
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "\nDemo logins (password for all: %s)\n", Password)
	for _, lg := range Logins {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", lg.Email, lg.Role, lg.Who)
	}
	return tw.Flush()
}

type loader struct {
	a         *app.App
	ctx       context.Context
	sys       app.Actor
	rnd       *rand.Rand
	out       io.Writer
	members   map[string]org.Member
	units     map[string][]org.Unit // by member name
	unitCount int
	people    int
	used      map[string]bool // e-mail addresses handed out
}

func (l *loader) loadOrganisation() error {
	if _, err := l.a.UpdateCentre(l.ctx, l.sys, org.Centre{Name: "HR-servicecenter", Country: "SE",
		TimeZone: "Europe/Stockholm", Currency: "SEK", Language: "sv"}); err != nil {
		return err
	}
	for i, ms := range members {
		if err := l.member(ms); err != nil {
			return fmt.Errorf("member %s: %w", ms.name, err)
		}
		fmt.Fprintf(l.out, "  members %d/%d\r", i+1, len(members))
	}
	fmt.Fprintln(l.out)
	if err := l.centreStaff(); err != nil {
		return err
	}
	for i, ms := range members {
		if err := l.memberPeople(ms); err != nil {
			return fmt.Errorf("people of %s: %w", ms.name, err)
		}
		fmt.Fprintf(l.out, "  people of members %d/%d\r", i+1, len(members))
	}
	fmt.Fprintln(l.out)
	return l.logins()
}

// loadActivity loads what happens in the organisation: the catalogue and
// agreements, cases and the collaboration model's meetings.
func (l *loader) loadActivity() error {
	if err := l.catalogue(); err != nil {
		return fmt.Errorf("catalogue: %w", err)
	}
	if err := l.loadCases(); err != nil {
		return fmt.Errorf("cases: %w", err)
	}
	if err := l.governance(); err != nil {
		return fmt.Errorf("collaboration model: %w", err)
	}
	return nil
}

func (l *loader) member(ms memberSpec) error {
	kind := org.Municipality
	if ms.company {
		kind = org.MunicipalCompany
	}
	m := org.Member{Name: ms.name, Country: "SE", OrgNumber: ms.orgPrefix + string(org.LuhnCheckDigit(ms.orgPrefix)),
		Kind: kind, Status: org.Active, ParentID: l.members[ms.parent].ID}
	if ms.name == "Nordvästra Skånes Renhållning AB" {
		m.Status = org.Implementation
	}
	m, err := l.a.CreateMember(l.ctx, l.sys, m)
	if err != nil {
		return err
	}
	l.members[ms.name] = m
	for _, us := range ms.units {
		u, err := l.a.CreateUnit(l.ctx, l.sys, org.Unit{MemberID: m.ID, Name: us.name, CostCentre: us.cost})
		if err != nil {
			return err
		}
		l.units[ms.name] = append(l.units[ms.name], u)
		for i, sub := range us.subunits {
			su, err := l.a.CreateUnit(l.ctx, l.sys, org.Unit{MemberID: m.ID, ParentID: u.ID, Name: sub,
				CostCentre: us.cost[:2] + fmt.Sprintf("%02d", 10*(i+1))})
			if err != nil {
				return err
			}
			l.units[ms.name] = append(l.units[ms.name], su)
		}
	}
	l.unitCount += len(l.units[ms.name])
	return nil
}

// person adds someone with a generated Swedish name unless email is given.
func (l *loader) person(memberID, unitID int64, domain, email string, grants ...org.Grant) (org.Person, error) {
	first := firstNames[l.rnd.IntN(len(firstNames))]
	last := lastNames[l.rnd.IntN(len(lastNames))]
	if email == "" {
		local := asciiFold(strings.ToLower(first + "." + last))
		email = local + "@" + domain + ".demo.example"
		for n := 2; l.used[email]; n++ {
			email = fmt.Sprintf("%s%d@%s.demo.example", local, n, domain)
		}
	}
	l.used[email] = true
	p, err := l.a.CreatePerson(l.ctx, l.sys, org.Person{Name: first + " " + last, Email: email, MemberID: memberID, UnitID: unitID,
		Phone: fmt.Sprintf("042-%02d %02d %02d", 10+l.rnd.IntN(89), l.rnd.IntN(100), l.rnd.IntN(100)), Grants: grants})
	if err == nil {
		l.people++
	}
	return p, err
}

func asciiFold(s string) string {
	return strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "é", "e", " ", "").Replace(s)
}
