package api

import (
	"maps"
	"net/http"
	"slices"

	"samverkan/internal/org"
	"samverkan/internal/sla"
)

// obj is a JSON object of the OpenAPI document.
type obj = map[string]any

// Schema builders for the subset of JSON Schema the document uses.
func ref(name string) obj { return obj{"$ref": "#/components/schemas/" + name} }
func str(desc string) obj { return described(obj{"type": "string"}, desc) }
func id(desc string) obj {
	return described(obj{"type": "integer", "format": "int64", "minimum": 1}, desc)
}
func boolean() obj        { return obj{"type": "boolean"} }
func stamp3339() obj      { return obj{"type": "string", "format": "date-time"} }
func calendarDay() obj    { return obj{"type": "string", "format": "date"} }
func array(items obj) obj { return obj{"type": "array", "items": items} }

func enumOf[T ~string](desc string, vals []T) obj {
	e := make([]any, len(vals))
	for i, v := range vals {
		e[i] = string(v)
	}
	return described(obj{"type": "string", "enum": e}, desc)
}

// described adds a description unless it is empty.
func described(s obj, desc string) obj {
	if desc != "" {
		s["description"] = desc
	}
	return s
}

// orNull lets a schema also be null.
func orNull(s obj) obj {
	c := obj{}
	for k, v := range s {
		c[k] = v
	}
	c["type"] = []string{s["type"].(string), "null"}
	if e, ok := s["enum"].([]any); ok {
		c["enum"] = append(append([]any{}, e...), nil)
	}
	return c
}

// object is a closed object; required lists the fields always present.
func object(required []string, props obj) obj {
	return obj{"type": "object", "additionalProperties": false, "required": required, "properties": props}
}

// all lists every property name of props, for output objects in which no
// field is ever left out.
func all(props obj) []string {
	return slices.Sorted(maps.Keys(props))
}

func listOfSchema(item string) obj {
	return object([]string{"items", "next_cursor"}, obj{
		"items":       array(ref(item)),
		"next_cursor": orNull(str("Pass as cursor to get the next page; null on the last page")),
	})
}

// without copies props leaving out some names.
func without(props obj, names ...string) obj {
	c := obj{}
	for k, v := range props {
		c[k] = v
	}
	for _, n := range names {
		delete(c, n)
	}
	return c
}

// queryParams describes every query parameter by name.
var queryParams = map[string]obj{
	"limit":       {"type": "integer", "minimum": 1, "maximum": 200, "default": 50, "description": "Items per page"},
	"cursor":      str("next_cursor of the previous page"),
	"q":           str("Search text (names; org numbers or e-mail addresses)"),
	"status":      enumOf("Member status", org.MemberStatuses),
	"kind":        enumOf("Member kind", org.MemberKinds),
	"member_id":   id("Only this member's"),
	"team_id":     id("Only members of this team"),
	"role":        enumOf("Only people holding this role", allRoles),
	"centre":      obj{"type": "boolean", "description": "true: only centre staff"},
	"person_id":   id("Only substitutions with this person on either side"),
	"actor_id":    id("Only what this person did (or was acted for in)"),
	"entity":      str("Kind of object, e.g. member, unit, person"),
	"entity_id":   id("Only entries about this object"),
	"action":      str("e.g. create, update"),
	"from":        obj{"type": "string", "format": "date-time", "description": "Audit: entries at or after this instant. Calendar: the start instant"},
	"country":     obj{"type": "string", "enum": []string{"se", "dk", "SE", "DK"}, "description": "Sweden or Denmark"},
	"received_at": obj{"type": "string", "format": "date-time", "description": "When the case is received"},
	"year":        obj{"type": "integer", "minimum": 2000, "maximum": 2200},
	"lang":        obj{"type": "string", "enum": []string{"sv", "da", "en"}, "description": "Language of the names (default: the country's)"},
	"hours":       obj{"type": "number", "minimum": 0, "maximum": 8784, "description": "Business hours (open time); fractional allowed"},
	"days":        obj{"type": "integer", "minimum": 0, "maximum": 366, "description": "Business days"},
	"open":        obj{"type": "string", "description": "Opening time Monday–Friday (default 08:00)"},
	"close":       obj{"type": "string", "description": "Closing time Monday–Friday (default 16:30)"},
	"to":          obj{"type": "string", "format": "date-time", "description": "Entries before this instant"},
}

