package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"samverkan/internal/catalog"
	"samverkan/internal/fault"
	"samverkan/internal/orders"
)

// The agreement version form: terms, the services included, and rows of
// targets, extra services, deviations and signatories (the existing ones
// and blankAgreementRows empty ones). Row fields are named like the
// domain's field errors: targets.0.code.

const blankAgreementRows = 2

type versionForm struct {
	ID, AgreementID int64
	Number          int
	New             bool // a new agreement: the member is chosen
	Members         []option
	Services        []serviceChoice
	Targets         []targetRow
	Extras          []extraRow
	Deviations      []deviationRow
	Signatories     []signatoryRow
}

type serviceChoice struct {
	ID       int64
	Name     string
	Kind     catalog.ServiceKind
	Checked  bool
	NoteName string
	Note     string
}

type targetRow struct {
	N, I                                                  int
	Code, Name, Counted, Period, Comparator, Value, Units fieldView
	CentreOnly                                            bool
}

type extraRow struct {
	N                           int
	Service, Description, Since fieldView
	OrderName, OrderID          string
}

type deviationRow struct {
	N                               int
	Description, ActionPlan, EndsOn fieldView
}

type signatoryRow struct {
	N                           int
	Side, Name, Title, SignedOn fieldView
}

func rowKey(list string, i int, field string) string { return fmt.Sprintf("%s.%d.%s", list, i, field) }

// rows counts the rows of list in the form (the highest index sent, plus one).
func rows(f *form, list string) int {
	n := 0
	for k := range f.Values {
		if rest, ok := strings.CutPrefix(k, list+"."); ok {
			if i, err := strconv.Atoi(strings.SplitN(rest, ".", 2)[0]); err == nil && i+1 > n && i < catalog.MaxListItems {
				n = i + 1
			}
		}
	}
	return n
}

