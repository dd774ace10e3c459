package api

import (
	"samverkan/internal/catalog"
	"samverkan/internal/orders"
)

// qparam is a query parameter with its own schema (names such as kind
// mean different things on different resources).
func qparam(name string, schema obj) obj {
	return obj{"name": name, "in": "query", "required": false, "schema": schema}
}

// catalogueOperations documents the catalogue, agreement and order routes.
func catalogueOperations() []operation {
	page := []obj{param("limit"), param("cursor")}
	party := qparam("party", enumOf("Only activities this party does", catalog.Parties))
	c, a, o := "catalogue", "agreements", "orders"
	return []operation{
		{method: "GET", path: "/catalogue/areas", id: "listServiceAreas", tag: c, summary: "List the service areas", status: 200, result: "ServiceAreaList"},
		{method: "POST", path: "/catalogue/areas", id: "createServiceArea", tag: c, summary: "Add a service area (catalogue managers)", body: "ServiceAreaInput", status: 201, result: "ServiceArea", errs: []int{403}},
		{method: "PATCH", path: "/catalogue/areas/{id}", id: "updateServiceArea", tag: c, summary: "Change a service area (catalogue managers)", body: "ServiceAreaPatch", status: 200, result: "ServiceArea", errs: []int{403}},
		{method: "GET", path: "/catalogue/services", id: "listServices", tag: c, summary: "List the catalogue's services with their activities (who does what)",
			params: []obj{param("q"), qparam("area_id", id("Only this area's")), qparam("kind", enumOf("Base or additional services", catalog.ServiceKinds)),
				party, qparam("inactive", obj{"type": "boolean", "description": "Catalogue managers: include inactive services"})},
			status: 200, result: "ServiceList"},
		{method: "POST", path: "/catalogue/services", id: "createService", tag: c, summary: "Add a service at version 1 (catalogue managers)", body: "ServiceInput", status: 201, result: "Service", errs: []int{403}},
		{method: "GET", path: "/catalogue/services/{id}", id: "getService", tag: c, summary: "Read a service with its activities", status: 200, result: "Service"},
		{method: "PATCH", path: "/catalogue/services/{id}", id: "updateService", tag: c, summary: "Change a service; it gets a new version (catalogue managers)", body: "ServicePatch", status: 200, result: "Service", errs: []int{403}},
		{method: "GET", path: "/catalogue/services/{id}/versions", id: "listServiceVersions", tag: c, summary: "Every version of a service, newest first (centre staff)", status: 200, result: "ServiceVersionList", errs: []int{403}},
		{method: "POST", path: "/catalogue/services/{id}/activities", id: "createActivity", tag: c, summary: "Add an activity to a service (catalogue managers)", body: "ActivityInput", status: 201, result: "Activity", errs: []int{403}},
		{method: "PATCH", path: "/catalogue/activities/{id}", id: "updateActivity", tag: c, summary: "Change an activity (catalogue managers)", body: "ActivityPatch", status: 200, result: "Activity", errs: []int{403}},
		{method: "DELETE", path: "/catalogue/activities/{id}", id: "deleteActivity", tag: c, summary: "Remove an activity from its service (catalogue managers)", status: 204, errs: []int{403}},
		{method: "GET", path: "/who-does-what", id: "whoDoesWhat", tag: c,
			summary: "Who does what and by when for a member, on its pay calendar (member-side users: their own member)",
			params:  []obj{param("member_id"), param("q"), party}, status: 200, result: "WhoDoesWhat"},

		{method: "GET", path: "/agreements", id: "listAgreements", tag: a, summary: "List agreements (member side: contacts, managers, assistants and orderers, their own)",
			params: append([]obj{param("member_id")}, page...), status: 200, result: "AgreementList", errs: []int{403}},
		{method: "POST", path: "/agreements", id: "createAgreement", tag: a, summary: "Start a member's agreement with a draft first version (admins)", body: "AgreementInput", status: 201, result: "Agreement", errs: []int{403}},
		{method: "GET", path: "/agreements/{id}", id: "getAgreement", tag: a, summary: "Read an agreement with its versions", status: 200, result: "Agreement", errs: []int{403}},
		{method: "POST", path: "/agreements/{id}/versions", id: "draftAgreementVersion", tag: a, summary: "Start the next version as a draft copied from the approved one (admins); one draft at a time", body: "DraftInput", status: 201, result: "AgreementVersion", errs: []int{403, 409}},
		{method: "POST", path: "/agreements/{id}/reviewed", id: "reviewAgreement", tag: a, summary: "Record the yearly revision without changes (admins)", status: 200, result: "Agreement", errs: []int{403}},
		{method: "GET", path: "/agreement-versions/{id}", id: "getAgreementVersion", tag: a, summary: "Read one version of an agreement", status: 200, result: "AgreementVersion", errs: []int{403}},
		{method: "PATCH", path: "/agreement-versions/{id}", id: "updateAgreementVersion", tag: a, summary: "Change a draft version (admins); approved versions never change (409)", body: "AgreementVersionPatch", status: 200, result: "AgreementVersion", errs: []int{403, 409}},
		{method: "POST", path: "/agreement-versions/{id}/approve", id: "approveAgreementVersion", tag: a, summary: "Put a draft in force; the version before it is superseded (admins)", status: 200, result: "AgreementVersion", errs: []int{403, 409}},
		{method: "GET", path: "/agreement-versions/{id}/compare", id: "compareAgreementVersions", tag: a, summary: "Two versions side by side with what changed",
			params: []obj{mandatory(qparam("with", id("The version to compare with")))}, status: 200, result: "VersionComparison", errs: []int{403}},

		{method: "GET", path: "/orders", id: "listOrders", tag: o, summary: "List orders, newest first (member side: orderers and contacts, their own member's)",
			params: append([]obj{param("member_id"), qparam("state", enumOf("", orders.States)), qparam("kind", enumOf("", orders.Kinds)),
				qparam("open", obj{"type": "boolean", "description": "true: only orders that still wait for someone"})}, page...),
			status: 200, result: "OrderList", errs: []int{403}},
		{method: "POST", path: "/orders", id: "placeOrder", tag: o, summary: "Order a special or additional service or a change (the member's authorised orderers only)", body: "OrderInput", status: 201, result: "OrderDetail", errs: []int{403}},
		{method: "GET", path: "/orders/{id}", id: "getOrder", tag: o, summary: "Read an order with its history and the actions the caller may take", status: 200, result: "OrderDetail", errs: []int{403}},
		{method: "POST", path: "/orders/{id}/actions", id: "orderAction", tag: o,
			summary: "Take a step: the centre estimates, quotes, delivers; the orderer accepts, declines, approves, sends back; either cancels. " +
				"Accepting above the quote threshold without a written quote is refused (409)",
			body: "OrderAction", status: 200, result: "OrderDetail", errs: []int{403, 409}},
	}
}

