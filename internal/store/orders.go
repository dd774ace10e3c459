package store

import (
	"context"
	"database/sql"
	"time"

	"samverkan/internal/catalog"
	"samverkan/internal/orders"
)

// OrderView is an order with the names shown beside it.
type OrderView struct {
	orders.Order
	MemberName  string
	ServiceName catalog.Text
	OrdererName string
	HandlerName string
}

const orderCols = `o.id, o.reference, o.member_id, o.kind, o.service_id, o.title, o.description, o.wanted_by, o.orderer_id, o.handler_id,
	o.state, o.currency, o.amount, o.estimate_note, o.quote, o.quote_valid_until, o.quoted_at, o.delivery_note, o.delivered_at,
	o.decided_at, o.approved_at, o.reason, o.agreement_version_id, o.created_at, o.updated_at,
	m.name, COALESCE(s.name_sv, ''), COALESCE(s.name_da, ''), COALESCE(s.name_en, ''), p.name, COALESCE(h.name, '')`

const orderFrom = ` FROM orders o JOIN members m ON m.id = o.member_id JOIN people p ON p.id = o.orderer_id
	LEFT JOIN services s ON s.id = o.service_id LEFT JOIN people h ON h.id = o.handler_id`

func scanOrder(row interface{ Scan(...any) error }) (OrderView, error) {
	var v OrderView
	o := &v.Order
	var service, handler, version sql.NullInt64
	var wanted, validUntil, quoted, delivered, decided, approved sql.NullTime
	err := row.Scan(&o.ID, &o.Reference, &o.MemberID, &o.Kind, &service, &o.Title, &o.Description, &wanted, &o.OrdererID, &handler,
		&o.State, &o.Currency, &o.Amount, &o.EstimateNote, &o.Quote, &validUntil, &quoted, &o.DeliveryNote, &delivered,
		&decided, &approved, &o.Reason, &version, &o.CreatedAt, &o.UpdatedAt,
		&v.MemberName, &v.ServiceName.SV, &v.ServiceName.DA, &v.ServiceName.EN, &v.OrdererName, &v.HandlerName)
	o.ServiceID, o.HandlerID, o.AgreementVersionID = idOf(service), idOf(handler), idOf(version)
	o.WantedBy, o.QuoteValidUntil = dateOrZero(wanted), dateOrZero(validUntil)
	o.QuotedAt, o.DeliveredAt, o.DecidedAt, o.ApprovedAt = quoted.Time, delivered.Time, decided.Time, approved.Time
	return v, classify(err)
}

// OrderFilter narrows the order list, newest first.
type OrderFilter struct {
	MemberID int64
	State    orders.State
	Kind     orders.Kind
	Open     bool // only orders that still wait for someone
	Before   int64
	Limit    int
}

