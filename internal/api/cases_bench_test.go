package api_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"samverkan/internal/api"
	"samverkan/internal/app"
	"samverkan/internal/org"
	"samverkan/internal/store"
	"samverkan/internal/store/dbtest"
)

// The case benchmarks go through the HTTP handler (token, decoding, the
// use case, the clocks, encoding) over a generated data set:
//
//	SAMVERKAN_BENCH_CASES  how many cases (default 20000)
//	SAMVERKAN_BENCH_DB     a SQLite file or postgres:// URL that keeps the
//	                       data set between runs (the app benchmarks'
//	                       data set does too); default a fresh database
//
// For the figures of the issue:
//
//	SAMVERKAN_BENCH_CASES=1000000 SAMVERKAN_BENCH_DB=/tmp/bench.db \
//	  go test ./internal/api -run '^$' -bench 'CreateCase|ListCases' -benchtime 2000x
//
// Each reports p50 and p99 latency in µs; the 32-client create also cases/s.

type apiBench struct {
	h        http.Handler
	auth     string  // Authorization of a payroll agent in one team
	people   []int64 // member-side people
	services []int64
	words    []string
}

var apiBenchOnce struct {
	sync.Mutex
	env *apiBench
}

// apiBenchSetup opens (or builds) the data set. With SAMVERKAN_BENCH_DB
// the benchmarks of a run share it; without, each builds its own.
func apiBenchSetup(b *testing.B) *apiBench {
	b.Helper()
	source := os.Getenv("SAMVERKAN_BENCH_DB")
	if source != "" {
		apiBenchOnce.Lock()
		defer apiBenchOnce.Unlock()
		if apiBenchOnce.env != nil {
			return apiBenchOnce.env
		}
	}
	ctx, sys := context.Background(), app.SystemActor("bench")
	var db *store.DB
	if source != "" {
		var err error
		if db, err = store.Open(ctx, source); err != nil {
			b.Fatal(err)
		}
		if err := db.Migrate(ctx, nil); err != nil {
			b.Fatal(err)
		}
	} else {
		db = dbtest.Open(b)
	}
	a := app.New(db)
	teams, err := a.ListTeams(ctx, sys, app.PageRequest{})
	if err != nil {
		b.Fatal(err)
	}
	if len(teams.Items) == 0 {
		benchCentre(b, a)
		if teams, err = a.ListTeams(ctx, sys, app.PageRequest{}); err != nil {
			b.Fatal(err)
		}
	}
	want := 20000
	if n, err := strconv.Atoi(os.Getenv("SAMVERKAN_BENCH_CASES")); err == nil && n > 0 {
		want = n
	}
	have, err := db.Read().CountCases(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if have < want {
		if _, err := db.GenerateCases(ctx, store.CaseGen{Cases: want - have, Seed: uint64(have + 1)}); err != nil {
			b.Fatal(err)
		}
	}
	env := &apiBench{h: api.New(a, slog.New(slog.NewTextHandler(io.Discard, nil))),
		words: []string{"semesterersättning", "skattetabell", "kontonummer", "anställningsintyg", "retroaktiv", "sjuklön", "jämkning"}}
	staff, err := a.ListPeople(ctx, sys, app.PersonQuery{CentreOnly: true, Role: org.Agent, PageRequest: app.PageRequest{Limit: 200}})
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range staff.Items {
		_, secret, err := a.CreateAPIToken(ctx, sys, p.ID, "bench")
		if err != nil {
			b.Fatal(err)
		}
		actor, err := a.TokenActor(ctx, secret)
		if err != nil {
			b.Fatal(err)
		}
		if len(actor.TeamIDs) == 1 && actor.TeamIDs[0] != teams.Items[0].ID {
			env.auth = "Bearer " + secret
			break
		}
	}
	if env.auth == "" {
		b.Fatal("no payroll agent in the data set")
	}
	people, err := a.ListPeople(ctx, sys, app.PersonQuery{Role: org.Employee, PageRequest: app.PageRequest{Limit: 200}})
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range people.Items {
		env.people = append(env.people, p.ID)
	}
	ss, err := a.Services(ctx, sys)
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range ss {
		env.services = append(env.services, s.ID)
	}
	if source != "" {
		apiBenchOnce.env = env
	}
	return env
}

// benchCentre makes the organisation of the app benchmarks: six teams of
// five agents, eight members of ten units and 250 employees each; the
// payroll teams serve the members' units.
func benchCentre(b *testing.B, a *app.App) {
	ctx, sys := context.Background(), app.SystemActor("bench")
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	var teams []int64
	for i, name := range []string{app.FirstLineTeamName, "Löneteam 1", "Löneteam 2", "Löneteam 3", "Löneteam 4", "Pension och system"} {
		t, err := a.CreateTeam(ctx, sys, org.Team{Name: name})
		must(err)
		teams = append(teams, t.ID)
		for j := range 5 {
			p, err := a.CreatePerson(ctx, sys, org.Person{Name: fmt.Sprintf("Handläggare %d-%d", i, j),
				Email: fmt.Sprintf("agent%d.%d@bench.example", i, j), Grants: []org.Grant{{Role: org.Agent}}})
			must(err)
			must(a.SetTeamMember(ctx, sys, t.ID, p.ID, true))
		}
	}
	served := map[int64][]int64{}
	for m := range 8 {
		prefix := fmt.Sprintf("2120001%02d", m)
		mem, err := a.CreateMember(ctx, sys, org.Member{Name: fmt.Sprintf("Kommun %d", m), Country: "SE", Kind: org.Municipality,
			OrgNumber: prefix + string(org.LuhnCheckDigit(prefix)), Status: org.Active})
		must(err)
		var units []int64
		for u := range 10 {
			unit, err := a.CreateUnit(ctx, sys, org.Unit{MemberID: mem.ID, Name: fmt.Sprintf("Förvaltning %d", u)})
			must(err)
			units = append(units, unit.ID)
		}
		team := teams[1+m%4]
		served[team] = append(served[team], units...)
		must(a.SetTeamUnits(ctx, sys, team, served[team]))
		for p := range 250 {
			_, err := a.CreatePerson(ctx, sys, org.Person{Name: fmt.Sprintf("Anställd %d-%d", m, p), MemberID: mem.ID,
				UnitID: units[p%len(units)], Email: fmt.Sprintf("p%d.%d@kommun%d.example", m, p, m), Grants: []org.Grant{{Role: org.Employee}}})
			must(err)
		}
	}
}

// call sends one request to the handler and fails unless it answers want.
func (e *apiBench) call(b *testing.B, method, target, body string, want int) time.Duration {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, target, rd)
	r.Header.Set("Authorization", e.auth)
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	w := httptest.NewRecorder()
	start := time.Now()
	e.h.ServeHTTP(w, r)
	d := time.Since(start)
	if w.Code != want {
		b.Errorf("%s %s: %d %s", method, target, w.Code, w.Body)
	}
	return d
}

