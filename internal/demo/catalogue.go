package demo

import (
	"fmt"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/catalog"
	"samverkan/internal/orders"
	"samverkan/internal/org"
)

// The demo catalogue follows HR-servicecenter's service description: every
// activity of a service has an owner (the centre, the member's HR or the
// manager) and a deadline tied to the member's pay calendar or to receipt.

type act struct {
	party      catalog.Party
	anchor     catalog.Anchor
	days       int
	sv, da, en string
	forms      string
	level      string // the agreement target (KPI) it is measured by
}

var (
	centre  = catalog.Centre
	member  = catalog.Member
	manager = catalog.Manager
)

var areaTexts = map[string]catalog.Text{
	"payroll": {SV: "Lön, ersättningar och rättelser från anställning till sista lön.", DA: "Løn, ydelser og rettelser fra ansættelse til sidste løn.", EN: "Pay, allowances and corrections from hiring to the last payslip."},
	"pension": {SV: "Pensionsgrundande underlag, beräkningar och rapportering till pensionsbolagen.", DA: "Pensionsgrundlag, beregninger og indberetning til pensionsselskaberne.", EN: "Pensionable pay, calculations and reporting to the pension companies."},
	"system":  {SV: "Förvaltning av lönesystemet, behörigheter och integrationer.", DA: "Forvaltning af lønsystemet, adgange og integrationer.", EN: "Running the payroll system, access rights and integrations."},
	"support": {SV: "Kundtjänst, intyg, vägledning och utbildning.", DA: "Kundeservice, attester, vejledning og uddannelse.", EN: "Customer service, certificates, guidance and training."},
}

