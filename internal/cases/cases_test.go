package cases_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"samverkan/internal/cases"
	"samverkan/internal/fault"
)

func TestTransitions(t *testing.T) {
	tests := []struct {
		from, to cases.Status
		ok       bool
		kind     fault.Kind
	}{
		{cases.New, cases.Open, true, 0},
		{cases.New, cases.Resolved, true, 0},
		{cases.New, cases.Closed, true, 0},
		{cases.Open, cases.WaitingMember, true, 0},
		{cases.Open, cases.New, false, fault.Conflict},
		{cases.WaitingMember, cases.WaitingThirdParty, true, 0},
		{cases.WaitingThirdParty, cases.Open, true, 0},
		{cases.Resolved, cases.Open, true, 0},
		{cases.Resolved, cases.Closed, true, 0},
		{cases.Resolved, cases.WaitingMember, false, fault.Conflict},
		{cases.Closed, cases.Open, false, fault.Conflict},
		{cases.Closed, cases.Resolved, false, fault.Conflict},
		{cases.Open, cases.Open, false, fault.Conflict},
		{cases.Open, "done", false, fault.Invalid},
	}
	for _, tt := range tests {
		err := cases.CheckMove(tt.from, tt.to)
		if (err == nil) != tt.ok {
			t.Errorf("%s → %s: err %v, want ok %v", tt.from, tt.to, err, tt.ok)
			continue
		}
		if err != nil && fault.KindOf(err) != tt.kind {
			t.Errorf("%s → %s: kind %v, want %v", tt.from, tt.to, fault.KindOf(err), tt.kind)
		}
		if cases.CanMove(tt.from, tt.to) != tt.ok {
			t.Errorf("CanMove(%s, %s) disagrees with CheckMove", tt.from, tt.to)
		}
	}
	for _, s := range cases.Statuses {
		if cases.CanMove(s, cases.New) {
			t.Errorf("a case can go back to new from %s", s)
		}
	}
}

func TestApplyStatusKeepsTimestamps(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	c := cases.ApplyStatus(cases.Case{Status: cases.Open}, cases.Resolved, now)
	if c.ResolvedAt != now || !c.ClosedAt.IsZero() || c.Open() {
		t.Fatalf("resolved: %+v", c)
	}
	c = cases.ApplyStatus(c, cases.Open, now.Add(time.Hour))
	if !c.ResolvedAt.IsZero() || !c.Open() {
		t.Fatalf("reopened: %+v", c)
	}
	c = cases.ApplyStatus(c, cases.Closed, now.Add(2*time.Hour))
	if c.ClosedAt.IsZero() || c.ResolvedAt.IsZero() {
		t.Fatalf("closed without resolution time: %+v", c)
	}
}

func TestOnMemberMessage(t *testing.T) {
	resolved := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		status cases.Status
		now    time.Time
		want   cases.ReplyOutcome
	}{
		{"new stays", cases.New, resolved, cases.Append},
		{"open stays", cases.Open, resolved, cases.Append},
		{"waiting for member opens", cases.WaitingMember, resolved, cases.Reopen},
		{"waiting for third party stays", cases.WaitingThirdParty, resolved, cases.Append},
		{"resolved same day reopens", cases.Resolved, resolved.Add(time.Hour), cases.Reopen},
		{"resolved 14 days ago reopens", cases.Resolved, resolved.AddDate(0, 0, 14), cases.Reopen},
		{"resolved 15 days ago follows up", cases.Resolved, resolved.AddDate(0, 0, 15), cases.FollowUp},
		{"closed follows up", cases.Closed, resolved.Add(time.Hour), cases.FollowUp},
	}
	for _, tt := range tests {
		c := cases.Case{Status: tt.status, ResolvedAt: resolved}
		if got := cases.OnMemberMessage(c, tt.now, 14); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	c := cases.Case{Status: cases.Resolved, ResolvedAt: resolved}
	if cases.ShouldAutoClose(c, resolved.AddDate(0, 0, 14), 14) || !cases.ShouldAutoClose(c, resolved.AddDate(0, 0, 15), 14) {
		t.Error("auto-close does not match the reopen period")
	}
}

