package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/org"
)

// caseTemplate is one kind of case the centre meets, with what the member
// writes and what the centre answers.
type caseTemplate struct {
	service, subject, body, reply string
	typ                           cases.Type
	details                       map[string]string
	payroll                       bool // second line: handed over to the payroll team
	confidential                  bool
}

var caseTemplates = []caseTemplate{
	{service: "payroll", typ: cases.Question, payroll: true, subject: "Lönen har inte kommit in på kontot",
		body:  "Hej! Min lön har inte kommit in på kontot idag. Kan ni se vad som har hänt?",
		reply: "Hej! Utbetalningen stoppades eftersom kontonumret saknades. Den går ut med en extra utbetalning i morgon."},
	{service: "payroll", typ: cases.Question, payroll: true, subject: "Retroaktiv lön efter lönerevisionen",
		body:  "När betalas den retroaktiva lönen ut efter årets lönerevision?",
		reply: "Den retroaktiva lönen betalas ut med lönen den 25 nästa månad."},
	{service: "payroll", typ: cases.Question, payroll: true, subject: "Övertidsersättning saknas",
		body:  "Jag arbetade övertid förra månaden men ser ingen övertidsersättning på lönespecifikationen.",
		reply: "Övertiden var inte attesterad av din chef före brytdatum. Den kommer med nästa lön."},
	{service: "corrections", typ: cases.Correction, payroll: true, subject: "Saknar OB-tillägg för helgarbete",
		body:    "OB-tillägget för helgpassen saknas på lönen.",
		details: map[string]string{"employee": "se ärendet", "pay_period": ""},
		reply:   "Vi har rättat OB-tillägget. Det betalas ut med nästa lön."},
	{service: "corrections", typ: cases.Correction, payroll: true, subject: "Sjukavdrag dras två gånger",
		body:    "Sjukavdraget för samma dagar har dragits två gånger.",
		details: map[string]string{"employee": "se ärendet", "pay_period": ""},
		reply:   "Det dubbla avdraget är återbetalt med en korrigering på nästa lön."},
	{service: "corrections", typ: cases.Correction, payroll: true, subject: "Rättelse av arbetad tid",
		body:    "En timanställd har fått för få timmar registrerade. Rätt underlag bifogas i självservice.",
		details: map[string]string{"employee": "timanställd i enheten", "pay_period": ""},
		reply:   "Timmarna är rättade och betalas ut med nästa lön."},
	{service: "employment_data", typ: cases.ChangeRequest, subject: "Nytt kontonummer för löneutbetalning",
		body:  "Jag har bytt bank och behöver ändra kontonummer för lönen.",
		reply: "Registrera det nya kontot i självservice under Mina uppgifter, så gäller det från nästa lön."},
	{service: "employment_data", typ: cases.Order, payroll: true, subject: "Förlängning av visstidsanställning",
		body:  "Vi förlänger en visstidsanställning till årets slut. Underlaget är signerat.",
		reply: "Förlängningen är registrerad."},
	{service: "employment_data", typ: cases.Order, payroll: true, subject: "Ny anställning att registrera",
		body:  "En ny medarbetare börjar den första nästa månad. Anställningsavtal bifogat.",
		reply: "Anställningen är registrerad och medarbetaren får lön från startdatum."},
	{service: "payroll_documents", typ: cases.Question, payroll: true, subject: "Tidrapporter som inte attesterats",
		body:  "Flera tidrapporter i enheten står som ej attesterade. Vad gäller för att de ska komma med på lönen?",
		reply: "Tidrapporterna måste attesteras senast på brytdatum den 10. Det som kommer senare följer med nästa lön."},
	{service: "absence", typ: cases.Question, subject: "Sjuklön under karensdag",
		body:  "Hur räknas karensavdraget när jag blev sjuk mitt i ett arbetspass?",
		reply: "Karensavdraget är 20 procent av en genomsnittlig veckas sjuklön, oavsett när under passet du blev sjuk."},
	{service: "absence", typ: cases.Question, subject: "Föräldraledighet och lön",
		body:  "Jag ska vara föräldraledig tre dagar i veckan. Hur påverkas lönen och semestern?",
		reply: "Lönen minskas för de lediga dagarna. De första 120 dagarna per barn är semesterlönegrundande."},
	{service: "absence", typ: cases.Correction, payroll: true, subject: "Vård av barn registrerad som sjukdom",
		body:    "Min frånvaro för vård av barn har blivit registrerad som sjukdom.",
		details: map[string]string{"employee": "se ärendet", "pay_period": ""},
		reply:   "Frånvaron är ändrad till vård av barn och avdraget rättat."},
	{service: "expenses", typ: cases.Question, subject: "Reseräkning inte utbetald",
		body:  "Jag lämnade in en reseräkning för en månad sedan men den har inte betalats ut.",
		reply: "Reseräkningen väntar på attest hos din chef. Vi har skickat en påminnelse."},
	{service: "expenses", typ: cases.Question, subject: "Milersättning för tjänsteresa med egen bil",
		body:  "Vilken milersättning gäller när jag kör egen bil i tjänsten?",
		reply: "Skattefri milersättning är 25 kronor per mil; kommunens avtal ger ett tillägg över det."},
	{service: "pension_calculation", typ: cases.Question, subject: "Beräkning av tjänstepension",
		body:  "Jag går i pension nästa år och vill veta hur min tjänstepension beräknas.",
		reply: "Vi har skickat en prognos över din tjänstepension enligt AKAP-KR."},
	{service: "pension_calculation", typ: cases.Question, subject: "Pensionsgrundande lön efter tjänstledighet",
		body:  "Påverkas min pension av att jag var tjänstledig för studier?",
		reply: "Tjänstledighet för studier är inte pensionsgrundande. Ingen pensionsavgift betalades för perioden."},
	{service: "pension_reporting", typ: cases.ErrorReport, subject: "Fel i pensionsrapporteringen",
		body:  "Pensionsrapporteringen för förra månaden saknar två medarbetare.",
		reply: "Rapporteringen är kompletterad och skickad på nytt."},
	{service: "system_maintenance", typ: cases.ErrorReport, subject: "Självservice går inte att logga in i",
		body:    "Jag får ett felmeddelande när jag loggar in i självservice.",
		details: map[string]string{"system": "Självservice"},
		reply:   "Felet låg i inloggningstjänsten och är åtgärdat. Prova igen."},
	{service: "system_maintenance", typ: cases.ErrorReport, subject: "Schemat syns inte i personalappen",
		body:    "Sedan i måndags syns inte mitt schema i appen.",
		details: map[string]string{"system": "Personalappen"},
		reply:   "Synkroniseringen av scheman är omstartad och schemat syns nu."},
	{service: "access_rights", typ: cases.Order, subject: "Behörighet att attestera för ny chef",
		body:  "Jag är ny enhetschef och behöver behörighet att attestera tid och reseräkningar.",
		reply: "Behörigheten är tilldelad från i morgon."},
	{service: "certificates", typ: cases.DocumentRequest, subject: "Arbetsgivarintyg till a-kassan",
		body:    "Min anställning har upphört och jag behöver ett arbetsgivarintyg.",
		details: map[string]string{"document": "employer_certificate"},
		reply:   "Arbetsgivarintyget är skickat digitalt till Arbetsgivarintyg.nu."},
	{service: "certificates", typ: cases.DocumentRequest, subject: "Anställningsintyg för bostadsansökan",
		body:    "Jag behöver ett anställningsintyg med lön till en bostadsansökan.",
		details: map[string]string{"document": "employment_certificate"},
		reply:   "Intyget finns nu under Mina dokument i självservice."},
	{service: "certificates", typ: cases.DocumentRequest, subject: "Tjänstgöringsintyg",
		body:    "Jag behöver ett tjänstgöringsintyg för hela min anställningstid.",
		details: map[string]string{"document": "service_certificate"},
		reply:   "Tjänstgöringsintyget är skickat till din folkbokföringsadress."},
	{service: "guidance", typ: cases.Question, subject: "Hur registrerar jag frånvaro i självservice?",
		body:  "Var registrerar jag vård av barn i självservice?",
		reply: "Under Frånvaro väljer du Ny frånvaro och sedan Vård av barn. Instruktionen finns på kundwebben."},
	{service: "guidance", typ: cases.Order, subject: "Utbildning i lönesystemet för nya chefer",
		body:  "Vi har fem nya chefer som behöver utbildning i attest och frånvaro.",
		reply: "Utbildningen är bokad till den 12 nästa månad kl. 9–12."},
	{service: "payroll", typ: cases.Complaint, confidential: true, subject: "Klagomål på felaktig slutlön",
		body:  "Min slutlön blev fel för andra gången. Jag vill att någon ser över hela min anställning.",
		reply: "Vi ber om ursäkt. Slutlönen är omräknad och mellanskillnaden betalas ut på fredag."},
	{service: "employment_data", typ: cases.Question, confidential: true, subject: "Lön under rehabilitering",
		body:  "Hur påverkas min lön av arbetsträning inom rehabiliteringen?",
		reply: "Under arbetsträningen betalas lön för de timmar du arbetar; resten ersätts av Försäkringskassan."},
}