// activities of the services of migration 0004, by service code.
var activities = map[string][]act{
	"employment_data": {
		{manager, catalog.Cutoff, -3, "Besluta om anställning och registrera den i självservice", "Beslutte ansættelse og registrere den i selvbetjening", "Decide on the employment and register it in self-service", "Självservice: Ny anställning", ""},
		{member, catalog.Cutoff, -1, "Granska och attestera anställningsuppgifterna", "Kontrollere og attestere ansættelsesoplysningerne", "Review and approve the employment data", "Attestlista", ""},
		{centre, catalog.Receipt, 2, "Registrera anställningen i lönesystemet", "Registrere ansættelsen i lønsystemet", "Register the employment in the payroll system", "Lönesystemet", "registration_time"},
		{centre, catalog.Receipt, 3, "Skicka anställningsbevis till den anställde", "Sende ansættelsesbevis til medarbejderen", "Send the contract of employment to the employee", "Mall: Anställningsbevis", ""},
		{manager, catalog.NoDeadline, 0, "Meddela ändrad sysselsättningsgrad eller befattning", "Meddele ændret beskæftigelsesgrad eller stilling", "Report changes of hours or position", "Självservice: Ändra anställning", ""},
	},
	"payroll_documents": {
		{manager, catalog.Cutoff, 0, "Attestera tidrapporter, övertid och ob", "Attestere tidsregistreringer, overarbejde og tillæg", "Approve time reports, overtime and unsocial hours", "Självservice: Attest", ""},
		{member, catalog.Cutoff, 0, "Skicka manuella underlag till servicecentret", "Sende manuelle bilag til servicecentret", "Send paper documents to the centre", "Blankett: Lönerelaterat underlag", ""},
		{centre, catalog.Payday, -5, "Registrera inkomna underlag före lönekörningen", "Registrere modtagne bilag før lønkørslen", "Register received documents before the pay run", "Lönesystemet", "payslip_accuracy"},
		{centre, catalog.Receipt, 1, "Begära komplettering av ofullständiga underlag", "Anmode om supplering af ufuldstændige bilag", "Ask for missing information", "E-post, kundwebben", ""},
	},
	"corrections": {
		{manager, catalog.Cutoff, 0, "Anmäla rättelse i självservice med orsak", "Anmelde rettelse i selvbetjening med årsag", "Report a correction in self-service with its cause", "Självservice: Rättelse", ""},
		{member, catalog.Cutoff, 0, "Attestera rättelsen", "Attestere rettelsen", "Approve the correction", "Attestlista", ""},
		{centre, catalog.Receipt, 2, "Utreda och korrigera i lönesystemet", "Undersøge og rette i lønsystemet", "Investigate and correct in the payroll system", "Lönesystemet", "correction_time"},
		{centre, catalog.Payday, 0, "Betala ut rättelsen med nästa lön", "Udbetale rettelsen med næste løn", "Pay the correction with the next pay", "", "payslip_accuracy"},
		{member, catalog.NoDeadline, 0, "Återkräva felaktigt utbetald lön", "Kræve fejludbetalt løn tilbage", "Recover pay paid in error", "Mall: Återbetalningskrav", ""},
		{manager, catalog.Receipt, 5, "Informera den anställde om rättelsen", "Informere medarbejderen om rettelsen", "Tell the employee about the correction", "", ""},
	},
	"payroll": {
		{centre, catalog.Payday, -3, "Genomföra lönekörningen", "Gennemføre lønkørslen", "Run the payroll", "Lönesystemet", "payslip_accuracy"},
		{centre, catalog.Payday, -2, "Skicka betalfil till banken", "Sende betalingsfil til banken", "Send the payment file to the bank", "Bankgirot", "payday_on_time"},
		{member, catalog.Payday, -4, "Granska kontrollistor före utbetalning", "Gennemgå kontrollister før udbetaling", "Check the control lists before payment", "Rapport: Kontrollista", ""},
		{centre, catalog.Payday, 5, "Bokföra lönen och skicka konteringsfil", "Bogføre lønnen og sende konteringsfil", "Post the payroll to the ledger", "Ekonomisystemet", ""},
		{centre, catalog.Payday, 7, "Lämna arbetsgivardeklaration till Skatteverket", "Indberette til eIndkomst", "File the employer's tax return", "Skatteverkets e-tjänst", ""},
	},
	"absence": {
		{manager, catalog.Cutoff, 0, "Registrera sjukfrånvaro och ledigheter", "Registrere sygefravær og orlov", "Register sick leave and leave", "Självservice: Frånvaro", ""},
		{member, catalog.Receipt, 5, "Anmäla sjukfall över 14 dagar till Försäkringskassan", "Anmelde sygdom over 14 dage til kommunen", "Report sickness over 14 days to the social insurance", "Försäkringskassans e-tjänst", ""},
		{centre, catalog.Payday, -5, "Beräkna sjuklön och karensavdrag", "Beregne sygeløn", "Calculate sick pay", "Lönesystemet", "payslip_accuracy"},
		{centre, catalog.Receipt, 3, "Hantera läkarintyg och förlängningar", "Håndtere lægeerklæringer", "Handle medical certificates", "", ""},
	},
	"expenses": {
		{manager, catalog.Cutoff, 0, "Attestera reseräkningar och utlägg", "Attestere rejseafregninger og udlæg", "Approve travel claims and expenses", "Självservice: Resa", ""},
		{centre, catalog.Payday, -5, "Kontrollera och registrera reseräkningar", "Kontrollere og registrere rejseafregninger", "Check and register travel claims", "Lönesystemet", ""},
		{member, catalog.NoDeadline, 0, "Fastställa lokala regler för resor", "Fastsætte lokale regler for rejser", "Set local travel rules", "Resepolicy", ""},
	},
	"pension_calculation": {
		{member, catalog.Receipt, 10, "Begära pensionsberäkning för den anställde", "Anmode om pensionsberegning", "Ask for a pension calculation", "Blankett: Pensionsberäkning", ""},
		{centre, catalog.Receipt, 10, "Beräkna pension och skicka beräkningen", "Beregne pension og sende beregningen", "Calculate the pension and send it", "Pensionssystemet", "pension_time"},
		{manager, catalog.Receipt, 15, "Besluta om särskild avtalspension", "Beslutte om særlig pensionsaftale", "Decide on a special pension agreement", "", ""},
		{centre, catalog.NoDeadline, 0, "Svara på frågor om tjänstepension", "Besvare spørgsmål om arbejdsmarkedspension", "Answer questions on occupational pension", "Kundtjänst", ""},
	},
	"pension_reporting": {
		{centre, catalog.Payday, 10, "Rapportera pensionsgrundande lön till pensionsbolaget", "Indberette pensionsgivende løn", "Report pensionable pay to the pension company", "Pensionsbolagets portal", "pension_time"},
		{centre, catalog.Receipt, 5, "Rätta avvikelser som pensionsbolaget återrapporterar", "Rette afvigelser fra pensionsselskabet", "Correct deviations the pension company reports", "", ""},
		{member, catalog.NoDeadline, 0, "Betala pensionsfakturan", "Betale pensionsfakturaen", "Pay the pension invoice", "Ekonomisystemet", ""},
	},
	"system_maintenance": {
		{centre, catalog.NoDeadline, 0, "Installera nya versioner och testa dem", "Installere nye versioner og teste dem", "Install and test new versions", "Testmiljö", ""},
		{centre, catalog.Receipt, 1, "Informera om driftstörningar", "Informere om driftsforstyrrelser", "Report outages", "Kundwebben, e-post", "system_availability"},
		{member, catalog.NoDeadline, 0, "Delta i acceptanstest av nya funktioner", "Deltage i accepttest af nye funktioner", "Take part in acceptance tests", "Testprotokoll", ""},
		{centre, catalog.NoDeadline, 0, "Uppdatera löneartsregister och parametrar", "Opdatere lønartsregister og parametre", "Maintain pay types and parameters", "Lönesystemet", ""},
		{member, catalog.Cutoff, -10, "Beställa ändringar i organisationsträdet", "Bestille ændringer i organisationstræet", "Order changes of the organisation tree", "Blankett: Organisationsändring", ""},
	},
	"access_rights": {
		{manager, catalog.Receipt, 0, "Ansöka om behörighet för ny chef eller chefsstöd", "Ansøge om adgang for ny leder", "Apply for access for a new manager or assistant", "Blankett: Behörighet", ""},
		{member, catalog.Receipt, 2, "Godkänna behörighetsansökan", "Godkende adgangsansøgningen", "Approve the access request", "", ""},
		{centre, catalog.Receipt, 2, "Lägga upp behörigheten i systemet", "Oprette adgangen i systemet", "Grant the access in the system", "Behörighetssystemet", "access_time"},
		{manager, catalog.Receipt, 1, "Meddela när en chef slutar", "Meddele når en leder stopper", "Report a manager who leaves", "Blankett: Behörighet", ""},
	},
	"certificates": {
		{member, catalog.NoDeadline, 0, "Hänvisa den anställde till intygsbeställning", "Henvise medarbejderen til bestilling af attest", "Point the employee to the certificate order", "Kundwebben", ""},
		{centre, catalog.Receipt, 5, "Utfärda arbetsgivarintyg", "Udstede arbejdsgivererklæring", "Issue the employer's certificate", "Arbetsgivarintyg.nu", "certificate_time"},
		{centre, catalog.Receipt, 5, "Utfärda tjänstgöringsintyg", "Udstede tjenesteerklæring", "Issue the service certificate", "Mall: Tjänstgöringsintyg", "certificate_time"},
		{manager, catalog.Receipt, 3, "Skriva omdöme till tjänstgöringsintyget", "Skrive udtalelse til tjenesteerklæringen", "Write the reference for the certificate", "", ""},
	},
	"guidance": {
		{centre, catalog.Receipt, 1, "Besvara frågor i kundtjänst", "Besvare spørgsmål i kundeservice", "Answer questions in customer service", "Telefon, e-post, kundwebben", "first_response"},
		{centre, catalog.NoDeadline, 0, "Hålla utbildning i självservice för chefer", "Holde kurser i selvbetjening for ledere", "Train managers in self-service", "Utbildningsmaterial", ""},
		{member, catalog.NoDeadline, 0, "Anmäla nya chefer till utbildningen", "Tilmelde nye ledere til kurset", "Sign new managers up for training", "Kundwebben", ""},
		{manager, catalog.NoDeadline, 0, "Gå introduktionsutbildningen i självservice", "Gennemføre introduktionskurset", "Take the self-service introduction", "", ""},
	},
}

