package mail

import "samverkan/internal/cases"

// Thread holds what an incoming message says about the case it belongs to,
// most reliable first.
type Thread struct {
	// CaseID is the case named by one of our own Message-IDs in
	// In-Reply-To or References (0 when none). EventID is the event that
	// message was sent for.
	CaseID  int64
	EventID int64
	// MessageIDs are the other Message-IDs the message answers, In-Reply-To
	// first and then References from the newest back, for looking up
	// messages of a case that were not ours (an earlier e-mail from the
	// member filed on the case).
	MessageIDs []string
	// Reference is the registration number in the subject
	// ("SV: [2026-000123] …"); HasReference says whether there was one.
	Reference    cases.Reference
	HasReference bool
}

// ThreadKeys extracts the threading keys of m; domain is Config.Domain,
// which tells our Message-IDs from others.
func ThreadKeys(m *Message, domain string) Thread {
	var t Thread
	seen := map[string]bool{}
	var ids []string
	add := func(list []string) {
		for _, id := range list {
			id = NormalizeMessageID(id)
			if id != "" && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	add(m.InReplyTo)
	// References lists the oldest first; the newest is the most specific.
	refs := make([]string, len(m.References))
	for i, r := range m.References {
		refs[len(refs)-1-i] = r
	}
	add(refs)
	for _, id := range ids {
		if c, e, ok := ParseMessageID(id, domain); ok {
			if t.CaseID == 0 {
				t.CaseID, t.EventID = c, e
			}
			continue
		}
		t.MessageIDs = append(t.MessageIDs, id)
	}
	t.Reference, t.HasReference = cases.FindReference(m.Subject)
	return t
}

// topic is a subject without reply markers and registration number:
// "SV: [2026-000123] Fråga om lön" → "Fråga om lön".
func topic(subject string) string {
	t, _, _ := cases.ThreadSubject(subject)
	return t
}
