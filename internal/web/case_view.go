package web

import (
	"fmt"
	"strings"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/cases"
	"samverkan/internal/i18n"
)

// clockView is one service-level clock as a page shows it: always a word
// for its state, never colour alone.
type clockView struct {
	Label     string
	State     string // running, warning, breached, met, met_late, paused, none
	StateText string
	DueAt     time.Time
	MetAt     time.Time
	Remaining string // "3 h 20 min left", "1 h 5 min overdue"; "" when met or paused
	Member    bool   // the member's own obligation
	Note      string // more about the line: a pay run's cut-off and payday
}

// clockViews describes the clocks a case has (targets it has no policy
// for are left out), and last how its input fared against the member's
// pay-run obligation, when it fell under one.
func clockViews(lang string, c app.Clocks) []clockView {
	var out []clockView
	for _, x := range []struct {
		key    string
		clock  app.Clock
		member bool
	}{{"sla.first_response", c.FirstResponse, false}, {"sla.next_response", c.NextResponse, false},
		{"sla.resolution", c.Resolution, false}, {"sla.member_input", c.MemberInput, true}} {
		if x.clock.Set {
			cv := clockOf(lang, x.clock)
			cv.Label, cv.Member = i18n.T(lang, x.key), x.member
			out = append(out, cv)
		}
	}
	if p := c.PayrunInput; p != nil {
		cv := clockView{Label: i18n.T(lang, "sla.payrun_label", p.Run.String()), State: "met", StateText: i18n.T(lang, "sla.payrun_on_time"),
			DueAt: p.DueAt, Note: i18n.T(lang, "sla.payrun_dates", p.Run.Cutoff, p.Run.Payday), Member: true}
		if p.Late {
			cv.State, cv.StateText = "breached", i18n.T(lang, "sla.payrun_late")
		}
		out = append(out, cv)
	}
	return out
}

func clockOf(lang string, c app.Clock) clockView {
	cv := clockView{State: c.State, StateText: i18n.T(lang, "clock.state."+c.State), DueAt: c.DueAt, MetAt: c.MetAt}
	switch c.State {
	case "running", "warning":
		cv.Remaining = i18n.T(lang, "clock.left", businessTime(lang, c.Remaining))
	case "breached":
		cv.Remaining = i18n.T(lang, "clock.overdue", businessTime(lang, -c.Remaining))
	}
	return cv
}

// urgency orders clock states for a queue row: the most pressing first.
var urgency = map[string]int{"breached": 0, "warning": 1, "running": 2, "paused": 3, "met_late": 4, "met": 5}

// pressingClock is the one clock a queue row shows: the centre's clock
// that needs attention first (breached, then warning, then the earliest
// due), else a paused or met one; ok is false when the case has none.
func pressingClock(lang string, c app.Clocks) (clockView, bool) {
	var best clockView
	found := false
	for _, x := range []struct {
		key   string
		clock app.Clock
	}{{"sla.first_response", c.FirstResponse}, {"sla.next_response", c.NextResponse}, {"sla.resolution", c.Resolution}} {
		u, ok := urgency[x.clock.State]
		if !x.clock.Set || !ok {
			continue
		}
		b := urgency[best.State]
		if !found || u < b || (u == b && !x.clock.DueAt.IsZero() && (best.DueAt.IsZero() || x.clock.DueAt.Before(best.DueAt))) {
			best = clockOf(lang, x.clock)
			best.Label = i18n.T(lang, x.key)
			found = true
		}
	}
	return best, found
}

// businessTime writes a business duration as hours and minutes.
func businessTime(lang string, d time.Duration) string {
	if d < 0 {
		d = -d
	}
	d = d.Round(time.Minute)
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	if h == 0 {
		return i18n.T(lang, "clock.minutes", m)
	}
	return i18n.T(lang, "clock.hours_minutes", h, m)
}

// caseRow is a case in a list with its most pressing clock.
type caseRow struct {
	app.CaseView
	Clock    clockView
	HasClock bool
}

// caseRows puts the clocks beside the cases of a list.
func caseRows(lang string, items []app.CaseView, clocks map[int64]app.Clocks) []caseRow {
	out := make([]caseRow, len(items))
	for i, c := range items {
		out[i].CaseView = c
		out[i].Clock, out[i].HasClock = pressingClock(lang, clocks[c.ID])
	}
	return out
}

// caseIDs lists the ids of cases.
func caseIDs(items []app.CaseView) []int64 {
	ids := make([]int64, len(items))
	for i, c := range items {
		ids[i] = c.ID
	}
	return ids
}

// EventLabel names a timeline entry: "Reply", "Internal note" …
func (vw *view) EventLabel(e cases.Event) string { return vw.T("case.event." + string(e.Kind)) }

