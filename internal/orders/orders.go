// Package orders is how members order special and additional services
// from the centre. A member's authorised orderer orders; the centre
// estimates, or above a threshold writes a quote the orderer accepts or
// declines; the centre delivers; the orderer approves the delivery. Money
// is integer minor units (öre, øre), never floats. The package is pure:
// the use cases in package app decide who may take which step.
package orders

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"samverkan/internal/fault"
)

// Kind is what is ordered.
type Kind string

const (
	// Special services are temporary: a one-off report, a migration.
	Special Kind = "special"
	// Additional services last: an add-on from the catalogue.
	Additional Kind = "additional"
	// Change is a change to a service the member already has; it is
	// handled on the tactical level.
	Change Kind = "change"
)

var Kinds = []Kind{Special, Additional, Change}

// AmendsAgreement reports whether accepting an order of kind k makes an
// addendum to the member's agreement.
func (k Kind) AmendsAgreement() bool { return k == Additional || k == Change }

// State is where an order is.
type State string

const (
	Submitted State = "submitted" // ordered, waiting for the centre
	Estimated State = "estimated" // the centre sent an estimate
	Quoted    State = "quoted"    // the centre sent a written quote
	Accepted  State = "accepted"  // the orderer accepted; the centre works
	Declined  State = "declined"  // the orderer declined the estimate or quote
	Delivered State = "delivered" // the centre delivered; the orderer checks
	Approved  State = "approved"  // the orderer approved the delivery
	Cancelled State = "cancelled" // withdrawn before acceptance
)

var States = []State{Submitted, Estimated, Quoted, Accepted, Declined, Delivered, Approved, Cancelled}

// Open reports whether the order still waits for someone.
func (s State) Open() bool { return !slices.Contains([]State{Declined, Approved, Cancelled}, s) }

// Side is the party that takes a step.
type Side string

const (
	CentreSide Side = "centre"
	MemberSide Side = "member"
)

// Action is a step of an order.
type Action string

const (
	Estimate       Action = "estimate"        // centre: an estimate (sent by e-mail)
	Quote          Action = "quote"           // centre: a written quote
	Accept         Action = "accept"          // orderer
	Decline        Action = "decline"         // orderer
	Deliver        Action = "deliver"         // centre
	Approve        Action = "approve"         // orderer: the delivery is fine
	RejectDelivery Action = "reject_delivery" // orderer: the delivery is not fine yet
	Cancel         Action = "cancel"          // either side, before acceptance
)

var Actions = []Action{Estimate, Quote, Accept, Decline, Deliver, Approve, RejectDelivery, Cancel}

type rule struct {
	from []State
	to   State
	side Side // "" either side
}

var rules = map[Action]rule{
	Estimate:       {[]State{Submitted, Estimated, Quoted}, Estimated, CentreSide},
	Quote:          {[]State{Submitted, Estimated, Quoted}, Quoted, CentreSide},
	Accept:         {[]State{Estimated, Quoted}, Accepted, MemberSide},
	Decline:        {[]State{Estimated, Quoted}, Declined, MemberSide},
	Deliver:        {[]State{Accepted}, Delivered, CentreSide},
	Approve:        {[]State{Delivered}, Approved, MemberSide},
	RejectDelivery: {[]State{Delivered}, Accepted, MemberSide},
	Cancel:         {[]State{Submitted, Estimated, Quoted}, Cancelled, ""},
}

// SideOf is the side that takes action a ("" for either).
func SideOf(a Action) Side { return rules[a].side }

