package cases

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"samverkan/internal/fault"
)

// Limits on what a case may hold.
const (
	MaxSubject = 200    // characters
	MaxBody    = 100000 // characters of one message
	MaxTags    = 10
	MaxTag     = 40 // characters of one tag
	MaxDetail  = 500
	// FutureSkew is how far in the future a received-at time may lie and
	// still be taken (as now): clocks of other systems differ a little.
	FutureSkew = 2 * time.Minute
)

// FieldKind is what sort of value a type-specific field takes.
type FieldKind string

const (
	TextField      FieldKind = "text"
	DateField      FieldKind = "date"      // 2026-11-23
	MonthField     FieldKind = "month"     // 2026-11, a pay period
	ChoiceField    FieldKind = "choice"    // one of Choices
	ReferenceField FieldKind = "reference" // a registration number
)

// FieldSpec describes one type-specific field of a case (in Details).
type FieldSpec struct {
	Key      string
	Kind     FieldKind
	Required bool
	Choices  []string
}

// Form is what a case of one type needs beyond subject and message.
type Form struct {
	Type         Type
	NeedsService bool // the service must be chosen
	Fields       []FieldSpec
}

// Document kinds a document request may ask for.
var Documents = []string{"employment_certificate", "service_certificate", "salary_certificate", "employer_certificate", "other"}

var forms = map[Type]Form{
	Question: {Type: Question},
	Order: {Type: Order, NeedsService: true, Fields: []FieldSpec{
		{Key: "wanted_by", Kind: DateField},
	}},
	Correction: {Type: Correction, Fields: []FieldSpec{
		{Key: "employee", Kind: TextField, Required: true}, // whose pay is wrong: name or employment number
		{Key: "pay_period", Kind: MonthField, Required: true},
	}},
	ErrorReport: {Type: ErrorReport, Fields: []FieldSpec{
		{Key: "occurred_on", Kind: DateField},
		{Key: "system", Kind: TextField},
	}},
	Complaint: {Type: Complaint, Fields: []FieldSpec{
		{Key: "about_case", Kind: ReferenceField},
	}},
	ChangeRequest: {Type: ChangeRequest, NeedsService: true, Fields: []FieldSpec{
		{Key: "wanted_by", Kind: DateField},
	}},
	DocumentRequest: {Type: DocumentRequest, Fields: []FieldSpec{
		{Key: "document", Kind: ChoiceField, Required: true, Choices: Documents},
		{Key: "employee", Kind: TextField},
	}},
}

// FormFor returns what a case of type t needs; the web and the API build
// the per-type forms from it.
func FormFor(t Type) Form {
	f := forms[t]
	f.Fields = slices.Clone(f.Fields)
	return f
}

// Draft is a new case as submitted: what the person filing it chose.
type Draft struct {
	Channel    Channel
	Type       Type
	Priority   Priority
	ServiceID  int64
	Subject    string
	Body       string
	Details    map[string]string
	Tags       []string
	ReceivedAt time.Time
}

// Normalise checks the draft at now and returns it cleaned: priority
// defaults to normal, received-at to now; every problem is reported at once
// with the field it concerns. Whether the service exists is the caller's
// question.
func (d Draft) Normalise(now time.Time) (Draft, error) {
	var fs fault.Fields
	d.Subject = OneLine(d.Subject)
	d.Body = strings.TrimSpace(CleanText(d.Body))
	switch n := utf8.RuneCountInString(d.Subject); {
	case n == 0:
		fs.Add("subject", "required", "subject is required")
	case n > MaxSubject:
		fs.Add("subject", "too_long", fmt.Sprintf("subject is at most %d characters", MaxSubject))
	}
	switch n := utf8.RuneCountInString(d.Body); {
	case n == 0:
		fs.Add("body", "required", "the message is required")
	case n > MaxBody:
		fs.Add("body", "too_long", fmt.Sprintf("the message is at most %d characters", MaxBody))
	}
	if !d.Channel.Valid() {
		fs.Add("channel", "channel", "channel must be one of phone, email, web_form, portal, walk_in, internal")
	}
	if d.Priority == "" {
		d.Priority = Normal
	}
	if !d.Priority.Valid() {
		fs.Add("priority", "priority", "priority must be low, normal, high or urgent")
	}
	var err error
	if d.ReceivedAt, err = receivedAt(d.ReceivedAt, now); err != nil {
		addFields(&fs, err)
	}
	if d.Tags, err = NormaliseTags(d.Tags); err != nil {
		addFields(&fs, err)
	}
	if !d.Type.Valid() {
		fs.Add("type", "type", "type must be one of question, order, correction, error_report, complaint, change_request, document_request")
		return d, fs.Err()
	}
	if forms[d.Type].NeedsService && d.ServiceID == 0 {
		fs.Add("service_id", "required", "choose the service this "+strings.ReplaceAll(string(d.Type), "_", " ")+" concerns")
	}
	if d.Details, err = CheckDetails(d.Type, d.Details, true); err != nil {
		addFields(&fs, err)
	}
	return d, fs.Err()
}