// versionValues puts a version in form values.
func versionValues(v catalog.Version) url.Values {
	vals := url.Values{"title": {v.Title}, "valid_from": {dateText(v.ValidFrom)}, "valid_to": {dateText(v.ValidTo)},
		"binding_months": {strconv.Itoa(v.BindingMonths)}, "notice_months": {strconv.Itoa(v.NoticeMonths)},
		"pay_day": {strconv.Itoa(v.Schedule.PayDay)}, "cutoff_day": {strconv.Itoa(v.Schedule.CutoffDay)}, "changes": {v.Changes}}
	for _, s := range v.Services {
		vals.Add("service", itoa(s.ServiceID))
		vals.Set(fmt.Sprintf("note_%d", s.ServiceID), s.Note)
	}
	for i, t := range v.Targets {
		for k, x := range map[string]string{"code": t.Code, "name": t.Name, "counted": t.Counted, "period": string(t.Period),
			"comparator": string(t.Comparator), "value": catalog.HundredthsText(t.Value), "unit": string(t.Unit)} {
			vals.Set(rowKey("targets", i, k), x)
		}
		if t.CentreErrorsOnly {
			vals.Set(rowKey("targets", i, "centre_errors_only"), "on")
		}
	}
	for i, e := range v.ExtraServices {
		vals.Set(rowKey("extra_services", i, "service_id"), itoa(e.ServiceID))
		vals.Set(rowKey("extra_services", i, "description"), e.Description)
		vals.Set(rowKey("extra_services", i, "since"), dateText(e.Since))
		vals.Set(rowKey("extra_services", i, "order_id"), itoa(e.OrderID))
	}
	for i, d := range v.Deviations {
		vals.Set(rowKey("deviations", i, "description"), d.Description)
		vals.Set(rowKey("deviations", i, "action_plan"), d.ActionPlan)
		vals.Set(rowKey("deviations", i, "ends_on"), dateText(d.EndsOn))
	}
	for i, s := range v.Signatories {
		vals.Set(rowKey("signatories", i, "side"), string(s.Side))
		vals.Set(rowKey("signatories", i, "name"), s.Name)
		vals.Set(rowKey("signatories", i, "title"), s.Title)
		vals.Set(rowKey("signatories", i, "signed_on"), dateText(s.SignedOn))
	}
	return vals
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// rowMap maps, per list, the index of an item of the version to the row
// of the form it came from (blank rows are skipped).
type rowMap map[string][]int

// formFields renames the list fields of a fault from the version's
// indexes to the form's rows.
func (m rowMap) formFields(err error) error {
	e, ok := fault.As(err)
	if !ok {
		return err
	}
	c := *e
	c.Fields = append([]fault.FieldError(nil), e.Fields...)
	for i, fe := range c.Fields {
		parts := strings.SplitN(fe.Field, ".", 3)
		if len(parts) != 3 {
			continue
		}
		if n, err := strconv.Atoi(parts[1]); err == nil && n < len(m[parts[0]]) {
			c.Fields[i].Field = rowKey(parts[0], m[parts[0]][n], parts[2])
		}
	}
	return &c
}

// versionFrom reads a version from the form. Dates and numbers that do
// not parse are field errors, reported with the domain's own.
func versionFrom(f *form) (catalog.Version, rowMap, fault.Fields) {
	var fs fault.Fields
	m := rowMap{}
	num := func(field string) int {
		s := strings.TrimSpace(f.Get(field))
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			fs.Add(field, "not_whole_number", "write a whole number")
		}
		return n
	}
	// Errors name fields by the index the item gets in the version (as
	// the domain's do); formFields maps them back to the form's rows.
	dayAs := func(field, errField string) time.Time {
		s := strings.TrimSpace(f.Get(field))
		t := dateOf(s)
		if s != "" && t.IsZero() {
			fs.Add(errField, "date", "write the date as YYYY-MM-DD")
		}
		return t
	}
	day := func(field string) time.Time { return dayAs(field, field) }
	v := catalog.Version{Title: f.Get("title"), ValidFrom: day("valid_from"), ValidTo: day("valid_to"),
		BindingMonths: num("binding_months"), NoticeMonths: num("notice_months"), Changes: f.Get("changes"),
		Schedule: catalog.PaySchedule{PayDay: num("pay_day"), CutoffDay: num("cutoff_day")}}
	for _, id := range f.Values["service"] {
		if n := idOf(id); n != 0 {
			v.Services = append(v.Services, catalog.IncludedService{ServiceID: n, Note: f.Get("note_" + id)})
		}
	}
	get := func(list string, i int, field string) string { return strings.TrimSpace(f.Get(rowKey(list, i, field))) }
	blank := func(list string, i int, fields ...string) bool {
		for _, x := range fields {
			if get(list, i, x) != "" {
				return false
			}
		}
		return true
	}
	for i := range rows(f, "targets") {
		if blank("targets", i, "code", "name", "counted", "value") {
			continue
		}
		t := catalog.Target{Code: get("targets", i, "code"), Name: get("targets", i, "name"), Counted: get("targets", i, "counted"),
			Period: catalog.Period(get("targets", i, "period")), Comparator: catalog.Comparator(get("targets", i, "comparator")),
			Unit: catalog.Unit(get("targets", i, "unit")), CentreErrorsOnly: get("targets", i, "centre_errors_only") == "on"}
		if val, err := orders.ParseAmount("value", get("targets", i, "value")); err == nil {
			t.Value = val
		} else {
			fs.Add(rowKey("targets", len(v.Targets), "value"), "target_value", "write the target value as a number, e.g. 99.5")
		}
		m["targets"] = append(m["targets"], i)
		v.Targets = append(v.Targets, t)
	}
	for i := range rows(f, "extra_services") {
		if blank("extra_services", i, "service_id", "description") {
			continue
		}
		m["extra_services"] = append(m["extra_services"], i)
		v.ExtraServices = append(v.ExtraServices, catalog.ExtraService{ServiceID: idOf(get("extra_services", i, "service_id")),
			Description: get("extra_services", i, "description"), Since: dayAs(rowKey("extra_services", i, "since"), rowKey("extra_services", len(v.ExtraServices), "since")),
			OrderID: idOf(get("extra_services", i, "order_id"))})
	}
	for i := range rows(f, "deviations") {
		if blank("deviations", i, "description", "action_plan", "ends_on") {
			continue
		}
		m["deviations"] = append(m["deviations"], i)
		v.Deviations = append(v.Deviations, catalog.Deviation{Description: get("deviations", i, "description"),
			ActionPlan: get("deviations", i, "action_plan"), EndsOn: dayAs(rowKey("deviations", i, "ends_on"), rowKey("deviations", len(v.Deviations), "ends_on"))})
	}
	for i := range rows(f, "signatories") {
		if blank("signatories", i, "name", "title") {
			continue
		}
		m["signatories"] = append(m["signatories"], i)
		v.Signatories = append(v.Signatories, catalog.Signatory{Side: catalog.Side(get("signatories", i, "side")),
			Name: get("signatories", i, "name"), Title: get("signatories", i, "title"),
			SignedOn: dayAs(rowKey("signatories", i, "signed_on"), rowKey("signatories", len(v.Signatories), "signed_on"))})
	}
	return v, m, fs
}

