package org

import (
	"testing"
	"time"

	"samverkan/internal/fault"
)

func TestNormaliseOrgNumber(t *testing.T) {
	tests := []struct {
		country, in, want string
		ok                bool
	}{
		{"SE", "212000-1082", "212000-1082", true}, // Helsingborgs kommun
		{"SE", "2120001082", "212000-1082", true},
		{"SE", "16212000-1082", "212000-1082", true},
		{"SE", "212000-1083", "", false}, // wrong check digit
		{"SE", "212000-108", "", false},
		{"SE", "21200A-1082", "", false},
		{"SE", "", "", false},
		{"DK", "29189846", "29189846", true}, // Københavns Kommune
		{"DK", "2918 9846", "29189846", true},
		{"DK", "29189847", "", false},
		{"DK", "09189846", "", false},
		{"DK", "2918984", "", false},
		{"NO", "212000-1082", "", false},
	}
	for _, tt := range tests {
		got, ok := NormaliseOrgNumber(tt.country, tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NormaliseOrgNumber(%q, %q) = %q, %v; want %q, %v", tt.country, tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLuhnCheckDigit(t *testing.T) {
	if d := LuhnCheckDigit("212000108"); d != '2' {
		t.Errorf("check digit = %c, want 2", d)
	}
}

func fieldsOf(err error) []string {
	e, ok := fault.As(err)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

func TestMemberNormaliseReportsEveryField(t *testing.T) {
	_, err := Member{Name: " ", Country: "SE", OrgNumber: "1", Kind: "club", Status: "gone"}.Normalise()
	got := fieldsOf(err)
	want := []string{"name", "org_number", "kind", "status"}
	if len(got) != len(want) {
		t.Fatalf("fields = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("fields = %v, want %v", got, want)
		}
	}
	m, err := Member{Name: "Höganäs kommun", Country: "SE", OrgNumber: "2120001082", Kind: Municipality}.Normalise()
	if err != nil || m.Status != Onboarding || m.OrgNumber != "212000-1082" {
		t.Fatalf("got %+v, %v", m, err)
	}
}

func TestCreatesCycle(t *testing.T) {
	parents := map[int64]int64{1: 0, 2: 1, 3: 2, 4: 0}
	tests := []struct {
		unit, parent int64
		want         bool
	}{
		{1, 3, true}, {1, 1, true}, {3, 1, false}, {4, 3, false}, {2, 3, true}, {5, 0, false},
	}
	for _, tt := range tests {
		if got := CreatesCycle(tt.unit, tt.parent, parents); got != tt.want {
			t.Errorf("CreatesCycle(%d, %d) = %v, want %v", tt.unit, tt.parent, got, tt.want)
		}
	}
}

func TestGrantCheck(t *testing.T) {
	tests := []struct {
		g          Grant
		memberSide bool
		ok         bool
	}{
		{Grant{Role: Admin}, false, true},
		{Grant{Role: Admin}, true, false},
		{Grant{Role: Manager}, false, false},
		{Grant{Role: Contact}, true, false},
		{Grant{Role: Contact, Level: Tactical}, true, true},
		{Grant{Role: Manager, Level: Tactical}, true, false},
		{Grant{Role: "wizard"}, true, false},
	}
	for _, tt := range tests {
		if err := tt.g.Check(tt.memberSide); (err == nil) != tt.ok {
			t.Errorf("%+v memberSide=%v: err=%v, want ok=%v", tt.g, tt.memberSide, err, tt.ok)
		}
	}
}

func TestSubstitute(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 7, d, 0, 0, 0, 0, time.UTC) }
	_, err := Substitute{PersonID: 1, ForPersonID: 2, StartsOn: day(10), EndsOn: day(9)}.Normalise()
	if got := fieldsOf(err); len(got) != 1 || got[0] != "ends_on" {
		t.Fatalf("fields = %v, want [ends_on]", got)
	}
	_, err = Substitute{PersonID: 1, ForPersonID: 1, StartsOn: day(1), EndsOn: day(9)}.Normalise()
	if got := fieldsOf(err); len(got) != 1 || got[0] != "for_person_id" {
		t.Fatalf("fields = %v", got)
	}
	s := Substitute{PersonID: 1, ForPersonID: 2, StartsOn: day(10), EndsOn: day(12)}
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	for d, want := range map[int]bool{9: false, 10: true, 12: true, 13: false} {
		if got := s.ActiveOn(time.Date(2026, 7, d, 23, 30, 0, 0, stockholm)); got != want {
			t.Errorf("ActiveOn(7/%d) = %v, want %v", d, got, want)
		}
	}
}

func TestNormaliseEmail(t *testing.T) {
	for in, want := range map[string]string{"Anna.Berg@Helsingborg.SE": "anna.berg@helsingborg.se", "anna": "", "Anna <a@b.se>": "", "a@b": ""} {
		got, ok := NormaliseEmail(in)
		if got != want || ok != (want != "") {
			t.Errorf("NormaliseEmail(%q) = %q, %v", in, got, ok)
		}
	}
}