// Order is one order of a member.
type Order struct {
	ID          int64
	Reference   string // e.g. B2026-0012
	MemberID    int64
	Kind        Kind
	ServiceID   int64 // the catalogue service; 0 for a special service outside it
	Title       string
	Description string
	WantedBy    time.Time // a date; zero when not given
	OrdererID   int64
	HandlerID   int64 // the centre's person who estimated or quoted
	State       State
	Currency    string
	// Amount is the estimate or quoted price in minor units (öre, øre).
	Amount          int64
	EstimateNote    string
	Quote           string    // the written quote; "" when none was given
	QuoteValidUntil time.Time // a date
	QuotedAt        time.Time
	DeliveryNote    string
	DeliveredAt     time.Time
	DecidedAt       time.Time // accepted or declined
	ApprovedAt      time.Time
	Reason          string // why it was declined, cancelled or sent back
	// AgreementVersionID is the addendum the acceptance made.
	AgreementVersionID int64
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Limits on order texts.
const (
	MaxTitle  = 200
	MaxText   = 8000
	MaxAmount = 100_000_000_000 // one billion in major units
)

// Normalise validates a new order as the orderer sends it.
func (o Order) Normalise() (Order, error) {
	var fs fault.Fields
	o.Title, o.Description = strings.TrimSpace(o.Title), strings.TrimSpace(o.Description)
	if !slices.Contains(Kinds, o.Kind) {
		fs.Add("kind", "order_kind", "kind must be special, additional or change")
	}
	if o.Kind.AmendsAgreement() && o.ServiceID == 0 {
		fs.Add("service_id", "required", "choose the service from the catalogue")
	}
	if o.Title == "" {
		fs.Add("title", "required", "say briefly what you order")
	} else if utf8.RuneCountInString(o.Title) > MaxTitle {
		fs.Add("title", "too_long", fmt.Sprintf("the title is at most %d characters", MaxTitle))
	}
	if o.Description == "" {
		fs.Add("description", "required", "describe what you need")
	} else if utf8.RuneCountInString(o.Description) > MaxText {
		fs.Add("description", "too_long", fmt.Sprintf("the description is at most %d characters", MaxText))
	}
	return o, fs.Err()
}

// NeedsQuote reports whether an amount is above the threshold above which
// a written quote is required.
func NeedsQuote(amount, threshold int64) bool { return amount > threshold }

// Step is an action with what it carries.
type Step struct {
	Action     Action
	Amount     int64     // estimate and quote
	Text       string    // the estimate note, quote, delivery note or reason
	ValidUntil time.Time // quote: a date
}

// Apply takes step s on o for side at now (today is now's date in the
// centre's zone, as UTC midnight). threshold is the quote threshold in
// the order's currency. It returns the order after the step, or why the
// step cannot be taken: Conflict when the state or a missing quote
// forbids it, Invalid when the step's own input is wrong.
func Apply(o Order, side Side, s Step, threshold int64, now, today time.Time) (Order, error) {
	r, ok := rules[s.Action]
	if !ok {
		return o, fault.Field("action", "order_action", "unknown action")
	}
	if r.side != "" && r.side != side {
		who := map[Side]string{CentreSide: "the centre", MemberSide: "the orderer"}[r.side]
		return o, fault.Forbiddenf("only %s may %s an order", who, strings.ReplaceAll(string(s.Action), "_", " "))
	}
	if !slices.Contains(r.from, o.State) {
		return o, &fault.Error{Kind: fault.Conflict, Message: fmt.Sprintf("order %s is %s: it cannot be %s now", o.Reference, o.State, pastTense[s.Action]),
			Fields: []fault.FieldError{{Field: "action", Code: "order_state", Detail: fmt.Sprintf("the order is %s", o.State)}}}
	}
	text := strings.TrimSpace(s.Text)
	if utf8.RuneCountInString(text) > MaxText {
		return o, fault.Field("text", "too_long", fmt.Sprintf("at most %d characters", MaxText))
	}
	switch s.Action {
	case Estimate:
		if err := checkAmount(s.Amount); err != nil {
			return o, err
		}
		o.Amount, o.EstimateNote, o.Quote, o.QuoteValidUntil, o.QuotedAt = s.Amount, text, "", time.Time{}, time.Time{}
	case Quote:
		var fs fault.Fields
		if err := checkAmount(s.Amount); err != nil {
			e, _ := fault.As(err)
			fs = append(fs, e.Fields...)
		}
		if text == "" {
			fs.Add("text", "required", "write the quote: what is delivered, when, and on which terms")
		}
		if s.ValidUntil.IsZero() {
			fs.Add("valid_until", "required", "the quote needs the last day it is valid")
		} else if s.ValidUntil.Before(today) {
			fs.Add("valid_until", "date_passed", "the quote would already have run out")
		}
		if err := fs.Err(); err != nil {
			return o, err
		}
		o.Amount, o.Quote, o.QuoteValidUntil, o.QuotedAt = s.Amount, text, s.ValidUntil, now
	case Accept:
		if NeedsQuote(o.Amount, threshold) && o.Quote == "" {
			return o, &fault.Error{Kind: fault.Conflict,
				Message: "this order is above the quote threshold: it can be accepted only after the centre sends a written quote",
				Fields: []fault.FieldError{{Field: "quote", Code: "quote_required",
					Detail: "the estimate is above the threshold, so a written quote is required before the order can be accepted"}}}
		}
		if o.Quote != "" && o.QuoteValidUntil.Before(today) {
			return o, &fault.Error{Kind: fault.Conflict, Message: "the quote has run out: ask the centre for a new one",
				Fields: []fault.FieldError{{Field: "quote", Code: "quote_expired", Detail: "the quote is no longer valid"}}}
		}
		o.DecidedAt = now
	case Decline, Cancel, RejectDelivery:
		if text == "" {
			return o, fault.Field("text", "reason_required", "give the reason")
		}
		o.Reason = text
		if s.Action == Decline {
			o.DecidedAt = now
		}
	case Deliver:
		o.DeliveryNote, o.DeliveredAt = text, now
	case Approve:
		o.ApprovedAt = now
	}
	o.State, o.UpdatedAt = r.to, now
	return o, nil
}

var pastTense = map[Action]string{Estimate: "estimated", Quote: "quoted", Accept: "accepted", Decline: "declined",
	Deliver: "delivered", Approve: "approved", RejectDelivery: "sent back", Cancel: "cancelled"}

func checkAmount(a int64) error {
	if a <= 0 || a > MaxAmount {
		return fault.Field("amount", "order_amount", "the amount must be more than zero (in öre or øre) and at most one billion")
	}
	return nil
}

// Next lists the actions side may take on an order in state s.
func Next(s State, side Side) []Action {
	var out []Action
	for _, a := range Actions {
		r := rules[a]
		if (r.side == "" || r.side == side) && slices.Contains(r.from, s) {
			out = append(out, a)
		}
	}
	return out
}

// Event is one step in an order's history.
type Event struct {
	ID        int64
	OrderID   int64
	At        time.Time
	ActorID   int64
	ActorName string
	Action    string // "submit" or an Action
	From, To  State
	Note      string
	Amount    int64
}
