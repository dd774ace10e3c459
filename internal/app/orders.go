package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"samverkan/internal/catalog"
	"samverkan/internal/fault"
	"samverkan/internal/orders"
	"samverkan/internal/org"
	"samverkan/internal/store"
)

// OrderView is an order with the names shown beside it.
type OrderView = store.OrderView

// OrderDetail is an order with its history, the quote threshold of its
// currency, and the actions the reader may take now.
type OrderDetail struct {
	OrderView
	Events    []orders.Event
	Threshold int64
	// QuoteRequired: the amount is above the threshold, so the order can
	// be accepted only on a written quote.
	QuoteRequired bool
	Next          []orders.Action
}

// OrderQuery filters the order list (newest first).
type OrderQuery struct {
	MemberID int64
	State    orders.State
	Kind     orders.Kind
	Open     bool
	PageRequest
}

// NewOrder is an order as the orderer places it.
type NewOrder struct {
	Kind        orders.Kind
	ServiceID   int64
	Title       string
	Description string
	WantedBy    time.Time // a date; optional
}

// errNotOrderer explains why someone without the orderer role may not order.
var errNotOrderer = fault.Forbiddenf("only the member's authorised orderers may order services: " +
	"ask your organisation's contact person to register you as an orderer")

// orderScope returns the member whose orders the actor sees (0: all) and
// the side the actor is on. Centre staff need WorkOrders; on the member
// side orderers and contact persons follow their member's orders.
func orderScope(by Actor) (int64, orders.Side, error) {
	switch {
	case by.System:
		return 0, orders.CentreSide, nil
	case by.PersonID == 0:
		return 0, "", fault.New(fault.Unauthenticated, "sign in first")
	case by.IsCentre():
		return 0, orders.CentreSide, by.require(WorkOrders)
	case by.Has(org.Orderer) || by.Has(org.Contact):
		return by.MemberID, orders.MemberSide, nil
	}
	return 0, "", fault.Forbiddenf("orders are placed and followed by the member's authorised orderers and contact persons; your role is neither")
}

// FollowsOrders reports whether the actor may see orders at all.
func FollowsOrders(by Actor) bool {
	_, _, err := orderScope(by)
	return err == nil
}

// ListOrders lists the orders the actor may see, newest first.
func (a *App) ListOrders(ctx context.Context, by Actor, oq OrderQuery) (Page[OrderView], error) {
	scope, _, err := orderScope(by)
	if err != nil {
		return Page[OrderView]{}, err
	}
	p, err := oq.storePage()
	if err != nil {
		return Page[OrderView]{}, err
	}
	f := store.OrderFilter{MemberID: oq.MemberID, State: oq.State, Kind: oq.Kind, Open: oq.Open, Before: p.After, Limit: p.Limit}
	if scope != 0 {
		if oq.MemberID != 0 && oq.MemberID != scope {
			return Page[OrderView]{}, nil
		}
		f.MemberID = scope
	}
	os, err := a.db.Read().ListOrders(ctx, f)
	return pageOf(os, p, func(o OrderView) int64 { return o.ID }), err
}

// Order reads an order with its history; another member's is "not found".
func (a *App) Order(ctx context.Context, by Actor, id int64) (OrderDetail, error) {
	scope, side, err := orderScope(by)
	if err != nil {
		return OrderDetail{}, err
	}
	q := a.db.Read()
	o, err := q.GetOrder(ctx, id)
	if err != nil || (scope != 0 && o.MemberID != scope) {
		return OrderDetail{}, fault.NotFoundf("order not found")
	}
	d := OrderDetail{OrderView: o}
	if d.Events, err = q.OrderEvents(ctx, id); err != nil {
		return d, err
	}
	if d.Threshold, err = a.quoteThreshold(ctx, o.Currency); err != nil {
		return d, err
	}
	d.QuoteRequired = orders.NeedsQuote(o.Amount, d.Threshold)
	if side == orders.CentreSide || by.Has(org.Orderer) {
		d.Next = orders.Next(o.State, side)
	}
	return d, nil
}

// CanOrder tells whether the actor may place orders (nil) or why not.
func (a *App) CanOrder(by Actor) error {
	if err := signedIn(by); err != nil {
		return err
	}
	if by.IsCentre() || !by.Has(org.Orderer) {
		return errNotOrderer
	}
	return nil
}

