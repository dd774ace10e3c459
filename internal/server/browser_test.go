package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"samverkan/internal/app"
	"samverkan/internal/browsertest"
	"samverkan/internal/demo"
	"samverkan/internal/server"
	"samverkan/internal/store/dbtest"
)

// TestBrowserAccessibility signs in as every demo role through the real
// login form in Chromium, crawls every page the role can reach, and checks
// the pages, and the states a crawl does not reach (errors, a new API token,
// acting for someone, a phone-sized screen), with axe-core for WCAG 2.1 A
// and AA violations. It fails on anything the browser console reports as an
// error or warning (CSP violations included) and proves that htmx loads and
// the live search works.
//
// To stay fast on a small machine, the crawl fetches pages over HTTP with
// the browser's session cookie and opens in the browser only the pages that
// contain markup no checked page had (see coverage). The roles run in
// parallel subtests that take turns with two tabs with separate cookies;
// they share the coverage, so which page shows a violation first may vary,
// but no markup goes unchecked.
func TestBrowserAccessibility(t *testing.T) {
	began := time.Now()
	base, b := browserServer(t)
	t.Logf("browser and demo data ready after %s", time.Since(began).Round(time.Millisecond))
	anchor := b.Tab(t)
	cov := &coverage{known: map[string]bool{}}
	t.Cleanup(func() {
		t.Logf("browser tests took %s; %d pages checked with axe", time.Since(began).Round(time.Millisecond), cov.checked.Load())
	})
	tabs := make(chan *session, 2)
	for range cap(tabs) {
		tabs <- newSession(t, anchor, base, cov)
	}
	// with takes a tab for a subtest and gives it back afterwards.
	with := func(f func(*session, *testing.T)) func(*testing.T) {
		return func(t *testing.T) {
			t.Parallel()
			s := <-tabs
			defer func() { tabs <- s }()
			f(s, t)
		}
	}
	t.Run("anonymous", with((*session).anonymous))
	for _, lg := range demo.Logins {
		t.Run(strings.TrimSuffix(lg.Email, "@demo.example"), with(func(s *session, t *testing.T) { s.role(t, lg) }))
	}
}

// session is one tab with its own cookies and its console, and the
// coverage that all tabs share.
type session struct {
	tab     context.Context
	base    string
	console *consoleWatch
	cov     *coverage
}