func TestReferences(t *testing.T) {
	tests := []struct {
		in   string
		want cases.Reference
		ok   bool
	}{
		{"2026-000123", cases.Reference{Year: 2026, Seq: 123}, true},
		{" 2026-1234567 ", cases.Reference{Year: 2026, Seq: 1234567}, true},
		{"HRSC2026-000123", cases.Reference{Prefix: "HRSC", Year: 2026, Seq: 123}, true},
		{"hrsc2026-000123", cases.Reference{Prefix: "HRSC", Year: 2026, Seq: 123}, true},
		{"HR-2026-000001", cases.Reference{Prefix: "HR-", Year: 2026, Seq: 1}, true},
		{"L12026-000001", cases.Reference{Prefix: "L1", Year: 2026, Seq: 1}, true},
		{"2026-123", cases.Reference{}, false},
		{"2026-000000", cases.Reference{}, false},
		{"1999-000001", cases.Reference{}, false},
		{"1HR2026-000001", cases.Reference{}, false},
		{"TOOLONGPREFIX2026-000001", cases.Reference{}, false},
		{"2026000123", cases.Reference{}, false},
		{"", cases.Reference{}, false},
	}
	for _, tt := range tests {
		got, ok := cases.ParseReference(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("ParseReference(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if ok {
			again, _ := cases.ParseReference(got.String())
			if again != got {
				t.Errorf("%q does not round-trip: %q", tt.in, got.String())
			}
		}
	}
	if s := (cases.Reference{Prefix: "HRSC", Year: 2026, Seq: 42}).String(); s != "HRSC2026-000042" {
		t.Errorf("format: %s", s)
	}
	for p, ok := range map[string]bool{"": true, "HRSC": true, "HR-": true, "L1": true, "hr": false, "1HR": false, "ÅHR": false, "ABCDEFGHIJK": false} {
		if cases.ValidPrefix(p) != ok {
			t.Errorf("ValidPrefix(%q) = %v", p, !ok)
		}
	}
}

func TestThreadSubject(t *testing.T) {
	ref := cases.Reference{Year: 2026, Seq: 123}
	pref := cases.Reference{Prefix: "HRSC", Year: 2026, Seq: 123}
	tests := []struct {
		subject string
		topic   string
		ref     cases.Reference
		ok      bool
	}{
		{"[2026-000123] Fråga om lön", "Fråga om lön", ref, true},
		{"Re: [2026-000123] Fråga om lön", "Fråga om lön", ref, true},
		{"RE: [2026-000123] Fråga om lön", "Fråga om lön", ref, true},
		{"SV: [2026-000123] Fråga om lön", "Fråga om lön", ref, true},
		{"Sv: SV: Re: [2026-000123] Fråga om lön", "Fråga om lön", ref, true},
		{"VS: [2026-000123] Spørgsmål om løn", "Spørgsmål om løn", ref, true},
		{"AW: [2026-000123] Frage", "Frage", ref, true},
		{"Fwd: [2026-000123] Fråga", "Fråga", ref, true},
		{"FW: [2026-000123] Fråga", "Fråga", ref, true},
		{"VB: [2026-000123] Fråga", "Fråga", ref, true},
		{"Re[2]: [2026-000123] Fråga", "Fråga", ref, true},
		{"Re : Fråga [HRSC2026-000123]", "Fråga", pref, true},
		{"SV: Fråga om semester [#2026-000123] igen", "Fråga om semester igen", ref, true},
		{"[EXTERN] SV: [2026-000123] Fråga", "[EXTERN] SV: Fråga", ref, true},
		{"Re: Fråga om lön", "Fråga om lön", cases.Reference{}, false},
		{"Re: [2026-123] Fråga", "[2026-123] Fråga", cases.Reference{}, false},
		{"Svar om lön", "Svar om lön", cases.Reference{}, false},
		{"Återbetalning", "Återbetalning", cases.Reference{}, false},
		{"Vsm-nytt", "Vsm-nytt", cases.Reference{}, false},
	}
	for _, tt := range tests {
		topic, got, ok := cases.ThreadSubject(tt.subject)
		if topic != tt.topic || got != tt.ref || ok != tt.ok {
			t.Errorf("ThreadSubject(%q) = %q, %+v, %v; want %q, %+v, %v", tt.subject, topic, got, ok, tt.topic, tt.ref, tt.ok)
		}
		if r, ok := cases.FindReference(tt.subject); r != tt.ref || ok != tt.ok {
			t.Errorf("FindReference(%q) = %+v, %v", tt.subject, r, ok)
		}
	}
	if s := cases.SubjectWithReference("2026-000123", "SV: Re: [2026-000123] Fråga om lön"); s != "[2026-000123] Fråga om lön" {
		t.Errorf("SubjectWithReference: %q", s)
	}
}

func TestDraftNormalise(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	ok := cases.Draft{Channel: cases.Phone, Type: cases.Question, Subject: "  Fråga\n om   lön ", Body: "Hej!\r\nVarför?\x00", Tags: []string{"Lön", "lön", " semester "}}
	d, err := ok.Normalise(now)
	if err != nil {
		t.Fatal(err)
	}
	want := cases.Draft{Channel: cases.Phone, Type: cases.Question, Priority: cases.Normal, Subject: "Fråga om lön", Body: "Hej!\nVarför?",
		Details: map[string]string{}, Tags: []string{"lön", "semester"}, ReceivedAt: now}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Fatalf("normalised draft (-want +got):\n%s", diff)
	}
	past := now.Add(-3 * time.Hour)
	if d, _ := (cases.Draft{Channel: cases.Email, Type: cases.Question, Subject: "s", Body: "b", ReceivedAt: past}).Normalise(now); d.ReceivedAt != past {
		t.Errorf("received at moved: %v", d.ReceivedAt)
	}
	if d, _ := (cases.Draft{Channel: cases.Email, Type: cases.Question, Subject: "s", Body: "b", ReceivedAt: now.Add(time.Minute)}).Normalise(now); d.ReceivedAt != now {
		t.Errorf("slightly future received at not clamped: %v", d.ReceivedAt)
	}

	bad := []struct {
		name   string
		d      cases.Draft
		fields []string
	}{
		{"empty", cases.Draft{}, []string{"subject", "body", "channel", "type"}},
		{"future", cases.Draft{Channel: cases.Phone, Type: cases.Question, Subject: "s", Body: "b", ReceivedAt: now.Add(time.Hour)}, []string{"received_at"}},
		{"priority", cases.Draft{Channel: cases.Phone, Type: cases.Question, Subject: "s", Body: "b", Priority: "asap"}, []string{"priority"}},
		{"long subject", cases.Draft{Channel: cases.Phone, Type: cases.Question, Subject: strings.Repeat("å", 201), Body: "b"}, []string{"subject"}},
		{"order needs service", cases.Draft{Channel: cases.Portal, Type: cases.Order, Subject: "s", Body: "b"}, []string{"service_id"}},
		{"change request needs service", cases.Draft{Channel: cases.Portal, Type: cases.ChangeRequest, Subject: "s", Body: "b"}, []string{"service_id"}},
		{"correction needs employee and period", cases.Draft{Channel: cases.Portal, Type: cases.Correction, Subject: "s", Body: "b"}, []string{"details.employee", "details.pay_period"}},
		{"correction period format", cases.Draft{Channel: cases.Portal, Type: cases.Correction, Subject: "s", Body: "b",
			Details: map[string]string{"employee": "Eva", "pay_period": "2026-13"}}, []string{"details.pay_period"}},
		{"document kind", cases.Draft{Channel: cases.Portal, Type: cases.DocumentRequest, Subject: "s", Body: "b",
			Details: map[string]string{"document": "passport"}}, []string{"details.document"}},
		{"unknown detail", cases.Draft{Channel: cases.Portal, Type: cases.Question, Subject: "s", Body: "b",
			Details: map[string]string{"shoe_size": "42"}}, []string{"details.shoe_size"}},
		{"order date", cases.Draft{Channel: cases.Portal, Type: cases.Order, ServiceID: 1, Subject: "s", Body: "b",
			Details: map[string]string{"wanted_by": "2026-02-30"}}, []string{"details.wanted_by"}},
		{"complaint reference", cases.Draft{Channel: cases.Portal, Type: cases.Complaint, Subject: "s", Body: "b",
			Details: map[string]string{"about_case": "nummer 5"}}, []string{"details.about_case"}},
		{"tag", cases.Draft{Channel: cases.Portal, Type: cases.Question, Subject: "s", Body: "b", Tags: []string{"två ord"}}, []string{"tags"}},
	}
	for _, b := range bad {
		_, err := b.d.Normalise(now)
		e, isFault := fault.As(err)
		if !isFault || e.Kind != fault.Invalid {
			t.Errorf("%s: err %v, want invalid", b.name, err)
			continue
		}
		var got []string
		for _, f := range e.Fields {
			got = append(got, f.Field)
		}
		if diff := cmp.Diff(b.fields, got); diff != "" {
			t.Errorf("%s: fields (-want +got):\n%s", b.name, diff)
		}
	}
	good := cases.Draft{Channel: cases.Portal, Type: cases.Correction, Subject: "s", Body: "b",
		Details: map[string]string{"employee": " Eva Anställd ", "pay_period": "2026-10", "": ""}}
	d, err = good.Normalise(now)
	if err != nil || d.Details["employee"] != "Eva Anställd" || len(d.Details) != 2 {
		t.Fatalf("correction: %+v, %v", d.Details, err)
	}
	c, err := cases.CheckDetails(cases.Complaint, map[string]string{"about_case": "hrsc2026-000007"}, true)
	if err != nil || c["about_case"] != "HRSC2026-000007" {
		t.Fatalf("complaint reference not normalised: %v, %v", c, err)
	}
	if _, err := cases.CheckDetails(cases.Correction, nil, false); err != nil {
		t.Fatalf("details required when reclassifying: %v", err)
	}
}

