package api

// routes registers every endpoint of the API, each documented in
// openapi.go (a test checks that the two agree). Only the OpenAPI document
// is public; everything else needs a bearer token.
func (s *server) routes() {
	s.public("GET /api/v1/openapi.json", s.openapi)
	s.public("GET /api/v1/calendar/holidays", s.calendarHolidays)
	s.public("GET /api/v1/calendar/add", s.calendarAdd)

	s.handle("GET /api/v1/me", s.me)
	s.handle("GET /api/v1/centre", s.getCentre)
	s.handle("PATCH /api/v1/centre", s.patchCentre)

	s.handle("GET /api/v1/members", s.listMembers)
	s.handle("POST /api/v1/members", s.createMember)
	s.handle("GET /api/v1/members/{id}", s.getMember)
	s.handle("PATCH /api/v1/members/{id}", s.patchMember)

	s.handle("GET /api/v1/units", s.listUnits)
	s.handle("POST /api/v1/units", s.createUnit)
	s.handle("GET /api/v1/units/{id}", s.getUnit)
	s.handle("PATCH /api/v1/units/{id}", s.patchUnit)

	s.handle("GET /api/v1/teams", s.listTeams)
	s.handle("POST /api/v1/teams", s.createTeam)
	s.handle("GET /api/v1/teams/{id}", s.getTeam)
	s.handle("PATCH /api/v1/teams/{id}", s.patchTeam)
	s.handle("PUT /api/v1/teams/{id}/members/{person_id}", s.addTeamMember)
	s.handle("DELETE /api/v1/teams/{id}/members/{person_id}", s.removeTeamMember)
	s.handle("PUT /api/v1/teams/{id}/units", s.setTeamUnits)

	s.handle("GET /api/v1/people", s.listPeople)
	s.handle("POST /api/v1/people", s.createPerson)
	s.handle("GET /api/v1/people/{id}", s.getPerson)
	s.handle("PATCH /api/v1/people/{id}", s.patchPerson)

	s.handle("GET /api/v1/substitutes", s.listSubstitutes)
	s.handle("POST /api/v1/substitutes", s.createSubstitute)
	s.handle("DELETE /api/v1/substitutes/{id}", s.deleteSubstitute)

	s.handle("GET /api/v1/tokens", s.listTokens)
	s.handle("POST /api/v1/tokens", s.createToken)
	s.handle("DELETE /api/v1/tokens/{id}", s.deleteToken)

	s.handle("GET /api/v1/audit", s.listAudit)
}
