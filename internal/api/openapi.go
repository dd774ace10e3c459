package api

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// operation documents one route of routes.go. The error responses follow
// from what the operation takes: every authenticated route may answer 401,
// a body brings 400, 413, 415 and 422, query parameters 422, a path id 404;
// errs adds the rest (403 where a role may be refused).
type operation struct {
	method, path string // path below /api/v1
	id, tag      string
	summary      string
	params       []obj
	body         string // request schema, "" for none
	bodyMedia    string // the request body's media type; "" is application/json
	status       int    // the success status
	result       string // response schema, "" for no content
	media        string // the result's media type; "" is application/json
	errs         []int
	public       bool
}

// operations lists every route the API serves.
func operations() []operation {
	page := []obj{param("limit"), param("cursor")}
	ops := []operation{
		{method: "GET", path: "/openapi.json", id: "getOpenAPI", tag: "meta", summary: "This OpenAPI document", status: 200, result: "OpenAPI", public: true},
		{method: "GET", path: "/calendar/holidays", id: "calendarHolidays", tag: "calendar", public: true,
			summary: "Closed days of a year on weekdays and named holidays (as `samverkan calendar holidays`)",
			params:  []obj{mandatory(param("country")), mandatory(param("year")), param("lang")}, status: 200, result: "HolidayList"},
		{method: "GET", path: "/calendar/add", id: "calendarAdd", tag: "calendar", public: true,
			summary: "The instant a business duration after from ends (as `samverkan calendar add`); give hours or days",
			params:  []obj{mandatory(param("country")), mandatory(param("from")), param("hours"), param("days"), param("open"), param("close")},
			status:  200, result: "CalendarDue"},
		{method: "GET", path: "/me", id: "getMe", tag: "me", summary: "The caller, their roles, teams and permissions", status: 200, result: "Me"},
		{method: "GET", path: "/centre", id: "getCentre", tag: "centre", summary: "The centre's settings", status: 200, result: "Centre"},
		{method: "PATCH", path: "/centre", id: "updateCentre", tag: "centre", summary: "Change the centre's settings (admins)", body: "CentrePatch", status: 200, result: "Centre", errs: []int{403}},

		{method: "GET", path: "/members", id: "listMembers", tag: "members", summary: "List member organisations (member-side users: their own)",
			params: append([]obj{param("q"), param("status"), param("kind")}, page...), status: 200, result: "MemberList", errs: []int{403}},
		{method: "POST", path: "/members", id: "createMember", tag: "members", summary: "Register a member organisation (admins)", body: "MemberInput", status: 201, result: "Member", errs: []int{403}},
		{method: "GET", path: "/members/{id}", id: "getMember", tag: "members", summary: "Read a member organisation", status: 200, result: "Member", errs: []int{403}},
		{method: "PATCH", path: "/members/{id}", id: "updateMember", tag: "members", summary: "Change a member organisation (admins); only fields sent change", body: "MemberPatch", status: 200, result: "Member", errs: []int{403}},

		{method: "GET", path: "/units", id: "listUnits", tag: "units", summary: "List units (member-side users: their own member's)",
			params: append([]obj{param("member_id")}, page...), status: 200, result: "UnitList", errs: []int{403}},
		{method: "POST", path: "/units", id: "createUnit", tag: "units", summary: "Add a unit to a member's tree (admins)", body: "UnitInput", status: 201, result: "Unit", errs: []int{403}},
		{method: "GET", path: "/units/{id}", id: "getUnit", tag: "units", summary: "Read a unit", status: 200, result: "Unit", errs: []int{403}},
		{method: "PATCH", path: "/units/{id}", id: "updateUnit", tag: "units", summary: "Rename or move a unit within its member (admins)", body: "UnitPatch", status: 200, result: "Unit", errs: []int{403}},

		{method: "GET", path: "/teams", id: "listTeams", tag: "teams", summary: "List the centre's teams (centre staff)", params: page, status: 200, result: "TeamList", errs: []int{403}},
		{method: "POST", path: "/teams", id: "createTeam", tag: "teams", summary: "Create a team (admins)", body: "TeamInput", status: 201, result: "Team", errs: []int{403}},
		{method: "GET", path: "/teams/{id}", id: "getTeam", tag: "teams", summary: "Read a team with its staff and units (centre staff)", status: 200, result: "TeamDetail", errs: []int{403}},
		{method: "PATCH", path: "/teams/{id}", id: "updateTeam", tag: "teams", summary: "Rename a team or change its description (admins)", body: "TeamPatch", status: 200, result: "Team", errs: []int{403}},
		{method: "PUT", path: "/teams/{id}/members/{person_id}", id: "addTeamMember", tag: "teams", summary: "Put centre staff in a team (admins; team leads: their own teams)", status: 204, errs: []int{403, 422}},
		{method: "DELETE", path: "/teams/{id}/members/{person_id}", id: "removeTeamMember", tag: "teams", summary: "Take a person out of a team (admins; team leads: their own teams)", status: 204, errs: []int{403, 422}},
		{method: "PUT", path: "/teams/{id}/units", id: "setTeamUnits", tag: "teams", summary: "Set the member units a team serves (admins)", body: "TeamUnits", status: 200, result: "TeamDetail", errs: []int{403}},

		{method: "GET", path: "/people", id: "listPeople", tag: "people", summary: "List people (member-side users: their own member's)",
			params: append([]obj{param("member_id"), param("team_id"), param("role"), param("q"), param("centre")}, page...), status: 200, result: "PersonList", errs: []int{403}},
		{method: "POST", path: "/people", id: "createPerson", tag: "people", summary: "Add a person with roles (admins)", body: "PersonInput", status: 201, result: "Person", errs: []int{403}},
		{method: "GET", path: "/people/{id}", id: "getPerson", tag: "people", summary: "Read a person", status: 200, result: "Person", errs: []int{403}},
		{method: "PATCH", path: "/people/{id}", id: "updatePerson", tag: "people", summary: "Change a person (admins); roles, if sent, replace all roles", body: "PersonPatch", status: 200, result: "Person", errs: []int{403}},
		{method: "POST", path: "/people/{id}/verify", id: "verifyPerson", tag: "people", summary: "Confirm who a person pending verification is (centre staff)",
			status: 200, result: "Person", errs: []int{403, 409}},

		{method: "GET", path: "/substitutes", id: "listSubstitutes", tag: "substitutes", summary: "List substitutions (admins: all; others: their own)",
			params: append([]obj{param("person_id")}, page...), status: 200, result: "SubstituteList", errs: []int{403}},
		{method: "POST", path: "/substitutes", id: "createSubstitute", tag: "substitutes", summary: "Appoint a substitute (admins: for anyone; others: for themselves)", body: "SubstituteInput", status: 201, result: "Substitute", errs: []int{403}},
		{method: "GET", path: "/substitutes/{id}", id: "getSubstitute", tag: "substitutes",
			summary: "Read a substitution (admins: any; other centre staff: their own; member-side users: their member's)", status: 200, result: "Substitute", errs: []int{403}},
		{method: "DELETE", path: "/substitutes/{id}", id: "deleteSubstitute", tag: "substitutes", summary: "End a substitution (admins, or the person substituted for)", status: 204},

		{method: "GET", path: "/tokens", id: "listTokens", tag: "tokens", summary: "List the caller's API tokens, newest first", params: page, status: 200, result: "TokenList"},
		{method: "POST", path: "/tokens", id: "createToken", tag: "tokens", summary: "Create an API token for the caller; the secret is shown only in this answer", body: "TokenInput", status: 201, result: "NewToken", errs: []int{403}},
		{method: "GET", path: "/tokens/{id}", id: "getToken", tag: "tokens", summary: "Read one of the caller's API tokens (admins: anyone's); never its secret", status: 200, result: "Token"},
		{method: "DELETE", path: "/tokens/{id}", id: "revokeToken", tag: "tokens", summary: "Revoke one of the caller's API tokens (admins: anyone's)", status: 204},

		{method: "GET", path: "/audit", id: "listAudit", tag: "audit", summary: "Browse the audit log, newest first (admins)",
			params: append([]obj{param("actor_id"), param("member_id"), param("entity"), param("entity_id"), param("action"), param("from"), param("to")}, page...),
			status: 200, result: "AuditList", errs: []int{403}},

		{method: "GET", path: "/sla/policies", id: "listSLAPolicies", tag: "sla", summary: "Service-level policies in the order they are tried (member-side users: those that can apply to them)",
			status: 200, result: "PolicyList", errs: []int{403}},
		{method: "POST", path: "/sla/policies", id: "createSLAPolicy", tag: "sla", summary: "Add a service-level policy (admins); open cases' clocks are recomputed",
			body: "PolicyInput", status: 201, result: "Policy", errs: []int{403}},
		{method: "GET", path: "/sla/policies/{id}", id: "getSLAPolicy", tag: "sla", summary: "Read a service-level policy", status: 200, result: "Policy", errs: []int{403}},
		{method: "PUT", path: "/sla/policies/{id}", id: "replaceSLAPolicy", tag: "sla", summary: "Replace a service-level policy (admins)",
			body: "PolicyInput", status: 200, result: "Policy", errs: []int{403}},
		{method: "DELETE", path: "/sla/policies/{id}", id: "deleteSLAPolicy", tag: "sla", summary: "Remove a service-level policy (admins)", status: 204, errs: []int{403}},
		{method: "GET", path: "/sla/policies/{id}/preview", id: "previewSLAPolicy", tag: "sla",
			summary: "When each target of a policy falls due for a case received at received_at (centre staff)",
			params:  []obj{mandatory(param("received_at")), param("member_id")}, status: 200, result: "Preview", errs: []int{403}},
		{method: "GET", path: "/sla/report", id: "slaReport", tag: "sla",
			summary: "Targets and misses per member for cases received in [from, to); members' obligations are reported as side member",
			params:  []obj{mandatory(param("from")), mandatory(param("to")), param("member_id")}, status: 200, result: "SLAReport", errs: []int{403}},
		{method: "GET", path: "/calendar/closed-days", id: "listClosedDays", tag: "calendar", summary: "The centre's own closed days and half days of a year",
			params: []obj{mandatory(param("year"))}, status: 200, result: "ClosedDayList", errs: []int{403}},
		{method: "POST", path: "/calendar/closed-days", id: "createClosedDay", tag: "calendar", summary: "Add a closed day or half day to the centre's calendar (admins)",
			body: "ClosedDayInput", status: 201, result: "ClosedDay", errs: []int{403}},
		{method: "DELETE", path: "/calendar/closed-days/{id}", id: "deleteClosedDay", tag: "calendar", summary: "Remove a closed day (admins)", status: 204, errs: []int{403}},
	}
	ops = append(ops, catalogueOperations()...)
	ops = append(ops, governanceOperations()...)
	ops = append(ops, caseOperations()...)
	return ops
}