func TestForms(t *testing.T) {
	for _, ty := range cases.Types {
		f := cases.FormFor(ty)
		if f.Type != ty {
			t.Errorf("no form for %s", ty)
		}
	}
	if !cases.FormFor(cases.Order).NeedsService || cases.FormFor(cases.Question).NeedsService {
		t.Error("service requirement wrong")
	}
}

func TestRouting(t *testing.T) {
	// Units: 10 (root) > 11 > 12; 20 (another root).
	parents := map[int64]int64{10: 0, 11: 10, 12: 11, 20: 0}
	if got := cases.UnitPath(12, parents); !cmp.Equal(got, []int64{12, 11, 10}) {
		t.Fatalf("path %v", got)
	}
	if got := cases.UnitPath(0, parents); len(got) != 0 {
		t.Fatalf("path of no unit %v", got)
	}
	loop := map[int64]int64{1: 2, 2: 1}
	if got := cases.UnitPath(1, loop); len(got) != 2 {
		t.Fatalf("loop path %v", got)
	}
	rules := []cases.Rule{
		{ID: 1, Position: 1, ServiceID: 7, TeamID: 100},                       // pension service → pension team
		{ID: 2, Position: 2, MemberID: 1, Type: cases.Complaint, TeamID: 200}, // member 1 complaints → leads
		{ID: 3, Position: 3, UnitID: 11, TeamID: 300},                         // unit 11 and below
		{ID: 4, Position: 4, MemberID: 2, TeamID: 400},
	}
	tests := []struct {
		name string
		t    cases.Target
		team int64
		ok   bool
	}{
		{"service first", cases.Target{MemberID: 1, UnitPath: []int64{12, 11, 10}, ServiceID: 7, Type: cases.Complaint}, 100, true},
		{"member and type", cases.Target{MemberID: 1, UnitPath: []int64{12, 11, 10}, Type: cases.Complaint}, 200, true},
		{"subunit", cases.Target{MemberID: 1, UnitPath: []int64{12, 11, 10}, Type: cases.Question}, 300, true},
		{"unit itself", cases.Target{MemberID: 1, UnitPath: []int64{11, 10}, Type: cases.Question}, 300, true},
		{"parent unit does not match", cases.Target{MemberID: 1, UnitPath: []int64{10}, Type: cases.Question}, 0, false},
		{"member", cases.Target{MemberID: 2, UnitPath: []int64{20}, Type: cases.Order}, 400, true},
		{"nothing", cases.Target{MemberID: 3, Type: cases.Question}, 0, false},
	}
	for _, tt := range tests {
		r, ok := cases.Route(rules, tt.t)
		if ok != tt.ok || r.TeamID != tt.team {
			t.Errorf("%s: team %d, %v; want %d, %v", tt.name, r.TeamID, ok, tt.team, tt.ok)
		}
	}
	// Order is by position, not by slice order.
	swapped := []cases.Rule{rules[3], rules[2], rules[1], rules[0]}
	if r, _ := cases.Route(swapped, tests[0].t); r.TeamID != 100 {
		t.Errorf("route ignores positions: %d", r.TeamID)
	}
	owners := map[int64][]int64{10: {5}, 11: {9, 6}}
	for _, tt := range []struct {
		path []int64
		team int64
		ok   bool
	}{{[]int64{12, 11, 10}, 6, true}, {[]int64{10}, 5, true}, {[]int64{20}, 0, false}, {nil, 0, false}} {
		if team, ok := cases.OwnerTeam(tt.path, owners); team != tt.team || ok != tt.ok {
			t.Errorf("OwnerTeam(%v) = %d, %v", tt.path, team, ok)
		}
	}
	if _, err := (cases.Rule{Type: "nonsense"}).Normalise(); err == nil {
		t.Error("a rule without a team and with a bad type was accepted")
	}
}

