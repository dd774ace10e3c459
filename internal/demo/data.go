package demo

// The demo centre is modelled on HR-servicecenter in Helsingborg, which runs
// payroll for six municipalities in north-west Skåne.

type memberSpec struct {
	name, orgPrefix, domain string // orgPrefix: nine digits; the check digit is computed
	company                 bool
	parent                  string // name of the parent member
	units                   []unitSpec
}

type unitSpec struct {
	name, cost string
	subunits   []string
}

var municipalUnits = []unitSpec{
	{"Kommunledningsförvaltningen", "1000", []string{"HR-avdelningen", "Ekonomiavdelningen", "Kommunikation"}},
	{"Skol- och fritidsförvaltningen", "2000", []string{"Förskolor norr", "Grundskolor söder", "Gymnasieskolan"}},
	{"Socialförvaltningen", "3000", []string{"Individ- och familjeomsorg", "Försörjningsstöd"}},
	{"Vård- och omsorgsförvaltningen", "4000", []string{"Hemtjänst norr", "Hemtjänst söder", "Särskilt boende Solgården"}},
	{"Samhällsbyggnadsförvaltningen", "5000", []string{"Bygglov", "Gata och park"}},
	{"Kultur- och fritidsförvaltningen", "6000", []string{"Biblioteken"}},
}

var members = []memberSpec{
	{name: "Helsingborgs stad", orgPrefix: "212000108", domain: "helsingborg", units: append(municipalUnits,
		unitSpec{"Arbetsmarknadsförvaltningen", "7000", []string{"Jobbtorget"}})},
	{name: "Båstads kommun", orgPrefix: "212000096", domain: "bastad", units: municipalUnits[:5]},
	{name: "Höganäs kommun", orgPrefix: "212000109", domain: "hoganas", units: municipalUnits},
	{name: "Svalövs kommun", orgPrefix: "212000093", domain: "svalov", units: municipalUnits[:4]},
	{name: "Åstorps kommun", orgPrefix: "212000105", domain: "astorp", units: municipalUnits[:5]},
	{name: "Ängelholms kommun", orgPrefix: "212000107", domain: "angelholm", units: municipalUnits},
	{name: "Helsingborgshem AB", orgPrefix: "556112233", domain: "helsingborgshem", company: true, parent: "Helsingborgs stad",
		units: []unitSpec{{"Förvaltning och drift", "8100", []string{"Fastighetsskötsel"}}, {"Uthyrning", "8200", nil}}},
	{name: "Nordvästra Skånes Renhållning AB", orgPrefix: "556236712", domain: "nsr", company: true,
		units: []unitSpec{{"Insamling", "9100", []string{"Insamling norr"}}, {"Återvinningscentraler", "9200", nil}}},
}

// teams and the members whose units they serve.
var teams = []struct {
	name, description string
	serves            []string
}{
	{"Första linjen", "Kundtjänst: telefon, e-post och kundwebb för alla kunder", nil},
	{"Löneteam 1", "Lön och ersättningar för Helsingborgs stad", []string{"Helsingborgs stad"}},
	{"Löneteam 2", "Lön och ersättningar för Båstad och Höganäs", []string{"Båstads kommun", "Höganäs kommun"}},
	{"Löneteam 3", "Lön och ersättningar för Svalöv och Åstorp", []string{"Svalövs kommun", "Åstorps kommun"}},
	{"Löneteam 4", "Lön och ersättningar för Ängelholm och de kommunala bolagen", []string{"Ängelholms kommun", "Helsingborgshem AB", "Nordvästra Skånes Renhållning AB"}},
	{"Pension och system", "Pensionshandläggning och systemförvaltning", nil},
}

var firstNames = []string{
	"Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kerstin", "Ingrid", "Malin",
	"Johanna", "Linda", "Sofia", "Elin", "Marie", "Hanna", "Ida", "Jenny", "Camilla", "Ulrika",
	"Lars", "Anders", "Johan", "Per", "Erik", "Karl", "Peter", "Mikael", "Jan", "Thomas",
	"Daniel", "Fredrik", "Henrik", "Magnus", "Stefan", "Mats", "Björn", "Andreas", "Jonas", "Niklas",
	"Amir", "Leila", "Fatima", "Mohammed", "Aleksandra", "Mirela", "Ahmed", "Nora", "Oskar", "Åsa",
}

var lastNames = []string{
	"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson",
	"Pettersson", "Jönsson", "Jansson", "Hansson", "Bengtsson", "Jakobsson", "Lindberg", "Magnusson", "Lindström", "Olofsson",
	"Lindqvist", "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg", "Lind", "Lundgren", "Mattsson", "Berglund",
	"Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg", "Wallin", "Engström", "Danielsson", "Håkansson", "Ekström",
	"Ali", "Hassan", "Nordström", "Åberg", "Holm", "Sundberg", "Öberg", "Strand", "Nyström", "Ahmadi",
}
