package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestCatalogsHaveTheSameKeys(t *testing.T) {
	en := Keys("en")
	if len(en) == 0 {
		t.Fatal("empty English catalog")
	}
	for _, lang := range Languages {
		for _, k := range en {
			if !Has(lang, k) {
				t.Errorf("%s lacks %q", lang, k)
			}
		}
		for _, k := range Keys(lang) {
			if !Has("en", k) {
				t.Errorf("%s has %q that English lacks", lang, k)
			}
		}
	}
}

// TestFieldCodesTranslated finds every field error code the use cases and
// the domain can give and checks each has a message in every language.
func TestFieldCodesTranslated(t *testing.T) {
	call := regexp.MustCompile(`(?:fault\.Field|fs\.Add|duplicateField)\(\s*(?:err,\s*)?"[a-z_]+",\s*"([a-z_]+)"`)
	codes := map[string]bool{}
	// The use cases and the domain packages whose errors pages show.
	for _, dir := range []string{"../app", "../org", "../web", "../calendar", "../cases", "../sla"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range call.FindAllStringSubmatch(string(b), -1) {
				codes[m[1]] = true
			}
		}
	}
	if len(codes) < 30 {
		t.Fatalf("found only %d codes: %v", len(codes), codes)
	}
	for code := range codes {
		for _, lang := range Languages {
			if !Has(lang, "error."+code) {
				t.Errorf("%s lacks a message for field error code %q", lang, code)
			}
		}
	}
}

func TestMatch(t *testing.T) {
	tests := map[string]string{
		"da":                       "da",
		"da-DK,da;q=0.9,en;q=0.8":  "da",
		"en-GB,en;q=0.9,sv;q=0.8":  "en",
		"de-DE,sv;q=0.5,da;q=0.7":  "da",
		"nb-NO,no;q=0.9":           "",
		"":                         "",
		"sv-SE":                    "sv",
		"fr;q=1,en;q=bad,da;q=0.1": "da",
	}
	for in, want := range tests {
		if got := Match(in); got != want {
			t.Errorf("Match(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestT(t *testing.T) {
	if got := T("sv", "acting.banner", "Kim"); got != "Du agerar för Kim" {
		t.Errorf("got %q", got)
	}
	if got := T("xx", "form.save"); got != "Save" {
		t.Errorf("unknown language: got %q", got)
	}
	if got := T("da", "no.such.key"); got != "no.such.key" {
		t.Errorf("missing key: got %q", got)
	}
}