func catalogueSchemas() obj {
	text := object([]string{"sv", "da", "en"}, obj{"sv": str("Swedish"), "da": str("Danish"), "en": str("English")})
	area := obj{"id": id(""), "code": str("Lower-case letters, digits and _"), "name": ref("Text"), "description": ref("Text"), "position": obj{"type": "integer"}}
	deadline := object([]string{"anchor", "days"}, obj{
		"anchor": orNull(enumOf("What the days count from; null: no deadline", []catalog.Anchor{catalog.Receipt, catalog.Payday, catalog.Cutoff})),
		"days":   obj{"type": "integer", "minimum": -30, "maximum": 60, "description": "Business days after receipt; banking days from payday, business days from cut-off (negative: before)"}})
	activity := obj{"id": id(""), "service_id": id(""), "position": obj{"type": "integer"}, "name": ref("Text"), "description": ref("Text"),
		"responsible": enumOf("Who does it", catalog.Parties), "deadline": ref("Deadline"),
		"service_level": orNull(str("The code of the agreement target it is measured by")), "forms": ref("Text"), "contact": ref("Text")}
	activityIn := without(activity, "id", "service_id")
	activityIn["service_level"] = orNull(str(""))
	service := obj{"id": id(""), "area_id": id(""), "code": str(""), "name": ref("Text"), "description": ref("Text"),
		"kind": enumOf("base: included in the agreement; additional: ordered one by one", catalog.ServiceKinds), "active": boolean(),
		"position": obj{"type": "integer"}, "version": obj{"type": "integer", "minimum": 1}, "updated_at": orNull(stamp3339()),
		"activities": array(ref("Activity"))}
	serviceIn := without(service, "id", "position", "version", "updated_at", "activities")
	step := merge(activity, obj{"next_due": orNull(obj{"type": "string", "format": "date", "description": "The next due date on the member's pay calendar"})})
	whoService := obj{"id": id(""), "area_id": id(""), "area_name": ref("Text"), "code": str(""), "name": ref("Text"),
		"kind": enumOf("", catalog.ServiceKinds), "included": obj{"type": "boolean", "description": "The member's agreement includes it"},
		"steps": array(ref("WhoStep"))}
	who := obj{"member_id": orNull(id("")), "member_name": orNull(str("")), "pay_day": obj{"type": "integer", "description": "0: the last banking day"},
		"cutoff_day": obj{"type": "integer"}, "from_agreement": boolean(), "today": calendarDay(),
		"next_payday": orNull(calendarDay()), "next_cutoff": orNull(calendarDay()), "services": array(ref("WhoService"))}
	version := versionSchema()
	versionIn := without(version, "id", "agreement_id", "member_id", "number", "status", "order_id", "created_at", "updated_at", "approved_at", "superseded_at")
	versionIn["targets"] = array(ref("TargetInput"))
	versionIn["extra_services"] = array(ref("ExtraServiceInput"))
	agreement := obj{"id": id(""), "member_id": id(""), "member_name": str(""), "title": str(""), "revision_due": orNull(calendarDay()),
		"approved_version_id": orNull(id("The version in force")), "has_draft": boolean(), "created_at": stamp3339(),
		"versions": array(ref("AgreementVersionRef"))}
	versionRef := obj{"id": id(""), "number": obj{"type": "integer"}, "status": enumOf("", catalog.Statuses), "valid_from": calendarDay(),
		"valid_to": orNull(calendarDay()), "changes": str(""), "approved_at": orNull(stamp3339())}
	order := orderSchema()
	event := obj{"at": stamp3339(), "actor_id": orNull(id("")), "actor_name": str(""), "action": str("submit or an action"),
		"from": orNull(enumOf("", orders.States)), "to": enumOf("", orders.States), "note": str(""), "amount": orNull(obj{"type": "integer"})}
	detail := merge(order, obj{"quote_threshold": obj{"type": "integer", "description": "Minor units: above it a written quote is required"},
		"quote_required": boolean(), "next_actions": array(enumOf("", orders.Actions)), "events": array(ref("OrderEvent"))})
	target := obj{"code": str(""), "name": str(""), "service_id": orNull(id("")), "counted": str("What is counted"),
		"period": enumOf("", catalog.Periods), "comparator": enumOf("", catalog.Comparators),
		"value": obj{"type": "integer", "minimum": 0, "description": "Hundredths of the unit: 9950 is 99.50 %"},
		"unit":  enumOf("", catalog.Units), "centre_errors_only": obj{"type": "boolean", "description": "Only the centre's own errors count"}}
	extra := obj{"service_id": orNull(id("A catalogue service, or null")), "description": str(""), "since": orNull(calendarDay()),
		"order_id": orNull(id("The order that added it"))}
	return obj{
		"Text":                  text,
		"ServiceArea":           object(all(area), area),
		"ServiceAreaInput":      object([]string{"code", "name"}, without(area, "id", "position")),
		"ServiceAreaPatch":      object([]string{}, without(area, "id", "position")),
		"ServiceAreaList":       listOfSchema("ServiceArea"),
		"Deadline":              deadline,
		"Activity":              object(all(activity), activity),
		"ActivityInput":         object([]string{"name", "responsible"}, activityIn),
		"ActivityPatch":         object([]string{}, activityIn),
		"Service":               object(all(service), service),
		"ServiceInput":          object([]string{"area_id", "code", "name"}, serviceIn),
		"ServicePatch":          object([]string{}, serviceIn),
		"ServiceList":           listOfSchema("Service"),
		"ServiceVersion":        object([]string{"version", "change", "changed_by", "actor_name", "changed_at", "service"}, obj{"version": obj{"type": "integer"}, "change": str(""), "changed_by": orNull(id("")), "actor_name": str(""), "changed_at": stamp3339(), "service": ref("Service")}),
		"ServiceVersionList":    listOfSchema("ServiceVersion"),
		"WhoStep":               object(all(step), step),
		"WhoService":            object(all(whoService), whoService),
		"WhoDoesWhat":           object(all(who), who),
		"Target":                object(all(target), target),
		"TargetInput":           object([]string{"code", "name", "counted", "period", "comparator", "value", "unit"}, target),
		"ExtraService":          object(all(extra), extra),
		"ExtraServiceInput":     object([]string{}, without(extra, "order_id")),
		"AgreementVersion":      object(all(version), version),
		"AgreementVersionRef":   object(all(versionRef), versionRef),
		"AgreementInput":        object([]string{"member_id", "title", "valid_from"}, merge(versionIn, obj{"member_id": id("")})),
		"AgreementVersionPatch": object([]string{}, versionIn),
		"DraftInput":            object([]string{}, obj{"changes": str("What the new version is to change")}),
		"Agreement":             object(all(agreement), agreement),
		"AgreementList":         listOfSchema("Agreement"),
		"VersionComparison": object([]string{"a", "b", "differences"}, obj{"a": ref("AgreementVersion"), "b": ref("AgreementVersion"),
			"differences": array(object([]string{"section", "item", "before", "after"}, obj{
				"section": enumOf("", []string{"terms", "services", "targets", "extra_services", "deviations", "signatories"}),
				"item":    str("The term or the item"), "before": orNull(str("null: added")), "after": orNull(str("null: removed"))}))}),
		"Order":       object(all(order), order),
		"OrderList":   listOfSchema("Order"),
		"OrderEvent":  object(all(event), event),
		"OrderDetail": object(all(detail), detail),
		"OrderInput": object([]string{"kind", "title", "description"}, obj{"kind": enumOf("", orders.Kinds),
			"service_id": orNull(id("The catalogue service; required for additional services and changes")),
			"title":      str(""), "description": str(""), "wanted_by": orNull(calendarDay())}),
		"OrderAction": object([]string{"action"}, obj{"action": enumOf("", orders.Actions),
			"amount":      obj{"type": "integer", "minimum": 1, "description": "Estimate and quote: the price in minor units (öre, øre)"},
			"text":        str("The estimate note, the written quote, the delivery note, or the reason (decline, cancel, send back)"),
			"valid_until": obj{"type": "string", "format": "date", "description": "Quote: the last day it is valid"}}),
	}
}

