package mail

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// The tests talk to real servers over TCP on 127.0.0.1: go-imap's IMAP
// server with its in-memory backend and go-smtp's SMTP server with a
// backend that records what it receives.

// testTLS makes a self-signed certificate for 127.0.0.1 and the client
// configuration that trusts it.
func testTLS(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:         true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}},
		&tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
}

// imapServer is an in-memory IMAP server with one user, "hr", whose
// mailboxes are INBOX and Arkiv.
type imapServer struct {
	t         *testing.T
	user      *imapmemserver.User
	addr      string
	clientTLS *tls.Config
}

const imapUser, imapPassword = "hr@example.se", "hemligt"

// startIMAP starts the server; mode picks how clients connect.
func startIMAP(t *testing.T, mode TLSMode) *imapServer {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser(imapUser, imapPassword)
	for _, name := range []string{"INBOX", "Arkiv"} {
		if err := user.Create(name, nil); err != nil {
			t.Fatal(err)
		}
	}
	mem.AddUser(user)
	serverTLS, clientTLS := testTLS(t)
	opts := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: mode == TLSNone,
		Logger:       log.New(io.Discard, "", 0),
	}
	if mode == TLSStart {
		opts.TLSConfig = serverTLS
	}
	srv := imapserver.New(opts)
	var ln net.Listener
	var err error
	if mode == TLSImplicit {
		ln, err = tls.Listen("tcp", "127.0.0.1:0", serverTLS)
	} else {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return &imapServer{t: t, user: user, addr: ln.Addr().String(), clientTLS: clientTLS}
}

// mailbox is the configuration that reads this server's INBOX.
func (s *imapServer) mailbox(mode TLSMode) MailboxConfig {
	host, port, _ := net.SplitHostPort(s.addr)
	p, _ := strconv.Atoi(port)
	return MailboxConfig{Name: "hr", Host: host, Port: p, Username: imapUser, Password: imapPassword,
		Folder: "INBOX", TLS: mode, TLSConfig: s.clientTLS}
}

// append delivers raw messages into a folder, as a mail server does.
func (s *imapServer) append(folder string, raws ...[]byte) {
	s.t.Helper()
	for _, raw := range raws {
		if _, err := s.user.Append(folder, bytes.NewReader(raw), &imap.AppendOptions{Time: time.Now()}); err != nil {
			s.t.Fatal(err)
		}
	}
}

// count returns how many messages a folder holds and how many are \Seen.
func (s *imapServer) count(folder string) (messages, seen uint32) {
	s.t.Helper()
	st, err := s.user.Status(folder, &imap.StatusOptions{NumMessages: true, NumUnseen: true})
	if err != nil {
		s.t.Fatal(err)
	}
	return *st.NumMessages, *st.NumMessages - *st.NumUnseen
}

// smtpReceiver is an SMTP server that records every message it accepts.
type smtpReceiver struct {
	addr      string
	clientTLS *tls.Config
	mu        sync.Mutex
	got       []received
	failNext  int // answer this many MAIL commands with 451
}

type received struct {
	from string
	to   []string
	data []byte
	auth string
}

const smtpUser, smtpPassword = "centre", "s3cret"

func startSMTP(t *testing.T, mode TLSMode) *smtpReceiver {
	t.Helper()
	r := &smtpReceiver{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &smtpSession{r: r}, nil
	}))
	srv.Domain = "127.0.0.1"
	srv.AllowInsecureAuth = mode == TLSNone
	srv.ErrorLog = log.New(io.Discard, "", 0)
	serverTLS, clientTLS := testTLS(t)
	r.clientTLS = clientTLS
	var ln net.Listener
	var err error
	switch mode {
	case TLSImplicit:
		ln, err = tls.Listen("tcp", "127.0.0.1:0", serverTLS)
	case TLSStart:
		srv.TLSConfig = serverTLS
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	default:
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	r.addr = ln.Addr().String()
	return r
}

func (r *smtpReceiver) config(mode TLSMode) SMTPConfig {
	host, port, _ := net.SplitHostPort(r.addr)
	p, _ := strconv.Atoi(port)
	return SMTPConfig{Host: host, Port: p, Username: smtpUser, Password: smtpPassword, TLS: mode,
		Timeout: 5 * time.Second, TLSConfig: r.clientTLS}
}

func (r *smtpReceiver) messages() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.got...)
}

func (r *smtpReceiver) failMail(n int) {
	r.mu.Lock()
	r.failNext = n
	r.mu.Unlock()
}

type smtpSession struct {
	r    *smtpReceiver
	auth string
	msg  received
}

func (s *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *smtpSession) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != smtpUser || password != smtpPassword {
			return errors.New("invalid credentials")
		}
		s.auth = username
		return nil
	}), nil
}

func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	if s.r.failNext > 0 {
		s.r.failNext--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}
	}
	s.msg = received{from: from, auth: s.auth}
	return nil
}

func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.msg.to = append(s.msg.to, to)
	return nil
}

func (s *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.msg.data = b
	s.r.mu.Lock()
	s.r.got = append(s.r.got, s.msg)
	s.r.mu.Unlock()
	return nil
}

func (s *smtpSession) Reset()        { s.msg = received{} }
func (s *smtpSession) Logout() error { return nil }
