package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"samverkan/internal/mail"
	"samverkan/internal/store"
)

// envPrefix: every flag --some-flag also reads SAMVERKAN_SOME_FLAG.
const envPrefix = "SAMVERKAN_"

// newFlagSet makes a flag set that reports its own errors to stderr.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("samverkan "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses args, then fills every flag not given on the command
// line from its environment variable. It returns all problems at once.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var problems []string
	fs.VisitAll(func(f *flag.Flag) {
		if set[f.Name] {
			return
		}
		env := envPrefix + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v, ok := os.LookupEnv(env); ok {
			if err := f.Value.Set(v); err != nil {
				problems = append(problems, fmt.Sprintf("%s=%q: %v", env, v, err))
			}
		}
	})
	if fs.NArg() > 0 {
		problems = append(problems, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	return problemsErr(problems)
}

func problemsErr(problems []string) error {
	if len(problems) == 0 {
		return nil
	}
	return errors.New("configuration problems:\n  - " + strings.Join(problems, "\n  - "))
}

// dbFlag registers --db.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "./samverkan.db", "SQLite file path or postgres:// URL")
}

// checkDB validates a --db value.
func checkDB(source string) []string {
	if source == "" {
		return []string{"--db must not be empty"}
	}
	if store.EngineOf(source) == store.Postgres {
		if _, err := url.Parse(source); err != nil {
			return []string{"--db is not a valid postgres:// URL"}
		}
	}
	return nil
}

// serveConfig is everything `samverkan serve` needs.
type serveConfig struct {
	Addr         string
	DB           string
	Demo         bool
	LogLevel     string
	LogFormat    string
	BaseURL      string
	TLSCert      string
	TLSKey       string
	OIDCIssuer   string
	OIDCClientID string
	OIDCSecret   string
	MailFrom     string
	MailIMAP     listFlag
	MailSMTP     string
	MailDomain   string
	MailPoll     time.Duration
	// Mail is the e-mail configuration parsed from the Mail* flags.
	Mail mail.Config
}

// listFlag is a flag that may be given several times; from the
// environment it takes a whitespace-separated list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, " ") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, strings.Fields(v)...)
	return nil
}

func parseServeConfig(args []string, stderr io.Writer) (serveConfig, error) {
	var c serveConfig
	fs := newFlagSet("serve", stderr)
	fs.StringVar(&c.Addr, "addr", "127.0.0.1:8080", "address to listen on")
	c.DB = "./samverkan.db"
	fs.StringVar(&c.DB, "db", c.DB, "SQLite file path or postgres:// URL")
	fs.BoolVar(&c.Demo, "demo", false, "load the demo data set once and print the demo logins")
	fs.StringVar(&c.LogLevel, "log-level", "info", "debug, info, warn or error")
	fs.StringVar(&c.LogFormat, "log-format", "text", "text or json")
	fs.StringVar(&c.BaseURL, "base-url", "", "public URL of this installation, e.g. https://samverkan.example.se (for single sign-on and links in e-mail)")
	fs.StringVar(&c.TLSCert, "tls-cert", "", "TLS certificate file (serve HTTPS)")
	fs.StringVar(&c.TLSKey, "tls-key", "", "TLS key file")
	fs.StringVar(&c.OIDCIssuer, "oidc-issuer", "", "OpenID Connect issuer URL (enables single sign-on)")
	fs.StringVar(&c.OIDCClientID, "oidc-client-id", "", "OpenID Connect client id")
	fs.StringVar(&c.OIDCSecret, "oidc-client-secret", "", "OpenID Connect client secret")
	fs.StringVar(&c.MailFrom, "mail-from", "", `the centre's e-mail address, e.g. "HR-servicecenter <hr@example.se>"`)
	fs.Var(&c.MailIMAP, "mail-imap", "an IMAP mailbox to read, imaps://user:password@host/INBOX[?move_to=Arkiv] (repeatable)")
	fs.StringVar(&c.MailSMTP, "mail-smtp", "", "SMTP server for outgoing mail, smtp://user:password@host:587 (smtps:// for TLS)")
	fs.StringVar(&c.MailDomain, "mail-domain", "", "domain in our Message-IDs (default: the --mail-from domain)")
	fs.DurationVar(&c.MailPoll, "mail-poll", time.Minute, "how often the mailboxes are read")
	if err := parseFlags(fs, args); err != nil {
		return c, err
	}
	return c, c.validate()
}

func (c *serveConfig) validate() error {
	var p []string
	p = append(p, c.mailConfig()...)
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		p = append(p, fmt.Sprintf("--addr %q must be host:port, e.g. 127.0.0.1:8080", c.Addr))
	}
	p = append(p, checkDB(c.DB)...)
	if !oneOf(c.LogLevel, "debug", "info", "warn", "error") {
		p = append(p, fmt.Sprintf("--log-level %q must be debug, info, warn or error", c.LogLevel))
	}
	if !oneOf(c.LogFormat, "text", "json") {
		p = append(p, fmt.Sprintf("--log-format %q must be text or json", c.LogFormat))
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		p = append(p, "--tls-cert and --tls-key go together")
	}
	for _, f := range []string{c.TLSCert, c.TLSKey} {
		if _, err := os.Stat(f); f != "" && err != nil {
			p = append(p, fmt.Sprintf("cannot read %s", f))
		}
	}
	if c.BaseURL != "" {
		if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			p = append(p, fmt.Sprintf("--base-url %q must be an absolute http(s) URL", c.BaseURL))
		}
	}
	if c.OIDCIssuer != "" || c.OIDCClientID != "" {
		if c.OIDCIssuer == "" || c.OIDCClientID == "" || c.OIDCSecret == "" {
			p = append(p, "single sign-on needs --oidc-issuer, --oidc-client-id and --oidc-client-secret together")
		}
		if c.BaseURL == "" {
			p = append(p, "single sign-on needs --base-url for the redirect address")
		}
	}
	return problemsErr(p)
}

// mailConfig parses the e-mail flags into c.Mail and returns the problems.
func (c *serveConfig) mailConfig() []string {
	var p []string
	cfg := mail.Config{Domain: c.MailDomain, PollInterval: c.MailPoll}
	if c.MailFrom != "" {
		a, err := mail.ParseAddress(c.MailFrom)
		if err != nil {
			p = append(p, fmt.Sprintf("--mail-from: %v", err))
		}
		cfg.From = a
	}
	for _, raw := range c.MailIMAP {
		mb, err := mail.ParseIMAPURL(raw)
		if err != nil {
			p = append(p, fmt.Sprintf("--mail-imap: %v", err))
			continue
		}
		cfg.Mailboxes = append(cfg.Mailboxes, mb)
	}
	if c.MailSMTP != "" {
		smtp, err := mail.ParseSMTPURL(c.MailSMTP)
		if err != nil {
			p = append(p, fmt.Sprintf("--mail-smtp: %v", err))
		}
		cfg.SMTP = smtp
	}
	if (len(cfg.Mailboxes) > 0 || cfg.SMTP.Host != "") && c.MailFrom == "" {
		p = append(p, "e-mail needs --mail-from, the centre's address")
	}
	if len(p) == 0 {
		valid, err := cfg.Validate()
		if err != nil {
			p = append(p, err.Error())
		}
		cfg = valid
	}
	c.Mail = cfg
	return p
}

func oneOf(v string, set ...string) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}
