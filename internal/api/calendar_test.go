package api_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCalendarEndpoints(t *testing.T) {
	f := newFixture(t)
	get := func(url string) (int, map[string]any) {
		t.Helper()
		res := f.do(t, "none", "GET", url, nil)
		var body map[string]any
		json.Unmarshal(res.body, &body)
		return res.status, body
	}
	code, body := get("/api/v1/calendar/holidays?country=se&year=2026")
	if code != http.StatusOK {
		t.Fatalf("holidays: %d %v", code, body)
	}
	items := body["items"].([]any)
	first := items[0].(map[string]any)
	if first["date"] != "2026-01-01" || first["name"] != "Nyårsdagen" {
		t.Fatalf("first holiday %v", first)
	}
	var midsummer bool
	for _, it := range items {
		if m := it.(map[string]any); m["date"] == "2026-06-19" {
			midsummer = true
		}
	}
	if !midsummer {
		t.Fatal("midsommarafton 2026-06-19 missing")
	}

	tests := []struct {
		url  string
		want string
	}{
		{"/api/v1/calendar/add?country=se&from=2026-04-02T15:00:00%2B02:00&hours=4", "2026-04-07T10:30:00+02:00"},
		{"/api/v1/calendar/add?country=dk&from=2026-06-04T12:00:00%2B02:00&days=1", "2026-06-08T12:00:00+02:00"},
		{"/api/v1/calendar/add?country=se&from=2026-11-23T07:00:00%2B01:00&hours=1&open=07:00&close=15:00", "2026-11-23T08:00:00+01:00"},
	}
	for _, tt := range tests {
		code, body := get(tt.url)
		if code != http.StatusOK || body["due"] != tt.want {
			t.Errorf("%s: %d %v, want due %s", tt.url, code, body, tt.want)
		}
	}

	bad := []struct {
		url    string
		fields []string
	}{
		{"/api/v1/calendar/holidays?country=no&year=2026", []string{"country"}},
		{"/api/v1/calendar/holidays?country=se", []string{"year"}},
		{"/api/v1/calendar/add?country=se&from=yesterday&hours=4", []string{"from"}},
		{"/api/v1/calendar/add?country=se&from=2026-04-02T15:00:00Z&hours=-1", []string{"hours"}},
		{"/api/v1/calendar/add?country=se&from=2026-04-02T15:00:00Z&days=400", []string{"days"}},
		{"/api/v1/calendar/add?country=se&from=2026-04-02T15:00:00Z", []string{"hours"}},
		{"/api/v1/calendar/add?country=xx&from=2026-04-02T15:00:00Z&hours=1&days=1", []string{"country", "days"}},
		{"/api/v1/calendar/add?country=se&from=2026-04-02T15:00:00Z&hours=1&open=16:00&close=08:00", []string{"close"}},
	}
	for _, b := range bad {
		code, body := get(b.url)
		var got []string
		errs, _ := body["errors"].([]any)
		for _, e := range errs {
			got = append(got, e.(map[string]any)["field"].(string))
		}
		if code != http.StatusUnprocessableEntity || !cmp.Equal(got, b.fields) {
			t.Errorf("%s: %d fields %v, want 422 %v", b.url, code, got, b.fields)
		}
	}
}