// PlaceOrder records an order of the actor's member. Only the member's
// authorised orderers may order; the centre is told at once.
func (a *App) PlaceOrder(ctx context.Context, by Actor, in NewOrder) (orders.Order, error) {
	if err := a.CanOrder(by); err != nil {
		return orders.Order{}, err
	}
	o, err := orders.Order{Kind: in.Kind, ServiceID: in.ServiceID, Title: in.Title, Description: in.Description,
		WantedBy: in.WantedBy}.Normalise()
	var fs fault.Fields
	if e, ok := fault.As(err); ok && e.Kind == fault.Invalid {
		fs = append(fs, e.Fields...)
	} else if err != nil {
		return o, err
	}
	today := a.today(ctx)
	if !o.WantedBy.IsZero() && o.WantedBy.Before(today) {
		fs.Add("wanted_by", "date_passed", "the date has passed")
	}
	centre, err := a.Centre(ctx)
	if err != nil {
		return o, err
	}
	now := a.now()
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		if o.ServiceID != 0 && !fs.Has("service_id") {
			s, err := q.CatalogService(ctx, o.ServiceID)
			switch {
			case errors.Is(err, store.ErrNotFound) || (err == nil && !s.Active):
				fs.Add("service_id", "catalogue_service_unknown", "there is no such service in the catalogue")
			case err != nil:
				return err
			case o.Kind == orders.Additional && s.Kind != catalog.Additional:
				fs.Add("service_id", "service_not_additional", "choose one of the catalogue's additional services")
			}
		}
		if err := fs.Err(); err != nil {
			return err
		}
		year := a.localNow(ctx).Year()
		seq, err := q.NextOrderNumber(ctx, year)
		if err != nil {
			return err
		}
		o.Reference = fmt.Sprintf("B%d-%04d", year, seq)
		o.MemberID, o.OrdererID, o.State, o.Currency, o.CreatedAt = by.MemberID, by.PersonID, orders.Submitted, centre.Currency, now
		if by.Acting() {
			o.OrdererID = by.ActingFor
		}
		if o, err = q.CreateOrder(ctx, o); err != nil {
			return err
		}
		o.UpdatedAt = o.CreatedAt
		if err := q.AddOrderEvent(ctx, orders.Event{OrderID: o.ID, At: now, ActorID: by.PersonID, ActorName: actorName(by),
			Action: "submit", To: orders.Submitted, Note: o.Description}); err != nil {
			return err
		}
		if err := a.notifyOrder(ctx, q, o, orders.MemberSide, "submit"); err != nil {
			return err
		}
		return a.audit(ctx, q, by, o.MemberID, "order", o.ID, "create", nil, o)
	})
	return o, err
}

// AdvanceOrder takes one step of an order: the centre estimates, quotes,
// delivers or cancels; the orderer accepts, declines, approves or sends
// back the delivery, or cancels. The other side is notified. Accepting an
// additional service or a change makes an addendum to the member's
// agreement.
func (a *App) AdvanceOrder(ctx context.Context, by Actor, id int64, step orders.Step) (orders.Order, error) {
	scope, side, err := orderScope(by)
	if err != nil {
		return orders.Order{}, err
	}
	now, today := a.now(), a.today(ctx)
	var o orders.Order
	err = a.db.InTx(ctx, func(q *store.Queries) error {
		v, err := q.GetOrder(ctx, id)
		if err != nil || (scope != 0 && v.MemberID != scope) {
			return fault.NotFoundf("order not found")
		}
		if side == orders.MemberSide && !by.Has(org.Orderer) {
			return fault.Forbiddenf("only the member's authorised orderers may decide on orders; contact persons may follow them")
		}
		threshold, err := a.quoteThreshold(ctx, v.Currency)
		if err != nil {
			return err
		}
		before := v.Order
		if o, err = orders.Apply(v.Order, side, step, threshold, now, today); err != nil {
			return err
		}
		if side == orders.CentreSide && (step.Action == orders.Estimate || step.Action == orders.Quote || o.HandlerID == 0) {
			o.HandlerID = by.PersonID
		}
		if step.Action == orders.Accept && o.Kind.AmendsAgreement() {
			if o.AgreementVersionID, err = a.addendum(ctx, q, by, o, v.ServiceName.SV); err != nil {
				return err
			}
		}
		if err := q.UpdateOrder(ctx, o); err != nil {
			return err
		}
		note := strings.TrimSpace(step.Text)
		if err := q.AddOrderEvent(ctx, orders.Event{OrderID: o.ID, At: now, ActorID: by.PersonID, ActorName: actorName(by),
			Action: string(step.Action), From: before.State, To: o.State, Note: note, Amount: step.Amount}); err != nil {
			return err
		}
		if err := a.notifyOrder(ctx, q, o, side, string(step.Action)); err != nil {
			return err
		}
		return a.audit(ctx, q, by, o.MemberID, "order", o.ID, string(step.Action), before, o)
	})
	return o, err
}

