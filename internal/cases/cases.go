// Package cases is the domain of the centre's cases (ärenden): what a case
// is, its registration number, the statuses it moves through, what each type
// of case needs, its timeline and how it is routed to a team. It is pure: no
// I/O, every rule testable on its own.
package cases

import (
	"slices"
	"time"
)

// Channel is how a case reached the centre.
type Channel string

const (
	Phone    Channel = "phone"
	Email    Channel = "email"
	WebForm  Channel = "web_form"
	Portal   Channel = "portal"
	WalkIn   Channel = "walk_in"
	Internal Channel = "internal"
)

// Channels lists every channel.
var Channels = []Channel{Phone, Email, WebForm, Portal, WalkIn, Internal}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { return slices.Contains(Channels, c) }

// Type is what the member asks for.
type Type string

const (
	Question        Type = "question"
	Order           Type = "order"
	Correction      Type = "correction"
	ErrorReport     Type = "error_report"
	Complaint       Type = "complaint"
	ChangeRequest   Type = "change_request"
	DocumentRequest Type = "document_request"
)

// Types lists every type.
var Types = []Type{Question, Order, Correction, ErrorReport, Complaint, ChangeRequest, DocumentRequest}

// Valid reports whether t is a known type.
func (t Type) Valid() bool { return slices.Contains(Types, t) }

// Priority is how urgent a case is.
type Priority string

const (
	Low    Priority = "low"
	Normal Priority = "normal"
	High   Priority = "high"
	Urgent Priority = "urgent"
)

// Priorities lists the priorities from lowest to highest.
var Priorities = []Priority{Low, Normal, High, Urgent}

// Valid reports whether p is a known priority.
func (p Priority) Valid() bool { return slices.Contains(Priorities, p) }

// Rank orders priorities: low 0, normal 1, high 2, urgent 3 (-1 unknown).
func (p Priority) Rank() int { return slices.Index(Priorities, p) }

// PriorityOfRank is the inverse of Rank; unknown ranks are Normal.
func PriorityOfRank(r int) Priority {
	if r < 0 || r >= len(Priorities) {
		return Normal
	}
	return Priorities[r]
}

// Line is the support line that holds a case.
type Line string

const (
	FirstLine  Line = "first"
	SecondLine Line = "second"
)

// Valid reports whether l is a known line.
func (l Line) Valid() bool { return l == FirstLine || l == SecondLine }

// Case is one matter the centre handles, from whatever channel it came.
type Case struct {
	ID        int64
	Reference string // the registration number, e.g. 2026-000123
	Year      int
	Seq       int64

	MemberID    int64
	UnitID      int64 // 0 when not known
	RequesterID int64 // the person the case is for
	FiledByID   int64 // the substitute who filed it for the requester, else 0

	Channel      Channel
	ServiceID    int64 // 0 when not yet classified
	Type         Type
	Priority     Priority
	Status       Status
	TeamID       int64
	AssigneeID   int64
	Line         Line
	Tags         []string
	Confidential bool
	// Automated is set when the opening message was an auto-reply or bulk
	// mail: such cases are never answered automatically.
	Automated bool
	Subject   string
	Details   map[string]string // the fields the case's type asks for

	ReceivedAt      time.Time // may be before CreatedAt (phone notes, back-registered mail)
	CreatedAt       time.Time
	UpdatedAt       time.Time
	FirstResponseAt time.Time // zero until the first external reply
	ResolvedAt      time.Time
	ClosedAt        time.Time
	MergedInto      int64 // the case this duplicate was merged into, else 0
}

// Open reports whether the case still needs work (not resolved or closed).
func (c Case) Open() bool { return c.Status.Open() }

// Names is a text in the three languages of the user interface.
type Names struct {
	SV, DA, EN string
}

// In returns the text in lang (sv, da or en), falling back to Swedish.
func (n Names) In(lang string) string {
	switch {
	case lang == "da" && n.DA != "":
		return n.DA
	case lang == "en" && n.EN != "":
		return n.EN
	}
	return n.SV
}

// Service is one of the centre's services a case is about, within a
// service area (tjänsteområde).
type Service struct {
	ID       int64
	Code     string
	AreaCode string
	Area     Names
	Name     Names
	Active   bool
}
