package mail

import (
	"encoding/base64"
	"mime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// crlf turns a readable test message into wire form.
func crlf(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func TestParseLatin1QuotedPrintable(t *testing.T) {
	// Outlook on Windows still sends ISO-8859-1: subject as an encoded
	// word, body quoted-printable.
	raw := crlf(`From: =?ISO-8859-1?Q?=C5sa_=D6berg?= <Asa.Oberg@Bastad.se>
To: HR-servicecenter <hr@example.se>
Cc: chef@bastad.se, =?ISO-8859-1?Q?L=F6nest=F6d?= <lon@bastad.se>
Subject: =?ISO-8859-1?Q?Fr=E5ga_om_l=F6n_f=F6r_m=E5naden?=
Date: Mon, 02 Nov 2026 08:15:00 +0100
Message-ID: <AB12@bastad.se>
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-8859-1
Content-Transfer-Encoding: quoted-printable

Hej!

Jag har inte f=E5tt min l=F6n f=F6r oktober. =C4r det n=E5got fel?

H=E4lsningar =D6sten =C5kesson
`)
	m, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if m.From != (Address{Name: "Åsa Öberg", Email: "asa.oberg@bastad.se"}) {
		t.Errorf("From = %+v", m.From)
	}
	wantCc := []Address{{Email: "chef@bastad.se"}, {Name: "Lönestöd", Email: "lon@bastad.se"}}
	if diff := cmp.Diff(wantCc, m.Cc); diff != "" {
		t.Errorf("Cc (-want +got):\n%s", diff)
	}
	if m.Subject != "Fråga om lön för månaden" {
		t.Errorf("Subject = %q", m.Subject)
	}
	if m.MessageID != "AB12@bastad.se" {
		t.Errorf("MessageID = %q", m.MessageID)
	}
	if want := time.Date(2026, 11, 2, 7, 15, 0, 0, time.UTC); !m.Date.Equal(want) {
		t.Errorf("Date = %v", m.Date)
	}
	if !strings.Contains(m.Text, "Jag har inte fått min lön för oktober. Är det något fel?") ||
		!strings.Contains(m.Text, "Hälsningar Östen Åkesson") {
		t.Errorf("Text = %q", m.Text)
	}
	if m.Automatic != "" || m.HTML != "" || len(m.Attachments) != 0 {
		t.Errorf("Automatic %q, HTML %q, attachments %d", m.Automatic, m.HTML, len(m.Attachments))
	}
}

func TestParseUTF8Base64AndReplyHeaders(t *testing.T) {
	subject := mime.BEncoding.Encode("UTF-8", "SV: [2026-000123] Semesterlön för Ängelholm")
	raw := crlf(`From: Anna <anna@angelholm.se>
To: hr@example.se
Subject: ` + subject + `
Message-ID: <reply-1@angelholm.se>
In-Reply-To: <case-5.event-9.abcd@samverkan.example.se>
References: <first@angelholm.se>
 <case-5.event-9.abcd@samverkan.example.se>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

` + b64("Tack, det löser sig.\n\nDen mån 2 nov. 2026 kl 10:00 skrev HR-servicecenter <hr@example.se>:\n> Vi har fått ditt ärende.\n") + `
`)
	m, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if m.Subject != "SV: [2026-000123] Semesterlön för Ängelholm" {
		t.Errorf("Subject = %q", m.Subject)
	}
	if diff := cmp.Diff([]string{"case-5.event-9.abcd@samverkan.example.se"}, m.InReplyTo); diff != "" {
		t.Errorf("InReplyTo: %s", diff)
	}
	if diff := cmp.Diff([]string{"first@angelholm.se", "case-5.event-9.abcd@samverkan.example.se"}, m.References); diff != "" {
		t.Errorf("References: %s", diff)
	}
	if m.Reply != "Tack, det löser sig." {
		t.Errorf("Reply = %q", m.Reply)
	}
	if !strings.Contains(m.Text, "> Vi har fått ditt ärende.") {
		t.Errorf("the full Text lost the quote: %q", m.Text)
	}
	th := ThreadKeys(m, "example.se")
	if th.CaseID != 5 || th.EventID != 9 || th.Reference.String() != "2026-000123" {
		t.Errorf("ThreadKeys = %+v", th)
	}
}

func TestParseHTMLOnlyIsSanitisedAndConverted(t *testing.T) {
	raw := crlf(`From: chef@hoganas.se
To: hr@example.se
Subject: =?utf-8?q?L=C3=B6nebesked?=
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

<html><head><script>alert(1)</script><style>p{color:red}</style></head><body>
<p onclick=3D"steal()">Hej! Vi beh=C3=B6ver <b>l=C3=B6nebesked</b> f=C3=B6r Svalöv.</p>
<a href=3D"javascript:alert(2)">klicka</a> <a href=3D"https://example.se/x">l=C3=A4nk</a>
<img src=3D"https://tracker.example/p.gif">
</body></html>
`)
	m, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.Text, "Vi behöver") || !strings.Contains(m.Text, "lönebesked") {
		t.Errorf("Text from HTML = %q", m.Text)
	}
	for _, bad := range []string{"<script", "alert(1)", "onclick", "javascript:", "<style"} {
		if strings.Contains(m.HTML, bad) {
			t.Errorf("sanitised HTML still has %q: %s", bad, m.HTML)
		}
	}
	if !strings.Contains(m.HTML, "<b>lönebesked</b>") || !strings.Contains(m.HTML, `href="https://example.se/x"`) {
		t.Errorf("sanitised HTML lost harmless markup: %s", m.HTML)
	}
}

func TestParseAttachmentsAndInlineParts(t *testing.T) {
	pdf := "%PDF-1.4 lönespec"
	png := "\x89PNG\r\n\x1a\nbild"
	raw := crlf(`From: Anna <anna@svalov.se>
To: hr@example.se
Subject: Bilagor
Message-ID: <att@svalov.se>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/related; boundary="rel"

--rel
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Se bifogad lönespecifikation.
--alt
Content-Type: text/html; charset=utf-8

<p>Se bifogad <b>lönespecifikation</b>.</p><img src="cid:logo@svalov">
--alt--
--rel
Content-Type: image/png
Content-ID: <logo@svalov>
Content-Disposition: inline
Content-Transfer-Encoding: base64

` + b64(png) + `
--rel--
--outer
Content-Type: application/pdf; name="=?UTF-8?Q?l=C3=B6nespec.pdf?="
Content-Disposition: attachment; filename*=UTF-8''l%C3%B6nespecifikation%20okt.pdf
Content-Transfer-Encoding: base64

` + b64(pdf) + `
--outer--
`)
	m, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if m.Text != "Se bifogad lönespecifikation." {
		t.Errorf("Text = %q", m.Text)
	}
	if !strings.Contains(m.HTML, "<b>lönespecifikation</b>") {
		t.Errorf("HTML = %q", m.HTML)
	}
	want := []Attachment{
		{Filename: "lönespecifikation okt.pdf", ContentType: "application/pdf", Data: []byte(pdf)},
		{Filename: "part-1-2.png", ContentType: "image/png", ContentID: "logo@svalov", Inline: true, Data: []byte(png)},
	}
	if diff := cmp.Diff(want, m.Attachments); diff != "" {
		t.Errorf("Attachments (-want +got):\n%s", diff)
	}
}

func TestParseMalformed(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
	}{
		{"no from", crlf("To: hr@example.se\nSubject: Hej\n\nText\n")},
		{"unreadable from", crlf("From: not an address at all\nSubject: Hej\n\nText\n")},
		{"broken base64", crlf("From: a@b.se\nSubject: x\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n!!!!\x00\x01 not base64 ####\n--b--\n")},
		{"not mail", []byte("\x00\x01\x02 binary junk")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse(tt.raw)
			if !IsMalformed(err) {
				t.Fatalf("Parse error = %v, want a MalformedError", err)
			}
			if m == nil {
				t.Fatal("no Message with the error")
			}
		})
	}
}

// Mail without a declared charset: valid UTF-8 stays UTF-8 however short,
// other 8-bit text is read as Windows-1252.
func TestParseUndeclaredCharset(t *testing.T) {
	utf := crlf("From: a@x.se\nSubject: Fråga\n\nJag glömde: det gäller oktober.\n")
	latin := append(crlf("From: a@x.se\nSubject: x\n\n"), []byte("L\xf6nen f\xf6r m\xe5naden \x96 tack\r\n")...)
	declared := crlf("From: a@x.se\nSubject: x\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nÅsa på lönekontoret.\n")
	for raw, want := range map[*[]byte]string{&utf: "Jag glömde: det gäller oktober.", &latin: "Lönen för månaden – tack",
		&declared: "Åsa på lönekontoret."} {
		m, err := Parse(*raw)
		if err != nil {
			t.Fatal(err)
		}
		if m.Text != want {
			t.Errorf("Text = %q, want %q", m.Text, want)
		}
	}
}