func newSession(t *testing.T, anchor context.Context, base string, cov *coverage) *session {
	t.Helper()
	tab, cancel := chromedp.NewContext(anchor, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil { // the tab's first run, without a time limit
		t.Fatalf("open tab: %v", err)
	}
	return &session{tab: tab, base: base, console: watchConsole(tab), cov: cov}
}

// axe checks the page in the tab.
func (s *session) axe(t *testing.T, what string) {
	t.Helper()
	s.cov.checked.Add(1)
	browsertest.CheckAxe(t, s.tab, what)
}

// anonymous checks the login page in every language, with a wrong
// password, and the not-found page; and that the console check sees a CSP
// violation.
func (s *session) anonymous(t *testing.T) {
	tab, base := s.tab, s.base
	forgetCookies(t, tab, base)
	for _, lang := range []string{"sv", "da", "en"} {
		open(t, tab, base, "/login")
		submit(t, tab, "switch language to "+lang, chromedp.Click(chromedp.CSS(`.langs button[value="`+lang+`"]`)))
		if got := eval[string](t, tab, `document.documentElement.lang`); got != lang {
			t.Errorf("login page in %s has lang=%q", lang, got)
		}
		s.axe(t, "/login ("+lang+")")
	}
	status := submit(t, tab, "sign in with a wrong password",
		typeInto("#f-email", "admin@demo.example"),
		typeInto("#f-password", "not-the-password"),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	if status != http.StatusUnauthorized || eval[int](t, tab, `document.querySelectorAll(".error-summary").length`) != 1 {
		t.Errorf("wrong password: status %d and no error summary", status)
	}
	s.axe(t, "/login with a wrong password")
	if status := open(t, tab, base, "/no-such-page"); status != http.StatusNotFound {
		t.Errorf("GET /no-such-page: status %d, want 404", status)
	}
	s.axe(t, "the not-found page")
	s.console.check(t, "status of 401", "status of 404")

	// The console check must see a CSP violation: the policy refuses
	// inline script.
	browsertest.Run(t, tab, "inject an inline script", chromedp.Evaluate[chromedp.Void](
		`const s = document.createElement("script"); s.textContent = "window.inlineRan = true"; document.body.append(s)`))
	if eval[bool](t, tab, `window.inlineRan === true`) {
		t.Error("an inline script ran: the Content-Security-Policy does not block it")
	}
	if !s.console.await("Content Security Policy", 5*time.Second) {
		t.Error("the console check did not see the CSP violation of an injected inline script")
	}
	s.console.reset()
}

// role signs in as one demo login, crawls and checks what the role can
// reach, checks the states of the role's special flows, and signs out.
func (s *session) role(t *testing.T, lg demo.Login) {
	client := signIn(t, s.tab, s.base, lg.Email, demo.Password)
	s.crawl(t, client, strings.TrimPrefix(eval[string](t, s.tab, `location.href`), s.base))
	switch lg.Email {
	case "admin@demo.example":
		s.memberFormErrors(t)
		s.liveSearch(t)
		s.apiToken(t)
		if status := open(t, s.tab, s.base, "/members/999999"); status != http.StatusNotFound {
			t.Errorf("GET /members/999999: status %d, want 404", status)
		}
		s.axe(t, "a member that does not exist")
		s.mobile(t, "/", "/members")
	case "chefsstod@demo.example":
		s.actingFor(t)
	case "operativ@demo.example":
		s.escalationFormErrors(t)
	case "anstalld@demo.example":
		s.mobile(t, "/portal", "/people")
	}
	signOut(t, s.tab)
	s.console.check(t, "status of 404", "status of 422")
}

// browserServer starts the real server on the demo data and, while the
// data loads, Chromium. It returns the server's URL and the browser.
func browserServer(t *testing.T) (string, *browsertest.Browser) {
	t.Helper()
	a := app.New(dbtest.Open(t))
	ctx, cancel := context.WithCancel(context.Background())
	loaded := make(chan error, 1)
	go func() { loaded <- demo.Load(ctx, a, io.Discard) }()
	waited := false
	defer func() { // when Chromium is missing, stop loading before the database closes
		if !waited {
			cancel()
			<-loaded
		}
	}()
	b := browsertest.New(t)
	err := <-loaded
	waited = true
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	h, err := server.New(a, server.Config{Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL, b
}

// consoleWatch collects what the browser console reports as an error or a
// warning: uncaught exceptions, failed loads and CSP violations.
type consoleWatch struct {
	mu   sync.Mutex
	msgs []string
}

func watchConsole(tab context.Context) *consoleWatch {
	c := &consoleWatch{}
	msgs := chromedp.Console(tab)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning {
				c.mu.Lock()
				c.msgs = append(c.msgs, fmt.Sprintf("%s [%s]", m, m.URL))
				c.mu.Unlock()
			}
		}
	}()
	return c
}

// check fails the test for every message so far, except those about the
// favicon (which Chromium asks for by itself) and those that contain one of
// the expected texts, and forgets them.
func (c *consoleWatch) check(t *testing.T, expected ...string) {
	t.Helper()
	time.Sleep(50 * time.Millisecond) // let the last events arrive
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, m := range c.msgs {
		ok := strings.Contains(m, "/favicon.ico]")
		for _, e := range expected {
			ok = ok || strings.Contains(m, e)
		}
		if !ok {
			t.Errorf("browser console: %s", m)
		}
	}
	c.msgs = nil
}

// await reports whether a message containing text arrives within d.
func (c *consoleWatch) await(text string, d time.Duration) bool {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		c.mu.Lock()
		found := slices.ContainsFunc(c.msgs, func(m string) bool { return strings.Contains(m, text) })
		c.mu.Unlock()
		if found {
			return true
		}
	}
	return false
}

func (c *consoleWatch) reset() {
	c.mu.Lock()
	c.msgs = nil
	c.mu.Unlock()
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, tab context.Context, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// cdpCall is an action that sends one DevTools command.
func cdpCall[P, R any](c cdp.Command[P, R], params P) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, c, params)
		return err
	})
}

