package orders

import (
	"strconv"
	"strings"

	"samverkan/internal/fault"
)

// DefaultThreshold is the amount above which a written quote is required,
// in minor units, per currency: 50,000 SEK, and for Danish centres
// 37,500 DKK (about the same money).
var DefaultThreshold = map[string]int64{"SEK": 50_000_00, "DKK": 37_500_00}

// FormatMoney renders minor units in the way of lang: "50 000,00 kr"
// (sv), "50.000,00 kr." (da), "SEK 50,000.00" (en).
func FormatMoney(amount int64, currency, lang string) string {
	neg := amount < 0
	if neg {
		amount = -amount
	}
	major, minor := amount/100, amount%100
	group, dec := " ", ","
	switch lang {
	case "da":
		group = "."
	case "en":
		group, dec = ",", "."
	}
	s := groupDigits(strconv.FormatInt(major, 10), group) + dec + pad2(minor)
	if neg {
		s = "-" + s
	}
	switch {
	case lang == "en":
		return currency + " " + s
	case currency == "DKK" && lang == "da":
		return s + " kr."
	case currency == "SEK" && lang == "sv":
		return s + " kr"
	}
	return s + " " + currency
}

func groupDigits(digits, sep string) string {
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func pad2(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// ParseAmount reads an amount in major units as people write it, "72 500",
// "72500,50", "72.500,50", "72,500.50", and returns minor units. field
// names the input in the error.
func ParseAmount(field, s string) (int64, error) {
	bad := fault.Field(field, "amount_format", "write the amount in kronor, e.g. 72 500 or 72 500,50")
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "kr.", "", "kr", "", "SEK", "", "DKK", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return 0, bad
	}
	// The last separator followed by one or two digits is the decimal one.
	whole, frac := s, ""
	if i := strings.LastIndexAny(s, ",."); i >= 0 && len(s)-i-1 <= 2 && len(s)-i-1 > 0 {
		whole, frac = s[:i], s[i+1:]
	}
	whole = strings.NewReplacer(",", "", ".", "").Replace(whole)
	if whole == "" || len(whole) > 12 {
		return 0, bad
	}
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || n < 0 {
		return 0, bad
	}
	var m int64
	if frac != "" {
		if len(frac) == 1 {
			frac += "0"
		}
		if m, err = strconv.ParseInt(frac, 10, 64); err != nil || m < 0 {
			return 0, bad
		}
	}
	return n*100 + m, nil
}
