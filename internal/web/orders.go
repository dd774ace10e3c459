package web

import (
	"net/http"
	"net/url"
	"strings"

	"samverkan/internal/app"
	"samverkan/internal/catalog"
	"samverkan/internal/fault"
	"samverkan/internal/orders"
)

type ordersPage struct {
	Items    []app.OrderView
	Next     string
	First    string
	States   []option
	Kinds    []option
	CanOrder bool
	Notices  []app.Notice
}

func (s *server) orders(w http.ResponseWriter, r *http.Request, v *visit) error {
	q := r.URL.Query()
	f := newForm(q)
	oq := app.OrderQuery{State: orders.State(q.Get("state")), Kind: orders.Kind(q.Get("kind")), Open: q.Get("open") == "on",
		PageRequest: app.PageRequest{Cursor: q.Get("cursor")}}
	if oq.State != "" && !contains(orders.States, oq.State) {
		f.addError("state", v.T("orders.bad_filter"))
		oq.State = ""
	}
	if oq.Kind != "" && !contains(orders.Kinds, oq.Kind) {
		f.addError("kind", v.T("orders.bad_filter"))
		oq.Kind = ""
	}
	page, err := s.app.ListOrders(r.Context(), v.actor, oq)
	if err != nil {
		return err
	}
	d := ordersPage{Items: page.Items, Next: nextURL(r, page.NextCursor), First: firstURL(r), CanOrder: s.app.CanOrder(v.actor) == nil,
		States: append([]option{{Value: "", Label: v.T("form.all")}}, enumOptions(v, "order_state", orders.States, false)...),
		Kinds:  append([]option{{Value: "", Label: v.T("form.all")}}, enumOptions(v, "order_kind", orders.Kinds, false)...)}
	if d.Notices, err = s.app.OrderNotices(r.Context(), v.actor); err != nil {
		return err
	}
	if len(d.Notices) > 5 {
		d.Notices = d.Notices[:5]
	}
	return s.show(w, r, v, http.StatusOK, "orders", &view{Title: v.T("orders.title"), Section: "orders", Form: f, Data: d})
}

func contains[T comparable](set []T, x T) bool {
	for _, s := range set {
		if s == x {
			return true
		}
	}
	return false
}

type orderForm struct {
	Kinds    []option
	Services []option
}

// showOrderForm renders the order form, or for someone who may not order
// a page that says why.
func (s *server) showOrderForm(w http.ResponseWriter, r *http.Request, v *visit, status int, f *form) error {
	if err := s.app.CanOrder(v.actor); err != nil {
		return s.notOrderer(w, r, v, err)
	}
	services, err := s.catalogueServices(r.Context(), v.actor)
	if err != nil {
		return err
	}
	d := orderForm{Kinds: enumOptions(v, "order_kind", orders.Kinds, false),
		Services: []option{{Value: "", Label: v.T("orders.no_service")}}}
	for _, sv := range services {
		if !sv.Active {
			continue
		}
		group := v.T("orders.services_base")
		if sv.Kind == catalog.Additional {
			group = v.T("orders.services_additional")
		}
		d.Services = append(d.Services, option{Value: itoa(sv.ID), Label: sv.Name.In(v.lang), Group: group})
	}
	return s.show(w, r, v, status, "order_form", &view{Title: v.T("orders.new"), Section: "orders", Form: f, Data: d})
}

// notOrderer explains, with status 403, that only authorised orderers order.
func (s *server) notOrderer(w http.ResponseWriter, r *http.Request, v *visit, err error) error {
	if fault.KindOf(err) != fault.Forbidden {
		return err
	}
	p := errorPage{Status: http.StatusForbidden, Heading: v.T("fault.forbidden.heading"), Message: v.T("orders.not_orderer")}
	return s.show(w, r, v, http.StatusForbidden, "error", &view{Title: p.Heading, Section: "orders", Data: p})
}

func (s *server) orderNew(w http.ResponseWriter, r *http.Request, v *visit) error {
	q := r.URL.Query()
	f := newForm(url.Values{"kind": {q.Get("kind")}, "service_id": {q.Get("service_id")}})
	if f.Get("kind") == "" {
		f.Values.Set("kind", string(orders.Special))
	}
	return s.showOrderForm(w, r, v, http.StatusOK, f)
}