// open navigates to a path and returns the document's HTTP status.
func open(t *testing.T, tab context.Context, base, path string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, 20*time.Second)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+path))
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	return int(resp.Status)
}

// submit runs actions that end in a page load (a form submission) and
// returns the status of the page that loads.
func submit(t *testing.T, tab context.Context, what string, actions ...chromedp.Action[chromedp.Void]) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, 20*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if resp == nil {
		t.Fatalf("%s: no page loaded", what)
	}
	return int(resp.Status)
}

// typeInto types text into the field that sel finds, as a keyboard would
// (the page sees input events), in one step.
func typeInto(sel, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.Focus(chromedp.CSS(sel)), cdpCall(input.InsertText, input.InsertTextParams{Text: text}))
}

// signIn starts without cookies, types the e-mail address and password
// into the login form and returns an HTTP client with the browser's
// session cookie.
func signIn(t *testing.T, tab context.Context, base, email, password string) *http.Client {
	t.Helper()
	forgetCookies(t, tab, base)
	open(t, tab, base, "/login")
	status := submit(t, tab, "sign in as "+email,
		typeInto("#f-email", email),
		typeInto("#f-password", password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	if path := eval[string](t, tab, `location.pathname`); status != http.StatusOK || path == "/login" {
		t.Fatalf("sign in as %s: status %d at %s", email, status, path)
	}
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(base)
	for _, c := range cookies(t, tab, base) {
		jar.SetCookies(u, []*http.Cookie{{Name: c.Name, Value: c.Value, Path: c.Path}})
	}
	return &http.Client{Jar: jar, Timeout: 10 * time.Second}
}

// forgetCookies deletes the tab's cookies for the server (a session that a
// failed subtest left behind, the language chosen).
func forgetCookies(t *testing.T, tab context.Context, base string) {
	t.Helper()
	for _, c := range cookies(t, tab, base) {
		browsertest.Run(t, tab, "forget a cookie", cdpCall(network.DeleteCookies, network.DeleteCookiesParams{Name: c.Name, URL: base}))
	}
}

// cookies are the tab's cookies for the server.
func cookies(t *testing.T, tab context.Context, base string) []*network.Cookie {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, 10*time.Second)
	defer cancel()
	res, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (network.GetCookiesResult, error) {
		return cdp.Call(ctx, tg, network.GetCookies, network.GetCookiesParams{URLs: []string{base}})
	})
	if err != nil {
		t.Fatalf("read cookies: %v", err)
	}
	return res.Cookies
}