var handOverReasons = []string{
	"Kräver utredning i lönesystemet, lämnas till löneteamet.",
	"Retroaktiv korrigering, behöver lönekonsult.",
	"Anställningsärende för kundens löneteam.",
	"Underlaget måste kontrolleras mot attesten.",
}

var caseNotes = []string{
	"Kontrollerat i Heroma: avvikelsen stämmer.",
	"Väntar på att chefen attesterar.",
	"Samma fråga som förra månaden, se tidigare ärende.",
	"Ringde upp och förklarade, hon återkommer med underlag.",
}

var memberFollowUps = []string{
	"Tack! Jag har skickat underlaget nu.",
	"Jag förstår inte riktigt, kan ni förklara igen?",
	"Det ser fortfarande fel ut på lönespecifikationen.",
}

// caseWorld is what the demo cases are filed among.
type caseWorld struct {
	l         *loader
	now       time.Time
	services  map[string]int64
	teams     map[string]int64
	staff     map[int64][]app.Actor // team → its staff
	owner     map[int64]int64       // unit → the payroll team serving it
	people    []org.Person          // member-side people
	byUnit    map[int64][]org.Person
	cases     int
	recentOld []int64 // closed cases a member writes to again
}

// loadCases files about 2,000 cases over the last twelve months as the
// centre would have: by phone, e-mail and the portal, answered, handed over
// to the payroll teams, noted, waiting, resolved and closed, with a few
// duplicates merged, related cases linked, a closed case followed up, and
// people and units that ask about the same thing again and again. Each step
// runs at the moment it happened (app.Backfill), so no e-mail goes out.
func (l *loader) loadCases() error {
	w := &caseWorld{l: l, now: l.a.Now(), services: map[string]int64{}, teams: map[string]int64{},
		staff: map[int64][]app.Actor{}, owner: map[int64]int64{}, byUnit: map[int64][]org.Person{}}
	if err := w.setup(); err != nil {
		return err
	}
	if err := w.payrunPolicies(); err != nil {
		return err
	}
	rnd := l.rnd
	const n = 2000
	times := make([]time.Time, 0, n)
	for len(times) < n {
		t := w.now.Add(-time.Duration(rnd.Int64N(int64(365 * 24 * time.Hour))))
		local := t.In(stockholm)
		if wd := local.Weekday(); (wd == time.Saturday || wd == time.Sunday) && rnd.IntN(10) > 0 {
			continue
		}
		if h := local.Hour(); (h < 7 || h > 17) && rnd.IntN(6) > 0 {
			continue
		}
		if w.now.Sub(t) < 10*time.Minute {
			continue
		}
		times = append(times, t)
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	plan := w.repeatPatterns(times)
	for i, at := range times {
		p, ok := plan[i]
		if !ok {
			p = story{tmpl: caseTemplates[rnd.IntN(len(caseTemplates))], requester: w.people[rnd.IntN(len(w.people))]}
		}
		if err := w.file(at, p, i); err != nil {
			return fmt.Errorf("demo case %d: %w", i, err)
		}
		if (i+1)%100 == 0 {
			fmt.Fprintf(l.out, "  cases %d/%d\r", i+1, n)
		}
	}
	fmt.Fprintln(l.out)
	return w.followUps()
}

var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return time.UTC
	}
	return loc
}()