func versionSchema() obj {
	included := object([]string{"service_id", "note"}, obj{"service_id": id(""), "note": str("")})
	deviation := object([]string{"description", "action_plan", "ends_on"}, obj{"description": str(""), "action_plan": str(""), "ends_on": calendarDay()})
	signatory := object([]string{"side", "name", "title", "person_id", "signed_on"}, obj{"side": enumOf("", catalog.Sides), "name": str(""),
		"title": str(""), "person_id": orNull(id("")), "signed_on": orNull(calendarDay())})
	return obj{"id": id(""), "agreement_id": id(""), "member_id": id(""), "number": obj{"type": "integer", "minimum": 1},
		"status": enumOf("draft → approved → superseded", catalog.Statuses), "title": str(""), "valid_from": calendarDay(),
		"valid_to": orNull(calendarDay()), "binding_months": obj{"type": "integer", "minimum": 0, "maximum": 120},
		"notice_months": obj{"type": "integer", "minimum": 0, "maximum": 36},
		"pay_day":       obj{"type": "integer", "minimum": 0, "maximum": 28, "description": "0: the last banking day of the month"},
		"cutoff_day":    obj{"type": "integer", "minimum": 1, "maximum": 28},
		"services":      array(included), "targets": array(ref("Target")), "extra_services": array(ref("ExtraService")),
		"deviations": array(deviation), "signatories": array(signatory), "changes": str("What this version changed (the addendum)"),
		"order_id": orNull(id("The order whose acceptance made this addendum")), "created_at": stamp3339(), "updated_at": stamp3339(),
		"approved_at": orNull(stamp3339()), "superseded_at": orNull(stamp3339())}
}

