package calendar

import (
	"slices"
	"time"
)

// Kind says why a day is closed.
type Kind string

const (
	// Public is a public holiday by law (SE allmän helgdag, DK helligdag).
	Public Kind = "public"
	// Agreement is a day the collective agreements treat as free
	// (SE julafton, nyårsafton, midsommarafton; DK juleaftensdag,
	// nytårsaftensdag, grundlovsdag).
	Agreement Kind = "agreement"
	// Centre is a day the centre itself has closed.
	Centre Kind = "centre"
	// bank is a day only the banks close (DK banklukkedag); offices are open.
	bank Kind = "bank"
)

// Holiday is a named closed day. When two holidays fall on the same date
// (SE 2008: Första maj and Kristi himmelsfärdsdag) they are one Holiday
// whose Name joins both with ", " and whose Kind is the first one's.
type Holiday struct {
	Date Date   `json:"date"`
	Name string `json:"name"`
	Kind Kind   `json:"kind"`
}

// names is a holiday's name in each language. Every holiday of both
// countries has all three, so an SE calendar asked for Danish names gets
// Danish names ("Midsommeraften"), and a DK calendar in Swedish gets Swedish
// ones ("Grundlagsdagen").
type names struct{ sv, da, en string }

func (n names) in(l Lang) string {
	switch l {
	case Danish:
		return n.da
	case English:
		return n.en
	}
	return n.sv
}

// Swedish holidays (lag 1989:253 om allmänna helgdagar) and agreement days.
var (
	seNyarsdagen      = names{"Nyårsdagen", "Nytårsdag", "New Year's Day"}
	seTrettondedag    = names{"Trettondedag jul", "Helligtrekongersdag", "Epiphany"}
	seLangfredagen    = names{"Långfredagen", "Langfredag", "Good Friday"}
	sePaskdagen       = names{"Påskdagen", "Påskedag", "Easter Sunday"}
	seAnnandagPask    = names{"Annandag påsk", "2. påskedag", "Easter Monday"}
	seForstaMaj       = names{"Första maj", "1. maj", "May Day"}
	seKristiHimmel    = names{"Kristi himmelsfärdsdag", "Kristi himmelfartsdag", "Ascension Day"}
	sePingstdagen     = names{"Pingstdagen", "Pinsedag", "Whit Sunday"}
	seAnnandagPingst  = names{"Annandag pingst", "2. pinsedag", "Whit Monday"}
	seNationaldagen   = names{"Sveriges nationaldag", "Sveriges nationaldag", "National Day of Sweden"}
	seMidsommarafton  = names{"Midsommarafton", "Midsommeraften", "Midsummer Eve"}
	seMidsommardagen  = names{"Midsommardagen", "Midsommerdag", "Midsummer Day"}
	seAllaHelgonsDag  = names{"Alla helgons dag", "Allehelgensdag", "All Saints' Day"}
	seJulafton        = names{"Julafton", "Juleaftensdag", "Christmas Eve"}
	seJuldagen        = names{"Juldagen", "Juledag", "Christmas Day"}
	seAnnandagJul     = names{"Annandag jul", "2. juledag", "Boxing Day"}
	seNyarsafton      = names{"Nyårsafton", "Nytårsaftensdag", "New Year's Eve"}
	dkNytaarsdag      = names{"Nyårsdagen", "Nytårsdag", "New Year's Day"}
	dkSkaertorsdag    = names{"Skärtorsdagen", "Skærtorsdag", "Maundy Thursday"}
	dkLangfredag      = names{"Långfredagen", "Langfredag", "Good Friday"}
	dkPaaskedag       = names{"Påskdagen", "Påskedag", "Easter Sunday"}
	dkAndenPaaskedag  = names{"Annandag påsk", "2. påskedag", "Easter Monday"}
	dkStoreBededag    = names{"Stora bededagen", "Store bededag", "General Prayer Day"}
	dkKristiHimmel    = names{"Kristi himmelsfärdsdag", "Kristi himmelfartsdag", "Ascension Day"}
	dkBanklukkedag    = names{"Bankstängt", "Banklukkedag", "Bank closing day"}
	dkPinsedag        = names{"Pingstdagen", "Pinsedag", "Whit Sunday"}
	dkAndenPinsedag   = names{"Annandag pingst", "2. pinsedag", "Whit Monday"}
	dkGrundlovsdag    = names{"Grundlagsdagen", "Grundlovsdag", "Constitution Day"}
	dkJuleaftensdag   = names{"Julafton", "Juleaftensdag", "Christmas Eve"}
	dkJuledag         = names{"Juldagen", "Juledag", "Christmas Day"}
	dkAndenJuledag    = names{"Annandag jul", "2. juledag", "Boxing Day"}
	dkNytaarsaftensdg = names{"Nyårsafton", "Nytårsaftensdag", "New Year's Eve"}
)

// rule is one closed day of a country in one year.
type rule struct {
	date  Date
	names names
	kind  Kind
}

// countryDays returns the country's public holidays, agreement days and
// bank closing days of year y in date order.
func countryDays(c Country, y int) []rule {
	var rs []rule
	if c == Denmark {
		rs = danishDays(y)
	} else {
		rs = swedishDays(y)
	}
	slices.SortStableFunc(rs, func(a, b rule) int { return compareDates(a.date, b.date) })
	return rs
}