// additional services members order one by one.
var additionalServices = []struct {
	area, code, sv, da, en string
	acts                   []act
}{
	{"payroll", "extra_pay_run", "Extra lönekörning", "Ekstra lønkørsel", "Extra pay run", []act{
		{member, catalog.Payday, -10, "Beställa den extra körningen", "Bestille den ekstra kørsel", "Order the extra run", "Beställning", ""},
		{manager, catalog.Payday, -6, "Attestera underlagen för körningen", "Attestere bilagene", "Approve the documents for the run", "Självservice: Attest", ""},
		{centre, catalog.Payday, 0, "Genomföra körningen och betala ut", "Gennemføre kørslen og udbetale", "Run it and pay out", "Lönesystemet", ""},
	}},
	{"payroll", "payroll_reports", "Statistik- och rapportuttag", "Statistik og rapporter", "Statistics and reports", []act{
		{member, catalog.NoDeadline, 0, "Beskriva vilka uppgifter rapporten ska visa", "Beskrive rapportens indhold", "Describe what the report shows", "Beställning", ""},
		{centre, catalog.Receipt, 10, "Ta fram och leverera rapporten", "Udarbejde og levere rapporten", "Produce and deliver the report", "Rapportverktyget", ""},
		{member, catalog.Receipt, 5, "Godkänna leveransen", "Godkende leverancen", "Approve the delivery", "", ""},
	}},
	{"system", "integration", "Integration mot verksamhetssystem", "Integration med fagsystemer", "Integration with business systems", []act{
		{member, catalog.NoDeadline, 0, "Ta fram kravspecifikation med systemleverantören", "Udarbejde kravspecifikation", "Specify the requirements with the supplier", "Mall: Kravspecifikation", ""},
		{centre, catalog.Receipt, 20, "Bygga och testa integrationen", "Bygge og teste integrationen", "Build and test the integration", "Integrationsplattformen", ""},
		{member, catalog.Receipt, 10, "Acceptanstesta integrationen", "Accepteste integrationen", "Acceptance-test the integration", "Testprotokoll", ""},
		{centre, catalog.NoDeadline, 0, "Övervaka integrationen i drift", "Overvåge integrationen i drift", "Monitor the integration", "", "system_availability"},
	}},
	{"support", "manager_training", "Utbildning för chefer", "Kurser for ledere", "Training for managers", []act{
		{member, catalog.NoDeadline, 0, "Anmäla deltagare", "Tilmelde deltagere", "Sign up participants", "Kundwebben", ""},
		{centre, catalog.Receipt, 15, "Hålla utbildningen på plats", "Holde kurset på stedet", "Give the training on site", "Utbildningsmaterial", ""},
		{manager, catalog.NoDeadline, 0, "Delta och tillämpa rutinerna", "Deltage og bruge rutinerne", "Take part and apply the routines", "", ""},
	}},
}

