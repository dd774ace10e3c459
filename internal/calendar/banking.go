package calendar

import "time"

// Banking days decide paydays: SE pays on the 25th (some members the 27th)
// moved to the previous banking day, DK on the last banking day of the
// month. Banks in both countries close on weekends, public holidays and
// the agreement days (SE julafton, nyårsafton, midsommarafton; DK
// juleaftensdag, nytårsaftensdag, grundlovsdag); Danish banks also close
// on the Friday after Ascension Day (banklukkedag). The centre's own
// closed days and office hours do not move banking days.

// IsBankingDay reports whether the banks of the calendar's country are
// open on d.
func (c *Calendar) IsBankingDay(d Date) bool {
	return isBankingDay(d, countryDays(c.country, d.Year))
}

// BankingDayOnOrBefore returns d when it is a banking day, otherwise the
// banking day before it: where a payday on d moves to.
func (c *Calendar) BankingDayOnOrBefore(d Date) Date {
	rules := countryDays(c.country, d.Year)
	for !isBankingDay(d, rules) {
		d = d.AddDays(-1)
		if d.Month == time.December && d.Day == 31 {
			rules = countryDays(c.country, d.Year)
		}
	}
	return d
}

// PreviousBankingDay returns the last banking day strictly before d.
func (c *Calendar) PreviousBankingDay(d Date) Date {
	return c.BankingDayOnOrBefore(d.AddDays(-1))
}

// LastBankingDay returns the last banking day of a month (the DK payday).
func (c *Calendar) LastBankingDay(year int, month time.Month) Date {
	return c.BankingDayOnOrBefore(NewDate(year, month+1, 0))
}

func isBankingDay(d Date, rules []rule) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	for _, r := range rules {
		if r.date == d {
			return false
		}
	}
	return true
}