// fillVersionForm builds the rows of the form from its values.
func fillVersionForm(v *visit, d *versionForm, f *form, services []catalog.Service) {
	vw := &view{Form: f, Lang: v.lang}
	for _, s := range services {
		id := itoa(s.ID)
		d.Services = append(d.Services, serviceChoice{ID: s.ID, Name: s.Name.In(v.lang), Kind: s.Kind, Checked: f.Has("service", id),
			NoteName: "note_" + id, Note: f.Get("note_" + id)})
	}
	periods := enumOptions(v, "target_period", catalog.Periods, true)
	comparators := enumOptions(v, "target_comparator", catalog.Comparators, true)
	units := enumOptions(v, "target_unit", catalog.Units, true)
	for i := range rows(f, "targets") + blankAgreementRows {
		k := func(x string) string { return rowKey("targets", i, x) }
		d.Targets = append(d.Targets, targetRow{N: i + 1, I: i,
			Code: vw.Field(k("code"), "text", "agreements.target_code", "ac=off"), Name: vw.Field(k("name"), "text", "agreements.target_name", "ac=off"),
			Counted: vw.Field(k("counted"), "text", "agreements.target_counted", "ac=off"),
			Period:  vw.Select(k("period"), "agreements.target_period", periods), Comparator: vw.Select(k("comparator"), "agreements.target_comparator", comparators),
			Value: vw.Field(k("value"), "text", "agreements.target_value", "ac=off"), Units: vw.Select(k("unit"), "agreements.target_unit", units),
			CentreOnly: f.Get(k("centre_errors_only")) == "on"})
	}
	extraOpts := []option{{Value: "", Label: v.T("agreements.outside_catalogue")}}
	for _, s := range services {
		extraOpts = append(extraOpts, option{Value: itoa(s.ID), Label: s.Name.In(v.lang)})
	}
	for i := range rows(f, "extra_services") + blankAgreementRows {
		k := func(x string) string { return rowKey("extra_services", i, x) }
		d.Extras = append(d.Extras, extraRow{N: i + 1, Service: vw.Select(k("service_id"), "agreements.extra_service", extraOpts),
			Description: vw.Field(k("description"), "text", "agreements.extra_description", "ac=off"),
			Since:       vw.Field(k("since"), "date", "agreements.extra_since"), OrderName: k("order_id"), OrderID: f.Get(k("order_id"))})
	}
	for i := range rows(f, "deviations") + blankAgreementRows {
		k := func(x string) string { return rowKey("deviations", i, x) }
		d.Deviations = append(d.Deviations, deviationRow{N: i + 1,
			Description: vw.Field(k("description"), "textarea", "agreements.deviation_description"),
			ActionPlan:  vw.Field(k("action_plan"), "textarea", "agreements.deviation_plan"),
			EndsOn:      vw.Field(k("ends_on"), "date", "agreements.deviation_ends")})
	}
	sides := enumOptions(v, "signatory_side", catalog.Sides, false)
	for i := range rows(f, "signatories") + blankAgreementRows {
		k := func(x string) string { return rowKey("signatories", i, x) }
		d.Signatories = append(d.Signatories, signatoryRow{N: i + 1, Side: vw.Select(k("side"), "agreements.signatory_side", sides),
			Name: vw.Field(k("name"), "text", "agreements.signatory_name", "ac=off"), Title: vw.Field(k("title"), "text", "agreements.signatory_title", "ac=off"),
			SignedOn: vw.Field(k("signed_on"), "date", "agreements.signatory_signed")})
	}
}
