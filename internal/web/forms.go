package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"samverkan/internal/fault"
	"samverkan/internal/i18n"
)

// form is a form's submitted values and what is wrong with them, each
// message placed next to its field and repeated in a summary at the top.
type form struct {
	Values  url.Values
	Errors  map[string]string
	Summary []formError
}

type formError struct{ ID, Message string }

func newForm(values url.Values) *form {
	if values == nil {
		values = url.Values{}
	}
	return &form{Values: values, Errors: map[string]string{}}
}

// Get is the submitted value of a field.
func (f *form) Get(name string) string { return f.Values.Get(name) }

// Has reports whether a field (checkbox group) holds value.
func (f *form) Has(name, value string) bool {
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// addError records a message for a field.
func (f *form) addError(field, msg string) {
	if _, dup := f.Errors[field]; !dup {
		f.Errors[field] = msg
	}
	f.Summary = append(f.Summary, formError{ID: fieldID(field), Message: msg})
}

// take records the field errors of an Invalid error and reports whether err
// was one; any other error is left to the caller.
func (f *form) take(lang string, err error) bool {
	e, ok := fault.As(err)
	if !ok || e.Kind != fault.Invalid {
		return false
	}
	for _, fe := range e.Fields {
		f.addError(fe.Field, fieldMessage(lang, fe))
	}
	if len(e.Fields) == 0 {
		f.Summary = append(f.Summary, formError{Message: i18n.T(lang, "fault.invalid")})
	}
	return true
}

// fieldMessage translates a field error's code, falling back to its
// English detail.
func fieldMessage(lang string, fe fault.FieldError) string {
	key := "error." + fe.Code
	if fe.Code == "" || !i18n.Has(i18n.Fallback, key) {
		return fe.Detail
	}
	return i18n.T(lang, key)
}

func fieldID(name string) string { return "f-" + strings.ReplaceAll(name, "_", "-") }

// Field describes one input for the "field" partial. flags: "required",
// "ac=..." (autocomplete), "hint=key" (a translated hint), "max=n"
// (maxlength).
func (vw *view) Field(name, typ, labelKey string, flags ...string) fieldView {
	fv := fieldView{ID: fieldID(name), Name: name, Type: typ, Label: vw.T(labelKey), Value: vw.Form.Get(name),
		Error: vw.Form.Errors[name], RequiredText: vw.T("form.required")}
	if typ == "password" {
		fv.Value = ""
	}
	for _, fl := range flags {
		switch k, val, _ := strings.Cut(fl, "="); k {
		case "required":
			fv.Required = true
		case "ac":
			fv.Autocomplete = val
		case "hint":
			fv.Hint = vw.T(val)
		case "max":
			fv.Max, _ = strconv.Atoi(val)
		}
	}
	return fv
}

// Select is Field for a <select> with options.
func (vw *view) Select(name, labelKey string, opts []option, flags ...string) fieldView {
	fv := vw.Field(name, "select", labelKey, flags...)
	for _, o := range opts {
		o.Selected = o.Value == fv.Value
		fv.Options = append(fv.Options, o)
	}
	return fv
}

type fieldView struct {
	ID, Name, Type, Label, Value, Error, Hint, Autocomplete, RequiredText string
	Required                                                              bool
	Max                                                                   int // maxlength, 0 for none
	Options                                                               []option
}

// Describedby is the ids of the hint and error, for aria-describedby.
func (f fieldView) Describedby() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// option is one choice of a select; Group puts it in an <optgroup>.
type option struct {
	Value, Label, Group string
	Selected            bool
}

// Groups splits options into runs of the same group for <optgroup>.
func (f fieldView) Groups() [][]option {
	var out [][]option
	for i, o := range f.Options {
		if i == 0 || o.Group != f.Options[i-1].Group {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], o)
	}
	return out
}

// enumOptions makes options of enumeration values with translated labels.
func enumOptions[T ~string](v *visit, kind string, values []T, blank bool) []option {
	var out []option
	if blank {
		out = append(out, option{Value: "", Label: v.T("form.choose")})
	}
	for _, x := range values {
		out = append(out, option{Value: string(x), Label: v.T(kind + "." + string(x))})
	}
	return out
}

// idOf parses an id from a form value or path; "" and junk are 0.
func idOf(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// dateOf parses a yyyy-mm-dd date; "" and junk are the zero time.
func dateOf(s string) time.Time {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return time.Time{}
	}
	return t
}

// itoa formats an id for a form value.
func itoa(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

// postForm parses a posted form; an unreadable body reads as empty.
func postForm(r *http.Request) url.Values {
	if err := r.ParseForm(); err != nil {
		return url.Values{}
	}
	return r.PostForm
}

// renameField moves field errors of one field name to another (when a form
// names a field differently from the use case).
func renameField(err error, from, to string) error {
	e, ok := fault.As(err)
	if !ok {
		return err
	}
	c := *e
	c.Fields = append([]fault.FieldError(nil), e.Fields...)
	for i := range c.Fields {
		if c.Fields[i].Field == from {
			c.Fields[i].Field = to
		}
	}
	return &c
}