func orderSchema() obj {
	return obj{"id": id(""), "reference": str("e.g. B2026-0012"), "member_id": id(""), "member_name": str(""),
		"kind":       enumOf("special: temporary; additional: lasting; change: to an existing service", orders.Kinds),
		"service_id": orNull(id("")), "service_name": obj{"type": []string{"object", "null"}, "additionalProperties": false, "required": []string{"sv", "da", "en"},
			"properties": obj{"sv": str(""), "da": str(""), "en": str("")}, "description": "The service's name, or null"}, "title": str(""), "description": str(""),
		"wanted_by": orNull(calendarDay()), "orderer_id": id(""), "orderer_name": str(""), "handler_id": orNull(id("")),
		"handler_name": orNull(str("")), "state": enumOf("", orders.States), "currency": enumOf("", []string{"SEK", "DKK"}),
		"amount":        orNull(obj{"type": "integer", "description": "The estimate or quoted price in minor units; null before the centre prices it"}),
		"estimate_note": str(""), "quote": orNull(str("The written quote")), "quote_valid_until": orNull(calendarDay()),
		"quoted_at": orNull(stamp3339()), "delivery_note": str(""), "delivered_at": orNull(stamp3339()),
		"decided_at": orNull(stamp3339()), "approved_at": orNull(stamp3339()), "reason": str("Why it was declined, cancelled or sent back"),
		"agreement_version_id": orNull(id("The addendum its acceptance made")), "created_at": stamp3339(), "updated_at": stamp3339()}
}
