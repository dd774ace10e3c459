package org

import (
	"strings"
)

// NormaliseOrgNumber validates a Swedish organisationsnummer (country "SE",
// ten digits, Luhn check digit, written NNNNNN-NNNN) or a Danish CVR number
// (country "DK", eight digits, modulus-11 check) and returns it in its
// canonical written form. ok is false when the number is not valid.
func NormaliseOrgNumber(country, s string) (string, bool) {
	digits := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return r
		case r == '-' || r == ' ':
			return -1
		}
		return 'x'
	}, strings.TrimSpace(s))
	if strings.ContainsRune(digits, 'x') {
		return "", false
	}
	switch country {
	case "SE":
		if len(digits) == 12 && (strings.HasPrefix(digits, "16")) {
			digits = digits[2:] // the century prefix some registers print
		}
		if len(digits) != 10 || !luhn(digits) {
			return "", false
		}
		return digits[:6] + "-" + digits[6:], true
	case "DK":
		if len(digits) != 8 || digits[0] == '0' || !mod11(digits) {
			return "", false
		}
		return digits, true
	}
	return "", false
}

// luhn reports whether the last digit of s is the Luhn check digit of the rest.
func luhn(s string) bool {
	sum := 0
	for i := 0; i < len(s); i++ {
		d := int(s[len(s)-1-i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// mod11 is the CVR check: weights 2,7,6,5,4,3,2,1, the sum divisible by 11.
func mod11(s string) bool {
	weights := [8]int{2, 7, 6, 5, 4, 3, 2, 1}
	sum := 0
	for i := range 8 {
		sum += int(s[i]-'0') * weights[i]
	}
	return sum%11 == 0
}

// LuhnCheckDigit returns the digit that completes s (nine digits) to a valid
// organisationsnummer; demo data uses it to make real-looking numbers.
func LuhnCheckDigit(s string) byte {
	for d := byte('0'); d <= '9'; d++ {
		if luhn(s + string(d)) {
			return d
		}
	}
	return '0'
}
