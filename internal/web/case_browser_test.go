package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"samverkan/internal/app"
	"samverkan/internal/browsertest"
	"samverkan/internal/web"
)

// TestCasePagesInBrowser files a phone case in Chromium the keyboard way
// (the caller found as the name is typed, through htmx) and checks every
// page of cases, the console's and the portal's, with axe-core.
func TestCasePagesInBrowser(t *testing.T) {
	b := browsertest.New(t)
	f := newFixture(t, web.Options{})
	srv := httptest.NewServer(f.h)
	t.Cleanup(srv.Close)
	br := &browser{t: t, tab: b.Tab(t), base: srv.URL}

	br.signIn(f.people["agent"].Email)
	br.open("/cases/new")
	br.axe("phone form")
	ctx, cancel := br.ctx()
	_, err := chromedp.Run(ctx, chromedp.Steps(chromedp.SendKeys(chromedp.CSS("#f-q"), "Erik")))
	cancel()
	if err != nil {
		t.Fatalf("type the caller's name: %v", err)
	}
	radio := fmt.Sprintf(`#p-%d`, f.people["employee"].ID)
	for deadline := time.Now().Add(10 * time.Second); br.eval(`document.querySelector("`+radio+`") ? "yes" : ""`) == ""; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no match for Erik appeared as the name was typed: %s", br.eval(`document.querySelector("#matches").innerHTML`))
		}
	}
	if got := br.eval(`document.querySelector("#results-status").textContent`); !strings.Contains(got, "1") {
		t.Errorf("the live region says %q", got)
	}
	br.axe("phone form with matches")
	br.step("file the phone case",
		chromedp.Click(chromedp.CSS(radio)),
		chromedp.SetValue(chromedp.CSS("#f-subject"), "Fel skattetabell"),
		chromedp.SetValue(chromedp.CSS("#f-body"), "Skatten är för hög i november."),
		chromedp.Click(chromedp.CSS(`form[action="/cases"] button[type="submit"]`)))
	casePath := br.eval(`location.pathname`)
	if !strings.HasPrefix(casePath, "/cases/") || !strings.Contains(br.eval(`document.querySelector("main").textContent`), "Fel skattetabell") {
		t.Fatalf("after filing the browser is at %s", casePath)
	}
	br.axe("case page")
	br.step("reply", chromedp.SetValue(chromedp.CSS("#f-body"), "Vi rättar tabellen."),
		chromedp.Click(chromedp.CSS(`button[name="visibility"][value="external"]`)))
	br.step("note", chromedp.SetValue(chromedp.CSS("#f-body"), "Kontrollera mot Skatteverket."),
		chromedp.Click(chromedp.CSS(`button[name="visibility"][value="internal"]`)))
	br.axe("case page with a reply and a note")
	if status := br.submit("hand over without a reason",
		chromedp.Evaluate[chromedp.Void](`document.querySelector('form[action$="/handover"]').noValidate = true`),
		chromedp.Click(chromedp.CSS(`form[action$="/handover"] button[type="submit"]`))); status != http.StatusUnprocessableEntity {
		t.Errorf("hand over without a reason: status %d", status)
	}
	br.axe("case page with an error")
	ref := strings.Fields(br.eval(`document.querySelector("h1 .ref").textContent`))[0]
	for _, p := range []string{"/cases", "/cases?queue=all_open", "/cases/search?q=" + ref, "/cases/search?q=skattetabell", "/mail", "/routing"} {
		if status := br.open(p); status != http.StatusOK {
			t.Errorf("%s: status %d", p, status)
		}
		br.axe(p)
	}

	br.signIn(f.people["admin"].Email)
	for _, p := range []string{"/routing", "/routing/new", "/cases/repeats"} {
		if status := br.open(p); status != http.StatusOK {
			t.Errorf("%s: status %d", p, status)
		}
		br.axe(p)
	}

	br.signIn(f.people["employee"].Email)
	for _, p := range []string{"/portal/cases", "/portal/cases/new", "/portal/cases/new?type=correction", "/portal/cases/new?type=document_request"} {
		if status := br.open(p); status != http.StatusOK {
			t.Errorf("%s: status %d", p, status)
		}
		br.axe(p)
	}
	br.open("/portal/cases/new?type=question")
	br.step("file a portal case",
		chromedp.SetValue(chromedp.CSS("#f-subject"), "Fråga om friskvård"),
		chromedp.SetValue(chromedp.CSS("#f-body"), "Hur ansöker jag om friskvårdsbidrag?"),
		chromedp.Click(chromedp.CSS(`form[action="/portal/cases"] button[type="submit"]`)))
	br.axe("portal case")
	d, err := f.app.Case(f.ctx, app.SystemActor("test"), idFromPath(t, casePath))
	if err != nil {
		t.Fatal(err)
	}
	br.open(fmt.Sprintf("/portal/cases/%d", d.ID))
	body := br.eval(`document.querySelector("main").textContent`)
	if !strings.Contains(body, "Vi rättar tabellen.") || strings.Contains(body, "Skatteverket") {
		t.Errorf("the member's view of the phone case: %.800s", body)
	}
	br.axe("the phone case in the portal")
}

func idFromPath(t *testing.T, p string) int64 {
	t.Helper()
	var id int64
	if _, err := fmt.Sscanf(p[strings.LastIndexByte(p, '/')+1:], "%d", &id); err != nil {
		t.Fatalf("no id in %s", p)
	}
	return id
}