// param is a query parameter; pathParam a path one.
func param(name string) obj {
	return obj{"name": name, "in": "query", "required": false, "schema": queryParams[name]}
}

func pathParam(name string) obj {
	return obj{"name": name, "in": "path", "required": true, "schema": id("")}
}

func schemas() obj {
	member := obj{
		"id": id(""), "name": str(""), "org_number": str("SE: NNNNNN-NNNN; DK: 8-digit CVR number"),
		"kind": enumOf("", org.MemberKinds), "country": enumOf("", org.Countries), "status": enumOf("", org.MemberStatuses),
		"parent_id":  orNull(id("The parent organisation (a municipal company's municipality)")),
		"created_at": stamp3339(), "updated_at": stamp3339(),
	}
	memberIn := without(member, "id", "created_at", "updated_at")
	unit := obj{"id": id(""), "member_id": id(""), "parent_id": orNull(id("")), "name": str(""),
		"cost_centre": str("Cost centre code, \"\" when none"), "created_at": stamp3339(), "updated_at": stamp3339()}
	team := obj{"id": id(""), "name": str(""), "description": str(""), "created_at": stamp3339()}
	personRef := object([]string{"id", "name"}, obj{"id": id(""), "name": str("")})
	role := obj{"role": enumOf("", allRoles), "level": orNull(enumOf("Contact persons only", org.Levels)),
		"unit_id": orNull(id("The unit the role is narrowed to"))}
	target := object([]string{"amount", "unit"}, obj{"amount": obj{"type": "number", "minimum": 0},
		"unit": obj{"type": "string", "enum": []string{"business_hours", "business_days"}}})
	policy := obj{"id": id(""), "name": str(""), "position": obj{"type": "integer", "description": "Lower is tried first"},
		"member_id": orNull(id("")), "service_id": orNull(id("")), "case_type": orNull(str("")), "priority": orNull(str("")),
		"channel": orNull(str("")), "first_response": orNull(target), "next_response": orNull(target),
		"resolution": orNull(target), "member_input": orNull(described(target, "The member's obligation after a completion request")),
		"payrun_input_days": described(obj{"type": "integer", "minimum": 0, "maximum": sla.MaxPayrunInputDays},
			"The member's pay-run obligation: the cases the policy applies to are input that reaches the centre at least this many "+
				"business days before the member's pay-run deadline (cut-off), by the centre's opening; late input is a member-side "+
				"miss (measure payrun_input). 0: no such obligation"),
		"warn_percent": obj{"type": "integer", "minimum": 1, "maximum": 99},
		"pause_on":     array(obj{"type": "string", "enum": []string{"waiting_member", "waiting_third_party"}})}
	closedDay := obj{"id": id(""), "date": obj{"type": "string", "format": "date"}, "name": str(""),
		"open": orNull(str("HH:MM for a half day")), "close": orNull(str("HH:MM for a half day"))}
	person := obj{"id": id(""), "name": str(""), "email": str(""), "phone": orNull(str("")),
		"member_id": orNull(id("null for centre staff")), "unit_id": orNull(id("")),
		"language": orNull(enumOf("Preferred language; null follows the browser", org.Languages)),
		"active":   boolean(), "pending": described(boolean(), "Created from an unknown e-mail sender; not yet verified by the centre"),
		"roles": array(ref("Role")), "created_at": stamp3339(), "updated_at": stamp3339()}
	personIn := without(person, "id", "created_at", "updated_at", "active", "pending")
	personIn["roles"] = array(ref("RoleInput"))
	substitute := obj{"id": id(""), "person_id": id("The substitute"), "for_person_id": id("The person acted for"),
		"starts_on": calendarDay(), "ends_on": calendarDay(),
		"scope": orNull(enumOf("The one role of the principal's that the substitute holds; null: all", allRoles)), "created_at": stamp3339()}
	token := obj{"id": id(""), "name": str(""), "created_at": stamp3339(), "last_used_at": orNull(stamp3339()), "revoked_at": orNull(stamp3339())}
	audit := obj{"id": id(""), "at": stamp3339(), "actor_id": orNull(id("null for the system")), "actor_name": str(""),
		"on_behalf_of": orNull(id("The person a substitute acted for")), "member_id": orNull(id("null for centre data")),
		"entity": str(""), "entity_id": obj{"type": "integer"}, "action": str(""),
		"before": obj{"description": "The object before the change (any JSON), or null"},
		"after":  obj{"description": "The object after the change (any JSON), or null"}}
	centre := obj{"name": str(""), "country": enumOf("", org.Countries), "time_zone": str("IANA name, e.g. Europe/Stockholm"),
		"currency": enumOf("", []string{"SEK", "DKK"}), "language": enumOf("", org.Languages)}
	me := obj{"id": id(""), "name": str(""), "email": str(""), "language": person["language"], "member_id": person["member_id"],
		"unit_id": orNull(id("")), "roles": array(ref("Role")), "team_ids": array(id("")),
		"acting_for": obj{"type": []string{"object", "null"}, "additionalProperties": false, "required": []string{"id", "name"},
			"properties": obj{"id": id(""), "name": str("")}, "description": "The person the caller acts for as substitute, or null"},
		"permissions": array(enumOf("", permissions))}

	return obj{
		"Problem": object([]string{"type", "title", "status", "detail"}, obj{
			"type": str("about:blank"), "title": str(""), "status": obj{"type": "integer"}, "detail": str(""),
			"errors": array(ref("FieldError")),
		}),
		"FieldError": object([]string{"field", "code", "detail"}, obj{
			"field": str("The input field at fault"), "code": str("A stable message key"), "detail": str("What is wrong, in English")}),
		"OpenAPI":     obj{"type": "object"},
		"Policy":      object(all(policy), policy),
		"PolicyInput": object([]string{"name"}, without(policy, "id")),
		"PolicyList":  object([]string{"items", "next_cursor"}, obj{"items": array(ref("Policy")), "next_cursor": obj{"type": "null"}}),
		"Preview": object([]string{"received_at", "first_response", "next_response", "resolution", "member_input", "payrun_input"}, obj{
			"received_at": stamp3339(), "first_response": orNull(stamp3339()), "next_response": orNull(stamp3339()),
			"resolution": orNull(stamp3339()), "member_input": orNull(stamp3339()),
			"payrun_input": orNull(described(payrunSchema(), "Input received at received_at against the pay-run obligation; null when the policy states none"))}),
		"SLAReport": object([]string{"items"}, obj{"items": array(object([]string{"member_id", "measure", "side", "due", "missed"}, obj{
			"member_id": id(""), "measure": obj{"type": "string", "enum": []string{"first_response", "next_response", "resolution", "member_input", "payrun_input"},
				"description": "member_input and payrun_input are the member's obligations (side member); for payrun_input, due counts the cases under the pay-run obligation and missed the late ones"},
			"side": obj{"type": "string", "enum": []string{"centre", "member"}}, "due": obj{"type": "integer"}, "missed": obj{"type": "integer"}}))}),
		"ClosedDay":      object(all(closedDay), closedDay),
		"ClosedDayInput": object([]string{"date", "name"}, without(closedDay, "id")),
		"ClosedDayList":  object([]string{"items"}, obj{"items": array(ref("ClosedDay"))}),
		"Holiday": object([]string{"date", "name", "kind"}, obj{"date": obj{"type": "string", "format": "date"}, "name": str(""),
			"kind": obj{"type": "string", "enum": []string{"public", "agreement", "centre"}}}),
		"HolidayList": object([]string{"country", "year", "lang", "items"}, obj{"country": str("SE or DK"), "year": obj{"type": "integer"},
			"lang": str(""), "items": array(ref("Holiday"))}),
		"CalendarDue": object([]string{"country", "from", "hours", "days", "due"}, obj{"country": str("SE or DK"),
			"from": obj{"type": "string", "format": "date-time"}, "hours": obj{"type": []string{"number", "null"}},
			"days": obj{"type": []string{"integer", "null"}}, "due": obj{"type": "string", "format": "date-time", "description": "RFC 3339 with the local offset"}}),
		"Me":              object(all(me), me),
		"Centre":          object(all(centre), centre),
		"CentrePatch":     object([]string{}, centre),
		"Member":          object(all(member), member),
		"MemberInput":     object([]string{"name", "org_number", "kind", "country"}, memberIn),
		"MemberPatch":     object([]string{}, memberIn),
		"MemberList":      listOfSchema("Member"),
		"Unit":            object(all(unit), unit),
		"UnitInput":       object([]string{"member_id", "name"}, without(unit, "id", "created_at", "updated_at")),
		"UnitPatch":       object([]string{}, without(unit, "id", "member_id", "created_at", "updated_at")),
		"UnitList":        listOfSchema("Unit"),
		"Team":            object(all(team), team),
		"TeamDetail":      object(append(all(team), "staff", "unit_ids"), merge(team, obj{"staff": array(ref("PersonRef")), "unit_ids": array(id(""))})),
		"TeamInput":       object([]string{"name"}, without(team, "id", "created_at")),
		"TeamPatch":       object([]string{}, without(team, "id", "created_at")),
		"TeamUnits":       object([]string{"unit_ids"}, obj{"unit_ids": array(id(""))}),
		"TeamList":        listOfSchema("Team"),
		"PersonRef":       personRef,
		"Role":            described(object(all(role), role), "A role a person holds; level and unit_id are null when not set, never left out"),
		"RoleInput":       object([]string{"role"}, role),
		"Person":          object(all(person), person),
		"PersonInput":     object([]string{"name", "email"}, personIn),
		"PersonPatch":     object([]string{}, merge(personIn, obj{"active": boolean()})),
		"PersonList":      listOfSchema("Person"),
		"Substitute":      object(all(substitute), substitute),
		"SubstituteInput": object([]string{"person_id", "for_person_id", "starts_on", "ends_on"}, without(substitute, "id", "created_at")),
		"SubstituteList":  listOfSchema("Substitute"),
		"Token":           object(all(token), token),
		"TokenInput":      object([]string{}, obj{"name": str("What the token is for (at most 100 characters)")}),
		"NewToken": object([]string{"id", "name", "token", "created_at"}, obj{"id": id(""), "name": str(""),
			"token": str("The secret; shown only now"), "created_at": stamp3339()}),
		"TokenList":  listOfSchema("Token"),
		"AuditEntry": object(all(audit), audit),
		"AuditList":  listOfSchema("AuditEntry"),
	}
}

func merge(a, b obj) obj {
	c := without(a)
	for k, v := range b {
		c[k] = v
	}
	return c
}

// problemNames names the shared error responses by status.
var problemNames = map[int]string{
	400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 413: "TooLarge",
	409: "Conflict", 415: "UnsupportedMediaType", 422: "Invalid", 429: "TooManyRequests", 500: "Internal",
}

func problemResponses() obj {
	out := obj{}
	for code, name := range problemNames {
		r := obj{"description": http.StatusText(code),
			"content": obj{"application/problem+json": obj{"schema": ref("Problem")}}}
		if code == 401 {
			r["headers"] = obj{"WWW-Authenticate": obj{"description": "Bearer", "schema": obj{"type": "string"}}}
		}
		out[name] = r
	}
	return out
}

// mandatory marks a query parameter required.
func mandatory(p obj) obj {
	c := without(p)
	c["required"] = true
	return c
}
