package mail

import (
	"net/textproto"
	"strings"
	"testing"
)

func TestAutomatic(t *testing.T) {
	tests := []struct {
		name   string
		header map[string]string
		auto   bool
	}{
		{"person", map[string]string{"From": "anna@bastad.se"}, false},
		{"auto-submitted no", map[string]string{"Auto-Submitted": "no"}, false},
		{"auto-submitted NO with comment", map[string]string{"Auto-Submitted": "No (a person)"}, false},
		{"auto-replied", map[string]string{"Auto-Submitted": "auto-replied"}, true},
		{"auto-generated", map[string]string{"Auto-Submitted": "auto-generated"}, true},
		{"auto-notified with params", map[string]string{"Auto-Submitted": "auto-notified; owner-email=x@y"}, true},
		{"precedence bulk", map[string]string{"Precedence": "bulk"}, true},
		{"precedence junk", map[string]string{"Precedence": "Junk"}, true},
		{"precedence list", map[string]string{"Precedence": "list"}, true},
		{"precedence auto_reply", map[string]string{"Precedence": "auto_reply"}, true},
		{"precedence first-class", map[string]string{"Precedence": "first-class"}, false},
		{"x-autoreply", map[string]string{"X-Autoreply": "yes"}, true},
		{"x-autorespond", map[string]string{"X-Autorespond": "Out of office"}, true},
		{"suppress all", map[string]string{"X-Auto-Response-Suppress": "All"}, true},
		{"suppress oof in list", map[string]string{"X-Auto-Response-Suppress": "DR, OOF, AutoReply"}, true},
		{"suppress dr only", map[string]string{"X-Auto-Response-Suppress": "DR"}, false},
		{"list-id", map[string]string{"List-Id": "<nyhetsbrev.example.se>"}, true},
		{"list-unsubscribe", map[string]string{"List-Unsubscribe": "<mailto:unsub@example.se>"}, true},
		{"null return path", map[string]string{"Return-Path": "<>"}, true},
		{"null return path spaced", map[string]string{"Return-Path": "< >"}, true},
		{"return path", map[string]string{"Return-Path": "<anna@bastad.se>"}, false},
		{"delivery report", map[string]string{"Content-Type": "multipart/report; report-type=delivery-status; boundary=x"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := textproto.MIMEHeader{}
			for k, v := range tt.header {
				h.Set(k, v)
			}
			got := Automatic(h)
			if (got != "") != tt.auto {
				t.Fatalf("Automatic = %q, want automatic %v", got, tt.auto)
			}
			if tt.auto {
				// The reason names the header that gave it away.
				var name string
				for k := range tt.header {
					name = k
				}
				if !strings.HasPrefix(strings.ToLower(got), strings.ToLower(name)) {
					t.Errorf("reason %q does not name %s", got, name)
				}
			}
		})
	}
}

func TestStripQuoted(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"english gmail", "Thanks, that works.\n\nOn Mon, 3 Nov 2026 at 10:00, HR-servicecenter <hr@example.se> wrote:\n> Your case\n> is done", "Thanks, that works."},
		{"gmail wrapped", "Thanks.\n\nOn Mon, 3 Nov 2026 at 10:00, HR-servicecenter <hr@example.se>\nwrote:\n> old", "Thanks."},
		{"swedish gmail", "Tack!\n\nDen mån 3 nov. 2026 kl 10:00 skrev HR-servicecenter <hr@example.se>:\n> Ärendet", "Tack!"},
		{"apple mail swedish", "Tack!\n\n3 nov. 2026 kl. 10:00 skrev HR-servicecenter <hr@example.se>:\n\n> Ärendet", "Tack!"},
		{"danish", "Tak.\n\nDen 3. nov. 2026 kl. 10.00 skrev Løncenter <l@example.dk>:\n> Sagen", "Tak."},
		{"outlook original", "Se bifogat.\n\n-----Original Message-----\nFrom: x\nSent: y\n\nold", "Se bifogat."},
		{"outlook swedish header", "Jag har fler frågor.\n\n________________________________\nFrån: HR-servicecenter <hr@example.se>\nSkickat: den 3 november 2026 10:00\nTill: Anna\nÄmne: [2026-000123] Fråga\n\nold text", "Jag har fler frågor."},
		{"outlook danish header", "Tak.\n\nFra: Løncenter\nSendt: 3. november 2026 10:00\nTil: Anna\n\nold", "Tak."},
		{"trailing quote only", "Yes.\n\n> did you?\n> really?\n", "Yes."},
		{"nothing quoted", "Hej!\nJag har inte fått min lön.\n\nHälsningar Anna", "Hej!\nJag har inte fått min lön.\n\nHälsningar Anna"},
		{"marker first keeps all", "On Mon, 3 Nov 2026 at 10:00, X <x@y> wrote:\n> all quoted", "On Mon, 3 Nov 2026 at 10:00, X <x@y> wrote:\n> all quoted"},
		{"from in prose kept", "Hej.\nFrom: the start we knew.\nIt was fine.", "Hej.\nFrom: the start we knew.\nIt was fine."},
		{"interleaved keeps own lines", "> question 1\nanswer 1\n> question 2\nanswer 2", "> question 1\nanswer 1\n> question 2\nanswer 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StripQuoted(tt.text); got != tt.want {
				t.Errorf("StripQuoted =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