// setup reads the organisation, sets the case settings and the routing
// rules: pension and system services go to their team, the rest to the
// first line.
func (w *caseWorld) setup() error {
	l := w.l
	ss, err := l.a.Services(l.ctx, l.sys)
	if err != nil {
		return err
	}
	for _, s := range ss {
		w.services[s.Code] = s.ID
	}
	teams, err := l.a.ListTeams(l.ctx, l.sys, app.PageRequest{Limit: 100})
	if err != nil {
		return err
	}
	for _, t := range teams.Items {
		w.teams[t.Name] = t.ID
		d, err := l.a.Team(l.ctx, l.sys, t.ID)
		if err != nil {
			return err
		}
		for _, p := range d.Staff {
			w.staff[t.ID] = append(w.staff[t.ID], app.Actor{PersonID: p.ID, Name: p.Name, Email: p.Email, Grants: p.Grants,
				TeamIDs: []int64{t.ID}})
		}
		if t.Name != app.FirstLineTeamName && t.Name != "Pension och system" {
			for _, u := range d.UnitIDs {
				w.owner[u] = t.ID
			}
		}
	}
	if _, err := l.a.UpdateCaseSettings(l.ctx, l.sys, app.CaseSettings{FirstLineTeamID: w.teams[app.FirstLineTeamName],
		ReopenDays: cases.DefaultReopenDays, AttachmentMaxBytes: app.DefaultAttachmentMax}); err != nil {
		return err
	}
	for _, code := range []string{"pension_calculation", "pension_reporting", "system_maintenance", "access_rights"} {
		if _, err := l.a.CreateRoutingRule(l.ctx, l.sys, cases.Rule{Name: "Pension och system", ServiceID: w.services[code],
			TeamID: w.teams["Pension och system"]}); err != nil {
			return err
		}
	}
	for _, m := range l.members {
		ps, err := collectPeople(l, app.PersonQuery{MemberID: m.ID})
		if err != nil {
			return err
		}
		for _, p := range ps {
			if p.UnitID != 0 {
				w.people = append(w.people, p)
				w.byUnit[p.UnitID] = append(w.byUnit[p.UnitID], p)
			}
		}
	}
	slices.SortFunc(w.people, func(a, b org.Person) int { return int(a.ID - b.ID) })
	if len(w.people) == 0 || len(w.staff[w.teams[app.FirstLineTeamName]]) == 0 {
		return fmt.Errorf("the demo organisation has no people or no first line")
	}
	return nil
}