func swedishDays(y int) []rule {
	e := easter(y)
	midsommar := firstOnOrAfter(NewDate(y, time.June, 20), time.Saturday)
	rs := []rule{
		{NewDate(y, time.January, 1), seNyarsdagen, Public},
		{NewDate(y, time.January, 6), seTrettondedag, Public},
		{e.AddDays(-2), seLangfredagen, Public},
		{e, sePaskdagen, Public},
		{e.AddDays(1), seAnnandagPask, Public},
		{NewDate(y, time.May, 1), seForstaMaj, Public},
		{e.AddDays(39), seKristiHimmel, Public},
		{e.AddDays(49), sePingstdagen, Public},
		{midsommar.AddDays(-1), seMidsommarafton, Agreement},
		{midsommar, seMidsommardagen, Public},
		{firstOnOrAfter(NewDate(y, time.October, 31), time.Saturday), seAllaHelgonsDag, Public},
		{NewDate(y, time.December, 24), seJulafton, Agreement},
		{NewDate(y, time.December, 25), seJuldagen, Public},
		{NewDate(y, time.December, 26), seAnnandagJul, Public},
		{NewDate(y, time.December, 31), seNyarsafton, Agreement},
	}
	// In 2005 the national day replaced Whit Monday as a public holiday.
	if y >= 2005 {
		rs = append(rs, rule{NewDate(y, time.June, 6), seNationaldagen, Public})
	} else {
		rs = append(rs, rule{e.AddDays(50), seAnnandagPingst, Public})
	}
	return rs
}

func danishDays(y int) []rule {
	e := easter(y)
	rs := []rule{
		{NewDate(y, time.January, 1), dkNytaarsdag, Public},
		{e.AddDays(-3), dkSkaertorsdag, Public},
		{e.AddDays(-2), dkLangfredag, Public},
		{e, dkPaaskedag, Public},
		{e.AddDays(1), dkAndenPaaskedag, Public},
		{e.AddDays(39), dkKristiHimmel, Public},
		{e.AddDays(49), dkPinsedag, Public},
		{e.AddDays(50), dkAndenPinsedag, Public},
		{NewDate(y, time.June, 5), dkGrundlovsdag, Agreement},
		{NewDate(y, time.December, 24), dkJuleaftensdag, Agreement},
		{NewDate(y, time.December, 25), dkJuledag, Public},
		{NewDate(y, time.December, 26), dkAndenJuledag, Public},
		{NewDate(y, time.December, 31), dkNytaarsaftensdg, Agreement},
	}
	// Store bededag (the fourth Friday after Easter) was abolished from 2024.
	if y <= 2023 {
		rs = append(rs, rule{e.AddDays(26), dkStoreBededag, Public})
	}
	// Danish banks close on the Friday after Ascension Day (Nationalbanken's
	// banklukkedage); the bankers' 2006 list did not have it yet.
	if y >= 2009 {
		rs = append(rs, rule{e.AddDays(40), dkBanklukkedag, bank})
	}
	return rs
}

// easter returns Easter Sunday of year y in the Gregorian calendar
// (the anonymous algorithm of Meeus, Jones and Butcher).
func easter(y int) Date {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return Date{y, time.Month(month), day}
}

// firstOnOrAfter returns the first date on or after d that is a wd.
func firstOnOrAfter(d Date, wd time.Weekday) Date {
	return d.AddDays((int(wd) - int(d.Weekday()) + 7) % 7)
}

// Holidays returns every named closed day of year in date order: the
// country's public holidays and agreement days, and the centre's closed
// days, named in lang ("" means the country's language). The centre's own
// list decides for its dates: a centre day replaces a holiday on the same
// date, so a holiday the centre opens (a special day with office hours) is
// left out. Centre days carry the one name the centre gave them. Half days
// are not closed days and are not listed.
func (c *Calendar) Holidays(year int, lang Lang) ([]Holiday, error) {
	if err := checkYear(year); err != nil {
		return nil, err
	}
	if lang == "" {
		lang = c.country.Lang()
	}
	var out []Holiday
	add := func(d Date, name string, k Kind) {
		for i := range out {
			if out[i].Date == d {
				out[i].Name += ", " + name
				return
			}
		}
		out = append(out, Holiday{Date: d, Name: name, Kind: k})
	}
	for _, r := range countryDays(c.country, year) {
		if _, own := c.special[r.date]; !own && r.kind != bank {
			add(r.date, r.names.in(lang), r.kind)
		}
	}
	for _, d := range c.special {
		if d.Date.Year == year && d.Hours.Closed() {
			add(d.Date, d.Name, Centre)
		}
	}
	slices.SortStableFunc(out, func(a, b Holiday) int { return compareDates(a.Date, b.Date) })
	return out, nil
}

// closedByCountry reports whether the country's own rules close d for
// offices (public holidays and agreement days, not bank-only days).
func closedByCountry(rules []rule, d Date) bool {
	for _, r := range rules {
		if r.date == d && r.kind != bank {
			return true
		}
	}
	return false
}
