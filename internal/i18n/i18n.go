// Package i18n holds the user interface's message catalogs (Swedish,
// Danish, English) and picks a language from what a browser accepts.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Languages the interface speaks, in the order a language switcher shows them.
var Languages = []string{"sv", "da", "en"}

// Fallback is the language used for a key a catalog lacks.
const Fallback = "en"

// A language's catalog is catalog/LANG.json plus any catalog/LANG.AREA.json
// (one file per feature area, e.g. sv.cases.json); a key defined twice is
// an error.
//
//go:embed catalog/*.json
var files embed.FS

var catalogs = load()

func load() map[string]map[string]string {
	entries, err := files.ReadDir("catalog")
	if err != nil {
		panic(fmt.Sprintf("i18n: %v", err))
	}
	out := make(map[string]map[string]string, len(Languages))
	for _, lang := range Languages {
		out[lang] = map[string]string{}
	}
	for _, e := range entries {
		lang, _, _ := strings.Cut(strings.TrimSuffix(e.Name(), ".json"), ".")
		m, ok := out[lang]
		if !ok {
			panic(fmt.Sprintf("i18n: catalog %s is for no supported language", e.Name()))
		}
		b, err := files.ReadFile("catalog/" + e.Name())
		if err != nil {
			panic(fmt.Sprintf("i18n: catalog %s: %v", e.Name(), err))
		}
		part := map[string]string{}
		if err := json.Unmarshal(b, &part); err != nil {
			panic(fmt.Sprintf("i18n: catalog %s: %v", e.Name(), err))
		}
		for k, v := range part {
			if _, dup := m[k]; dup {
				panic(fmt.Sprintf("i18n: key %q is defined twice for %s (again in %s)", k, lang, e.Name()))
			}
			m[k] = v
		}
	}
	return out
}

// Supported reports whether lang is one of Languages.
func Supported(lang string) bool {
	_, ok := catalogs[lang]
	return ok
}

// Has reports whether the catalog of lang has key.
func Has(lang, key string) bool {
	_, ok := catalogs[lang][key]
	return ok
}

// Keys returns the keys of lang's catalog, sorted.
func Keys(lang string) []string {
	keys := make([]string, 0, len(catalogs[lang]))
	for k := range catalogs[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// T translates key into lang, formatting args into it (fmt verbs). A key
// missing in lang falls back to English, and then to the key itself.
func T(lang, key string, args ...any) string {
	msg, ok := catalogs[lang][key]
	if !ok {
		if msg, ok = catalogs[Fallback][key]; !ok {
			msg = key
		}
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// Match picks the best supported language from an Accept-Language header,
// or "" when none is acceptable. Norwegian Bokmål is not Danish; "nb" and
// "no" do not match.
func Match(acceptLanguage string) string {
	best, bestQ := "", 0.0
	for _, part := range strings.Split(acceptLanguage, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				continue
			}
			q = f
		}
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if Supported(base) && q > bestQ {
			best, bestQ = base, q
		}
	}
	return best
}
