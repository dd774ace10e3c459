package mail

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strconv"
	"strings"
)

// Our Message-IDs name the case and the event they were sent for, so a
// reply threads by its In-Reply-To or References header alone:
//
//	<case-123.event-456.RANDOM@samverkan.DOMAIN>
//
// RANDOM is 16 characters of lowercase base32; DOMAIN is Config.Domain.
// Message-IDs are handled without their angle brackets everywhere except in
// headers.

var idEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewMessageID makes one of our Message-IDs (without angle brackets).
func NewMessageID(caseID, eventID int64, domain string) string {
	b := make([]byte, 10)
	rand.Read(b)
	return "case-" + strconv.FormatInt(caseID, 10) + ".event-" + strconv.FormatInt(eventID, 10) + "." +
		strings.ToLower(idEncoding.EncodeToString(b)) + "@" + ownHost(domain)
}

// ParseMessageID reads the case and event back from one of our Message-IDs.
// ok is false when id was not made by NewMessageID for this domain.
func ParseMessageID(id, domain string) (caseID, eventID int64, ok bool) {
	id = NormalizeMessageID(id)
	local, host, found := strings.Cut(id, "@")
	if !found || !strings.EqualFold(host, ownHost(domain)) {
		return 0, 0, false
	}
	parts := strings.Split(local, ".")
	if len(parts) != 3 || len(parts[2]) == 0 {
		return 0, 0, false
	}
	c, ok1 := numberAfter(parts[0], "case-")
	e, ok2 := numberAfter(parts[1], "event-")
	if !ok1 || !ok2 || c <= 0 {
		return 0, 0, false
	}
	return c, e, true
}

// NewNoticeMessageID makes the Message-ID of a notice, which names no
// case: <notice.RANDOM@samverkan.DOMAIN>.
func NewNoticeMessageID(domain string) string {
	b := make([]byte, 10)
	rand.Read(b)
	return "notice." + strings.ToLower(idEncoding.EncodeToString(b)) + "@" + ownHost(domain)
}

// IsOwnMessageID reports whether id is one of ours: a case letter's or a
// notice's.
func IsOwnMessageID(id, domain string) bool {
	if _, _, ok := ParseMessageID(id, domain); ok {
		return true
	}
	local, host, found := strings.Cut(NormalizeMessageID(id), "@")
	rest, notice := strings.CutPrefix(local, "notice.")
	return found && notice && rest != "" && !strings.Contains(rest, ".") && strings.EqualFold(host, ownHost(domain))
}

func ownHost(domain string) string { return "samverkan." + strings.ToLower(domain) }

func numberAfter(s, prefix string) (int64, bool) {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok || rest == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	return n, err == nil && n >= 0
}

// NormalizeMessageID trims white space and the angle brackets of a
// Message-ID.
func NormalizeMessageID(id string) string {
	id = strings.TrimSpace(id)
	id = strings.TrimPrefix(id, "<")
	id = strings.TrimSuffix(id, ">")
	return strings.TrimSpace(id)
}

// MessageIDList reads the Message-IDs of an In-Reply-To or References
// header value, in order, without angle brackets. Text outside brackets
// (old mailers put comments there) is skipped; a value without brackets
// at all is split at white space.
func MessageIDList(v string) []string {
	var out []string
	if !strings.Contains(v, "<") {
		for _, f := range strings.Fields(v) {
			if strings.Contains(f, "@") {
				out = append(out, f)
			}
		}
		return out
	}
	for {
		i := strings.IndexByte(v, '<')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(v[i:], '>')
		if j < 0 {
			return out
		}
		if id := strings.TrimSpace(v[i+1 : i+j]); id != "" {
			out = append(out, id)
		}
		v = v[i+j+1:]
	}
}

// rawMessageID is the key a raw message is stored under: its Message-ID,
// or when it has none (or an unusable one) "sha256:" and the hash of the
// bytes.
func rawMessageID(raw []byte) string {
	if id := headerMessageID(raw); id != "" {
		return id
	}
	sum := sha256.Sum256(raw)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// headerMessageID finds the Message-ID header in the header block of raw
// without parsing the rest, so even a badly broken message gets its key.
func headerMessageID(raw []byte) string {
	var value string
	in := false
	for line := range strings.Lines(string(raw)) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break // end of the header block
		}
		if line[0] == ' ' || line[0] == '\t' {
			if in {
				value += " " + strings.TrimSpace(line)
			}
			continue
		}
		if in {
			break
		}
		name, v, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "Message-ID") {
			in = true
			value = strings.TrimSpace(v)
		}
	}
	ids := MessageIDList(value)
	if len(ids) == 0 || len(ids[0]) > 900 || strings.ContainsAny(ids[0], " \t\r\n") {
		return ""
	}
	return ids[0]
}
