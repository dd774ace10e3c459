package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"samverkan/internal/web"
)

func TestLanguageChoice(t *testing.T) {
	f := newFixture(t, web.Options{})
	// Anonymous: Accept-Language, then the centre's default (Swedish).
	res := f.do(t, "GET", "/login", nil, nil, "Accept-Language", "da-DK,da;q=0.9")
	wantContains(t, res, `<html lang="da">`, "Log ind i Samverkan", "E-mailadresse")
	res = f.do(t, "GET", "/login", nil, nil)
	wantContains(t, res, `<html lang="sv">`, "Logga in i Samverkan")

	// The switcher's cookie beats Accept-Language, also on the login page.
	res = f.do(t, "POST", "/lang", url.Values{"lang": {"en"}, "next": {"/login"}}, nil)
	wantStatus(t, res, http.StatusSeeOther)
	lang := cookieNamed(res.Cookies(), "lang")
	if lang == nil || lang.Value != "en" {
		t.Fatalf("lang cookie %+v", lang)
	}
	res = f.do(t, "GET", "/login", nil, []*http.Cookie{lang}, "Accept-Language", "da")
	wantContains(t, res, `<html lang="en">`, "Sign in to Samverkan")

	// A signed-in person's own setting beats the cookie and the browser.
	ck := f.as(t, "agent")
	res = f.do(t, "POST", "/account/language", url.Values{"language": {"sv"}}, ck)
	wantStatus(t, res, http.StatusSeeOther)
	res = f.do(t, "GET", "/", nil, append(ck, lang), "Accept-Language", "da")
	wantContains(t, res, `<html lang="sv">`, "Huvudmeny", "Kunder")

	// Without a setting, Accept-Language da gives Danish.
	res = f.do(t, "GET", "/people", nil, f.as(t, "contact"), "Accept-Language", "da")
	wantContains(t, res, `<html lang="da">`, "Min organisation", "Søg på navn eller e-mail")

	// An invalid language is refused next to the field.
	res = f.do(t, "POST", "/account/language", url.Values{"language": {"de"}}, ck)
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantContains(t, res, `id="f-language-error">Välj svenska, danska eller engelska.`)
}

// TestActingForBanner: a substitute acting for someone sees it on every page.
func TestActingForBanner(t *testing.T) {
	f := newFixture(t, web.Options{})
	ck := f.as(t, "assistant")
	res := f.do(t, "GET", "/account", nil, ck, "Accept-Language", "en")
	wantContains(t, res, "Act for Maja Chef")
	res = f.do(t, "POST", "/account/act-for", url.Values{"principal_id": {itoa(f.people["manager"].ID)}}, ck)
	wantStatus(t, res, http.StatusSeeOther)
	for _, path := range []string{"/portal", "/account", "/people", "/substitutes", "/members/" + itoa(f.m1.ID)} {
		res = f.do(t, "GET", path, nil, ck, "Accept-Language", "en")
		wantStatus(t, res, http.StatusOK)
		wantContains(t, res, "You are acting for Maja Chef", "Stop acting")
	}
	res = f.do(t, "GET", "/portal", nil, ck, "Accept-Language", "en")
	wantContains(t, res, "Manager – Skolförvaltningen")
	res = f.do(t, "POST", "/account/act-for", url.Values{"principal_id": {"0"}}, ck)
	wantStatus(t, res, http.StatusSeeOther)
	res = f.do(t, "GET", "/portal", nil, ck, "Accept-Language", "en")
	if contains(res.Body, "You are acting for") {
		t.Error("banner still shown after stopping")
	}
}
