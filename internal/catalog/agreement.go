package catalog

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"samverkan/internal/fault"
)

// Status is where an agreement version is in its life.
type Status string

const (
	// Draft versions are being written and may change.
	Draft Status = "draft"
	// Approved is the version in force; it never changes again.
	Approved Status = "approved"
	// Superseded versions were approved once and replaced by a later one.
	Superseded Status = "superseded"
)

var Statuses = []Status{Draft, Approved, Superseded}

// Agreement is a member's collaboration agreement (samverkansavtal): a
// series of versions. RevisionDue is when it is next revised (yearly).
type Agreement struct {
	ID          int64
	MemberID    int64
	Title       string
	RevisionDue time.Time // a date; zero until a version is approved
	RemindedFor time.Time // the RevisionDue a reminder went out for
	CreatedAt   time.Time
}

// Version is one version of an agreement. Dates are UTC midnight.
type Version struct {
	ID          int64
	AgreementID int64
	MemberID    int64
	Number      int
	Status      Status
	Title       string
	ValidFrom   time.Time
	ValidTo     time.Time // zero: until terminated
	// BindingMonths is how long neither side may terminate (e.g. 60);
	// NoticeMonths is the notice period after that.
	BindingMonths int
	NoticeMonths  int
	Schedule      PaySchedule
	Services      []IncludedService
	Targets       []Target
	// The member-specific annex: extra services beyond the standard and
	// deviations from it.
	ExtraServices []ExtraService
	Deviations    []Deviation
	Signatories   []Signatory
	// Changes says what this version changed (the addendum's text).
	Changes      string
	OrderID      int64 // the order whose acceptance made this addendum
	CreatedBy    int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
	ApprovedBy   int64
	ApprovedAt   time.Time
	SupersededAt time.Time
}

// IncludedService is a catalogue service the agreement includes.
type IncludedService struct {
	ServiceID int64
	Note      string
}

// Period is what a service-level target is measured over.
type Period string

const (
	Monthly   Period = "month"
	Quarterly Period = "quarter"
	Yearly    Period = "year"
)

var Periods = []Period{Monthly, Quarterly, Yearly}

// Comparator says whether the measured value must reach or stay under the target.
type Comparator string

const (
	AtLeast Comparator = "at_least"
	AtMost  Comparator = "at_most"
)

var Comparators = []Comparator{AtLeast, AtMost}

// Unit is the unit of a target value.
type Unit string

const (
	Percent Unit = "percent"
	Days    Unit = "days"
	Hours   Unit = "hours"
	Count   Unit = "count"
)

var Units = []Unit{Percent, Days, Hours, Count}

// Target is a service-level target with its KPI definition.
type Target struct {
	Code       string // referred to by catalogue activities
	Name       string
	ServiceID  int64  // 0: the whole agreement
	Counted    string // what is counted
	Period     Period
	Comparator Comparator
	// Value in hundredths of Unit: 9850 is 98.50 % (no floats in contracts).
	Value int64
	Unit  Unit
	// CentreErrorsOnly: only errors the centre itself caused count
	// against the target (late or wrong input from the member does not).
	CentreErrorsOnly bool
}

// ExtraService is a service beyond the standard, in the member's annex.
type ExtraService struct {
	ServiceID   int64 // 0 for a service outside the catalogue
	Description string
	Since       time.Time
	OrderID     int64
}

// Deviation is a departure from the standard with a plan to end it.
type Deviation struct {
	Description string
	ActionPlan  string
	EndsOn      time.Time
}

// Side is the party a signatory signs for.
type Side string

const (
	CentreSide Side = "centre"
	MemberSide Side = "member"
)

var Sides = []Side{CentreSide, MemberSide}

// Signatory is a contact person who signs the agreement.
type Signatory struct {
	Side     Side
	Name     string
	Title    string
	PersonID int64 // 0 when not a user of Samverkan
	SignedOn time.Time
}

// Limits on agreement content.
const (
	MaxText       = 4000
	MaxListItems  = 100
	MaxBinding    = 120 // months
	MaxNotice     = 36  // months
	MaxTargetPart = 1000000
)