// catalogue fills the catalogue, gives every member an agreement and places
// 30 orders that between them are in every state.
func (l *loader) catalogue() error {
	areas, err := l.a.ServiceAreas(l.ctx, l.sys)
	if err != nil {
		return err
	}
	areaID := map[string]int64{}
	for _, ar := range areas {
		areaID[ar.Code] = ar.ID
		if d, ok := areaTexts[ar.Code]; ok {
			ar.Description = d
			if _, err := l.a.UpdateServiceArea(l.ctx, l.sys, ar); err != nil {
				return err
			}
		}
	}
	all, err := l.a.Catalogue(l.ctx, l.sys, app.CatalogueQuery{})
	if err != nil {
		return err
	}
	services := map[string]catalog.Service{}
	for _, ar := range all {
		for _, s := range ar.Services {
			if err := l.addActivities(s.ID, activities[s.Code]); err != nil {
				return fmt.Errorf("service %s: %w", s.Code, err)
			}
			services[s.Code] = s
		}
	}
	for _, as := range additionalServices {
		s, err := l.a.CreateCatalogueService(l.ctx, l.sys, catalog.Service{AreaID: areaID[as.area], Code: as.code,
			Name: catalog.Text{SV: as.sv, DA: as.da, EN: as.en}, Kind: catalog.Additional, Active: true,
			Description: catalog.Text{SV: "Tilläggstjänst som beställs separat.", DA: "Tilkøbsservice, der bestilles særskilt.", EN: "An additional service ordered separately."}})
		if err != nil {
			return err
		}
		if err := l.addActivities(s.ID, as.acts); err != nil {
			return err
		}
		services[s.Code] = s
	}
	fmt.Fprintln(l.out, "  catalogue loaded")
	if err := l.agreements(services); err != nil {
		return err
	}
	return l.orders(services)
}