func TestSanitiseFilename(t *testing.T) {
	tests := map[string]string{
		"lönebesked.pdf":                  "lönebesked.pdf",
		"../../etc/passwd":                "passwd",
		`C:\Users\eva\intyg.docx`:         "intyg.docx",
		".htaccess":                       "htaccess",
		"a\x00b\r\nc.txt":                 "ab c.txt",
		`"quoted"; name=evil.html`:        "_quoted__ name=evil.html",
		"":                                "attachment",
		"..":                              "attachment",
		"   ":                             "attachment",
		strings.Repeat("å", 100) + ".pdf": strings.Repeat("å", 73) + ".pdf",
	}
	for in, want := range tests {
		if got := cases.SanitiseFilename(in); got != want {
			t.Errorf("SanitiseFilename(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPriorityRank(t *testing.T) {
	for i, p := range cases.Priorities {
		if p.Rank() != i || cases.PriorityOfRank(i) != p {
			t.Errorf("rank of %s", p)
		}
	}
	if cases.PriorityOfRank(9) != cases.Normal || cases.Priority("x").Rank() != -1 {
		t.Error("unknown rank")
	}
}

func TestNames(t *testing.T) {
	n := cases.Names{SV: "Lön", DA: "Løn", EN: ""}
	if n.In("da") != "Løn" || n.In("en") != "Lön" || n.In("") != "Lön" {
		t.Errorf("names: %q %q %q", n.In("da"), n.In("en"), n.In(""))
	}
}
