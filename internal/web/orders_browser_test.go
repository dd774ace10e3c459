package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"samverkan/internal/browsertest"
	"samverkan/internal/web"
)

// TestOrderFlowInBrowser is the "done when" in Chromium, every
// page checked with axe-core: the orderer orders an additional service,
// the centre quotes above the threshold, the orderer accepts, the centre
// delivers, the orderer approves, and the agreement has a new version
// with the addendum; a manager looks up what to do for a correction.
func TestOrderFlowInBrowser(t *testing.T) {
	b := browsertest.New(t)
	f := newFixture(t, web.Options{})
	c := setUpCatalogue(t, f)
	srv := httptest.NewServer(f.h)
	t.Cleanup(srv.Close)
	tab := b.Tab(t)
	br := &browser{t: t, tab: tab, base: srv.URL}

	br.signIn(f.people["orderer"].Email)
	br.open("/orders/new")
	br.axe("order form")
	br.step("place the order",
		chromedp.SetValue(chromedp.CSS("#f-kind"), "additional"),
		chromedp.SetValue(chromedp.CSS("#f-service-id"), fmt.Sprint(c.extra.ID)),
		chromedp.SetValue(chromedp.CSS("#f-title"), "Extra lönekörning för timavlönade"),
		chromedp.SetValue(chromedp.CSS("#f-description"), "Den 15:e varje månad"),
		chromedp.Click(chromedp.CSS(`form[action="/orders"] button[type="submit"]`)))
	order := br.eval(`location.pathname`)
	if !strings.HasPrefix(order, "/orders/") {
		t.Fatalf("after ordering the browser is at %s", order)
	}
	br.axe("order placed")

	br.signIn(f.people["admin"].Email)
	br.open(order)
	br.axe("order to quote")
	br.step("quote",
		chromedp.SetValue(chromedp.CSS("#f-amount"), "72 500"),
		chromedp.SetValue(chromedp.CSS("#f-text"), "Offert: 60 timmar à 1 208 kr"),
		chromedp.SetValue(chromedp.CSS("#f-valid-until"), "2026-12-31"),
		chromedp.Click(chromedp.CSS(`input[value="quote"] ~ .actions button`)))

	br.signIn(f.people["orderer"].Email)
	br.open(order)
	br.axe("quoted order")
	br.step("accept", chromedp.Click(chromedp.CSS(`input[value="accept"] ~ .actions button`)))
	if got := br.eval(`document.querySelector(".flash") ? document.querySelector(".flash").textContent : ""`); got == "" {
		t.Error("no confirmation after accepting")
	}

	br.signIn(f.people["admin"].Email)
	br.open(order)
	br.step("deliver",
		chromedp.SetValue(chromedp.CSS("#f-deliver-text"), "Första körningen gjord"),
		chromedp.Click(chromedp.CSS(`input[value="deliver"] ~ .actions button`)))

	br.signIn(f.people["orderer"].Email)
	br.open(order)
	br.step("approve", chromedp.Click(chromedp.CSS(`input[value="approve"] ~ .actions button`)))
	br.axe("approved order")
	br.step("see the addendum", chromedp.Click(chromedp.CSS(`.notice.ok a`)))
	br.axe("the addendum")
	if body := br.eval(`document.querySelector("main").textContent`); !strings.Contains(body, "Tillägg enligt beställning") || !strings.Contains(body, "Extra lönekörning") {
		t.Errorf("the new version does not say what changed: %.500s", body)
	}
	br.step("compare", chromedp.Click(chromedp.CSS(`a[href*="/compare"]`)))
	br.axe("versions side by side")
	br.open(fmt.Sprintf("/agreements/%d", c.v1.AgreementID))
	br.axe("agreement")
	br.open(fmt.Sprintf("/agreement-versions/%d/print", c.v1.ID))
	br.axe("agreement for signing")

	br.signIn(f.people["manager"].Email)
	// The search is a plain GET form: open its result as a browser would.
	br.open("/catalogue?q=" + url.QueryEscape("rättelse") + "&party=manager")
	var body string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		body = br.eval(`(document.querySelector("#results") || {}).textContent || ""`)
		if strings.Contains(body, "Anmäla") && !strings.Contains(body, "Korrigera i lönesystemet") {
			break
		}
	}
	if !strings.Contains(body, "Anmäla rättelse i självservice") || !strings.Contains(body, "2026-12-10") || strings.Contains(body, "Korrigera") {
		t.Errorf("the manager's correction step: %.500s", body)
	}
	search := br.eval(`location.search`)
	if !strings.Contains(search, "party=manager") {
		t.Errorf("the search is not in the address: %q", search)
	}
	br.axe("who does what")
	br.open(fmt.Sprintf("/catalogue/services/%d", c.service.ID))
	br.axe("service")

	br.signIn(f.people["admin"].Email)
	for _, p := range []string{"/catalogue", fmt.Sprintf("/catalogue/services/%d/edit", c.service.ID),
		fmt.Sprintf("/catalogue/services/%d/activities/new", c.service.ID), "/agreements", "/agreements/new",
		fmt.Sprintf("/agreement-versions/%d/edit", c.v2.ID), "/orders"} {
		if status := br.open(p); status != http.StatusOK {
			t.Errorf("%s: status %d", p, status)
		}
		br.axe(p)
	}
	br.open(fmt.Sprintf("/agreement-versions/%d/edit", c.v2.ID))
	if status := br.submit("a draft without a title",
		chromedp.Evaluate[chromedp.Void](`document.querySelector("form.wide").noValidate = true; document.getElementById("f-title").value = ""; document.getElementsByName("targets.0.value")[0].value = "mycket"`),
		chromedp.Click(chromedp.CSS(`form.wide > .actions button[type="submit"]`))); status != http.StatusUnprocessableEntity {
		t.Errorf("a draft without a title: status %d", status)
	}
	if n := br.eval(`String(document.querySelectorAll(".error-summary li").length)`); n != "2" {
		t.Errorf("%s errors in the summary, want 2", n)
	}
	br.axe("agreement form with errors")
}

