package catalog_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"samverkan/internal/catalog"
)

func text(s string) catalog.Text { return catalog.Text{SV: s, DA: s, EN: s} }

func TestServiceNormalise(t *testing.T) {
	good := catalog.Service{AreaID: 1, Code: "corrections", Name: text("Hantera rättelser")}
	s, err := good.Normalise()
	if err != nil || s.Kind != catalog.Base {
		t.Fatalf("%+v, %v", s, err)
	}
	tests := []struct {
		name  string
		edit  func(*catalog.Service)
		field string
	}{
		{"no code", func(s *catalog.Service) { s.Code = "" }, "code"},
		{"bad code", func(s *catalog.Service) { s.Code = "Rättelser" }, "code"},
		{"no area", func(s *catalog.Service) { s.AreaID = 0 }, "area_id"},
		{"no Danish name", func(s *catalog.Service) { s.Name.DA = " " }, "name_da"},
		{"long English name", func(s *catalog.Service) { s.Name.EN = strings.Repeat("x", 201) }, "name_en"},
		{"unknown kind", func(s *catalog.Service) { s.Kind = "extra" }, "kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := good
			tt.edit(&s)
			_, err := s.Normalise()
			wantField(t, err, tt.field)
		})
	}
}

func TestActivityNormalise(t *testing.T) {
	good := catalog.Activity{Name: text("Anmäla rättelse"), Responsible: catalog.Manager,
		Deadline: catalog.Deadline{Anchor: catalog.Cutoff}, ServiceLevel: "correction_time"}
	if _, err := good.Normalise(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		edit  func(*catalog.Activity)
		field string
	}{
		{"no party", func(a *catalog.Activity) { a.Responsible = "" }, "responsible"},
		{"unknown party", func(a *catalog.Activity) { a.Responsible = "employee" }, "responsible"},
		{"bad service level code", func(a *catalog.Activity) { a.ServiceLevel = "Fel kod" }, "service_level"},
		{"bad deadline", func(a *catalog.Activity) { a.Deadline = catalog.Deadline{Anchor: catalog.Receipt, Days: 99} }, "deadline_days"},
		{"no Swedish name", func(a *catalog.Activity) { a.Name.SV = "" }, "name_sv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := good
			tt.edit(&a)
			_, err := a.Normalise()
			wantField(t, err, tt.field)
		})
	}
}

func TestServiceMatchesAndBy(t *testing.T) {
	s := catalog.Service{Name: catalog.Text{SV: "Hantera rättelser", DA: "Håndtere rettelser", EN: "Corrections"},
		Activities: []catalog.Activity{
			{Name: text("Anmäla rättelse i självservice"), Responsible: catalog.Manager},
			{Name: text("Attestera rättelse"), Responsible: catalog.Member},
			{Name: text("Korrigera i lönesystemet"), Responsible: catalog.Centre},
		}}
	for q, want := range map[string]bool{"": true, "rättelse": true, "RETTELSER": true, "corrections": true,
		"lönesystemet": true, "attestera rättelse": true, "pension": false, "rättelse pension": false} {
		if got := s.Matches(q); got != want {
			t.Errorf("Matches(%q) = %v", q, got)
		}
	}
	if got := s.By(catalog.Manager); len(got) != 1 || got[0].Name.SV != "Anmäla rättelse i självservice" {
		t.Errorf("manager's activities %+v", got)
	}
	if got := (catalog.Text{SV: "Lön", EN: "Pay"}).In("da"); got != "Lön" {
		t.Errorf("missing Danish falls back to Swedish: %q", got)
	}
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func version() catalog.Version {
	return catalog.Version{Title: "Samverkansavtal", ValidFrom: day("2025-01-01"), BindingMonths: 60, NoticeMonths: 12,
		Schedule: catalog.PaySchedule{PayDay: 25, CutoffDay: 10},
		Services: []catalog.IncludedService{{ServiceID: 1}, {ServiceID: 2, Note: "inkl. timavlönade"}, {ServiceID: 1}},
		Targets: []catalog.Target{{Code: "payslip_accuracy", Name: "Korrekta lönebesked", Counted: "lönebesked utan fel orsakade av centret",
			Period: catalog.Monthly, Comparator: catalog.AtLeast, Value: 9950, Unit: catalog.Percent, CentreErrorsOnly: true}},
		Deviations:  []catalog.Deviation{{Description: "Manuell inläsning av tidrapporter", ActionPlan: "Införa e-tidrapport", EndsOn: day("2026-06-30")}},
		Signatories: []catalog.Signatory{{Side: catalog.MemberSide, Name: "Karin HR-direktör", Title: "HR-direktör"}},
	}
}

func TestVersionNormalise(t *testing.T) {
	v, err := version().Normalise()
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Services) != 2 {
		t.Errorf("duplicate included service kept: %+v", v.Services)
	}
	tests := []struct {
		name  string
		edit  func(*catalog.Version)
		field string
	}{
		{"no title", func(v *catalog.Version) { v.Title = "" }, "title"},
		{"no start", func(v *catalog.Version) { v.ValidFrom = time.Time{} }, "valid_from"},
		{"ends before start", func(v *catalog.Version) { v.ValidTo = day("2024-12-31") }, "valid_to"},
		{"binding too long", func(v *catalog.Version) { v.BindingMonths = 121 }, "binding_months"},
		{"negative notice", func(v *catalog.Version) { v.NoticeMonths = -1 }, "notice_months"},
		{"payday 31", func(v *catalog.Version) { v.Schedule.PayDay = 31 }, "pay_day"},
		{"target code", func(v *catalog.Version) { v.Targets[0].Code = "X" }, "targets.0.code"},
		{"duplicate target code", func(v *catalog.Version) { v.Targets = append(v.Targets, v.Targets[0]) }, "targets.1.code"},
		{"percent above 100", func(v *catalog.Version) { v.Targets[0].Value = 10001 }, "targets.0.value"},
		{"no KPI definition", func(v *catalog.Version) { v.Targets[0].Counted = "" }, "targets.0.counted"},
		{"unknown period", func(v *catalog.Version) { v.Targets[0].Period = "week" }, "targets.0.period"},
		{"deviation without plan", func(v *catalog.Version) { v.Deviations[0].ActionPlan = "" }, "deviations.0.action_plan"},
		{"deviation without end", func(v *catalog.Version) { v.Deviations[0].EndsOn = time.Time{} }, "deviations.0.ends_on"},
		{"extra service without anything", func(v *catalog.Version) { v.ExtraServices = []catalog.ExtraService{{}} }, "extra_services.0.description"},
		{"signatory without side", func(v *catalog.Version) { v.Signatories[0].Side = "" }, "signatories.0.side"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := version()
			v.Targets = append([]catalog.Target(nil), v.Targets...)
			v.Deviations = append([]catalog.Deviation(nil), v.Deviations...)
			v.Signatories = append([]catalog.Signatory(nil), v.Signatories...)
			tt.edit(&v)
			_, err := v.Normalise()
			wantField(t, err, tt.field)
		})
	}
}