func (l *loader) addActivities(serviceID int64, acts []act) error {
	for _, a := range acts {
		forms := catalog.Text{SV: a.forms, DA: a.forms, EN: a.forms}
		contact := catalog.Text{SV: "Kundtjänst, 042-10 50 00", DA: "Kundeservice, 042-10 50 00", EN: "Customer service, +46 42 10 50 00"}
		if a.party != centre {
			contact = catalog.Text{SV: "Er HR-avdelning", DA: "Jeres HR-afdeling", EN: "Your HR department"}
		}
		_, err := l.a.AddActivity(l.ctx, l.sys, catalog.Activity{ServiceID: serviceID, Responsible: a.party,
			Deadline: catalog.Deadline{Anchor: a.anchor, Days: a.days}, ServiceLevel: a.level,
			Name: catalog.Text{SV: a.sv, DA: a.da, EN: a.en}, Forms: forms, Contact: contact})
		if err != nil {
			return err
		}
	}
	return nil
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// standardTargets are the service levels of HR-servicecenter's agreement.
var standardTargets = []catalog.Target{
	{Code: "payslip_accuracy", Name: "Korrekta lönebesked", Counted: "lönebesked utan fel som servicecentret orsakat, av alla lönebesked",
		Period: catalog.Monthly, Comparator: catalog.AtLeast, Value: 9950, Unit: catalog.Percent, CentreErrorsOnly: true},
	{Code: "payday_on_time", Name: "Lön i tid", Counted: "lönekörningar där lönen fanns på kontot på utbetalningsdagen",
		Period: catalog.Monthly, Comparator: catalog.AtLeast, Value: 10000, Unit: catalog.Percent, CentreErrorsOnly: true},
	{Code: "correction_time", Name: "Rättelser inom två dagar", Counted: "rättelser som korrigerats inom två arbetsdagar från att de kom in",
		Period: catalog.Quarterly, Comparator: catalog.AtLeast, Value: 9500, Unit: catalog.Percent, CentreErrorsOnly: true},
	{Code: "first_response", Name: "Svar i kundtjänst", Counted: "ärenden med första svar inom en arbetsdag",
		Period: catalog.Quarterly, Comparator: catalog.AtLeast, Value: 9000, Unit: catalog.Percent},
	{Code: "nki", Name: "Nöjd kund-index", Counted: "medelbetyg i den årliga kundenkäten, skala 1–5",
		Period: catalog.Yearly, Comparator: catalog.AtLeast, Value: 400, Unit: catalog.Count},
}

// agreements gives every member an approved agreement; Åstorp's has a
// deviation annex and Ängelholm's is being revised.
func (l *loader) agreements(services map[string]catalog.Service) error {
	var base []catalog.IncludedService
	for _, code := range []string{"employment_data", "payroll_documents", "corrections", "payroll", "absence", "expenses",
		"pension_calculation", "pension_reporting", "system_maintenance", "access_rights", "certificates", "guidance"} {
		base = append(base, catalog.IncludedService{ServiceID: services[code].ID})
	}
	for _, ms := range members {
		m := l.members[ms.name]
		v := catalog.Version{Title: "Samverkansavtal HR-servicecenter – " + ms.name, ValidFrom: day("2024-01-01"),
			BindingMonths: 60, NoticeMonths: 12, Schedule: catalog.PaySchedule{PayDay: 25, CutoffDay: 10},
			Services: base, Targets: standardTargets,
			Signatories: []catalog.Signatory{
				{Side: catalog.CentreSide, Name: "Lena Berglund", Title: "Förvaltningschef HR-servicecenter", SignedOn: day("2023-11-20")},
				{Side: catalog.MemberSide, Name: "HR-direktör, " + ms.name, Title: "HR-direktör", SignedOn: day("2023-11-28")}}}
		switch ms.name {
		case "Helsingborgshem AB":
			v.Schedule.PayDay = 27
		case "Nordvästra Skånes Renhållning AB":
			v.ValidFrom, v.Signatories = day("2026-01-01"), nil
		case "Åstorps kommun":
			v.Deviations = []catalog.Deviation{
				{Description: "Tidrapporter för timavlönade lämnas på papper i stället för i självservice.",
					ActionPlan: "Åstorp inför e-tidrapport i självservice för alla timavlönade; servicecentret utbildar schemaläggarna.", EndsOn: day("2026-06-30")},
				{Description: "Brytdatum den 5:e i stället för den 10:e för sjukfrånvaro inom äldreomsorgen.",
					ActionPlan: "Gemensam genomgång av frånvaroflödet på taktisk nivå varje kvartal.", EndsOn: day("2027-03-31")}}
			v.ExtraServices = []catalog.ExtraService{{Description: "Manuell inläsning av tidrapporter för timavlönade under övergången", Since: day("2024-01-01")}}
		}
		v, err := l.a.CreateAgreement(l.ctx, l.sys, m.ID, v)
		if err != nil {
			return fmt.Errorf("agreement of %s: %w", ms.name, err)
		}
		if _, err := l.a.ApproveAgreementVersion(l.ctx, l.sys, v.ID); err != nil {
			return err
		}
		if ms.name == "Ängelholms kommun" {
			d, err := l.a.DraftAgreementVersion(l.ctx, l.sys, v.AgreementID,
				"Årlig revision: uppsägningstiden kortas till sex månader och målet för rättelser skärps till 97 %.")
			if err != nil {
				return err
			}
			d.NoticeMonths = 6
			d.Targets = append([]catalog.Target(nil), d.Targets...)
			d.Targets[2].Value = 9700
			if _, err := l.a.UpdateAgreementVersion(l.ctx, l.sys, d); err != nil {
				return err
			}
		}
	}
	fmt.Fprintln(l.out, "  agreements loaded")
	return nil
}

// demoOrder is an order and the state the demo leaves it in.
type demoOrder struct {
	member  string
	kind    orders.Kind
	service string
	title   string
	amount  int64 // kronor
	state   orders.State
}

var demoOrders = []demoOrder{
	{"Helsingborgs stad", orders.Additional, "extra_pay_run", "Extra lönekörning för timavlönade", 72_500, orders.Approved},
	{"Helsingborgs stad", orders.Special, "", "Lönekartläggning 2026", 48_000, orders.Delivered},
	{"Helsingborgs stad", orders.Additional, "payroll_reports", "Månadsrapport sjukfrånvaro per förvaltning", 18_500, orders.Accepted},
	{"Helsingborgs stad", orders.Special, "", "Migrering av historiska lönedata från gamla systemet", 185_000, orders.Quoted},
	{"Helsingborgs stad", orders.Additional, "manager_training", "Chefsutbildning i självservice för 40 nya chefer", 32_000, orders.Estimated},
	{"Helsingborgs stad", orders.Change, "corrections", "Rättelser även för förtroendevaldas arvoden", 0, orders.Submitted},
	{"Båstads kommun", orders.Additional, "integration", "Integration mot schemasystemet", 96_000, orders.Approved},
	{"Båstads kommun", orders.Special, "", "Retroaktiv löneökning enligt nytt avtal", 24_000, orders.Delivered},
	{"Båstads kommun", orders.Special, "", "Extra bokslutsrapport", 9_500, orders.Declined},
	{"Båstads kommun", orders.Special, "", "Analys av övertidsuttag", 0, orders.Submitted},
	{"Höganäs kommun", orders.Additional, "payroll_reports", "Kvartalsrapport personalkostnader", 22_000, orders.Approved},
	{"Höganäs kommun", orders.Special, "", "Semesterlöneskuld per förvaltning", 14_000, orders.Accepted},
	{"Höganäs kommun", orders.Additional, "integration", "Integration mot ekonomisystemet", 120_000, orders.Declined},
	{"Höganäs kommun", orders.Special, "", "Sammanställning till facklig förhandling", 0, orders.Cancelled},
	{"Svalövs kommun", orders.Additional, "extra_pay_run", "Extra körning för sommarvikarier", 38_000, orders.Delivered},
	{"Svalövs kommun", orders.Special, "", "Utredning av felaktiga OB-tillägg", 56_000, orders.Quoted},
	{"Svalövs kommun", orders.Special, "", "Lönestatistik till SCB", 0, orders.Submitted},
	{"Åstorps kommun", orders.Change, "absence", "Brytdatum för sjukfrånvaro flyttas till den 10:e", 6_000, orders.Approved},
	{"Åstorps kommun", orders.Special, "", "Inläsning av tidrapporter från papper", 28_000, orders.Accepted},
	{"Åstorps kommun", orders.Additional, "manager_training", "Utbildning för schemaläggare", 16_000, orders.Estimated},
	{"Åstorps kommun", orders.Special, "", "Extra utbetalning före jul", 0, orders.Cancelled},
	{"Ängelholms kommun", orders.Additional, "payroll_reports", "Rapport om sjuklönekostnader", 12_500, orders.Estimated},
	{"Ängelholms kommun", orders.Special, "", "Omorganisation: flytta 300 anställningar", 64_000, orders.Quoted},
	{"Ängelholms kommun", orders.Special, "", "Pensionsberäkningar inför avgångar", 0, orders.Submitted},
	{"Ängelholms kommun", orders.Special, "", "Kontroll av semesterdagar", 8_000, orders.Delivered},
	{"Helsingborgshem AB", orders.Additional, "extra_pay_run", "Extra lönekörning för styrelsearvoden", 15_000, orders.Accepted},
	{"Helsingborgshem AB", orders.Special, "", "Rapport till revisorerna", 11_000, orders.Declined},
	{"Helsingborgshem AB", orders.Special, "", "Uppstart av friskvårdsbidrag", 52_000, orders.Estimated},
	{"Nordvästra Skånes Renhållning AB", orders.Special, "", "Överföring av löner från tidigare leverantör", 140_000, orders.Approved},
	{"Nordvästra Skånes Renhållning AB", orders.Special, "", "Utbildning i attestflödet", 0, orders.Submitted},
}

// orders places the demo orders and takes each to its state.
func (l *loader) orders(services map[string]catalog.Service) error {
	admin, err := l.personWith(0, org.Admin)
	if err != nil {
		return err
	}
	centreSide := app.Actor{PersonID: admin.ID, Name: admin.Name, Email: admin.Email, Grants: admin.Grants}
	for _, d := range demoOrders {
		m := l.members[d.member]
		p, err := l.personWith(m.ID, org.Orderer)
		if err != nil {
			return err
		}
		orderer := app.Actor{PersonID: p.ID, Name: p.Name, Email: p.Email, MemberID: m.ID, UnitID: p.UnitID, Grants: p.Grants}
		o, err := l.a.PlaceOrder(l.ctx, orderer, app.NewOrder{Kind: d.kind, ServiceID: services[d.service].ID, Title: d.title,
			Description: d.title + ". Önskas så snart som möjligt; kontaktperson är beställaren.", WantedBy: time.Now().AddDate(0, 2, 0)})
		if err != nil {
			return fmt.Errorf("order %q: %w", d.title, err)
		}
		for _, s := range demoSteps(d) {
			by := orderer
			if orders.SideOf(s.Action) == orders.CentreSide {
				by = centreSide
			}
			if _, err := l.a.AdvanceOrder(l.ctx, by, o.ID, s); err != nil {
				return fmt.Errorf("order %q, %s: %w", d.title, s.Action, err)
			}
		}
	}
	fmt.Fprintf(l.out, "  %d orders loaded\n", len(demoOrders))
	return nil
}

// demoSteps are the steps that take an order from submitted to d.state.
func demoSteps(d demoOrder) []orders.Step {
	amount := d.amount * 100
	estimate := orders.Step{Action: orders.Estimate, Amount: amount, Text: "Uppskattning skickad per e-post: cirka " + fmt.Sprint(d.amount/1000) + " tusen kronor."}
	quote := orders.Step{Action: orders.Quote, Amount: amount, ValidUntil: time.Now().AddDate(0, 1, 0),
		Text: "Skriftlig offert: arbetet utförs av löneteamet med leverans inom sex veckor från accept. Pris enligt timtaxa, högst angivet belopp."}
	price := estimate
	if orders.NeedsQuote(amount, orders.DefaultThreshold["SEK"]) {
		price = quote
	}
	steps := map[orders.State][]orders.Step{
		orders.Submitted: nil,
		orders.Estimated: {estimate},
		orders.Quoted:    {quote},
		orders.Accepted:  {price, {Action: orders.Accept}},
		orders.Declined:  {price, {Action: orders.Decline, Text: "Ryms inte i årets budget."}},
		orders.Delivered: {price, {Action: orders.Accept}, {Action: orders.Deliver, Text: "Levererat enligt beställningen."}},
		orders.Approved:  {price, {Action: orders.Accept}, {Action: orders.Deliver, Text: "Levererat enligt beställningen."}, {Action: orders.Approve}},
		orders.Cancelled: {{Action: orders.Cancel, Text: "Behovet har försvunnit."}},
	}
	return steps[d.state]
}

// personWith finds the first person of a member (0: the centre) with a role.
func (l *loader) personWith(memberID int64, role org.Role) (org.Person, error) {
	page, err := l.a.ListPeople(l.ctx, l.sys, app.PersonQuery{MemberID: memberID, CentreOnly: memberID == 0, Role: role})
	if err != nil {
		return org.Person{}, err
	}
	if len(page.Items) == 0 {
		return org.Person{}, fmt.Errorf("no %s at member %d", role, memberID)
	}
	return page.Items[0], nil
}