// notifyOrder tells the side that did not act: the orderer (and, for a
// change, the member's tactical contacts), or the centre's handler of the
// order (its administrators and team leads while nobody handles it).
func (a *App) notifyOrder(ctx context.Context, q *store.Queries, o orders.Order, actor orders.Side, action string) error {
	var to []int64
	if actor == orders.CentreSide {
		to = append(to, o.OrdererID)
		if o.Kind == orders.Change {
			ids, err := q.RoleHolders(ctx, o.MemberID, string(org.Contact), string(org.Tactical))
			if err != nil {
				return err
			}
			to = append(to, ids...)
		}
	} else if o.HandlerID != 0 {
		to = append(to, o.HandlerID)
	} else {
		for _, r := range []org.Role{org.Admin, org.TeamLead} {
			ids, err := q.RoleHolders(ctx, 0, string(r), "")
			if err != nil {
				return err
			}
			to = append(to, ids...)
		}
	}
	msg := fmt.Sprintf("Order %s (%s) is %s", o.Reference, o.Title, o.State)
	if action == "submit" {
		msg = fmt.Sprintf("New order %s: %s", o.Reference, o.Title)
	}
	if (action == string(orders.Estimate) || action == string(orders.Quote)) && o.Amount > 0 {
		msg += ": " + orders.FormatMoney(o.Amount, o.Currency, "en")
	}
	return a.notify(ctx, q, to, "order_"+action, msg)
}

// OrderSettings are the centre's rules for orders.
type OrderSettings struct {
	Currency string
	// QuoteThreshold in minor units: above it a written quote is required.
	QuoteThreshold int64
}

func thresholdKey(currency string) string {
	return "order_quote_threshold_" + strings.ToLower(currency)
}

// OrderSettings reads the centre's currency and quote threshold.
func (a *App) OrderSettings(ctx context.Context) (OrderSettings, error) {
	c, err := a.Centre(ctx)
	if err != nil {
		return OrderSettings{}, err
	}
	t, err := a.quoteThreshold(ctx, c.Currency)
	return OrderSettings{Currency: c.Currency, QuoteThreshold: t}, err
}

func (a *App) quoteThreshold(ctx context.Context, currency string) (int64, error) {
	v, err := a.db.Read().Setting(ctx, thresholdKey(currency))
	if err != nil || v == "" {
		return orders.DefaultThreshold[currency], err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return orders.DefaultThreshold[currency], nil
	}
	return n, nil
}

// SetQuoteThreshold sets the amount (minor units of the centre's
// currency) above which orders need a written quote.
func (a *App) SetQuoteThreshold(ctx context.Context, by Actor, amount int64) error {
	if err := by.require(ManageAgreements); err != nil {
		return err
	}
	if amount < 0 || amount > orders.MaxAmount {
		return fault.Field("quote_threshold", "order_amount", "the threshold must be zero or more")
	}
	c, err := a.Centre(ctx)
	if err != nil {
		return err
	}
	key := thresholdKey(c.Currency)
	return a.db.InTx(ctx, func(q *store.Queries) error {
		before, err := q.Setting(ctx, key)
		if err != nil {
			return err
		}
		if err := q.PutSetting(ctx, key, strconv.FormatInt(amount, 10)); err != nil {
			return err
		}
		return a.audit(ctx, q, by, 0, "setting", 0, "set", map[string]string{key: before}, map[string]int64{key: amount})
	})
}