type story struct {
	tmpl      caseTemplate
	requester org.Person
}

// repeatPatterns plans the repeat contacts of the last 90 days: six people
// who ask about the same service four to seven times, and one unit whose
// staff keep sending corrections.
func (w *caseWorld) repeatPatterns(times []time.Time) map[int]story {
	rnd := w.l.rnd
	var recent []int
	for i, t := range times {
		if w.now.Sub(t) < 90*24*time.Hour {
			recent = append(recent, i)
		}
	}
	rnd.Shuffle(len(recent), func(i, j int) { recent[i], recent[j] = recent[j], recent[i] })
	plan := map[int]story{}
	take := func(k int) []int {
		k = min(k, len(recent))
		out := recent[:k]
		recent = recent[k:]
		return out
	}
	for range 6 {
		p := w.people[rnd.IntN(len(w.people))]
		tmpl := caseTemplates[rnd.IntN(len(caseTemplates))]
		for _, i := range take(4 + rnd.IntN(4)) {
			plan[i] = story{tmpl: tmpl, requester: p}
		}
	}
	var unit int64
	for u, ps := range w.byUnit {
		if len(ps) >= 3 && (unit == 0 || u < unit) {
			unit = u
		}
	}
	if unit != 0 {
		for _, i := range take(12) {
			ps := w.byUnit[unit]
			plan[i] = story{tmpl: caseTemplates[3+rnd.IntN(3)], requester: ps[rnd.IntN(len(ps))]}
		}
	}
	return plan
}

func memberActor(p org.Person) app.Actor {
	return app.Actor{PersonID: p.ID, Name: p.Name, Email: p.Email, MemberID: p.MemberID, UnitID: p.UnitID, Grants: p.Grants}
}

