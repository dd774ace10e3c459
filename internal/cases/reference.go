package cases

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Reference is a case's registration number (diarienummer): an optional
// prefix chosen by the centre, the year of registration and a sequence
// number unique within the year, written PREFIX2026-000123. The number
// alone identifies the case; the prefix only decorates it.
type Reference struct {
	Prefix string
	Year   int
	Seq    int64
}

// String formats the reference, e.g. 2026-000123 or HRSC2026-000123.
func (r Reference) String() string {
	return fmt.Sprintf("%s%04d-%06d", r.Prefix, r.Year, r.Seq)
}

var (
	referenceRE = regexp.MustCompile(`^([A-Z][A-Z0-9-]{0,9}?)?([0-9]{4})-([0-9]{6,12})$`)
	prefixRE    = regexp.MustCompile(`^[A-Z][A-Z0-9-]{0,9}$`)
)

// ValidPrefix reports whether p may prefix registration numbers: empty, or
// a letter followed by up to nine letters A–Z, digits or hyphens.
func ValidPrefix(p string) bool { return p == "" || prefixRE.MatchString(p) }

// ParseReference reads a registration number; letters may be in any case.
func ParseReference(s string) (Reference, bool) {
	m := referenceRE.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(s)))
	if m == nil {
		return Reference{}, false
	}
	year, _ := strconv.Atoi(m[2])
	seq, _ := strconv.ParseInt(m[3], 10, 64)
	if year < 2000 || seq <= 0 {
		return Reference{}, false
	}
	return Reference{Prefix: m[1], Year: year, Seq: seq}, true
}

// replyPrefixes are the answer and forward markers mail programs put in
// front of a subject, in the languages the centre meets: Re, Fwd, Fw (en),
// SV, VB (sv: svar, vidarebefordrat), SV, VS (da: svar, videresendt),
// AW, WG (de), Antw (nl).
var replyPrefixes = []string{"re", "sv", "vs", "aw", "fwd", "fw", "vb", "wg", "antw"}

// StripReplyPrefixes removes any number of reply and forward markers
// ("Re:", "SV:", "VS:", "AW:", "Fwd:", "FW:", "VB:", also "Re[2]:") from the
// start of a subject.
func StripReplyPrefixes(subject string) string {
	s := strings.TrimSpace(subject)
	for {
		rest, ok := cutReplyPrefix(s)
		if !ok {
			return s
		}
		s = strings.TrimSpace(rest)
	}
}

func cutReplyPrefix(s string) (string, bool) {
	lower := strings.ToLower(s)
	for _, p := range replyPrefixes {
		if !strings.HasPrefix(lower, p) {
			continue
		}
		rest := s[len(p):]
		// An optional counter: Re[2]: or Re(2):
		if len(rest) > 0 && (rest[0] == '[' || rest[0] == '(') {
			end := strings.IndexAny(rest, "])")
			if end < 0 {
				continue
			}
			if _, err := strconv.Atoi(rest[1:end]); err != nil {
				continue
			}
			rest = rest[end+1:]
		}
		rest = strings.TrimLeft(rest, " ")
		if strings.HasPrefix(rest, ":") {
			return rest[1:], true
		}
	}
	return s, false
}

// FindReference finds a registration number in square brackets in an
// e-mail subject, such as "SV: Re: [2026-000123] Fråga om lön" or
// "[HRSC2026-000123]". It returns the first one found.
func FindReference(subject string) (Reference, bool) {
	ref, _, ok := findBracketed(subject)
	return ref, ok
}

func findBracketed(s string) (Reference, [2]int, bool) {
	for from := 0; from < len(s); {
		open := strings.IndexByte(s[from:], '[')
		if open < 0 {
			break
		}
		open += from
		end := strings.IndexByte(s[open:], ']')
		if end < 0 {
			break
		}
		end += open
		inner := strings.TrimPrefix(strings.TrimSpace(s[open+1:end]), "#")
		if ref, ok := ParseReference(inner); ok {
			return ref, [2]int{open, end + 1}, true
		}
		from = open + 1
	}
	return Reference{}, [2]int{}, false
}

// ThreadSubject splits an e-mail subject into the topic (without reply
// markers and without the registration number) and the registration number,
// if there is one.
func ThreadSubject(subject string) (topic string, ref Reference, ok bool) {
	s := StripReplyPrefixes(subject)
	ref, span, ok := findBracketed(s)
	if ok {
		s = strings.TrimSpace(s[:span[0]]) + " " + strings.TrimSpace(s[span[1]:])
		s = StripReplyPrefixes(strings.TrimSpace(s))
	}
	return strings.Join(strings.Fields(s), " "), ref, ok
}

// SubjectWithReference is the subject of mail the centre sends about a
// case: the registration number in brackets, then the topic.
func SubjectWithReference(ref string, subject string) string {
	topic, _, _ := ThreadSubject(subject)
	if topic == "" {
		return "[" + ref + "]"
	}
	return "[" + ref + "] " + topic
}
