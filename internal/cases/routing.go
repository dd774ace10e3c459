package cases

import (
	"strings"
	"time"

	"samverkan/internal/fault"
)

// Rule routes the cases it matches to a team. A zero field matches
// anything; UnitID matches the unit and every unit below it. Rules are
// tried in Position order and the first match wins.
type Rule struct {
	ID        int64
	Position  int
	Name      string
	MemberID  int64
	UnitID    int64
	ServiceID int64
	Type      Type
	TeamID    int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Normalise validates the rule's own fields; whether the member, unit,
// service and team exist is the caller's question.
func (r Rule) Normalise() (Rule, error) {
	var fs fault.Fields
	r.Name = OneLine(r.Name)
	if len(r.Name) > 200 {
		fs.Add("name", "too_long", "the name is at most 200 characters")
	}
	if r.TeamID == 0 {
		fs.Add("team_id", "required", "choose the team the rule sends cases to")
	}
	if r.Type != "" && !r.Type.Valid() {
		fs.Add("type", "type", "type must be empty (any) or one of "+typeList())
	}
	return r, fs.Err()
}

func typeList() string {
	s := make([]string, len(Types))
	for i, t := range Types {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// Target is what routing looks at in a case.
type Target struct {
	MemberID  int64
	UnitPath  []int64 // the case's unit and its ancestors, nearest first
	ServiceID int64
	Type      Type
}

// Matches reports whether the rule applies to t.
func (r Rule) Matches(t Target) bool {
	if r.MemberID != 0 && r.MemberID != t.MemberID {
		return false
	}
	if r.ServiceID != 0 && r.ServiceID != t.ServiceID {
		return false
	}
	if r.Type != "" && r.Type != t.Type {
		return false
	}
	if r.UnitID != 0 && !contains(t.UnitPath, r.UnitID) {
		return false
	}
	return true
}

// Route returns the first rule, in Position order, that matches t.
func Route(rules []Rule, t Target) (Rule, bool) {
	var best Rule
	found := false
	for _, r := range rules {
		if r.Matches(t) && (!found || r.Position < best.Position || (r.Position == best.Position && r.ID < best.ID)) {
			best, found = r, true
		}
	}
	return best, found
}

// UnitPath lists unit and its ancestors, nearest first, from a map of each
// unit to its parent (0 for a root). It stops at a loop.
func UnitPath(unit int64, parentOf map[int64]int64) []int64 {
	var path []int64
	for u := unit; u != 0 && !contains(path, u) && len(path) <= len(parentOf); u = parentOf[u] {
		path = append(path, u)
	}
	return path
}

// OwnerTeam finds the team that serves a case's unit: the team owning the
// nearest unit on the path (the unit itself, else its parent, …). owners
// maps a unit to the teams that serve it; where several do, the one with the
// lowest id wins so the answer is stable.
func OwnerTeam(unitPath []int64, owners map[int64][]int64) (int64, bool) {
	for _, u := range unitPath {
		teams := owners[u]
		if len(teams) == 0 {
			continue
		}
		best := teams[0]
		for _, t := range teams[1:] {
			best = min(best, t)
		}
		return best, true
	}
	return 0, false
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
