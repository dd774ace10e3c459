package api

import (
	"samverkan/internal/app"
	"samverkan/internal/cases"
)

// caseOperations documents the case routes.
func caseOperations() []operation {
	page := []obj{param("limit"), param("cursor")}
	c := "cases"
	statuses := str("One or more of " + joined(cases.Statuses) + ", comma-separated")
	list := append([]obj{
		qparam("queue", enumOf("mine (centre: open cases assigned to me; member side: cases I asked), my_teams, unassigned, all_open, waiting, all. "+
			"Default: all_open for centre staff, all for the member side", app.Queues)),
		qparam("q", str("Full-text search: words that all occur (as word beginnings) in the registration number, subject or messages, or a registration number. "+
			"Newest first; combines only with queue all or all_open, member_id, team_id, service_id, status and type")),
		qparam("member_id", id("Only this member's cases")), qparam("unit_id", id("Only cases of this unit and the units below it")),
		qparam("requester_id", id("Only cases this person asked")), qparam("team_id", id("Only this team's cases")),
		qparam("assignee_id", id("Only cases assigned to this person")), qparam("service_id", id("Only cases about this service")),
		qparam("status", statuses), qparam("priority", enumOf("", cases.Priorities)), qparam("type", enumOf("", cases.Types)),
		qparam("tag", str("Only cases with this tag")),
		qparam("received_from", obj{"type": "string", "format": "date-time", "description": "Only cases received at or after this instant"}),
		qparam("received_before", obj{"type": "string", "format": "date-time", "description": "Only cases received before this instant"}),
		qparam("sort", enumOf("received: oldest first (the centre's default); newest (the member side's default); priority: most urgent first, then oldest; updated: recently changed first", caseSorts)),
	}, page...)
	return []operation{
		{method: "POST", path: "/cases", id: "createCase", tag: c,
			summary: "File a case (from another system, a member-side client or centre staff); it gets its registration number and is routed to a team. " +
				"Unknown member, unit, person or service: 422 naming the field; a member-side caller filing for another member: 403",
			body: "CaseInput", status: 201, result: "Case", errs: []int{403}},
		{method: "GET", path: "/cases", id: "listCases", tag: c, summary: "A queue of cases with filters, or a full-text search with q; member-side callers see only the cases they may",
			params: list, status: 200, result: "CaseList", errs: []int{403}},
		{method: "GET", path: "/cases/{id}", id: "getCase", tag: c, summary: "Read a case with its service-level clocks and linked cases", status: 200, result: "CaseDetail", errs: []int{403}},
		{method: "PATCH", path: "/cases/{id}", id: "updateCase", tag: c,
			summary: "Change a case (centre staff): only the fields sent change, all together or none. Moving to another team unassigns it unless assignee_id comes along",
			body:    "CasePatch", status: 200, result: "Case", errs: []int{403, 409}},
		{method: "GET", path: "/cases/{id}/events", id: "listCaseEvents", tag: c,
			summary: "The case's timeline, oldest first, in one page: messages, replies, notes, changes, attachments. Member-side callers never see internal events",
			status:  200, result: "CaseEventList", errs: []int{403}},
		{method: "POST", path: "/cases/{id}/messages", id: "addCaseMessage", tag: c,
			summary: "Centre staff: a reply the member sees and gets by e-mail (visibility external) or an internal note; optionally moving the status. " +
				"Member side: their own message (external only). The answer's case_id is where it landed: a message on a closed case opens a follow-up case",
			body: "MessageInput", status: 201, result: "CaseEvent", errs: []int{403, 409}},
		{method: "POST", path: "/cases/{id}/attachments", id: "addCaseAttachments", tag: c,
			summary: "Attach files (multipart/form-data, parts named file); the content type is sniffed from the bytes. A file over the centre's limit (default 10 MiB): 413",
			body:    "AttachmentUpload", bodyMedia: "multipart/form-data", status: 201, result: "CaseEvent", errs: []int{403}},
		{method: "GET", path: "/attachments/{id}", id: "downloadAttachment", tag: c,
			summary: "Download a file, as an attachment (Content-Disposition: attachment, X-Content-Type-Options: nosniff). Content-Type is the type sniffed when the file was stored, " +
				"e.g. application/pdf or image/png; application/octet-stream when it is not recognised",
			status: 200, result: "File", media: "*/*", errs: []int{403}},
		{method: "POST", path: "/cases/{id}/handover", id: "handOverCase", tag: c,
			summary: "Hand a case over to another line or team with a reason only the centre sees (centre staff); it becomes unassigned there",
			body:    "HandOverInput", status: 200, result: "Case", errs: []int{403, 409}},
		{method: "PUT", path: "/cases/{id}/links/{other_id}", id: "linkCases", tag: c, summary: "Link two related cases (centre staff); linking twice changes nothing",
			status: 204, errs: []int{403, 422}},
		{method: "DELETE", path: "/cases/{id}/links/{other_id}", id: "unlinkCases", tag: c, summary: "Remove the link between two cases (centre staff)",
			status: 204, errs: []int{403, 422}},
		{method: "POST", path: "/cases/{id}/merge", id: "mergeCase", tag: c,
			summary: "Merge this case, a duplicate, into another case of the same member (centre staff): it is closed and its timeline shows on the other",
			body:    "MergeInput", status: 200, result: "Case", errs: []int{403, 409}},
	}
}

