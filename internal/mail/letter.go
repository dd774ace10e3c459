package mail

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"text/template"
)

// Letter is what package app tells about one outgoing message; the
// template for its kind and language turns it into subject and text.
type Letter struct {
	To Address
	// Language is the recipient's (sv, da, en; "sv-SE" is fine); when
	// empty or not one of ours, the centre's language is used.
	Language  string
	Reference string // the case's registration number, "2026-000123" (cases.Reference.String)
	Subject   string // the case's subject (reply markers and an old reference are dropped)
	// Body is the agent's text of a reply; for an acknowledgement or a
	// resolved notice an optional extra paragraph.
	Body string
	// Sender signs a reply (the agent's name); optional.
	Sender string
	// CentreName signs every letter; default Config.From.Name.
	CentreName string
	// InReplyTo is the Message-ID this letter answers (the member's
	// e-mail), without angle brackets; "" for none. References are the
	// earlier Message-IDs of the thread, oldest first.
	InReplyTo  string
	References []string
	// CaseURL links to the case in the member web; optional.
	CaseURL string
	// ReopenDays is how long a reply reopens a resolved case; optional.
	ReopenDays int
	// Attachments go with a reply (Inline and ContentID are ignored).
	Attachments []Attachment
}

// LetterSource tells what to send for an outgoing job (kind is one of
// OutgoingKinds). It returns ErrNoLetter, possibly wrapped with the
// reason, when nothing is to be sent: the requester has no e-mail address,
// the case was opened by an automatic message, and the like.
type LetterSource interface {
	Letter(ctx context.Context, kind string, caseID, eventID int64) (Letter, error)
}

// LetterSourceFunc adapts a function to LetterSource.
type LetterSourceFunc func(ctx context.Context, kind string, caseID, eventID int64) (Letter, error)

func (f LetterSourceFunc) Letter(ctx context.Context, kind string, caseID, eventID int64) (Letter, error) {
	return f(ctx, kind, caseID, eventID)
}

// ErrNoLetter means an outgoing job has nothing to send; the job ends
// without error.
var ErrNoLetter = errors.New("no letter to send")

// Languages are the languages of the templates.
var Languages = []string{"sv", "da", "en"}

func supported(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// language picks the first supported of the candidates ("sv-SE" counts as
// "sv"), or English.
func language(candidates ...string) string {
	for _, c := range candidates {
		c = strings.ToLower(strings.TrimSpace(c))
		if i := strings.IndexAny(c, "-_"); i > 0 {
			c = c[:i]
		}
		if supported(c) {
			return c
		}
	}
	return "en"
}

//go:embed templates
var templateFS embed.FS

var templateNames = map[string]string{
	KindAcknowledgement: "acknowledgement",
	KindReply:           "reply",
	KindResolved:        "resolved",
}

type templates struct {
	byKey map[string]*template.Template // "sv/reply"
}

func loadTemplates() (*templates, error) {
	t := &templates{byKey: map[string]*template.Template{}}
	names := append(slices.Collect(maps.Values(templateNames)), NoticeKinds...)
	for _, lang := range Languages {
		for _, name := range names {
			key := lang + "/" + name
			tm, err := template.New(name).Option("missingkey=error").ParseFS(templateFS, "templates/"+key+".txt")
			if err != nil {
				return nil, fmt.Errorf("mail template %s: %w", key, err)
			}
			for _, part := range []string{"subject", "body"} {
				if tm.Lookup(part) == nil {
					return nil, fmt.Errorf("mail template %s: no %q defined", key, part)
				}
			}
			t.byKey[key] = tm
		}
	}
	return t, nil
}

// render returns the subject (with the registration number) and the text
// of a letter of kind in lang.
func (t *templates) render(kind, lang string, l Letter) (subject, body string, err error) {
	name, ok := templateNames[kind]
	if !ok {
		return "", "", fmt.Errorf("no template for %q", kind)
	}
	tm := t.byKey[lang+"/"+name]
	l.Subject = topic(l.Subject)
	var sb, bb strings.Builder
	if err := tm.ExecuteTemplate(&sb, "subject", l); err != nil {
		return "", "", err
	}
	if err := tm.ExecuteTemplate(&bb, "body", l); err != nil {
		return "", "", err
	}
	subject = strings.Join(strings.Fields(sb.String()), " ")
	if l.Reference != "" {
		subject = "[" + l.Reference + "] " + subject
	}
	return subject, strings.TrimSpace(bb.String()) + "\n", nil
}
