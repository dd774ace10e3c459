package api

import (
	"net/http"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/orders"
)

// orderJSON is an order; amounts are integer minor units (öre, øre).
type orderJSON struct {
	ID                 int64        `json:"id"`
	Reference          string       `json:"reference"`
	MemberID           int64        `json:"member_id"`
	MemberName         string       `json:"member_name"`
	Kind               orders.Kind  `json:"kind"`
	ServiceID          *int64       `json:"service_id"`
	ServiceName        *textJSON    `json:"service_name"`
	Title              string       `json:"title"`
	Description        string       `json:"description"`
	WantedBy           *string      `json:"wanted_by"`
	OrdererID          int64        `json:"orderer_id"`
	OrdererName        string       `json:"orderer_name"`
	HandlerID          *int64       `json:"handler_id"`
	HandlerName        *string      `json:"handler_name"`
	State              orders.State `json:"state"`
	Currency           string       `json:"currency"`
	Amount             *int64       `json:"amount"`
	EstimateNote       string       `json:"estimate_note"`
	Quote              *string      `json:"quote"`
	QuoteValidUntil    *string      `json:"quote_valid_until"`
	QuotedAt           *string      `json:"quoted_at"`
	DeliveryNote       string       `json:"delivery_note"`
	DeliveredAt        *string      `json:"delivered_at"`
	DecidedAt          *string      `json:"decided_at"`
	ApprovedAt         *string      `json:"approved_at"`
	Reason             string       `json:"reason"`
	AgreementVersionID *int64       `json:"agreement_version_id"`
	CreatedAt          string       `json:"created_at"`
	UpdatedAt          string       `json:"updated_at"`
}

func orderOut(v app.OrderView, loc *time.Location) orderJSON {
	o := v.Order
	out := orderJSON{ID: o.ID, Reference: o.Reference, MemberID: o.MemberID, MemberName: v.MemberName, Kind: o.Kind,
		ServiceID: idOrNull(o.ServiceID), Title: o.Title, Description: o.Description, WantedBy: dayOrNull(o.WantedBy),
		OrdererID: o.OrdererID, OrdererName: v.OrdererName, HandlerID: idOrNull(o.HandlerID), HandlerName: textOrNull(v.HandlerName),
		State: o.State, Currency: o.Currency, EstimateNote: o.EstimateNote, Quote: textOrNull(o.Quote),
		QuoteValidUntil: dayOrNull(o.QuoteValidUntil), QuotedAt: stampOrNull(o.QuotedAt, loc), DeliveryNote: o.DeliveryNote,
		DeliveredAt: stampOrNull(o.DeliveredAt, loc), DecidedAt: stampOrNull(o.DecidedAt, loc), ApprovedAt: stampOrNull(o.ApprovedAt, loc),
		Reason: o.Reason, AgreementVersionID: idOrNull(o.AgreementVersionID), CreatedAt: stamp(o.CreatedAt, loc), UpdatedAt: stamp(o.UpdatedAt, loc)}
	if o.ServiceID != 0 {
		n := textOut(v.ServiceName)
		out.ServiceName = &n
	}
	if o.Amount != 0 {
		out.Amount = &o.Amount
	}
	return out
}

type orderEventJSON struct {
	At        string        `json:"at"`
	ActorID   *int64        `json:"actor_id"`
	ActorName string        `json:"actor_name"`
	Action    string        `json:"action"`
	From      *orders.State `json:"from"`
	To        orders.State  `json:"to"`
	Note      string        `json:"note"`
	Amount    *int64        `json:"amount"`
}

// orderDetailJSON is an order with its history, its quote threshold and
// the actions the caller may take now.
type orderDetailJSON struct {
	orderJSON
	QuoteThreshold int64            `json:"quote_threshold"`
	QuoteRequired  bool             `json:"quote_required"`
	NextActions    []orders.Action  `json:"next_actions"`
	Events         []orderEventJSON `json:"events"`
}

func orderDetailOut(d app.OrderDetail, loc *time.Location) orderDetailJSON {
	out := orderDetailJSON{orderJSON: orderOut(d.OrderView, loc), QuoteThreshold: d.Threshold, QuoteRequired: d.QuoteRequired,
		NextActions: append([]orders.Action{}, d.Next...), Events: []orderEventJSON{}}
	for _, e := range d.Events {
		ev := orderEventJSON{At: stamp(e.At, loc), ActorID: idOrNull(e.ActorID), ActorName: e.ActorName, Action: e.Action,
			From: textOrNull(e.From), To: e.To, Note: e.Note}
		if e.Amount != 0 {
			a := e.Amount
			ev.Amount = &a
		}
		out.Events = append(out.Events, ev)
	}
	return out
}

type orderInput struct {
	Kind        opt[orders.Kind] `json:"kind"`
	ServiceID   nullable[int64]  `json:"service_id"`
	Title       opt[string]      `json:"title"`
	Description opt[string]      `json:"description"`
	WantedBy    nullable[date]   `json:"wanted_by"`
}

type orderActionInput struct {
	Action     opt[orders.Action] `json:"action"`
	Amount     opt[int64]         `json:"amount"`
	Text       opt[string]        `json:"text"`
	ValidUntil opt[date]          `json:"valid_until"`
}

func (s *server) listOrders(w http.ResponseWriter, r *http.Request, by app.Actor) {
	q := queryOf(r)
	oq := app.OrderQuery{MemberID: q.id("member_id"), State: enum(q, "state", orders.States), Kind: enum(q, "kind", orders.Kinds),
		Open: q.flag("open"), PageRequest: q.page()}
	if err := q.err(); err != nil {
		s.problem(w, r, err)
		return
	}
	page, err := s.app.ListOrders(r.Context(), by, oq)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	loc := s.zone(r.Context())
	reply(w, http.StatusOK, listOf(page, func(o app.OrderView) orderJSON { return orderOut(o, loc) }))
}

func (s *server) getOrder(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	d, err := s.app.Order(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, orderDetailOut(d, s.zone(r.Context())))
}

func (s *server) createOrder(w http.ResponseWriter, r *http.Request, by app.Actor) {
	var in orderInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	o, err := s.app.PlaceOrder(r.Context(), by, app.NewOrder{Kind: in.Kind.V, ServiceID: in.ServiceID.V, Title: in.Title.V,
		Description: in.Description.V, WantedBy: in.WantedBy.V.Time})
	if err != nil {
		s.problem(w, r, err)
		return
	}
	d, err := s.app.Order(r.Context(), by, o.ID)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	created(w, "orders", o.ID, orderDetailOut(d, s.zone(r.Context())))
}

func (s *server) orderAction(w http.ResponseWriter, r *http.Request, by app.Actor) {
	id, err := pathID(r, "id")
	if err != nil {
		s.problem(w, r, err)
		return
	}
	var in orderActionInput
	if err := decode(r, &in); err != nil {
		s.problem(w, r, err)
		return
	}
	step := orders.Step{Action: in.Action.V, Amount: in.Amount.V, Text: in.Text.V, ValidUntil: in.ValidUntil.V.Time}
	if _, err := s.app.AdvanceOrder(r.Context(), by, id, step); err != nil {
		s.problem(w, r, err)
		return
	}
	d, err := s.app.Order(r.Context(), by, id)
	if err != nil {
		s.problem(w, r, err)
		return
	}
	reply(w, http.StatusOK, orderDetailOut(d, s.zone(r.Context())))
}
