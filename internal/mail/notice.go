package mail

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"samverkan/internal/store"
)

// Notice kinds: e-mails that are not about a case. Each has a template in
// every language (templates/LANG/KIND.txt).
const (
	// NoticeSurveyInvitation asks a meeting's participant for their view
	// of it: Meeting, MeetingAt and Path (the survey in the portal).
	NoticeSurveyInvitation = "survey_invitation"
	// NoticeContactVerification asks a member's contact person to confirm
	// the member's contact directory: Member, Entries and Path.
	NoticeContactVerification = "contact_verification"
)

// NoticeKinds are the kinds SendNotice sends.
var NoticeKinds = []string{NoticeSurveyInvitation, NoticeContactVerification}

// ErrNotConfigured is returned by Send and SendNotice when no SMTP server
// is configured.
var ErrNotConfigured = errors.New("e-mail out is not configured")

// Notice is what package app tells about one notice; the template of its
// kind and language turns it into subject and text. Each kind uses only
// some of the fields.
type Notice struct {
	To Address
	// Language is the recipient's (sv, da, en); when empty or not one of
	// ours, the centre's language is used.
	Language string
	// CentreName signs the notice; default Config.From.Name.
	CentreName string
	// Path is the page of the portal the notice points to, e.g.
	// /surveys/12; with Config.BaseURL it becomes a link.
	Path string

	Meeting   string    // the meeting's title
	MeetingAt time.Time // when it started, in the zone the reader lives in
	Member    string    // the member organisation's name
	Entries   []NoticeEntry
}

// NoticeEntry is one entry of a member's contact directory.
type NoticeEntry struct {
	Level      string // strategic, tactical or operational
	Name       string
	Title      string // the person's role
	Email      string
	Phone      string
	Deputy     string    // the deputy's name
	VerifiedAt time.Time // zero when never confirmed
}

// SendNotice sends a notice of kind once under key (for instance
// "invitation-12"): the notice is reserved under kind and key before it
// is sent, so a retry sends the same message again and a job run again
// after the server accepted it sends nothing. It returns ErrNotConfigured
// without SMTP, and nil without sending when the recipient has no usable
// address.
func (s *Service) SendNotice(ctx context.Context, kind, key string, n Notice) error {
	if s.sender == nil {
		return ErrNotConfigured
	}
	if key == "" {
		return fmt.Errorf("notice %s has no key", kind)
	}
	n.To.Email = strings.TrimSpace(n.To.Email)
	if _, err := mail.ParseAddress(n.To.Email); err != nil || n.To.Email == "" {
		s.log.Warn("no mail to send: no usable recipient address", "kind", kind, "key", key, "to", n.To.Email)
		return nil
	}
	if strings.EqualFold(n.To.Email, s.cfg.From.Email) {
		s.log.Warn("no mail to send: the recipient is the centre itself", "kind", kind, "key", key)
		return nil
	}
	if n.CentreName == "" {
		n.CentreName = s.cfg.From.Name
	}
	lang := language(n.Language, s.cfg.Language)
	subject, body, err := s.templates.renderNotice(kind, lang, s.noticeView(lang, n))
	if err != nil {
		return fmt.Errorf("render %s (%s): %w", kind, lang, err)
	}
	now := s.now()
	var out store.MailNotice
	err = s.db.InTx(ctx, func(q *store.Queries) error {
		var err error
		out, err = q.ReserveMailNotice(ctx, store.MailNotice{Kind: kind, Key: key,
			MessageID: NewNoticeMessageID(s.cfg.Domain), Recipient: n.To.Email, Subject: subject}, now)
		return err
	})
	if err != nil {
		return err
	}
	if out.State == store.OutboundSent {
		return nil
	}
	m, err := s.compose(kind, Letter{To: n.To, Language: lang, CentreName: n.CentreName}, subject, body, out.MessageID, now)
	if err != nil {
		return err
	}
	if err := s.sender.Send(ctx, m); err != nil {
		return err
	}
	wctx := context.WithoutCancel(ctx)
	return s.db.InTx(wctx, func(q *store.Queries) error {
		return q.MarkMailNoticeSent(wctx, out.ID, s.now())
	})
}

// noticeView is what a notice template sees.
type noticeView struct {
	Notice
	URL   string // the absolute link to Path; "" without Config.BaseURL
	When  string // MeetingAt in words
	Lines []entryView
}

type entryView struct {
	NoticeEntry
	LevelName string
	Verified  string // the date, "" when never
}

func (s *Service) noticeView(lang string, n Notice) noticeView {
	v := noticeView{Notice: n}
	if s.cfg.BaseURL != "" && n.Path != "" {
		v.URL = s.cfg.BaseURL + "/" + strings.TrimLeft(n.Path, "/")
	}
	if !n.MeetingAt.IsZero() {
		v.When = formatDate(n.MeetingAt, lang, true)
	}
	for _, e := range n.Entries {
		ev := entryView{NoticeEntry: e, LevelName: levelNames[lang][e.Level]}
		if ev.LevelName == "" {
			ev.LevelName = e.Level
		}
		if !e.VerifiedAt.IsZero() {
			ev.Verified = formatDate(e.VerifiedAt, lang, false)
		}
		v.Lines = append(v.Lines, ev)
	}
	return v
}

// renderNotice returns the subject and text of a notice of kind in lang.
func (t *templates) renderNotice(kind, lang string, v noticeView) (subject, body string, err error) {
	tm, ok := t.byKey[lang+"/"+kind]
	if !ok || !isNoticeKind(kind) {
		return "", "", fmt.Errorf("no template for %q", kind)
	}
	var sb, bb strings.Builder
	if err := tm.ExecuteTemplate(&sb, "subject", v); err != nil {
		return "", "", err
	}
	if err := tm.ExecuteTemplate(&bb, "body", v); err != nil {
		return "", "", err
	}
	return strings.Join(strings.Fields(sb.String()), " "), strings.TrimSpace(bb.String()) + "\n", nil
}

func isNoticeKind(kind string) bool {
	for _, k := range NoticeKinds {
		if k == kind {
			return true
		}
	}
	return false
}

var levelNames = map[string]map[string]string{
	"sv": {"strategic": "Strategisk nivå", "tactical": "Taktisk nivå", "operational": "Operativ nivå"},
	"da": {"strategic": "Strategisk niveau", "tactical": "Taktisk niveau", "operational": "Operationelt niveau"},
	"en": {"strategic": "Strategic level", "tactical": "Tactical level", "operational": "Operational level"},
}

var monthNames = map[string][12]string{
	"sv": {"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"},
	"da": {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// formatDate writes t as a reader of lang expects: "20 november 2026
// kl. 10.00", "20. november 2026 kl. 10.00", "20 November 2026 at 10:00".
func formatDate(t time.Time, lang string, withTime bool) string {
	month := monthNames[lang][t.Month()-1]
	switch lang {
	case "sv":
		s := fmt.Sprintf("%d %s %d", t.Day(), month, t.Year())
		if withTime {
			s += t.Format(" kl. 15.04")
		}
		return s
	case "da":
		s := fmt.Sprintf("%d. %s %d", t.Day(), month, t.Year())
		if withTime {
			s += t.Format(" kl. 15.04")
		}
		return s
	default:
		s := fmt.Sprintf("%d %s %d", t.Day(), month, t.Year())
		if withTime {
			s += t.Format(" at 15:04")
		}
		return s
	}
}