// Normalise validates a version's content (not its status, which the use
// cases move). Fields of list items are named like targets.2.code.
func (v Version) Normalise() (Version, error) {
	var fs fault.Fields
	v.Title = strings.TrimSpace(v.Title)
	v.Changes = strings.TrimSpace(v.Changes)
	if v.Title == "" {
		fs.Add("title", "required", "title is required")
	} else if utf8.RuneCountInString(v.Title) > MaxName {
		fs.Add("title", "too_long", fmt.Sprintf("the title is at most %d characters", MaxName))
	}
	if utf8.RuneCountInString(v.Changes) > MaxText {
		fs.Add("changes", "too_long", fmt.Sprintf("the summary of changes is at most %d characters", MaxText))
	}
	if v.ValidFrom.IsZero() {
		fs.Add("valid_from", "required", "the date the agreement comes into force is required")
	}
	if !v.ValidTo.IsZero() && !v.ValidFrom.IsZero() && !v.ValidTo.After(v.ValidFrom) {
		fs.Add("valid_to", "ends_before_start", "the agreement must end after it starts")
	}
	if v.BindingMonths < 0 || v.BindingMonths > MaxBinding {
		fs.Add("binding_months", "binding_months", fmt.Sprintf("the binding period is 0 to %d months", MaxBinding))
	}
	if v.NoticeMonths < 0 || v.NoticeMonths > MaxNotice {
		fs.Add("notice_months", "notice_months", fmt.Sprintf("the notice period is 0 to %d months", MaxNotice))
	}
	if err := v.Schedule.Validate(); err != nil {
		e, _ := fault.As(err)
		fs = append(fs, e.Fields...)
	}
	v.Services = normaliseServices(&fs, v.Services)
	v.Targets = normaliseTargets(&fs, v.Targets)
	v.ExtraServices = normaliseExtras(&fs, v.ExtraServices)
	v.Deviations = normaliseDeviations(&fs, v.Deviations, v.ValidFrom)
	v.Signatories = normaliseSignatories(&fs, v.Signatories)
	return v, fs.Err()
}

func tooMany(fs *fault.Fields, field string, n int) bool {
	if n > MaxListItems {
		fs.Add(field, "too_many", fmt.Sprintf("at most %d items", MaxListItems))
		return true
	}
	return false
}

func normaliseServices(fs *fault.Fields, in []IncludedService) []IncludedService {
	var out []IncludedService
	if tooMany(fs, "services", len(in)) {
		return in
	}
	for _, s := range in {
		s.Note = strings.TrimSpace(s.Note)
		if s.ServiceID <= 0 || slices.ContainsFunc(out, func(o IncludedService) bool { return o.ServiceID == s.ServiceID }) {
			continue
		}
		out = append(out, s)
	}
	return out
}

func normaliseTargets(fs *fault.Fields, in []Target) []Target {
	if tooMany(fs, "targets", len(in)) {
		return in
	}
	seen := map[string]bool{}
	for i := range in {
		t := &in[i]
		f := func(name string) string { return fmt.Sprintf("targets.%d.%s", i, name) }
		t.Code, t.Name, t.Counted = strings.TrimSpace(t.Code), strings.TrimSpace(t.Name), strings.TrimSpace(t.Counted)
		switch {
		case !codePattern.MatchString(t.Code):
			fs.Add(f("code"), "catalogue_code_format", "a code is 2–40 lower-case letters, digits or _, starting with a letter")
		case seen[t.Code]:
			fs.Add(f("code"), "catalogue_code_taken", "another target of this agreement has this code")
		}
		seen[t.Code] = true
		if t.Name == "" {
			fs.Add(f("name"), "required", "the target needs a name")
		}
		if t.Counted == "" {
			fs.Add(f("counted"), "required", "say what is counted")
		}
		if !slices.Contains(Periods, t.Period) {
			fs.Add(f("period"), "target_period", "the period is month, quarter or year")
		}
		if !slices.Contains(Comparators, t.Comparator) {
			fs.Add(f("comparator"), "target_comparator", "the target is at least or at most its value")
		}
		if !slices.Contains(Units, t.Unit) {
			fs.Add(f("unit"), "target_unit_unknown", "the unit is percent, days, hours or count")
		}
		if t.Value < 0 || t.Value > MaxTargetPart || (t.Unit == Percent && t.Value > 10000) {
			fs.Add(f("value"), "target_value", "the target value is out of range (percent: 0–100)")
		}
	}
	return in
}

