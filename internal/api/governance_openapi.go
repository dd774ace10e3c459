package api

import (
	"samverkan/internal/governance"
	"samverkan/internal/org"
)

// governanceOperations documents the collaboration model's routes.
func governanceOperations() []operation {
	page := []obj{param("limit"), param("cursor")}
	level := qparam("level", enumOf("Only this level", org.Levels))
	g, mt, dc, es, ct := "forums", "meetings", "decisions", "escalations", "contacts"
	centre := []int{403}
	return []operation{
		{method: "GET", path: "/forums", id: "listForums", tag: g, summary: "List forums (member side: the participants' own member's and those of all members)",
			params: append([]obj{qparam("member_id", id("Forums that include this member")), level,
				qparam("active", obj{"type": "boolean", "description": "true: only active forums"})}, page...), status: 200, result: "ForumList", errs: centre},
		{method: "POST", path: "/forums", id: "createForum", tag: g, summary: "Set up a forum (governance managers)", body: "ForumInput", status: 201, result: "Forum", errs: centre},
		{method: "GET", path: "/forums/{id}", id: "getForum", tag: g, summary: "Read a forum", status: 200, result: "Forum", errs: centre},
		{method: "PATCH", path: "/forums/{id}", id: "updateForum", tag: g, summary: "Change a forum (governance managers); its members are fixed once it has met",
			body: "ForumPatch", status: 200, result: "Forum", errs: centre},
		{method: "GET", path: "/compliance", id: "getCompliance", tag: g, summary: "How every forum keeps its cadence in a year: held against required, next due, agendas and minutes in time; forums behind first",
			params: []obj{qparam("year", obj{"type": "integer", "minimum": 2000, "maximum": 2200, "description": "Default: this year"})},
			status: 200, result: "ComplianceList", errs: centre},

		{method: "GET", path: "/meetings", id: "listMeetings", tag: mt, summary: "List meetings by start (member side: their own member's and those with all members)",
			params: append([]obj{qparam("forum_id", id("Only this forum's")),
				qparam("from", obj{"type": "string", "format": "date-time", "description": "Meetings starting at or after this instant"}),
				qparam("to", obj{"type": "string", "format": "date-time", "description": "Meetings starting before this instant"}),
				qparam("status", enumOf("", governance.MeetingStatuses))}, page...), status: 200, result: "MeetingList", errs: centre},
		{method: "POST", path: "/meetings", id: "scheduleMeeting", tag: mt, summary: "Schedule a meeting of a forum (governance managers); a forum of one member meets only that member",
			body: "MeetingInput", status: 201, result: "Meeting", errs: centre},
		{method: "GET", path: "/meetings/{id}", id: "getMeeting", tag: mt, summary: "Read a meeting with its agenda and minutes (null to members until published), decisions, action items and attendance",
			status: 200, result: "MeetingDetail", errs: centre},
		{method: "PATCH", path: "/meetings/{id}", id: "updateMeeting", tag: mt, summary: "Move or rename a meeting (governance managers)", body: "MeetingPatch", status: 200, result: "Meeting", errs: []int{403, 409}},
		{method: "POST", path: "/meetings/{id}/cancel", id: "cancelMeeting", tag: mt, summary: "Call a planned meeting off (governance managers)", status: 200, result: "Meeting", errs: []int{403, 409}},
		{method: "GET", path: "/meetings/{id}/ics", id: "meetingICS", tag: mt, summary: "The invitation as an iCalendar file (RFC 5545)", status: 200, result: "Calendar", media: "text/calendar", errs: centre},
		{method: "GET", path: "/meetings/{id}/proposals", id: "listAgendaProposals", tag: mt,
			summary: "What the period since the forum's last meeting proposes for the agenda: open escalations to its level, SLA breaches and warnings, pending orders and changes, action items not done (governance managers)",
			status:  200, result: "ProposalList", errs: centre},
		{method: "POST", path: "/meetings/{id}/agenda-items", id: "addAgendaItem", tag: mt, summary: "Add an item to the agenda, or accept a proposal by its source and source_id (governance managers)",
			body: "AgendaItemInput", status: 201, result: "AgendaItem", errs: []int{403, 409}},
		{method: "POST", path: "/meetings/{id}/publish-agenda", id: "publishAgenda", tag: mt, summary: "Send the agenda out; open action items and escalations landed on the meeting join it (governance managers)",
			status: 200, result: "Meeting", errs: []int{403, 409}},
		{method: "PUT", path: "/meetings/{id}/minutes", id: "saveMinutes", tag: mt, summary: "Write the minutes of a meeting that has taken place (governance managers)",
			body: "MinutesInput", status: 200, result: "Meeting", errs: centre},
		{method: "POST", path: "/meetings/{id}/publish-minutes", id: "publishMinutes", tag: mt, summary: "Send the minutes out and mark the meeting held; refused before the meeting (governance managers)",
			status: 200, result: "Meeting", errs: []int{403, 422}},
		{method: "PUT", path: "/meetings/{id}/attendance", id: "recordAttendance", tag: mt, summary: "Record who was at the meeting and mark it held (governance managers)",
			body: "AttendanceInput", status: 200, result: "Meeting", errs: centre},
		{method: "DELETE", path: "/agenda-items/{id}", id: "removeAgendaItem", tag: mt, summary: "Take an item off the agenda (governance managers)", status: 204, errs: centre},

		{method: "GET", path: "/decisions", id: "listDecisions", tag: dc, summary: "Search the decision register, newest first (members: their meetings', once the minutes are out)",
			params: append([]obj{param("q"), qparam("forum_id", id("Only this forum's")), qparam("meeting_id", id("Only this meeting's"))}, page...),
			status: 200, result: "DecisionList", errs: centre},
		{method: "POST", path: "/decisions", id: "recordDecision", tag: dc, summary: "Record a decision of a meeting that took place; one on an escalation closes it (governance managers)",
			body: "DecisionInput", status: 201, result: "Decision", errs: centre},
		{method: "GET", path: "/decisions/{id}", id: "getDecision", tag: dc, summary: "Read a decision", status: 200, result: "Decision", errs: centre},
		{method: "GET", path: "/action-items", id: "listActionItems", tag: dc, summary: "List action items (everyone: their own; participants: their meetings')",
			params: append([]obj{qparam("forum_id", id("Only this forum's")), qparam("meeting_id", id("Only this meeting's")),
				qparam("mine", obj{"type": "boolean", "description": "true: only the caller's own"}),
				qparam("open", obj{"type": "boolean", "description": "true: only those not done"})}, page...),
			status: 200, result: "ActionItemList", errs: centre},
		{method: "POST", path: "/action-items", id: "addActionItem", tag: dc, summary: "Give someone at the centre or at the meeting's member something to do by a day (governance managers)",
			body: "ActionItemInput", status: 201, result: "ActionItem", errs: []int{403, 409}},
		{method: "GET", path: "/action-items/{id}", id: "getActionItem", tag: dc, summary: "Read an action item", status: 200, result: "ActionItem", errs: centre},
		{method: "PATCH", path: "/action-items/{id}", id: "updateActionItem", tag: dc, summary: "Mark progress (the owner: status and progress; the centre also title, owner and due day)",
			body: "ActionItemPatch", status: 200, result: "ActionItem", errs: centre},

		{method: "GET", path: "/escalations", id: "listEscalations", tag: es, summary: "List the steps of escalation ladders, newest first (members: their own member's)",
			params: append([]obj{param("member_id"), level, qparam("status", enumOf("", []governance.EscalationStatus{governance.EscalationOpen,
				governance.EscalationEscalated, governance.EscalationDecided, governance.EscalationWithdrawn}))}, page...),
			status: 200, result: "EscalationList", errs: centre},
		{method: "POST", path: "/escalations", id: "escalate", tag: es,
			summary: "Raise a case, an SLA breach, an order or a meeting item a level (or to the level given) with a reason; it lands on the next meeting of that level's forum for the member",
			body:    "EscalationInput", status: 201, result: "Escalation", errs: centre},
		{method: "GET", path: "/escalations/{id}", id: "getEscalation", tag: es, summary: "Read a step with the item's whole ladder", status: 200, result: "EscalationDetail", errs: centre},

		{method: "GET", path: "/contacts", id: "listContacts", tag: ct, summary: "The contact directory (member side: their own member's)",
			params: []obj{param("member_id"), level, qparam("stale", obj{"type": "boolean", "description": "true: only entries not confirmed for 12 months"})},
			status: 200, result: "ContactList", errs: centre},
		{method: "GET", path: "/contacts/export", id: "exportContacts", tag: ct, summary: "The contact directory as CSV",
			params: []obj{param("member_id"), level, qparam("stale", obj{"type": "boolean", "description": "true: only entries not confirmed for 12 months"})},
			status: 200, result: "CSV", media: "text/csv", errs: centre},
		{method: "POST", path: "/contacts", id: "addContact", tag: ct, summary: "Add a contact person (the member's contact persons: their own member; governance managers: any)",
			body: "ContactInput", status: 201, result: "Contact", errs: centre},
		{method: "PATCH", path: "/contacts/{id}", id: "updateContact", tag: ct, summary: "Change a directory entry; a member's own change confirms it", body: "ContactPatch", status: 200, result: "Contact", errs: centre},
		{method: "DELETE", path: "/contacts/{id}", id: "removeContact", tag: ct, summary: "Take an entry out of the directory", status: 204, errs: centre},
		{method: "POST", path: "/contacts/verify", id: "verifyContacts", tag: ct, summary: "Confirm every entry of a member's directory as it stands",
			body: "VerifyContactsInput", status: 200, result: "Verified", errs: centre},
	}
}