func TestOverlaps(t *testing.T) {
	v := func(from, to string) catalog.Version {
		w := catalog.Version{ValidFrom: day(from)}
		if to != "" {
			w.ValidTo = day(to)
		}
		return w
	}
	tests := []struct {
		a, b catalog.Version
		want bool
	}{
		{v("2025-01-01", "2025-12-31"), v("2026-01-01", ""), false},
		{v("2025-01-01", "2026-01-01"), v("2026-01-01", ""), true},
		{v("2025-01-01", ""), v("2030-01-01", "2030-12-31"), true},
		{v("2027-01-01", ""), v("2025-01-01", "2026-12-31"), false},
		{v("2025-03-01", "2025-04-01"), v("2025-01-01", "2025-12-31"), true},
	}
	for i, tt := range tests {
		if got := tt.a.Overlaps(tt.b); got != tt.want {
			t.Errorf("%d: %v", i, got)
		}
		if got := tt.b.Overlaps(tt.a); got != tt.want {
			t.Errorf("%d reversed: %v", i, got)
		}
	}
}

func TestNextAndCompare(t *testing.T) {
	a, _ := version().Normalise()
	a.ID, a.Number, a.Status = 7, 1, catalog.Approved
	b := a.Next("Tillägg: lönekörning för timavlönade")
	if b.ID != 0 || b.Number != 2 || b.Status != catalog.Draft || b.Signatories != nil || b.Changes == "" {
		t.Fatalf("next %+v", b)
	}
	b.Services[0].Note = "changed"
	if a.Services[0].Note != "" {
		t.Fatal("Next shares its lists with the version it copies")
	}
	b.NoticeMonths = 6
	b.ExtraServices = append(b.ExtraServices, catalog.ExtraService{ServiceID: 3, Since: day("2026-12-01"), OrderID: 4})
	b.Deviations = nil
	names := map[int64]string{1: "Lönehantering", 2: "Rättelser", 3: "Extra lönekörning"}
	got := catalog.Compare(a, b, func(id int64) string { return names[id] })
	want := []catalog.Difference{
		{Section: "terms", Item: "notice_months", Before: "12", After: "6"},
		{Section: "services", Item: "Lönehantering", Before: "Lönehantering", After: "Lönehantering · changed"},
		{Section: "extra_services", Item: "Extra lönekörning", After: "Extra lönekörning · 2026-12-01"},
		{Section: "deviations", Item: "Manuell inläsning av tidrapporter", Before: "Manuell inläsning av tidrapporter · Införa e-tidrapport · 2026-06-30"},
		{Section: "signatories", Item: "Karin HR-direktör", Before: "Karin HR-direktör · HR-direktör"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("compare (-want +got):\n%s", d)
	}
	if got := catalog.Compare(a, a, func(int64) string { return "" }); len(got) != 0 {
		t.Errorf("a version differs from itself: %+v", got)
	}
}

func TestTargetText(t *testing.T) {
	for v, want := range map[int64]string{9950: "99.50", 300: "3", 5: "0.05"} {
		if got := catalog.HundredthsText(v); got != want {
			t.Errorf("%d: %q", v, got)
		}
	}
	got := catalog.TargetText(version().Targets[0])
	if !strings.Contains(got, "at_least 99.50 percent per month") || !strings.Contains(got, "centre's errors only") {
		t.Errorf("target text %q", got)
	}
}

func TestInForce(t *testing.T) {
	v := catalog.Version{Status: catalog.Approved, ValidFrom: day("2025-01-01"), ValidTo: day("2025-12-31")}
	for d, want := range map[string]bool{"2024-12-31": false, "2025-01-01": true, "2025-12-31": true, "2026-01-01": false} {
		if got := v.InForce(day(d)); got != want {
			t.Errorf("%s: %v", d, got)
		}
	}
	v.Status = catalog.Draft
	if v.InForce(day("2025-06-01")) {
		t.Error("a draft is in force")
	}
}
