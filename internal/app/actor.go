package app

import (
	"slices"

	"samverkan/internal/org"
)

// Actor is whoever asks: a signed-in person (possibly acting for another as
// their substitute), an API token's owner, or the system itself (CLI, demo,
// background jobs).
type Actor struct {
	PersonID int64
	Name     string
	Email    string
	Language string
	// MemberID is the member the actor belongs to; 0 for centre staff.
	MemberID int64
	UnitID   int64
	// Grants are the roles in force: the principal's when acting for them.
	Grants  []org.Grant
	TeamIDs []int64
	// ActingFor is the principal when the actor acts as a substitute.
	ActingFor     int64
	ActingForName string
	System        bool
}

// SystemActor acts for the installation itself: the command line, the demo
// loader and background jobs. It may do everything a centre admin may.
func SystemActor(what string) Actor { return Actor{System: true, Name: what} }

// IsCentre reports whether the actor is on the centre's side.
func (a Actor) IsCentre() bool { return a.System || (a.PersonID != 0 && a.MemberID == 0) }

// Has reports whether the actor holds role r.
func (a Actor) Has(r org.Role) bool {
	if a.System {
		return r == org.Admin
	}
	return slices.ContainsFunc(a.Grants, func(g org.Grant) bool { return g.Role == r })
}

// IsAdmin reports whether the actor administers the centre.
func (a Actor) IsAdmin() bool { return a.System || (a.IsCentre() && a.Has(org.Admin)) }

// Acting reports whether a substitute is acting for someone.
func (a Actor) Acting() bool { return a.ActingFor != 0 }

// seesMember reports whether the actor may see data of member id.
func (a Actor) seesMember(id int64) bool { return a.IsCentre() || (id != 0 && id == a.MemberID) }