// Internal reports whether a timeline entry is for centre staff only.
func (vw *view) Internal(e cases.Event) bool { return e.Visibility == cases.InternalOnly }

// enumFields are the changed fields whose values are enumerations with
// translated labels (case.<field>.<value>).
var enumFields = map[string]bool{"status": true, "type": true, "priority": true, "line": true, "channel": true}

// ChangeText describes one recorded change, "" for the machine-readable
// fields (ids, detail JSON) that the names beside them already tell.
func (vw *view) ChangeText(c cases.Change) string {
	if strings.HasSuffix(c.Field, "_id") || c.Field == "details" {
		return ""
	}
	label := vw.T("case.field." + c.Field)
	val := func(s string) string {
		switch {
		case s == "":
			return vw.T("case.none")
		case enumFields[c.Field]:
			return vw.T("case." + c.Field + "." + s)
		case c.Field == "confidential" && s == "true":
			return vw.T("case.yes")
		case c.Field == "confidential":
			return vw.T("case.no")
		}
		return s
	}
	switch c.Field {
	case "link", "merged_into", "merged_from", "follows", "followed_by":
		if c.From != "" && c.To == "" {
			return vw.T("case.change.unlinked", c.From)
		}
		return label + ": " + c.To
	}
	return vw.T("case.change", label, val(c.From), val(c.To))
}

// Bytes writes a file size for people.
func (vw *view) Bytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", (n+1023)>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// Service names a case's service in the page's language.
func (vw *view) Service(n cases.Names) string { return n.In(vw.Lang) }

// LinkLabel says how a linked case relates: related, follow-up, follows.
func (vw *view) LinkLabel(kind string) string { return vw.T("case.link." + kind) }

// CaseNav is the console's navigation among the pages of cases.
func (vw *view) CaseNav() []navLink {
	path, _, _ := strings.Cut(vw.Path, "?")
	var out []navLink
	add := func(href, key string, current bool) {
		out = append(out, navLink{Href: href, Label: vw.T(key), Current: current})
	}
	add("/cases", "cases.nav.queues", path == "/cases" || (strings.HasPrefix(path, "/cases/") && idOf(strings.TrimPrefix(path, "/cases/")) != 0))
	add("/cases/new", "cases.nav.new", path == "/cases/new")
	add("/cases/search", "cases.nav.search", path == "/cases/search")
	if vw.Can(string(app.ViewCaseReports)) {
		add("/cases/repeats", "cases.nav.repeats", path == "/cases/repeats")
	}
	add("/mail", "cases.nav.mail", strings.HasPrefix(path, "/mail"))
	add("/routing", "cases.nav.routing", strings.HasPrefix(path, "/routing"))
	return out
}

// WithAll puts the choice "All" in front of filter options.
func (vw *view) WithAll(opts []option) []option {
	return append([]option{{Value: "", Label: vw.T("form.all")}}, opts...)
}

// WithNone puts an empty choice labelled key in front of options.
func (vw *view) WithNone(key string, opts []option) []option {
	return append([]option{{Value: "", Label: vw.T(key)}}, opts...)
}

// Lines are the support lines as options.
func (vw *view) Lines() []option {
	return []option{{Value: string(cases.SecondLine), Label: vw.T("case.line.second")}, {Value: string(cases.FirstLine), Label: vw.T("case.line.first")}}
}

// DetailInput is the input of a type-specific field.
func (vw *view) DetailInput(df detailField) fieldView {
	var fv fieldView
	label := "case.detail." + df.Key
	switch df.Kind {
	case cases.ChoiceField:
		fv = vw.Select(df.Name, label, vw.WithNone("form.choose", df.Choices))
	case cases.DateField:
		fv = vw.Field(df.Name, "date", label)
	case cases.MonthField:
		fv = vw.Field(df.Name, "month", label, "hint=case.month_hint")
	case cases.ReferenceField:
		fv = vw.Field(df.Name, "text", label, "hint=case.ref_hint")
	default:
		fv = vw.Field(df.Name, "text", label)
	}
	fv.Required = df.Required
	if df.Types != "" {
		fv.Hint = vw.T("case_new.used_by", df.Types)
	}
	return fv
}

// LocalDate is the date of an instant in the centre's time zone.
func (vw *view) LocalDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vw.loc).Format("2006-01-02")
}

// PortalEventLabel names a timeline entry for the member side, to whom
// the centre's replies and their own messages read differently.
func (vw *view) PortalEventLabel(e cases.Event) string {
	if e.Kind == cases.MessageEvent || e.Kind == cases.ReplyEvent {
		return vw.T("portal_case.event." + string(e.Kind))
	}
	return vw.EventLabel(e)
}
