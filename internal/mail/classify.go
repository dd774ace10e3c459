package mail

import (
	"net/textproto"
	"strings"
)

// Automatic tells from the header whether a message was sent by a machine
// (an out-of-office reply, a bounce, a mailing list, a newsletter) and so
// must never be answered. It returns the header that gave it away, or "".
func Automatic(h textproto.MIMEHeader) string {
	get := func(name string) string { return strings.TrimSpace(h.Get(name)) }
	// token is the value without parameters or comments: "No (a person)"
	// is "no", "auto-notified; owner-email=…" is "auto-notified".
	token := func(v string) string {
		v, _, _ = strings.Cut(v, ";")
		v, _, _ = strings.Cut(v, "(")
		return strings.ToLower(strings.TrimSpace(v))
	}
	// RFC 3834: anything but "no" is automatic.
	if v := get("Auto-Submitted"); v != "" && token(v) != "no" {
		return "Auto-Submitted: " + v
	}
	switch p := token(get("Precedence")); p {
	case "bulk", "junk", "list", "auto_reply", "auto-reply":
		return "Precedence: " + p
	}
	if v := get("X-Autoreply"); v != "" && token(v) != "no" {
		return "X-Autoreply: " + v
	}
	if v := get("X-Autorespond"); v != "" && token(v) != "no" {
		return "X-Autorespond: " + v
	}
	if v := get("X-Auto-Response-Suppress"); v != "" {
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			if strings.EqualFold(f, "All") || strings.EqualFold(f, "OOF") {
				return "X-Auto-Response-Suppress: " + v
			}
		}
	}
	if v := get("List-Id"); v != "" {
		return "List-Id: " + v
	}
	if v := get("List-Unsubscribe"); v != "" {
		return "List-Unsubscribe"
	}
	// The null return path is a bounce or another automatic notice.
	if _, ok := h[textproto.CanonicalMIMEHeaderKey("Return-Path")]; ok {
		if v := strings.Join(strings.Fields(get("Return-Path")), ""); v == "<>" || v == "" {
			return "Return-Path: <>"
		}
	}
	// Delivery status and read receipts.
	if ct := token(get("Content-Type")); ct == "multipart/report" {
		return "Content-Type: multipart/report"
	}
	return ""
}