// governanceSchemas are the collaboration model's schemas.
func governanceSchemas() obj {
	participant := str("side:role or side:role:level, e.g. centre:admin, member:contact:tactical")
	forum := obj{"id": id(""), "name": str(""), "level": enumOf("", org.Levels), "member_id": orNull(id("null: all members together")),
		"mandate": str(""), "participants": array(participant), "cadence_kind": enumOf("", governance.CadenceKinds),
		"cadence_n":   obj{"type": "integer", "minimum": 0, "maximum": 52, "description": "Meetings a year (per_year) or weeks (every_weeks); 0 otherwise"},
		"convenor_id": id("A person of the centre"), "agenda_days": obj{"type": "integer", "minimum": 0, "maximum": 30, "description": "Business days before a meeting its agenda is due"},
		"minutes_days":   obj{"type": "integer", "minimum": 0, "maximum": 30, "description": "Business days after a meeting its minutes are due"},
		"survey_percent": obj{"type": "integer", "minimum": 0, "maximum": 100, "description": "Share of participants surveyed after a meeting"},
		"active":         boolean(), "starts_on": calendarDay(), "created_at": stamp3339(), "updated_at": stamp3339()}
	forumIn := without(forum, "id", "created_at", "updated_at", "active")
	compliance := obj{"forum_id": id(""), "forum_name": str(""), "level": enumOf("", org.Levels), "member_id": orNull(id("")),
		"year": obj{"type": "integer"}, "required": obj{"type": "integer", "description": "Meetings the cadence asks for in the year"},
		"expected": obj{"type": "integer", "description": "Meetings the cadence asks for up to today"}, "held": obj{"type": "integer"},
		"planned": obj{"type": "integer"}, "last_held": orNull(stamp3339()), "next_due": orNull(calendarDay()),
		"next_meeting_id": orNull(id("")), "next_meeting_at": orNull(stamp3339()),
		"agendas_due": obj{"type": "integer"}, "agendas_on_time": obj{"type": "integer"}, "minutes_due": obj{"type": "integer"},
		"minutes_on_time": obj{"type": "integer"}, "behind": boolean()}
	meeting := obj{"id": id(""), "forum_id": id(""), "member_id": orNull(id("null: all the forum's members")), "title": str(""),
		"starts_at": stamp3339(), "ends_at": stamp3339(), "location": str(""), "status": enumOf("", governance.MeetingStatuses),
		"agenda_published_at": orNull(stamp3339()), "minutes_published_at": orNull(stamp3339()),
		"sequence": obj{"type": "integer", "description": "RFC 5545 SEQUENCE of the invitation"}, "created_at": stamp3339(), "updated_at": stamp3339()}
	meetingIn := without(meeting, "id", "status", "agenda_published_at", "minutes_published_at", "sequence", "created_at", "updated_at")
	agenda := obj{"id": id(""), "meeting_id": id(""), "position": obj{"type": "integer"}, "title": str(""), "notes": str(""),
		"source":    orNull(str("Where the item came from: escalation, sla_breach, sla_warning, order, change, action_item")),
		"source_id": orNull(id("")), "member_id": orNull(id("")), "created_at": stamp3339()}
	decision := obj{"id": id(""), "meeting_id": id(""), "forum_id": id(""), "member_id": orNull(id("")), "agenda_item_id": orNull(id("")),
		"escalation_id": orNull(id("The escalation the decision closed")), "title": str(""), "body": str(""), "created_by": orNull(id("")), "created_at": stamp3339()}
	action := obj{"id": id(""), "meeting_id": id(""), "forum_id": id(""), "member_id": orNull(id("")), "decision_id": orNull(id("")),
		"title": str(""), "owner_id": id("At the centre or the member"), "due_on": calendarDay(), "status": enumOf("", governance.ActionStatuses),
		"progress": str(""), "completed_at": orNull(stamp3339()), "created_at": stamp3339(), "updated_at": stamp3339()}
	attendance := obj{"person_id": id(""), "name": str(""), "status": enumOf("", governance.Attendances)}
	detail := merge(meeting, obj{"agenda": obj{"type": []string{"array", "null"}, "items": ref("AgendaItem"), "description": "null until published"},
		"minutes": orNull(str("null until published")), "decisions": array(ref("Decision")), "action_items": array(ref("ActionItem")),
		"attendance": array(ref("Attendance")), "agenda_deadline": stamp3339(), "minutes_deadline": stamp3339()})
	proposal := obj{"source": str(""), "source_id": id(""), "member_id": orNull(id("")), "title": str(""), "detail": str(""),
		"at": orNull(stamp3339()), "overdue": boolean()}
	escalation := obj{"id": id(""), "member_id": id(""), "source": enumOf("", governance.EscalationSources), "source_id": id(""),
		"level": enumOf("", org.Levels), "subject": str(""), "reason": str(""), "status": enumOf("", []governance.EscalationStatus{governance.EscalationOpen,
			governance.EscalationEscalated, governance.EscalationDecided, governance.EscalationWithdrawn}),
		"parent_id": orNull(id("The step below")), "meeting_id": orNull(id("The meeting it lands on")), "decision_id": orNull(id("")),
		"decision": orNull(str("")), "decided_at": orNull(stamp3339()), "created_by": orNull(id("")), "created_by_name": orNull(str("")), "created_at": stamp3339()}
	contact := obj{"id": id(""), "member_id": id(""), "member_name": str(""), "level": enumOf("", org.Levels), "person_id": id(""),
		"name": str(""), "email": str(""), "phone": orNull(str("")), "title": str("The person's role, e.g. HR-direktör"),
		"deputy_id": orNull(id("")), "deputy_name": orNull(str("")), "verified_at": orNull(stamp3339()),
		"needs_verification": described(boolean(), "Not confirmed by the member for 12 months"), "updated_at": stamp3339()}
	contactIn := obj{"member_id": id("Member-side callers: their own (the default)"), "level": enumOf("", org.Levels), "person_id": id(""),
		"title": str(""), "deputy_id": orNull(id(""))}
	return obj{
		"Forum":          object(all(forum), forum),
		"ForumInput":     object([]string{"name", "level", "cadence_kind", "convenor_id"}, forumIn),
		"ForumPatch":     object([]string{}, merge(forumIn, obj{"active": boolean()})),
		"ForumList":      listOfSchema("Forum"),
		"Compliance":     object(all(compliance), compliance),
		"ComplianceList": object([]string{"items"}, obj{"items": array(ref("Compliance"))}),
		"Meeting":        object(all(meeting), meeting),
		"MeetingInput":   object([]string{"forum_id", "starts_at", "ends_at"}, meetingIn),
		"MeetingPatch":   object([]string{}, without(meetingIn, "forum_id")),
		"MeetingList":    listOfSchema("Meeting"),
		"MeetingDetail":  object(all(detail), detail),
		"Attendance":     object(all(attendance), attendance),
		"AttendanceInput": object([]string{"attendance"}, obj{"attendance": array(object([]string{"person_id", "status"},
			obj{"person_id": id(""), "status": enumOf("", governance.Attendances)}))}),
		"MinutesInput": object([]string{"minutes"}, obj{"minutes": str("The minutes as text")}),
		"AgendaItem":   object(all(agenda), agenda),
		"AgendaItemInput": object([]string{}, obj{"title": str("An item the centre writes"), "notes": str(""), "member_id": id("The member the item concerns"),
			"source": str("Accept a proposal: its source"), "source_id": id("Accept a proposal: its source_id")}),
		"Proposal":         object(all(proposal), proposal),
		"ProposalList":     object([]string{"items"}, obj{"items": array(ref("Proposal"))}),
		"Decision":         object(all(decision), decision),
		"DecisionInput":    object([]string{"meeting_id", "title"}, without(decision, "id", "forum_id", "member_id", "created_by", "created_at")),
		"DecisionList":     listOfSchema("Decision"),
		"ActionItem":       object(all(action), action),
		"ActionItemInput":  object([]string{"meeting_id", "title", "owner_id", "due_on"}, obj{"meeting_id": id(""), "decision_id": id(""), "title": str(""), "owner_id": id(""), "due_on": calendarDay()}),
		"ActionItemPatch":  object([]string{}, obj{"status": enumOf("", governance.ActionStatuses), "progress": str(""), "title": str(""), "owner_id": id(""), "due_on": calendarDay()}),
		"ActionItemList":   listOfSchema("ActionItem"),
		"Escalation":       object(all(escalation), escalation),
		"EscalationDetail": object(append(all(escalation), "ladder"), merge(escalation, obj{"ladder": array(ref("Escalation"))})),
		"EscalationInput": object([]string{"source", "source_id", "reason"}, obj{"source": enumOf("", governance.EscalationSources),
			"source_id": id("The case (for sla_breach too), order or agenda item"), "level": enumOf("Default: the level above the item's highest step", org.Levels),
			"reason": str(""), "member_id": id("Which member an item of a meeting with all members concerns")}),
		"EscalationList":      listOfSchema("Escalation"),
		"Contact":             object(all(contact), contact),
		"ContactInput":        object([]string{"level", "person_id"}, contactIn),
		"ContactPatch":        object([]string{}, without(contactIn, "member_id")),
		"ContactList":         object([]string{"items"}, obj{"items": array(ref("Contact"))}),
		"VerifyContactsInput": object([]string{}, obj{"member_id": id("Member-side callers: their own (the default)")}),
		"Verified":            object([]string{"verified"}, obj{"verified": obj{"type": "integer", "description": "Entries confirmed"}}),
		"Calendar":            str("An iCalendar object (RFC 5545)"),
		"CSV":                 str("Comma-separated values with a header row, UTF-8"),
	}
}
