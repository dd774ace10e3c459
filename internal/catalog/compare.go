package catalog

import (
	"fmt"
	"strconv"
	"time"
)

// Difference is one thing that differs between two versions: a term, or
// an item of a list added, removed or changed. Before is "" for an added
// item, After "" for a removed one.
type Difference struct {
	Section string // terms, services, targets, extra_services, deviations, signatories
	Item    string // the term's name or the item's key
	Before  string
	After   string
}

// Compare lists what changed from version a to version b. serviceName
// names a catalogue service by id (for the lists that refer to services).
func Compare(a, b Version, serviceName func(int64) string) []Difference {
	var out []Difference
	term := func(item, x, y string) {
		if x != y {
			out = append(out, Difference{Section: "terms", Item: item, Before: x, After: y})
		}
	}
	term("title", a.Title, b.Title)
	term("valid_from", dateText(a.ValidFrom), dateText(b.ValidFrom))
	term("valid_to", dateText(a.ValidTo), dateText(b.ValidTo))
	term("binding_months", strconv.Itoa(a.BindingMonths), strconv.Itoa(b.BindingMonths))
	term("notice_months", strconv.Itoa(a.NoticeMonths), strconv.Itoa(b.NoticeMonths))
	term("pay_day", strconv.Itoa(a.Schedule.PayDay), strconv.Itoa(b.Schedule.PayDay))
	term("cutoff_day", strconv.Itoa(a.Schedule.CutoffDay), strconv.Itoa(b.Schedule.CutoffDay))

	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	out = append(out, diffList("services", a.Services, b.Services,
		func(s IncludedService) string { return id(s.ServiceID) },
		func(s IncludedService) string { return serviceName(s.ServiceID) },
		func(s IncludedService) string { return joinNonEmpty(serviceName(s.ServiceID), s.Note) })...)
	out = append(out, diffList("targets", a.Targets, b.Targets,
		func(t Target) string { return t.Code }, func(t Target) string { return t.Code }, TargetText)...)
	out = append(out, diffList("extra_services", a.ExtraServices, b.ExtraServices,
		func(e ExtraService) string { return id(e.ServiceID) + ":" + e.Description },
		func(e ExtraService) string { return extraKey(e, serviceName) },
		func(e ExtraService) string {
			return joinNonEmpty(extraKey(e, serviceName), e.Description, dateText(e.Since))
		})...)
	out = append(out, diffList("deviations", a.Deviations, b.Deviations,
		func(d Deviation) string { return d.Description }, func(d Deviation) string { return d.Description },
		func(d Deviation) string { return joinNonEmpty(d.Description, d.ActionPlan, dateText(d.EndsOn)) })...)
	out = append(out, diffList("signatories", a.Signatories, b.Signatories,
		func(s Signatory) string { return string(s.Side) + ":" + s.Name }, func(s Signatory) string { return s.Name },
		func(s Signatory) string { return joinNonEmpty(s.Name, s.Title, dateText(s.SignedOn)) })...)
	return out
}

// diffList compares two lists item by item, matched by key (repeated keys
// are told apart by their occurrence), in the order of b with removed
// items after. label names an item for people.
func diffList[T any](section string, a, b []T, key, label, text func(T) string) []Difference {
	keys := func(xs []T) []string {
		n := map[string]int{}
		out := make([]string, len(xs))
		for i, x := range xs {
			k := key(x)
			n[k]++
			out[i] = k + "#" + strconv.Itoa(n[k])
		}
		return out
	}
	ka, kb := keys(a), keys(b)
	before := map[string]string{}
	for i, x := range a {
		before[ka[i]] = text(x)
	}
	var out []Difference
	seen := map[string]bool{}
	for i, y := range b {
		seen[kb[i]] = true
		if x, ok := before[kb[i]]; !ok || x != text(y) {
			out = append(out, Difference{Section: section, Item: label(y), Before: x, After: text(y)})
		}
	}
	for i, x := range a {
		if !seen[ka[i]] {
			out = append(out, Difference{Section: section, Item: label(x), Before: text(x)})
		}
	}
	return out
}

func extraKey(e ExtraService, serviceName func(int64) string) string {
	if e.ServiceID != 0 {
		return serviceName(e.ServiceID)
	}
	return e.Description
}

// TargetText renders a target in one line: "Correct payslips: at least
// 99.50 percent per month (centre's errors only)".
func TargetText(t Target) string {
	s := fmt.Sprintf("%s: %s %s %s per %s", t.Name, t.Comparator, HundredthsText(t.Value), t.Unit, t.Period)
	if t.Counted != "" {
		s += "; counted: " + t.Counted
	}
	if t.CentreErrorsOnly {
		s += " (centre's errors only)"
	}
	return s
}

// HundredthsText renders a value in hundredths with two decimals, or none
// when they are zero: 9950 is "99.50", 300 is "3".
func HundredthsText(v int64) string {
	if v%100 == 0 {
		return strconv.FormatInt(v/100, 10)
	}
	return fmt.Sprintf("%d.%02d", v/100, v%100)
}

// dateText renders a date, "" for none.
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func joinNonEmpty(parts ...string) string {
	s := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if s != "" {
			s += " · "
		}
		s += p
	}
	return s
}