// file opens one case at `at` and lives its life up to now.
func (w *caseWorld) file(at time.Time, s story, i int) error {
	l, rnd := w.l, w.l.rnd
	first := w.staff[w.teams[app.FirstLineTeamName]]
	agent := first[rnd.IntN(len(first))]
	in := app.NewCase{RequesterID: s.requester.ID, Type: s.tmpl.typ, ServiceID: w.services[s.tmpl.service], Subject: s.tmpl.subject,
		Body: s.tmpl.body, Details: map[string]string{}, ReceivedAt: at, Confidential: s.tmpl.confidential}
	for k, v := range s.tmpl.details {
		in.Details[k] = v
	}
	if in.Details["pay_period"] == "" && s.tmpl.typ == cases.Correction {
		in.Details["pay_period"] = at.AddDate(0, -1, 0).Format("2006-01")
	}
	by := agent
	switch r := rnd.IntN(100); {
	case r < 35:
		in.Channel = cases.Phone
	case r < 70:
		in.Channel, by = cases.Email, l.sys
	case r < 90:
		in.Channel, in.RequesterID, by = cases.Portal, 0, memberActor(s.requester)
	case r < 98:
		in.Channel, in.RequesterID, by = cases.WebForm, 0, memberActor(s.requester)
	default:
		in.Channel = cases.WalkIn
	}
	if by.System {
		by = app.SystemActor("e-post")
	}
	c, err := l.a.OpenCase(app.Backfill(l.ctx, at), by, in)
	if err != nil {
		return err
	}
	w.cases++
	if i%400 == 17 {
		return w.duplicate(c, s, at)
	}
	return w.live(c, s, at, agent)
}

// live answers, hands over, notes, waits, resolves and closes a case as
// far as time has come. Cases of the last ten days stop on the way, so
// that the queues hold new, open, waiting and resolved cases.
func (w *caseWorld) live(c cases.Case, s story, at time.Time, agent app.Actor) error {
	l, rnd := w.l, w.l.rnd
	stop := cases.Closed
	scale := time.Duration(1)
	if w.now.Sub(at) < 10*24*time.Hour {
		stop = []cases.Status{cases.New, cases.Open, cases.WaitingMember, cases.WaitingThirdParty, cases.Resolved}[weighted(rnd, 25, 30, 20, 10, 15)]
		scale = 8
	}
	t := at
	step := func(min, max time.Duration) bool {
		t = t.Add((min + time.Duration(rnd.Int64N(int64(max-min)))) / scale)
		return t.Before(w.now.Add(-time.Minute))
	}
	bt := func() context.Context { return app.Backfill(l.ctx, t) }
	if stop == cases.New || !step(10*time.Minute, 30*time.Hour) {
		return nil
	}
	handler := agent
	if staff := w.staff[c.TeamID]; c.TeamID != w.teams[app.FirstLineTeamName] && len(staff) > 0 {
		handler = staff[rnd.IntN(len(staff))]
	}
	if _, err := l.a.AssignCase(bt(), handler, c.ID, app.Assignment{AssigneeID: handler.PersonID}); err != nil {
		return err
	}
	if team, ok := w.owner[c.UnitID]; ok && s.tmpl.payroll && c.TeamID == w.teams[app.FirstLineTeamName] && rnd.IntN(10) < 6 {
		if _, err := l.a.ReplyToCase(bt(), handler, c.ID, app.Reply{Body: "Hej! Vi har tagit emot ditt ärende och lämnar det till ditt löneteam."}); err != nil {
			return err
		}
		if !step(5*time.Minute, 3*time.Hour) {
			return nil
		}
		if _, err := l.a.HandOver(bt(), handler, c.ID, app.HandOverInput{TeamID: team,
			Reason: handOverReasons[rnd.IntN(len(handOverReasons))]}); err != nil {
			return err
		}
		if staff := w.staff[team]; len(staff) > 0 {
			handler = staff[rnd.IntN(len(staff))]
		}
		if !step(30*time.Minute, 2*24*time.Hour) {
			return nil
		}
		if _, err := l.a.AssignCase(bt(), handler, c.ID, app.Assignment{AssigneeID: handler.PersonID}); err != nil {
			return err
		}
	}
	if rnd.IntN(4) == 0 {
		if _, err := l.a.ReplyToCase(bt(), handler, c.ID, app.Reply{Body: caseNotes[rnd.IntN(len(caseNotes))],
			Visibility: cases.InternalOnly}); err != nil {
			return err
		}
	}
	switch stop {
	case cases.Open:
		_, err := l.a.ReplyToCase(bt(), handler, c.ID, app.Reply{Body: "Tack! Vi utreder ärendet och återkommer."})
		return err
	case cases.WaitingMember:
		_, err := l.a.ReplyToCase(bt(), handler, c.ID, app.Reply{Body: "Kan du skicka lönespecifikationen det gäller?",
			Status: cases.WaitingMember})
		return err
	case cases.WaitingThirdParty:
		_, err := l.a.ReplyToCase(bt(), handler, c.ID, app.Reply{Body: "Vi väntar på besked från Försäkringskassan.",
			Status: cases.WaitingThirdParty})
		return err
	}
	if rnd.IntN(5) == 0 {
		if _, err := l.a.ReplyToCase(bt(), handler, c.ID, app.Reply{Body: "Kan du skicka lönespecifikationen det gäller?",
			Status: cases.WaitingMember}); err != nil {
			return err
		}
		if !step(2*time.Hour, 4*24*time.Hour) {
			return nil
		}
		if _, err := l.a.AddMemberMessage(bt(), memberActor(s.requester), c.ID, app.MemberMessage{
			Body: memberFollowUps[rnd.IntN(len(memberFollowUps))]}); err != nil {
			return err
		}
	}
	if !step(time.Hour, 5*24*time.Hour) {
		return nil
	}
	if _, err := l.a.ReplyToCase(bt(), handler, c.ID, app.Reply{Body: s.tmpl.reply, Status: cases.Resolved}); err != nil {
		return err
	}
	if stop == cases.Resolved || !step(cases.DefaultReopenDays*24*time.Hour, cases.DefaultReopenDays*24*time.Hour+time.Hour) {
		return nil
	}
	if _, err := l.a.ChangeCaseStatus(bt(), app.SystemActor("Samverkan"), c.ID, cases.Closed); err != nil {
		return err
	}
	if len(w.recentOld) < 3 && w.now.Sub(t) < 60*24*time.Hour {
		w.recentOld = append(w.recentOld, c.ID)
	}
	return nil
}