func normaliseExtras(fs *fault.Fields, in []ExtraService) []ExtraService {
	if tooMany(fs, "extra_services", len(in)) {
		return in
	}
	for i := range in {
		e := &in[i]
		e.Description = strings.TrimSpace(e.Description)
		if e.Description == "" && e.ServiceID == 0 {
			fs.Add(fmt.Sprintf("extra_services.%d.description", i), "required", "describe the extra service or choose it from the catalogue")
		}
		if utf8.RuneCountInString(e.Description) > MaxText {
			fs.Add(fmt.Sprintf("extra_services.%d.description", i), "too_long", fmt.Sprintf("at most %d characters", MaxText))
		}
	}
	return in
}

func normaliseDeviations(fs *fault.Fields, in []Deviation, from time.Time) []Deviation {
	if tooMany(fs, "deviations", len(in)) {
		return in
	}
	for i := range in {
		d := &in[i]
		f := func(name string) string { return fmt.Sprintf("deviations.%d.%s", i, name) }
		d.Description, d.ActionPlan = strings.TrimSpace(d.Description), strings.TrimSpace(d.ActionPlan)
		if d.Description == "" {
			fs.Add(f("description"), "required", "describe the deviation from the standard")
		}
		if d.ActionPlan == "" {
			fs.Add(f("action_plan"), "required", "a deviation needs an action plan")
		}
		if d.EndsOn.IsZero() {
			fs.Add(f("ends_on"), "required", "a deviation needs the date it ends")
		} else if !from.IsZero() && d.EndsOn.Before(from) {
			fs.Add(f("ends_on"), "ends_before_start", "the deviation ends before the agreement starts")
		}
	}
	return in
}

func normaliseSignatories(fs *fault.Fields, in []Signatory) []Signatory {
	if tooMany(fs, "signatories", len(in)) {
		return in
	}
	for i := range in {
		s := &in[i]
		s.Name, s.Title = strings.TrimSpace(s.Name), strings.TrimSpace(s.Title)
		if s.Name == "" {
			fs.Add(fmt.Sprintf("signatories.%d.name", i), "required", "the signatory's name is required")
		}
		if !slices.Contains(Sides, s.Side) {
			fs.Add(fmt.Sprintf("signatories.%d.side", i), "signatory_side", "a signatory signs for the centre or the member")
		}
	}
	return in
}

// Overlaps reports whether the validity of v and w share a day; a zero
// ValidTo runs on without end. ValidTo is the last day in force.
func (v Version) Overlaps(w Version) bool {
	endsBefore := func(a, b Version) bool { return !a.ValidTo.IsZero() && a.ValidTo.Before(b.ValidFrom) }
	return !endsBefore(v, w) && !endsBefore(w, v)
}

// InForce reports whether the version is approved and valid on day.
func (v Version) InForce(day time.Time) bool {
	return v.Status == Approved && !day.Before(v.ValidFrom) && (v.ValidTo.IsZero() || !day.After(v.ValidTo))
}

// Includes reports whether the version includes a catalogue service,
// as a standard service or in the annex.
func (v Version) Includes(serviceID int64) bool {
	return slices.ContainsFunc(v.Services, func(s IncludedService) bool { return s.ServiceID == serviceID }) ||
		slices.ContainsFunc(v.ExtraServices, func(e ExtraService) bool { return e.ServiceID == serviceID })
}

// Next is a new draft copied from v: the next number, no approval, the
// given summary of changes.
func (v Version) Next(changes string) Version {
	n := v
	n.ID, n.Number, n.Status, n.Changes, n.OrderID = 0, v.Number+1, Draft, changes, 0
	n.ApprovedBy, n.ApprovedAt, n.SupersededAt = 0, time.Time{}, time.Time{}
	n.Services = slices.Clone(v.Services)
	n.Targets = slices.Clone(v.Targets)
	n.ExtraServices = slices.Clone(v.ExtraServices)
	n.Deviations = slices.Clone(v.Deviations)
	n.Signatories = nil // a new version is signed anew
	return n
}

// RevisionAfter is when an agreement approved on day is next revised.
func RevisionAfter(day time.Time) time.Time { return day.AddDate(1, 0, 0) }