// openapiJSON is the document, built once.
var openapiJSON = sync.OnceValue(func() []byte {
	b, err := json.MarshalIndent(document(), "", "  ")
	if err != nil {
		panic("api: OpenAPI document: " + err.Error())
	}
	return b
})

func (s *server) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openapiJSON())
}

// document is the OpenAPI 3.1 description of the API.
func document() obj {
	paths := obj{}
	for _, op := range operations() {
		item, _ := paths[op.path].(obj)
		if item == nil {
			item = obj{}
			paths[op.path] = item
		}
		item[strings.ToLower(op.method)] = op.doc()
	}
	return obj{
		"openapi": "3.1.0",
		"info": obj{"title": "Samverkan API", "version": "1",
			"description": "The JSON API of Samverkan. Send an API token as `Authorization: Bearer <token>`. " +
				"Timestamps are RFC 3339 in the centre's time zone; dates are YYYY-MM-DD; optional values are null, never left out. " +
				"Lists are paged: pass `next_cursor` back as `cursor` until it is null. Errors are RFC 9457 problem documents."},
		"servers":  []obj{{"url": prefix}},
		"security": []obj{{"bearer": []string{}}},
		"paths":    paths,
		"components": obj{
			"securitySchemes": obj{"bearer": obj{"type": "http", "scheme": "bearer", "description": "An API token from POST /tokens or `samverkan token create`."}},
			"schemas":         merge(merge(merge(schemas(), catalogueSchemas()), governanceSchemas()), caseSchemas()),
			"responses":       problemResponses(),
		},
	}
}