func joined[T ~string](vals []T) string {
	out := ""
	for i, v := range vals {
		if i > 0 {
			out += ", "
		}
		out += string(v)
	}
	return out
}

// payrunSchema is how an input fares against the member's pay-run
// obligation (payrunJSON).
func payrunSchema() obj {
	p := obj{"pay_run": str("The pay run the input feeds: YYYY-MM, the month it pays"),
		"cutoff": described(calendarDay(), "The pay-run deadline: the last day input reaches the centre"), "payday": calendarDay(),
		"due_at": described(stamp3339(), "The input is due by the centre's opening the policy's number of business days before the cut-off"),
		"late":   described(boolean(), "The input arrived after due_at: the member's miss")}
	return object(all(p), p)
}

func caseSchemas() obj {
	clock := obj{"due_at": orNull(described(stamp3339(), "When the target falls due; null while paused or when no policy sets it")),
		"paused": boolean(), "breached_at": orNull(stamp3339()), "met_at": orNull(stamp3339()),
		"state": enumOf("", clockStates)}
	slaProps := obj{"policy_id": orNull(id("The policy that set the targets; null when none applies")),
		"first_response": ref("SLAClock"), "next_response": ref("SLAClock"), "resolution": ref("SLAClock"),
		"member_input": described(ref("SLAClock"), "The member's own obligation after a completion request; never counts against the centre"),
		"payrun_input": orNull(described(payrunSchema(),
			"How the case's input fared against the member's pay-run obligation, judged when the case was received; "+
				"null when the policy states none. A late input is the member's miss, never the centre's"))}
	details := obj{"type": "object", "additionalProperties": obj{"type": "string"},
		"description": "The fields the case's type asks for, e.g. pay_period (YYYY-MM) for a correction"}
	kase := obj{"id": id(""), "reference": str("The registration number (diarienummer), e.g. 2026-000123"),
		"member_id": id(""), "unit_id": orNull(id("")), "requester_id": orNull(id("The person the case is for")),
		"filed_by_id": orNull(id("The substitute who filed it for the requester")), "channel": enumOf("", cases.Channels),
		"service_id": orNull(id("")), "type": enumOf("", cases.Types), "priority": enumOf("", cases.Priorities),
		"status": enumOf("", cases.Statuses), "team_id": orNull(id("")), "assignee_id": orNull(id("")),
		"line": enumOf("Support line", []cases.Line{cases.FirstLine, cases.SecondLine}),
		"tags": array(str("")), "confidential": boolean(), "automated": described(boolean(), "Opened by an auto-reply or bulk mail: never answered automatically"),
		"subject": str(""), "details": details, "received_at": described(stamp3339(), "May be before created_at (phone notes, back-registered mail)"),
		"created_at": stamp3339(), "updated_at": stamp3339(), "first_response_at": orNull(stamp3339()),
		"resolved_at": orNull(stamp3339()), "closed_at": orNull(stamp3339()),
		"merged_into_id": orNull(id("The case this duplicate was merged into")), "sla": ref("SLA")}
	link := obj{"case_id": id("The other case"), "reference": str(""), "subject": str(""), "status": enumOf("", cases.Statuses),
		"kind": obj{"type": "string", "enum": []string{"related", "follow_up", "follows"},
			"description": "follow_up: the other case follows this one up; follows: this case follows the other up"}}
	input := obj{
		"member_id":       id("Default: the requester's member"),
		"unit_id":         id("Default: the requester's unit"),
		"requester_id":    id("The person the case is for (or requester_email); member-side callers may leave both out to file for themselves"),
		"requester_email": str("The requester's e-mail address, instead of requester_id"),
		"subject":         str("At most 200 characters"), "body": str("The opening message"),
		"channel":     enumOf("Required for centre staff; member side: portal (default), web_form or email", cases.Channels),
		"type":        enumOf("", cases.Types),
		"priority":    enumOf("Default normal", cases.Priorities),
		"service_id":  id("Required for orders and change requests"),
		"received_at": described(stamp3339(), "Centre staff: when it came in, if earlier than now"),
		"tags":        array(str("")), "details": details,
		"confidential": boolean(),
		"team_id":      id("Centre staff: the team, instead of the routing rules"),
		"assignee_id":  id("Centre staff: a person of the team; the case opens at once"),
		"acknowledge":  described(boolean(), "false: send the requester no acknowledgement e-mail (default true)"),
	}
	patch := obj{"subject": str(""), "type": enumOf("", cases.Types), "priority": enumOf("", cases.Priorities),
		"status": enumOf("Closed is final", cases.Statuses), "service_id": orNull(id("null clears it")), "unit_id": orNull(id("A unit of the case's member; null clears it")),
		"team_id": id(""), "assignee_id": orNull(id("A person of the (new) team; null unassigns")), "tags": array(str("Replaces all tags")),
		"confidential": boolean(), "details": described(without(details), "Replaces all the type's fields")}
	event := obj{"id": id(""), "case_id": id("The case the entry is on (a merged duplicate's entries show on the case it went into)"),
		"kind": enumOf("", cases.EventKinds), "visibility": enumOf("internal: centre staff only", []cases.Visibility{cases.External, cases.InternalOnly}),
		"author_id": orNull(id("null for the system")), "author_name": str(""), "on_behalf_of": orNull(id("The person a substitute acted for")),
		"channel": orNull(enumOf("", cases.Channels)), "body": orNull(str("The text of messages, replies, notes and hand-overs")),
		"changes": array(ref("CaseChange")), "attachments": array(ref("Attachment")), "created_at": stamp3339()}
	attachment := obj{"id": id(""), "case_id": id(""), "event_id": id(""), "filename": str(""),
		"content_type": str("Sniffed from the bytes"), "size": obj{"type": "integer", "minimum": 0}, "sha256": str("Hex"),
		"url": str("Where to download it"), "created_at": stamp3339()}
	return obj{
		"Case":       object(all(kase), kase),
		"CaseDetail": object(append(all(kase), "links"), merge(kase, obj{"links": array(ref("CaseLink"))})),
		"CaseLink":   object(all(link), link),
		"CaseList":   listOfSchema("Case"),
		"CaseInput":  object([]string{"subject", "body", "type"}, input),
		"CasePatch":  object([]string{}, patch),
		"SLA":        object(all(slaProps), slaProps),
		"SLAClock":   object(all(clock), clock),
		"CaseEvent":  object(all(event), event),
		"CaseEventList": object([]string{"items", "next_cursor"}, obj{"items": array(ref("CaseEvent")),
			"next_cursor": obj{"type": "null", "description": "Always null: the timeline comes in one page"}}),
		"CaseChange": object([]string{"field", "from", "to"}, obj{"field": str("e.g. status, team, priority"),
			"from": orNull(str("")), "to": orNull(str(""))}),
		"Attachment": object(all(attachment), attachment),
		"AttachmentUpload": object([]string{"file"}, obj{
			"file":       obj{"type": "string", "format": "binary", "description": "A file; repeat the part for several"},
			"visibility": enumOf("Centre staff: internal keeps the files from the member side (default external)", []cases.Visibility{cases.External, cases.InternalOnly})}),
		"File": obj{"type": "string", "format": "binary", "description": "The file's bytes"},
		"MessageInput": object([]string{"body"}, obj{"body": str(""),
			"visibility": enumOf("Default external; internal (a note) for centre staff only", []cases.Visibility{cases.External, cases.InternalOnly}),
			"status":     enumOf("Centre staff: move the case to this status in the same step", cases.Statuses)}),
		"HandOverInput": object([]string{"reason"}, obj{"team_id": id("Default: the team that serves the case's unit"),
			"line": enumOf("Default second", []cases.Line{cases.FirstLine, cases.SecondLine}), "reason": str("Why; only centre staff see it")}),
		"MergeInput": object([]string{"into_id"}, obj{"into_id": id("The case to merge into")}),
	}
}
