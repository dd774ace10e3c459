package mail

import (
	"regexp"
	"strings"
)

var (
	// "On Mon, 3 Nov 2026 at 10:00, Anna <anna@example.se> wrote:",
	// "Den mån 3 nov. 2026 kl 10:00 skrev Anna <anna@example.se>:",
	// "3 nov. 2026 kl. 10:00 skrev Anna:" (Apple Mail), German, French, Dutch.
	attributionRE = regexp.MustCompile(`(?i)^(on|den|am|le|op)\s.*\s(wrote|skrev|schrieb|a écrit|schreef)\s*[^:]*:\s*$`)
	datedWroteRE  = regexp.MustCompile(`(?i)^.*\d{1,2}[:.]\d{2}.*\s(wrote|skrev|schrieb)\s*[^:]*:\s*$`)
	// "-----Original Message-----" and its translations.
	originalRE = regexp.MustCompile(`(?i)^-{2,}\s*(original message|ursprungligt meddelande|originalmeddelande|oprindelig meddelelse|original-nachricht|opprinnelig melding)\s*-{2,}\s*$`)
	// The header block Outlook puts above the quoted message.
	headerFromRE = regexp.MustCompile(`(?i)^\*?(from|från|fra|von|de|van):\*?\s`)
	headerSentRE = regexp.MustCompile(`(?i)^\*?(sent|skickat|sendt|gesendet|envoyé|verzonden|date|datum|dato):\*?\s`)
	underlineRE  = regexp.MustCompile(`^_{10,}\s*$`)
)

// StripQuoted returns text without the earlier messages a reply quotes
// below it: everything from the first attribution line ("On … wrote:",
// "Den … skrev:"), "-----Original Message-----" marker or Outlook header
// block ("Från: … Skickat: …"), and a trailing block of "> " lines. When
// nothing would be left, text is returned whole.
func StripQuoted(text string) string {
	lines := strings.Split(text, "\n")
	cut := len(lines)
	for i, line := range lines {
		l := strings.TrimSpace(line)
		if isMarker(l, lines, i) {
			cut = i
			if i > 0 && underlineRE.MatchString(strings.TrimSpace(lines[i-1])) {
				cut = i - 1
			}
			break
		}
	}
	// A trailing run of quoted lines (and blank lines between them).
	end := cut
	for end > 0 {
		l := strings.TrimSpace(lines[end-1])
		if l != "" && !strings.HasPrefix(l, ">") {
			break
		}
		end--
	}
	if hasQuote(lines[end:cut]) {
		cut = end
	}
	out := strings.TrimRight(strings.Join(lines[:cut], "\n"), " \t\n")
	if strings.TrimSpace(out) == "" {
		return text
	}
	return out
}

func isMarker(l string, lines []string, i int) bool {
	if attributionRE.MatchString(l) || datedWroteRE.MatchString(l) || originalRE.MatchString(l) {
		return true
	}
	// Gmail wraps a long attribution: "On …, Anna <anna@example.se>\nwrote:".
	if i+1 < len(lines) {
		joined := l + " " + strings.TrimSpace(lines[i+1])
		if (strings.HasPrefix(strings.ToLower(l), "on ") || strings.HasPrefix(strings.ToLower(l), "den ")) &&
			attributionRE.MatchString(joined) {
			return true
		}
	}
	if headerFromRE.MatchString(l) {
		for j := i + 1; j < len(lines) && j <= i+3; j++ {
			if headerSentRE.MatchString(strings.TrimSpace(lines[j])) {
				return true
			}
		}
	}
	return false
}

func hasQuote(lines []string) bool {
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), ">") {
			return true
		}
	}
	return false
}