// doc renders the operation object.
func (op operation) doc() obj {
	d := obj{"operationId": op.id, "summary": op.summary, "tags": []string{op.tag}}
	params := []obj{}
	for _, name := range pathParams(op.path) {
		params = append(params, pathParam(name))
	}
	params = append(params, op.params...)
	if len(params) > 0 {
		d["parameters"] = params
	}
	errs := append([]int{}, op.errs...)
	if op.body != "" {
		media := op.bodyMedia
		if media == "" {
			media = "application/json"
		}
		d["requestBody"] = obj{"required": true, "content": obj{media: obj{"schema": ref(op.body)}}}
		errs = append(errs, 400, 413, 415, 422)
	}
	if len(op.params) > 0 {
		errs = append(errs, 422)
	}
	if len(pathParams(op.path)) > 0 {
		errs = append(errs, 404)
	}
	if op.public {
		d["security"] = []obj{}
	} else {
		errs = append(errs, 401, 500)
	}
	responses := obj{}
	ok := obj{"description": "Success"}
	if op.result != "" {
		media := op.media
		if media == "" {
			media = "application/json"
		}
		ok["content"] = obj{media: obj{"schema": ref(op.result)}}
	}
	if op.status == 201 {
		ok["headers"] = obj{"Location": obj{"description": "The URL of the new object", "schema": obj{"type": "string"}}}
	}
	responses[strconv.Itoa(op.status)] = ok
	sort.Ints(errs)
	for _, code := range errs {
		responses[strconv.Itoa(code)] = obj{"$ref": "#/components/responses/" + problemNames[code]}
	}
	d["responses"] = responses
	return d
}

// pathParams lists the {names} in a path template.
func pathParams(path string) []string {
	var names []string
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			names = append(names, seg[1:len(seg)-1])
		}
	}
	return names
}
