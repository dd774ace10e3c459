package mail

import (
	"crypto/tls"
	"fmt"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	"samverkan/internal/fault"
)

// TLSMode says how a connection to a mail server is protected.
type TLSMode string

const (
	TLSImplicit TLSMode = "tls"      // TLS from the first byte (IMAPS 993, SMTPS 465)
	TLSStart    TLSMode = "starttls" // plain connection upgraded with STARTTLS (IMAP 143, submission 587)
	TLSNone     TLSMode = "none"     // no encryption at all: only for a server on the same host
)

func (m TLSMode) valid() bool { return m == TLSImplicit || m == TLSStart || m == TLSNone }

// Config is everything the e-mail adapters need. A zero Config is valid and
// does nothing: e-mail in runs when Mailboxes is not empty, e-mail out when
// SMTP.Host is set.
type Config struct {
	// From is the centre's address: the sender of every message we send
	// and the address members reply to.
	From Address
	// Domain names this installation in our Message-IDs
	// (<case-1.event-2.RANDOM@samverkan.DOMAIN>). Default: the domain of
	// From.Email.
	Domain string
	// Language is the centre's language (sv, da or en), used when the
	// recipient's language is unknown. Default: sv.
	Language string
	// PollInterval is how often the mailboxes are read. Default: one minute.
	PollInterval time.Duration
	// BaseURL is the installation's public address, e.g.
	// https://samverkan.example.se; notices link to the portal under it.
	// Optional: without it a notice asks the reader to sign in instead.
	BaseURL   string
	Mailboxes []MailboxConfig
	SMTP      SMTPConfig
}

// MailboxConfig is one IMAP mailbox to read.
type MailboxConfig struct {
	// Name identifies the mailbox in the database (its read position and
	// the messages from it); keep it stable. Default: username@host/folder.
	Name     string
	Host     string
	Port     int // default 993 with TLS, 143 otherwise
	Username string
	Password string
	Folder   string  // default INBOX
	TLS      TLSMode // default tls
	// MoveTo, if set, is the folder a message is moved to once stored (it
	// must exist). Otherwise stored messages are marked \Seen and stay.
	MoveTo string
	// TLSConfig overrides the TLS settings (a private CA, tests). Optional.
	TLSConfig *tls.Config `json:"-"`
}

// SMTPConfig is the server we send through.
type SMTPConfig struct {
	Host     string
	Port     int // default 465 with TLS, 587 with STARTTLS, 25 without
	Username string
	Password string
	TLS      TLSMode // default starttls
	// Timeout bounds one connection. Default: 30 seconds.
	Timeout time.Duration
	// TLSConfig overrides the TLS settings (a private CA, tests). Optional.
	TLSConfig *tls.Config `json:"-"`
}

// InEnabled reports whether any mailbox is configured.
func (c Config) InEnabled() bool { return len(c.Mailboxes) > 0 }

// OutEnabled reports whether an SMTP server is configured.
func (c Config) OutEnabled() bool { return c.SMTP.Host != "" }

// withDefaults fills in what the operator left out.
func (c Config) withDefaults() Config {
	if c.Domain == "" {
		if i := strings.LastIndexByte(c.From.Email, '@'); i >= 0 {
			c.Domain = c.From.Email[i+1:]
		}
	}
	c.Domain = strings.ToLower(c.Domain)
	c.BaseURL = strings.TrimRight(strings.TrimSpace(c.BaseURL), "/")
	if c.Language == "" {
		c.Language = "sv"
	}
	if c.PollInterval == 0 {
		c.PollInterval = time.Minute
	}
	mbs := make([]MailboxConfig, len(c.Mailboxes))
	for i, m := range c.Mailboxes {
		if m.TLS == "" {
			m.TLS = TLSImplicit
		}
		if m.Port == 0 {
			m.Port = 143
			if m.TLS == TLSImplicit {
				m.Port = 993
			}
		}
		if m.Folder == "" {
			m.Folder = "INBOX"
		}
		if m.Name == "" {
			m.Name = m.Username + "@" + m.Host + "/" + m.Folder
		}
		mbs[i] = m
	}
	c.Mailboxes = mbs
	if c.SMTP.TLS == "" {
		c.SMTP.TLS = TLSStart
	}
	if c.SMTP.Port == 0 {
		switch c.SMTP.TLS {
		case TLSImplicit:
			c.SMTP.Port = 465
		case TLSStart:
			c.SMTP.Port = 587
		default:
			c.SMTP.Port = 25
		}
	}
	if c.SMTP.Timeout == 0 {
		c.SMTP.Timeout = 30 * time.Second
	}
	return c
}