// addFields adds the field errors of err to fs.
func addFields(fs *fault.Fields, err error) {
	if e, ok := fault.As(err); ok {
		*fs = append(*fs, e.Fields...)
	}
}

func receivedAt(t, now time.Time) (time.Time, error) {
	switch {
	case t.IsZero():
		return now, nil
	case t.After(now.Add(FutureSkew)):
		return t, fault.Field("received_at", "in_future", "received at cannot be in the future")
	case t.After(now):
		return now, nil
	case t.Year() < 2000:
		return t, fault.Field("received_at", "too_old", "received at is not a plausible date")
	}
	return t, nil
}

var (
	dateRE  = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	monthRE = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)
)

// CheckDetails validates the type-specific fields of a case of type t and
// returns them cleaned; empty values are dropped. With required false the
// required fields may be missing (reclassifying a case must not need
// information nobody asked for).
func CheckDetails(t Type, details map[string]string, required bool) (map[string]string, error) {
	var fs fault.Fields
	out := map[string]string{}
	specs := forms[t].Fields
	for k, v := range details {
		v = OneLine(v)
		i := slices.IndexFunc(specs, func(s FieldSpec) bool { return s.Key == k })
		field := "details." + k
		switch {
		case i < 0:
			if v != "" {
				fs.Add(field, "unknown_field", "a "+strings.ReplaceAll(string(t), "_", " ")+" has no field "+k)
			}
			continue
		case v == "":
			continue
		case utf8.RuneCountInString(v) > MaxDetail:
			fs.Add(field, "too_long", fmt.Sprintf("at most %d characters", MaxDetail))
			continue
		}
		s := specs[i]
		switch s.Kind {
		case DateField:
			if _, err := time.Parse(time.DateOnly, v); err != nil || !dateRE.MatchString(v) {
				fs.Add(field, "date", "a date such as 2026-11-23")
				continue
			}
		case MonthField:
			if !monthRE.MatchString(v) {
				fs.Add(field, "month", "a month such as 2026-11")
				continue
			}
		case ChoiceField:
			if !slices.Contains(s.Choices, v) {
				fs.Add(field, "choice", "one of "+strings.Join(s.Choices, ", "))
				continue
			}
		case ReferenceField:
			ref, ok := ParseReference(v)
			if !ok {
				fs.Add(field, "reference", "a registration number such as 2026-000123")
				continue
			}
			v = ref.String()
		}
		out[k] = v
	}
	if required {
		for _, s := range specs {
			if s.Required && out[s.Key] == "" && !fs.Has("details."+s.Key) {
				fs.Add("details."+s.Key, "required", s.Key+" is required for a "+strings.ReplaceAll(string(t), "_", " "))
			}
		}
	}
	return out, fs.Err()
}

// NormaliseTags lower-cases, trims and de-duplicates tags, keeping their
// order. A tag is letters, digits, hyphens and underscores.
func NormaliseTags(tags []string) ([]string, error) {
	var out []string
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "" || slices.Contains(out, t) {
			continue
		}
		if utf8.RuneCountInString(t) > MaxTag || strings.IndexFunc(t, notTagRune) >= 0 {
			return nil, fault.Field("tags", "tag", fmt.Sprintf("a tag is one word of letters, digits, - and _ (at most %d characters)", MaxTag))
		}
		out = append(out, t)
	}
	if len(out) > MaxTags {
		return nil, fault.Field("tags", "too_many", fmt.Sprintf("at most %d tags", MaxTags))
	}
	return out, nil
}

func notTagRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_'
}

// CleanText makes text safe to store in either database: valid UTF-8, no
// NUL or other control characters except tab and line breaks, and line
// breaks as \n.
func CleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// OneLine cleans s and folds all white space, line breaks included, into
// single spaces.
func OneLine(s string) string {
	return strings.Join(strings.Fields(CleanText(s)), " ")
}