func (s *server) orderCreate(w http.ResponseWriter, r *http.Request, v *visit) error {
	f := newForm(postForm(r))
	wanted := dateOf(f.Get("wanted_by"))
	if f.Get("wanted_by") != "" && wanted.IsZero() {
		f.addError("wanted_by", v.T("error.date"))
		return s.showOrderForm(w, r, v, http.StatusUnprocessableEntity, f)
	}
	o, err := s.app.PlaceOrder(r.Context(), v.actor, app.NewOrder{Kind: orders.Kind(f.Get("kind")), ServiceID: idOf(f.Get("service_id")),
		Title: f.Get("title"), Description: f.Get("description"), WantedBy: wanted})
	if f.take(v.lang, err) {
		return s.showOrderForm(w, r, v, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return s.notOrderer(w, r, v, err)
	}
	return seeOther(w, r, "/orders/"+itoa(o.ID)+"?done=ordered")
}

type orderPage struct {
	app.OrderDetail
	Agreement int64 // the agreement the addendum belongs to
}

// Can reports whether action is one the reader may take now.
func (p orderPage) Can(action string) bool { return contains(p.Next, orders.Action(action)) }

// Confirms lists the steps the reader may take that need only a button.
func (p orderPage) Confirms() []string { return p.allowed(orders.Accept, orders.Approve) }

// WithText lists the steps the reader may take that carry a text.
func (p orderPage) WithText() []string {
	return p.allowed(orders.Deliver, orders.Decline, orders.RejectDelivery, orders.Cancel)
}

func (p orderPage) allowed(as ...orders.Action) []string {
	var out []string
	for _, a := range as {
		if contains(p.Next, a) {
			out = append(out, string(a))
		}
	}
	return out
}

func (s *server) showOrder(w http.ResponseWriter, r *http.Request, v *visit, status int, id int64, f *form) error {
	d, err := s.app.Order(r.Context(), v.actor, id)
	if err != nil {
		return err
	}
	p := orderPage{OrderDetail: d}
	if d.AgreementVersionID != 0 {
		if ver, err := s.app.AgreementVersion(r.Context(), v.actor, d.AgreementVersionID); err == nil {
			p.Agreement = ver.AgreementID
		}
	}
	return s.show(w, r, v, status, "order", &view{Title: d.Reference + " " + d.Title, Section: "orders", Form: f, Data: p})
}

func (s *server) order(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.showOrder(w, r, v, http.StatusOK, id, newForm(nil))
}

// orderAction takes a step of an order. A refusal that is the reader's to
// fix (invalid input, or a step the order's state or a missing quote
// forbids) is shown on the order's page with its reason.
func (s *server) orderAction(w http.ResponseWriter, r *http.Request, v *visit) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(postForm(r))
	step := orders.Step{Action: orders.Action(f.Get("action")), Text: f.Get("text")}
	if a := strings.TrimSpace(f.Get("amount")); a != "" {
		if step.Amount, err = orders.ParseAmount("amount", a); err != nil {
			f.take(v.lang, err)
			return s.showOrder(w, r, v, http.StatusUnprocessableEntity, id, f)
		}
	}
	if vu := f.Get("valid_until"); vu != "" {
		if step.ValidUntil = dateOf(vu); step.ValidUntil.IsZero() {
			f.addError("valid_until", v.T("error.date"))
			return s.showOrder(w, r, v, http.StatusUnprocessableEntity, id, f)
		}
	}
	_, err = s.app.AdvanceOrder(r.Context(), v.actor, id, step)
	if f.take(v.lang, err) {
		return s.showOrder(w, r, v, http.StatusUnprocessableEntity, id, f)
	}
	if e, ok := fault.As(err); ok && e.Kind == fault.Conflict {
		for _, fe := range e.Fields {
			f.Summary = append(f.Summary, formError{Message: fieldMessage(v.lang, fe)})
		}
		if len(e.Fields) == 0 {
			f.Summary = append(f.Summary, formError{Message: v.T("fault.conflict")})
		}
		return s.showOrder(w, r, v, http.StatusConflict, id, f)
	}
	if err != nil {
		return err
	}
	return seeOther(w, r, "/orders/"+itoa(id)+"?done=order_"+string(step.Action))
}