// browser drives one tab against the test server.
type browser struct {
	t    *testing.T
	tab  context.Context
	base string
}

func (b *browser) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(b.tab, 20*time.Second)
}

func (b *browser) open(path string) int {
	b.t.Helper()
	ctx, cancel := b.ctx()
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(b.base+path))
	if err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
	return int(resp.Status)
}

// submit runs actions that end in a page load and returns its status.
func (b *browser) submit(what string, actions ...chromedp.Action[chromedp.Void]) int {
	b.t.Helper()
	ctx, cancel := b.ctx()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil || resp == nil {
		b.t.Fatalf("%s: %v (response %v)", what, err, resp)
	}
	return int(resp.Status)
}

// step is a submission that must succeed (after its redirect).
func (b *browser) step(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if status := b.submit(what, actions...); status != http.StatusOK {
		b.t.Fatalf("%s: status %d: %s", what, status, b.eval(`document.querySelector("main").textContent`))
	}
}

func (b *browser) eval(js string) string {
	b.t.Helper()
	ctx, cancel := b.ctx()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

func (b *browser) axe(what string) {
	b.t.Helper()
	browsertest.CheckAxe(b.t, b.tab, what)
}

// signIn forgets the session and signs in through the login form.
func (b *browser) signIn(email string) {
	b.t.Helper()
	ctx, cancel := b.ctx()
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.ClearBrowserCookies, cdp.Empty{})
		return err
	}))
	if err != nil {
		b.t.Fatalf("clear cookies: %v", err)
	}
	b.open("/login")
	b.submit("sign in as "+email,
		chromedp.SetValue(chromedp.CSS("#f-email"), email),
		chromedp.SetValue(chromedp.CSS("#f-password"), password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	if path := b.eval(`location.pathname`); path == "/login" {
		b.t.Fatalf("sign in as %s failed", email)
	}
}