// signOut uses the sign-out button in the header.
func signOut(t *testing.T, tab context.Context) {
	t.Helper()
	submit(t, tab, "sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type="submit"]`)))
	if path := eval[string](t, tab, `location.pathname`); path != "/login" {
		t.Errorf("after signing out the browser is at %s, want /login", path)
	}
}

// crawl fetches, breadth first, every same-origin page linked from start
// (at most two per path pattern, so /people/1 and /people/2 stand for all
// people), checks that each answers 200, and opens in the browser and
// checks with axe each page that has markup no page checked before had.
func (s *session) crawl(t *testing.T, client *http.Client, start string) {
	t.Helper()
	queue := []string{start}
	from := map[string]string{start: "the start"}
	perPattern := map[string]int{pattern(start): 1}
	fetched, checked := 0, 0
	for len(queue) > 0 {
		page := queue[0]
		queue = queue[1:]
		doc, status := fetch(t, client, s.base+page)
		fetched++
		if status != http.StatusOK {
			t.Errorf("GET %s, linked from %s: status %d", page, from[page], status)
			continue
		}
		if doc == nil { // not a page (a download)
			continue
		}
		if s.cov.novel(doc) {
			checked++
			if status := open(t, s.tab, s.base, page); status != http.StatusOK {
				t.Errorf("open %s in the browser: status %d", page, status)
			}
			s.axe(t, page)
		}
		for _, next := range links(doc, s.base, page) {
			if _, ok := from[next]; ok {
				continue
			}
			from[next] = page
			if p := pattern(next); perPattern[p] < 2 {
				perPattern[p]++
				queue = append(queue, next)
			}
		}
	}
	t.Logf("%d pages fetched; %d of them had new markup and were checked in the browser", fetched, checked)
}

// fetch GETs a page and parses it (nil for what is not HTML); a page that
// sends the session to the login page ends the test.
func fetch(t *testing.T, client *http.Client, u string) (*html.Node, int) {
	t.Helper()
	resp, err := client.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Request.URL.Path == "/login" {
		t.Fatalf("GET %s: sent to the login page", u)
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		return nil, resp.StatusCode
	}
	doc, err := html.Parse(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	return doc, resp.StatusCode
}

// links are the same-origin pages that a page links to, as paths with
// queries, leaving out static files and the sign-out.
func links(doc *html.Node, base, page string) []string {
	from, _ := url.Parse(base + page)
	var out []string
	for n := range doc.Descendants() {
		href, ok := attr(n, "href")
		if n.Type != html.ElementNode || n.Data != "a" || !ok {
			continue
		}
		u, err := from.Parse(href)
		if err != nil || u.Scheme+"://"+u.Host != base || strings.HasPrefix(u.Path, "/static/") || u.Path == "/logout" {
			continue
		}
		u.Fragment = ""
		out = append(out, strings.TrimPrefix(u.String(), base))
	}
	return out
}

var numeric = regexp.MustCompile(`^[0-9]+$`)

// pattern is a path with its numeric segments and query values blanked:
// /members/12/edit?x=1 is /members/{id}/edit?x.
func pattern(path string) string {
	u, _ := url.Parse(path)
	segs := strings.Split(u.Path, "/")
	for i, s := range segs {
		if numeric.MatchString(s) {
			segs[i] = "{id}"
		}
	}
	var keys []string
	for k := range u.Query() {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(segs, "/") + "?" + strings.Join(keys, "&")
}

// coverage is the markup of the pages checked with axe so far: each kind of
// element in each kind of parent. A page made only of markup checked
// before need not be checked again, since axe's findings follow the markup
// (contrast follows the classes), not what a page shows.
type coverage struct {
	mu      sync.Mutex
	known   map[string]bool
	checked atomic.Int64 // pages checked with axe
}

// novel records the markup of a page and reports whether any of it is new.
func (c *coverage) novel(doc *html.Node) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	isNew := false
	for _, k := range markup(doc) {
		if !c.known[k] {
			c.known[k] = true
			isNew = true
		}
	}
	return isNew
}

// idRefs are the attributes that name other elements by id.
var idRefs = []string{"aria-describedby", "aria-labelledby", "aria-controls", "for"}

// named are the elements that need a text (an accessible name or content).
var named = map[string]bool{"a": true, "button": true, "label": true, "th": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "caption": true, "legend": true, "summary": true, "option": true, "title": true}

// markup describes how a page is built, leaving out what it shows: each
// kind of element in each kind of parent (with classes, roles, ARIA states,
// types, and whether an element that needs a name has none), the page's
// language and title, its duplicate ids and its broken id references.
func markup(doc *html.Node) []string {
	set := map[string]bool{}
	ids := map[string]int{}
	var refs []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "html":
			lang, _ := attr(n, "lang")
			set["lang="+lang] = true
		case "title":
			set["title empty="+strconv.FormatBool(strings.TrimSpace(text(n)) == "")] = true
		}
		if n.Parent != nil && n.Parent.Type == html.ElementNode {
			set[signature(n.Parent)+" > "+signature(n)] = true
		}
		if id, ok := attr(n, "id"); ok {
			if ids[id]++; ids[id] == 2 {
				set["duplicate id "+id] = true
			}
		}
		for _, r := range idRefs {
			v, _ := attr(n, r)
			for _, id := range strings.Fields(v) {
				refs = append(refs, r+"="+id)
			}
		}
	}
	for _, r := range refs {
		if _, id, _ := strings.Cut(r, "="); ids[id] == 0 {
			set["broken reference "+r] = true
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	return out
}

// signature is an element's tag, classes and the attributes that matter to
// accessibility, without the values that differ from page to page.
func signature(n *html.Node) string {
	var b strings.Builder
	b.WriteString(n.Data)
	var attrs []string
	for _, a := range n.Attr {
		switch {
		case a.Key == "class":
			classes := strings.Fields(a.Val)
			slices.Sort(classes)
			for _, c := range classes {
				b.WriteString("." + c)
			}
		case a.Key == "id" || a.Key == "href" || a.Key == "value" || a.Key == "name" || a.Key == "action":
		case a.Key == "role" || a.Key == "type" || a.Key == "scope" || strings.HasPrefix(a.Key, "aria-") && !slices.Contains(idRefs, a.Key):
			attrs = append(attrs, "["+a.Key+"="+a.Val+"]")
		default:
			attrs = append(attrs, "["+a.Key+"]")
		}
	}
	slices.Sort(attrs)
	b.WriteString(strings.Join(attrs, ""))
	if _, labelled := attr(n, "aria-label"); named[n.Data] && !labelled && strings.TrimSpace(text(n)) == "" {
		b.WriteString("(no name)")
	}
	return b.String()
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// text is an element's text content.
func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// memberFormErrors submits the new-member form with a bad organisation
// number and checks the page that shows the errors.
func (s *session) memberFormErrors(t *testing.T) {
	t.Helper()
	tab, base := s.tab, s.base
	open(t, tab, base, "/members/new")
	status := submit(t, tab, "submit a member with a bad organisation number",
		typeInto("#f-name", "Testkommun"),
		typeInto("#f-org-number", "123"),
		chromedp.SetValue(chromedp.CSS("#f-kind"), "municipality"),
		chromedp.Click(chromedp.CSS(`form[action="/members"] button[type="submit"]`)))
	if status != http.StatusUnprocessableEntity {
		t.Errorf("bad member form: status %d, want 422", status)
	}
	if eval[string](t, tab, `document.querySelector("#f-org-number").getAttribute("aria-invalid")`) != "true" {
		t.Error("bad member form: the organisation number is not marked invalid")
	}
	s.axe(t, "new member with field errors")
}

// escalationFormErrors submits the portal's escalation form with a
// registration number that names no case and checks the page that shows
// the error.
func (s *session) escalationFormErrors(t *testing.T) {
	t.Helper()
	tab, base := s.tab, s.base
	open(t, tab, base, "/portal/escalations/new")
	status := submit(t, tab, "escalate a case that does not exist",
		typeInto("#f-case", "2020-999999"),
		typeInto("#f-reason", "Inget svar på tre veckor."),
		chromedp.Click(chromedp.CSS(`form[action="/portal/escalations"] button[type="submit"]`)))
	if status != http.StatusUnprocessableEntity {
		t.Errorf("escalation form: status %d, want 422", status)
	}
	if eval[string](t, tab, `document.querySelector("#f-case").getAttribute("aria-invalid")`) != "true" {
		t.Error("escalation form: the case is not marked invalid")
	}
	if got := eval[string](t, tab, `document.querySelector("#f-reason").value`); got != "Inget svar på tre veckor." {
		t.Errorf("escalation form: the reason typed is lost: %q", got)
	}
	s.axe(t, "escalation form with field errors")
}

// liveSearch types into the members search field and waits for htmx to
// replace the results without a page load.
func (s *session) liveSearch(t *testing.T) {
	t.Helper()
	tab, base := s.tab, s.base
	open(t, tab, base, "/members")
	if !eval[bool](t, tab, `typeof htmx === "object"`) {
		t.Fatal("htmx did not load on /members")
	}
	browsertest.Run(t, tab, "mark the page", chromedp.Evaluate[chromedp.Void](`window.samePage = true`))
	before := eval[int](t, tab, `document.querySelectorAll("#results tbody tr").length`)
	browsertest.Run(t, tab, "type a search",
		typeInto("#f-q", "Båstad"),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll("#results tbody tr").length === 1`,
			chromedp.WithPollingTimeout(10*time.Second)))
	if samePage := eval[bool](t, tab, `window.samePage === true`); before < 2 || !samePage {
		t.Errorf("live search: %d rows before; stayed on the page: %v", before, samePage)
	}
	if got := eval[string](t, tab, `document.querySelector("#results tbody th").textContent`); !strings.Contains(got, "Båstad") {
		t.Errorf("live search for Båstad found %q", got)
	}
	if got := eval[string](t, tab, `location.search`); !strings.Contains(got, "q=") {
		t.Errorf("live search did not push the URL: %q", got)
	}
	// The number found is announced through the live region, which stays
	// in place while the results are replaced.
	if got := eval[string](t, tab, `document.querySelector("#results-status[role=status]").textContent`); !strings.Contains(got, "1") {
		t.Errorf("live search: the status region says %q, want the number found", got)
	}
	s.axe(t, "/members after a live search")
}

// apiToken creates an API token on the account page, which shows its
// secret once.
func (s *session) apiToken(t *testing.T) {
	t.Helper()
	tab, base := s.tab, s.base
	open(t, tab, base, "/account")
	submit(t, tab, "create an API token",
		typeInto("#f-token-name", "browser test"),
		chromedp.Click(chromedp.CSS(`form[action="/account/tokens"] button[type="submit"]`)))
	if eval[int](t, tab, `document.querySelectorAll(".secret .token").length`) != 1 {
		t.Fatal("the new API token's secret is not shown")
	}
	s.axe(t, "/account with a new API token")
}

// actingFor acts for the first principal on the account page, checks pages
// in that state and stops.
func (s *session) actingFor(t *testing.T) {
	t.Helper()
	tab, base := s.tab, s.base
	open(t, tab, base, "/account")
	submit(t, tab, "act for the manager", chromedp.Click(chromedp.CSS(
		`form[action="/account/act-for"] input[name="principal_id"]:not([value="0"]) + button`)))
	if eval[int](t, tab, `document.querySelectorAll(".acting").length`) != 1 {
		t.Fatal("acting for the manager: no banner")
	}
	s.axe(t, "acting for the manager ("+eval[string](t, tab, `location.pathname`)+")")
	for _, p := range []string{"/account", "/people"} {
		open(t, tab, base, p)
		s.axe(t, p+" while acting for the manager")
	}
	submit(t, tab, "stop acting", chromedp.Click(chromedp.CSS(`.acting button[type="submit"]`)))
	if eval[int](t, tab, `document.querySelectorAll(".acting").length`) != 0 {
		t.Error("stop acting: the banner stays")
	}
}

// mobile checks pages on a 390 px wide phone screen.
func (s *session) mobile(t *testing.T, paths ...string) {
	t.Helper()
	tab, base := s.tab, s.base
	browsertest.Run(t, tab, "emulate a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(3)))
	defer browsertest.Run(t, tab, "reset the viewport", cdpCall(emulation.ClearDeviceMetricsOverride, cdp.Empty{}))
	for _, p := range paths {
		open(t, tab, base, p)
		if w := eval[int](t, tab, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s on a phone: the page is %d px wide, wider than the 390 px screen", p, w)
		}
		s.axe(t, p+" on a phone")
	}
}