func (e *apiBench) newCase(rnd *rand.Rand) string {
	return fmt.Sprintf(`{"requester_id":%d,"channel":"phone","type":"question","service_id":%d,`+
		`"subject":"Fråga om semesterersättning","body":"Ringde och undrade varför semesterersättningen blev lägre i oktober."}`,
		e.people[rnd.IntN(len(e.people))], e.services[rnd.IntN(len(e.services))])
}

// BenchmarkCreateCase files cases with POST /api/v1/cases: one client
// after another, then 32 clients at once.
func BenchmarkCreateCase(b *testing.B) {
	env := apiBenchSetup(b)
	b.Run("serial", func(b *testing.B) {
		rnd := rand.New(rand.NewPCG(1, 2))
		var lat latencies
		lat.start()
		for b.Loop() {
			lat.add(env.call(b, "POST", "/api/v1/cases", env.newCase(rnd), 201))
		}
		lat.report(b)
	})
	b.Run("32-clients", func(b *testing.B) {
		var lat latencies
		lat.start()
		b.SetParallelism(max(1, 32/runtime.GOMAXPROCS(0)))
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			rnd := rand.New(rand.NewPCG(rand.Uint64(), 3))
			for pb.Next() {
				lat.add(env.call(b, "POST", "/api/v1/cases", env.newCase(rnd), 201))
			}
		})
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "cases/s")
		lat.report(b)
	})
}

// BenchmarkListCases reads a payroll team's queue, 50 rows a page (the
// first page and the next), and searches all cases for a word.
func BenchmarkListCases(b *testing.B) {
	env := apiBenchSetup(b)
	for _, sort := range []string{"received", "priority"} {
		b.Run("queue-"+sort, func(b *testing.B) {
			first := "/api/v1/cases?queue=my_teams&limit=50&sort=" + sort
			next := first + "&cursor=" + env.cursor(b, first)
			var lat latencies
			lat.start()
			i := 0
			for b.Loop() {
				target := first
				if i++; i%2 == 0 {
					target = next
				}
				lat.add(env.call(b, "GET", target, "", 200))
			}
			lat.report(b)
		})
	}
	b.Run("search", func(b *testing.B) {
		rnd := rand.New(rand.NewPCG(5, 6))
		var lat latencies
		lat.start()
		for b.Loop() {
			lat.add(env.call(b, "GET", "/api/v1/cases?limit=50&q="+url.QueryEscape(env.words[rnd.IntN(len(env.words))]), "", 200))
		}
		lat.report(b)
	})
}

// cursor is the next_cursor of a page (the page must have one).
func (e *apiBench) cursor(b *testing.B, target string) string {
	r := httptest.NewRequest("GET", target, nil)
	r.Header.Set("Authorization", e.auth)
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	p := decodeAs[page](b, response{status: w.Code, body: w.Body.Bytes()})
	if p.NextCursor == nil {
		b.Fatalf("%s: a single page", target)
	}
	return *p.NextCursor
}

// latencies collects request times and reports percentiles, and the CPU
// time the process spent per request (on a busy machine the wall clock
// says little; the CPU time still tells what one request costs).
type latencies struct {
	mu  sync.Mutex
	d   []time.Duration
	cpu time.Duration
}

// start notes the process's CPU time so far.
func (l *latencies) start() { l.cpu = cpuTime() }

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (l *latencies) add(d time.Duration) {
	l.mu.Lock()
	l.d = append(l.d, d)
	l.mu.Unlock()
}

func (l *latencies) report(b *testing.B) {
	if len(l.d) == 0 {
		return
	}
	if l.cpu != 0 {
		b.ReportMetric(float64((cpuTime()-l.cpu).Microseconds())/float64(len(l.d)), "cpu-µs/op")
	}
	slices.Sort(l.d)
	at := func(p float64) float64 { return float64(l.d[min(len(l.d)-1, int(p*float64(len(l.d))))].Microseconds()) }
	b.ReportMetric(at(0.50), "p50-µs")
	b.ReportMetric(at(0.99), "p99-µs")
}