// ListOrders lists orders, newest first.
func (q *Queries) ListOrders(ctx context.Context, f OrderFilter) ([]OrderView, error) {
	var w where
	if f.MemberID != 0 {
		w.add("o.member_id = ?", f.MemberID)
	}
	if f.State != "" {
		w.add("o.state = ?", f.State)
	}
	if f.Kind != "" {
		w.add("o.kind = ?", f.Kind)
	}
	if f.Open {
		w.add("o.state NOT IN ('declined', 'approved', 'cancelled')")
	}
	if f.Before > 0 {
		w.add("o.id < ?", f.Before)
	}
	clause := w.page(Page{}, "o.id DESC")
	if f.Limit > 0 {
		clause += " LIMIT " + itoa(f.Limit)
	}
	rows, err := q.ex.QueryContext(ctx, `SELECT `+orderCols+orderFrom+clause, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OrderView
	for rows.Next() {
		v, err := scanOrder(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// GetOrder reads one order.
func (q *Queries) GetOrder(ctx context.Context, id int64) (OrderView, error) {
	return scanOrder(q.ex.QueryRowContext(ctx, `SELECT `+orderCols+orderFrom+` WHERE o.id = $1`, id))
}

// NextOrderNumber hands out the next order number of a year.
func (q *Queries) NextOrderNumber(ctx context.Context, year int) (int64, error) {
	var n int64
	err := q.ex.QueryRowContext(ctx, `INSERT INTO order_counters (year, last) VALUES ($1, 1)
		ON CONFLICT (year) DO UPDATE SET last = order_counters.last + 1 RETURNING last`, year).Scan(&n)
	return n, err
}

// CreateOrder inserts an order.
func (q *Queries) CreateOrder(ctx context.Context, o orders.Order) (orders.Order, error) {
	o.CreatedAt, o.UpdatedAt = utc(o.CreatedAt), utc(o.CreatedAt)
	err := q.ex.QueryRowContext(ctx, `INSERT INTO orders (reference, member_id, kind, service_id, title, description, wanted_by,
			orderer_id, state, currency, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
		o.Reference, o.MemberID, o.Kind, nullID(o.ServiceID), o.Title, o.Description, nullDate(o.WantedBy),
		o.OrdererID, o.State, o.Currency, o.CreatedAt).Scan(&o.ID)
	return o, classify(err)
}

// UpdateOrder writes what the steps of an order change.
func (q *Queries) UpdateOrder(ctx context.Context, o orders.Order) error {
	_, err := q.ex.ExecContext(ctx, `UPDATE orders SET handler_id = $1, state = $2, amount = $3, estimate_note = $4, quote = $5,
		quote_valid_until = $6, quoted_at = $7, delivery_note = $8, delivered_at = $9, decided_at = $10, approved_at = $11,
		reason = $12, agreement_version_id = $13, updated_at = $14 WHERE id = $15`,
		nullID(o.HandlerID), o.State, o.Amount, o.EstimateNote, o.Quote, nullDate(o.QuoteValidUntil), nullInstant(o.QuotedAt),
		o.DeliveryNote, nullInstant(o.DeliveredAt), nullInstant(o.DecidedAt), nullInstant(o.ApprovedAt), o.Reason,
		nullID(o.AgreementVersionID), utc(o.UpdatedAt), o.ID)
	return classify(err)
}

// AddOrderEvent records a step in an order's history.
func (q *Queries) AddOrderEvent(ctx context.Context, e orders.Event) error {
	_, err := q.ex.ExecContext(ctx, `INSERT INTO order_events (order_id, at, actor_id, actor_name, action, from_state, to_state, note, amount)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		e.OrderID, utc(e.At), nullID(e.ActorID), e.ActorName, e.Action, e.From, e.To, e.Note, e.Amount)
	return err
}

// OrderEvents lists an order's history, oldest first.
func (q *Queries) OrderEvents(ctx context.Context, orderID int64) ([]orders.Event, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT id, order_id, at, actor_id, actor_name, action, from_state, to_state, note, amount
		FROM order_events WHERE order_id = $1 ORDER BY id`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []orders.Event
	for rows.Next() {
		var e orders.Event
		var actor sql.NullInt64
		if err := rows.Scan(&e.ID, &e.OrderID, &e.At, &actor, &e.ActorName, &e.Action, &e.From, &e.To, &e.Note, &e.Amount); err != nil {
			return nil, err
		}
		e.ActorID = idOf(actor)
		out = append(out, e)
	}
	return out, rows.Err()
}

// RoleHolders lists the active people of a member (0: the centre) who
// hold role, at level when level is not "".
func (q *Queries) RoleHolders(ctx context.Context, memberID int64, role, level string) ([]int64, error) {
	return ids(ctx, q, `SELECT DISTINCT p.id FROM people p JOIN person_roles r ON r.person_id = p.id
		WHERE p.active AND COALESCE(p.member_id, 0) = $1 AND r.role = $2 AND ($3 = '' OR r.level = $3) ORDER BY p.id`,
		memberID, role, level)
}

// OrderCounts counts orders per state (for overviews); memberID 0 is all.
func (q *Queries) OrderCounts(ctx context.Context, memberID int64, since time.Time) (map[orders.State]int, error) {
	rows, err := q.ex.QueryContext(ctx, `SELECT state, COUNT(*) FROM orders WHERE ($1 = 0 OR member_id = $1) AND created_at >= $2
		GROUP BY state`, memberID, utc(since))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[orders.State]int{}
	for rows.Next() {
		var s orders.State
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		out[s] = n
	}
	return out, rows.Err()
}
