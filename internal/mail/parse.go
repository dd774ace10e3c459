package mail

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"mime"
	"net/textproto"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jhillyerd/enmime/v2"
	"github.com/jhillyerd/enmime/v2/mediatype"
	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/text/encoding/charmap"
)

// Address is a name and an e-mail address.
type Address struct {
	Name  string
	Email string
}

func (a Address) String() string {
	if a.Name == "" {
		return a.Email
	}
	return a.Name + " <" + a.Email + ">"
}

// Attachment is a file sent with a message, or an inline part (an image
// the HTML refers to by Content-ID).
type Attachment struct {
	Filename    string
	ContentType string
	ContentID   string // without angle brackets; inline parts
	Inline      bool
	Data        []byte
}

// Message is an incoming e-mail, parsed. Header values are decoded
// (RFC 2047) to UTF-8 and bodies converted to UTF-8 from their charsets.
type Message struct {
	MessageID  string // without angle brackets; "" when the message has none
	InReplyTo  []string
	References []string
	From       Address
	ReplyTo    []Address
	To         []Address
	Cc         []Address
	Subject    string
	Date       time.Time // zero when missing or unreadable
	// Text is the whole text body: the text/plain part, or the HTML part
	// converted to text when there is no plain part.
	Text string
	// Reply is Text without the quoted earlier messages below the reply
	// ("On … wrote:", "Från:", "-----Original Message-----" …).
	Reply string
	// HTML is the HTML body sanitised for display; "" when there is none.
	HTML        string
	Attachments []Attachment
	// Automatic names why the message looks automatic (an auto-reply,
	// a bounce, bulk or list mail) and must never be answered; "" for a
	// message from a person.
	Automatic string
	// Warnings are what the parser noticed but could read past.
	Warnings []string
	// Header is the raw top-level header.
	Header textproto.MIMEHeader
}

// MalformedError says why a message could not be read well enough to act
// on. The raw message is kept and flagged for a person.
type MalformedError struct{ Reason string }

func (e *MalformedError) Error() string { return "malformed message: " + e.Reason }

// IsMalformed reports whether err is a *MalformedError.
func IsMalformed(err error) bool {
	var m *MalformedError
	return errors.As(err, &m)
}

var htmlPolicy = bluemonday.UGCPolicy()

// parser trusts a declared charset and never guesses one: statistical
// detection takes short Swedish UTF-8 for Latin-1. Text without a declared
// charset is taken as UTF-8 when it is valid UTF-8 and as Windows-1252
// otherwise (see fixCharset).
var parser = enmime.NewParser(enmime.DisableCharacterDetection(true), enmime.MinCharsetDetectRunes(math.MaxInt32),
	enmime.SetCustomParseMediaType(parseMediaType))

// parseMediaType is enmime's, except that a text part without a charset or
// with the RFC 822 default us-ascii keeps its bytes (enmime would read them
// as Windows-1252 and spoil UTF-8): fixCharset decides afterwards.
func parseMediaType(ctype string) (string, map[string]string, []string, error) {
	mt, params, invalid, err := mediatype.Parse(ctype)
	if err == nil && strings.HasPrefix(mt, "text/") {
		if params == nil {
			params = map[string]string{}
		}
		switch strings.ToLower(params["charset"]) {
		case "", "us-ascii", "ascii", "ansi_x3.4-1968":
			params["charset"] = "utf-8" // enmime passes utf-8 through unchanged
		}
	}
	return mt, params, invalid, err
}

// fixCharset reads undeclared 8-bit text that is not UTF-8 as Windows-1252,
// the superset of ISO-8859-1 that Swedish and Danish mail programs send.
func fixCharset(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	return out
}

// Parse reads a raw RFC 5322 message. It returns a *MalformedError when
// the MIME structure is broken so badly that parts were lost, or when the
// message has no usable From address; the Message is then as complete as
// could be read (never nil).
func Parse(raw []byte) (*Message, error) {
	m := &Message{}
	env, err := parser.ReadEnvelope(bytes.NewReader(raw))
	if err != nil {
		return m, &MalformedError{Reason: "the MIME structure cannot be read: " + err.Error()}
	}
	m.Header = env.Root.Header
	m.MessageID = NormalizeMessageID(firstID(env.GetHeader("Message-Id")))
	m.InReplyTo = MessageIDList(env.Root.Header.Get("In-Reply-To"))
	m.References = MessageIDList(strings.Join(env.Root.Header.Values("References"), " "))
	m.Subject = fixCharset(strings.TrimSpace(env.GetHeader("Subject")))
	if d, err := env.Date(); err == nil {
		m.Date = d
	}
	m.To = addresses(env, "To")
	m.Cc = addresses(env, "Cc")
	m.ReplyTo = addresses(env, "Reply-To")
	m.Text = normalizeText(fixCharset(env.Text))
	m.Reply = StripQuoted(m.Text)
	if env.HTML != "" {
		m.HTML = htmlPolicy.Sanitize(fixCharset(env.HTML))
	}
	m.Attachments = attachments(env)
	m.Automatic = Automatic(env.Root.Header)

	var severe []string
	for _, e := range env.Errors {
		if e.Severe {
			severe = append(severe, e.Error())
		} else {
			m.Warnings = append(m.Warnings, e.Error())
		}
	}
	from := addresses(env, "From")
	if len(from) > 0 {
		m.From = from[0]
	}
	switch {
	case len(severe) > 0:
		return m, &MalformedError{Reason: "parts of the message could not be read: " + strings.Join(severe, "; ")}
	case m.From.Email == "":
		return m, &MalformedError{Reason: "the message has no readable From address"}
	}
	return m, nil
}

func firstID(v string) string {
	if ids := MessageIDList(v); len(ids) > 0 {
		return ids[0]
	}
	return ""
}

func addresses(env *enmime.Envelope, key string) []Address {
	list, err := env.AddressList(key)
	if err != nil {
		return nil
	}
	out := make([]Address, 0, len(list))
	for _, a := range list {
		if a.Address == "" {
			continue
		}
		out = append(out, Address{Name: fixCharset(strings.TrimSpace(a.Name)), Email: strings.ToLower(strings.TrimSpace(a.Address))})
	}
	return out
}

// normalizeText makes line ends \n and trims trailing white space.
func normalizeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimRight(s, " \t\n")
}

func attachments(env *enmime.Envelope) []Attachment {
	var out []Attachment
	add := func(p *enmime.Part, inline bool) {
		if p == nil || len(p.Content) == 0 {
			return
		}
		// Text parts marked inline are already part of the body.
		if inline && p.FileName == "" && (p.ContentType == "text/plain" || p.ContentType == "text/html") {
			return
		}
		name := fixCharset(p.FileName)
		if name == "" {
			name = "part-" + strings.ReplaceAll(p.PartID, ".", "-")
			if p.PartID == "" {
				name = "part"
			}
			if exts, _ := mime.ExtensionsByType(p.ContentType); len(exts) > 0 {
				name += exts[0]
			}
		}
		ct := p.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		out = append(out, Attachment{
			Filename:    name,
			ContentType: ct,
			ContentID:   NormalizeMessageID(p.ContentID),
			Inline:      inline,
			Data:        p.Content,
		})
	}
	for _, p := range env.Attachments {
		add(p, false)
	}
	for _, p := range env.Inlines {
		add(p, true)
	}
	for _, p := range env.OtherParts {
		add(p, true)
	}
	return out
}

// Summary is a one-line description of a message for logs and lists.
func (m *Message) Summary() string {
	return fmt.Sprintf("%s: %q", m.From.Email, m.Subject)
}