// weighted returns an index by weights.
func weighted(rnd interface{ IntN(int) int }, weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	r := rnd.IntN(total)
	for i, w := range weights {
		if r < w {
			return i
		}
		r -= w
	}
	return len(weights) - 1
}

// duplicate has the requester write again through the portal about the
// same thing; the agent merges the duplicate into the first case.
func (w *caseWorld) duplicate(c cases.Case, s story, at time.Time) error {
	l := w.l
	t := at.Add(2 * time.Hour)
	if t.After(w.now) {
		return nil
	}
	dup, err := l.a.OpenCase(app.Backfill(l.ctx, t), memberActor(s.requester), app.NewCase{Type: s.tmpl.typ, Channel: cases.Portal,
		ServiceID: w.services[s.tmpl.service], Subject: s.tmpl.subject + " (igen)", Body: "Jag skickar samma fråga här också. " + s.tmpl.body,
		Details: c.Details})
	if err != nil {
		return err
	}
	staff := w.staff[c.TeamID]
	if len(staff) == 0 {
		return nil
	}
	_, err = l.a.MergeCase(app.Backfill(l.ctx, t.Add(30*time.Minute)), staff[0], dup.ID, c.ID)
	return err
}

// followUps: members write again to a few cases closed lately, which opens
// new cases linked to them, and agents link related cases.
func (w *caseWorld) followUps() error {
	l := w.l
	for i, id := range w.recentOld {
		d, err := l.a.Case(l.ctx, l.sys, id)
		if err != nil {
			return err
		}
		p, err := l.a.Person(l.ctx, l.sys, d.RequesterID)
		if err != nil {
			return err
		}
		if _, err := l.a.AddMemberMessage(app.Backfill(l.ctx, w.now.Add(-time.Duration(i+1)*time.Hour)), memberActor(p), id,
			app.MemberMessage{Body: "Det här har blivit fel igen, samma sak som sist."}); err != nil {
			return err
		}
	}
	page, err := l.a.Queue(l.ctx, l.sys, app.QueueQuery{Queue: app.QueueAllOpen, PageRequest: app.PageRequest{Limit: 40}})
	if err != nil {
		return err
	}
	first := w.staff[w.teams[app.FirstLineTeamName]][0]
	var open []int64
	for _, v := range page.Items {
		if !v.Confidential {
			open = append(open, v.ID)
		}
	}
	for i := 0; i+1 < len(open) && i < 10; i += 2 {
		if err := l.a.LinkCases(l.ctx, first, open[i], open[i+1]); err != nil {
			return err
		}
	}
	return nil
}