// Validate fills in defaults and checks the whole configuration, naming
// every problem at once (fault.Invalid with one field per problem).
func (c Config) Validate() (Config, error) {
	c = c.withDefaults()
	var fs fault.Fields
	if c.InEnabled() || c.OutEnabled() {
		if _, err := mail.ParseAddress(c.From.Email); err != nil || c.From.Email == "" {
			fs.Add("mail.from", "invalid_email", "the centre's e-mail address is missing or not an address")
		}
		// A missing domain follows from a bad From; name only the cause.
		if !fs.Has("mail.from") && (c.Domain == "" || strings.ContainsAny(c.Domain, " <>@")) {
			fs.Add("mail.domain", "invalid_domain", "the Message-ID domain is missing or not a domain name")
		}
	}
	if !supported(c.Language) {
		fs.Add("mail.language", "unsupported_language", "the centre language must be sv, da or en")
	}
	if c.BaseURL != "" {
		if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fs.Add("mail.base_url", "invalid_url", "the base URL must be an absolute http(s) URL")
		}
	}
	if c.PollInterval < time.Second {
		fs.Add("mail.poll_interval", "too_short", "the poll interval must be at least one second")
	}
	names := map[string]bool{}
	for i, m := range c.Mailboxes {
		p := fmt.Sprintf("mail.imap[%d].", i)
		if m.Host == "" {
			fs.Add(p+"host", "required", "the IMAP host is missing")
		}
		if m.Port < 1 || m.Port > 65535 {
			fs.Add(p+"port", "out_of_range", "the IMAP port must be between 1 and 65535")
		}
		if m.Username == "" {
			fs.Add(p+"username", "required", "the IMAP user name is missing")
		}
		if m.Password == "" {
			fs.Add(p+"password", "required", "the IMAP password is missing")
		}
		if !m.TLS.valid() {
			fs.Add(p+"tls", "invalid_choice", "the TLS mode must be tls, starttls or none")
		}
		if m.MoveTo != "" && m.MoveTo == m.Folder {
			fs.Add(p+"move_to", "same_folder", "processed messages cannot be moved to the folder they are read from")
		}
		if names[m.Name] {
			fs.Add(p+"name", "duplicate", "two mailboxes have the name "+m.Name)
		}
		names[m.Name] = true
	}
	if c.OutEnabled() {
		if c.SMTP.Port < 1 || c.SMTP.Port > 65535 {
			fs.Add("mail.smtp.port", "out_of_range", "the SMTP port must be between 1 and 65535")
		}
		if !c.SMTP.TLS.valid() {
			fs.Add("mail.smtp.tls", "invalid_choice", "the TLS mode must be tls, starttls or none")
		}
		if (c.SMTP.Username == "") != (c.SMTP.Password == "") {
			fs.Add("mail.smtp.password", "incomplete", "give both an SMTP user name and a password, or neither")
		}
		if c.SMTP.Timeout < 0 {
			fs.Add("mail.smtp.timeout", "out_of_range", "the SMTP timeout cannot be negative")
		}
	}
	return c, fs.Err()
}

// ParseAddress reads an address as the command line gives it:
// "HR-servicecenter <hr@example.se>" or "hr@example.se".
func ParseAddress(s string) (Address, error) {
	a, err := mail.ParseAddress(s)
	if err != nil {
		return Address{}, fault.Field("mail.from", "invalid_email", "not an e-mail address: "+s)
	}
	return Address{Name: a.Name, Email: strings.ToLower(a.Address)}, nil
}

// ParseIMAPURL reads a mailbox from a URL, the form the command line and
// environment use:
//
//	imaps://USER:PASSWORD@HOST[:PORT][/FOLDER][?move_to=FOLDER&name=NAME]
//	imap://…?tls=starttls (or tls=none)
//
// User name and password are URL-escaped (user@example.se → user%40example.se).
func ParseIMAPURL(raw string) (MailboxConfig, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return MailboxConfig{}, fault.Field("mail.imap", "invalid_url", "the IMAP mailbox is not a URL")
	}
	var m MailboxConfig
	switch u.Scheme {
	case "imaps":
		m.TLS = TLSImplicit
	case "imap":
		m.TLS = TLSMode(u.Query().Get("tls"))
		if m.TLS == "" {
			m.TLS = TLSStart
		}
	default:
		return MailboxConfig{}, fault.Field("mail.imap", "invalid_url", "an IMAP mailbox URL starts with imaps:// or imap://")
	}
	if err := hostPort(u, &m.Host, &m.Port); err != nil {
		return MailboxConfig{}, fault.Field("mail.imap", "invalid_url", "the IMAP port is not a number")
	}
	if u.User != nil {
		m.Username = u.User.Username()
		m.Password, _ = u.User.Password()
	}
	m.Folder = strings.TrimPrefix(u.Path, "/")
	m.MoveTo = u.Query().Get("move_to")
	m.Name = u.Query().Get("name")
	return m, nil
}

// ParseSMTPURL reads the SMTP server from a URL:
//
//	smtps://USER:PASSWORD@HOST[:PORT]          implicit TLS (465)
//	smtp://USER:PASSWORD@HOST[:PORT]           STARTTLS (587)
//	smtp://HOST:25?tls=none                    no encryption
func ParseSMTPURL(raw string) (SMTPConfig, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return SMTPConfig{}, fault.Field("mail.smtp", "invalid_url", "the SMTP server is not a URL")
	}
	var s SMTPConfig
	switch u.Scheme {
	case "smtps":
		s.TLS = TLSImplicit
	case "smtp":
		s.TLS = TLSMode(u.Query().Get("tls"))
		if s.TLS == "" {
			s.TLS = TLSStart
		}
	default:
		return SMTPConfig{}, fault.Field("mail.smtp", "invalid_url", "an SMTP server URL starts with smtps:// or smtp://")
	}
	if err := hostPort(u, &s.Host, &s.Port); err != nil {
		return SMTPConfig{}, fault.Field("mail.smtp", "invalid_url", "the SMTP port is not a number")
	}
	if u.User != nil {
		s.Username = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	return s, nil
}

func hostPort(u *url.URL, host *string, port *int) error {
	*host = u.Hostname()
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return err
		}
		*port = n
	}
	return nil
}
