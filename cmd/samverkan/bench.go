package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime/pprof"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"samverkan/internal/app"
	"samverkan/internal/demo"
	"samverkan/internal/server"
	"samverkan/internal/store"
)

// benchCommand runs a named performance scenario and prints its figures.
func benchCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "intake" {
		fmt.Fprintln(stderr, "usage: samverkan bench intake [--db PATH_OR_URL] [--cases N] [--create N] [--clients N]")
		return errUsage
	}
	fs := newFlagSet("bench intake", stderr)
	source := fs.String("db", "./samverkan-bench.db", "SQLite file path or postgres:// URL (the organisation and cases are added when missing)")
	existing := fs.Int("cases", 1_000_000, "cases already in the database before the measurement (generated when fewer)")
	create := fs.Int("create", 20_000, "cases created through the API by the concurrent clients")
	clients := fs.Int("clients", 32, "concurrent clients")
	single := fs.Int("single", 1_000, "cases created one at a time by a single client")
	reads := fs.Int("reads", 300, "queue pages and searches each")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the measured part to this file (go tool pprof)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	db, a, err := openForTool(ctx, *source)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(stdout, "bench intake on %s (%s)\n", db.Source, db.Engine)
	if _, err := demo.Start(ctx, a, io.Discard); err != nil {
		return err
	}
	if err := fillCases(ctx, db, *existing, stdout); err != nil {
		return err
	}
	b, err := newBench(ctx, a)
	if err != nil {
		return err
	}
	defer b.close()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	return b.run(ctx, stdout, *single, *create, *clients, *reads)
}

// fillCases generates cases until the database holds n, showing progress.
func fillCases(ctx context.Context, db *store.DB, n int, out io.Writer) error {
	have, err := db.Read().CountCases(ctx)
	if err != nil || have >= n {
		return err
	}
	fmt.Fprintf(out, "generating %d cases (the database has %d)…\n", n-have, have)
	start := time.Now()
	_, err = db.GenerateCases(ctx, store.CaseGen{Cases: n - have, Seed: uint64(have) + 1, TxCases: 20_000,
		Progress: func(done, total int) {
			fmt.Fprintf(out, "\r  %d/%d cases (%.0f/s)   ", done, total, float64(done)/time.Since(start).Seconds())
		}})
	fmt.Fprintln(out)
	return err
}

type bench struct {
	srv        *http.Server
	base       string
	client     *http.Client
	token      string
	requesters []int64
	teamID     int64
}

func newBench(ctx context.Context, a *app.App) (*bench, error) {
	h, err := server.New(a, server.Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	b := &bench{srv: &http.Server{Handler: h}, base: "http://" + ln.Addr().String(),
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}, Timeout: 30 * time.Second}}
	go b.srv.Serve(ln)
	sys := app.SystemActor("bench")
	if b.token, err = a.IssueTokenByEmail(ctx, sys, "teamlead@demo.example", "bench"); err != nil {
		return nil, err
	}
	people, err := a.ListPeople(ctx, sys, app.PersonQuery{Role: "employee", PageRequest: app.PageRequest{Limit: 200}})
	if err != nil {
		return nil, err
	}
	for _, p := range people.Items {
		b.requesters = append(b.requesters, p.ID)
	}
	if len(b.requesters) == 0 {
		return nil, errors.New("no member-side people to file cases for")
	}
	lead, err := a.TokenActor(ctx, b.token)
	if err != nil || len(lead.TeamIDs) == 0 {
		return nil, fmt.Errorf("the team lead has no team: %v", err)
	}
	b.teamID = lead.TeamIDs[0]
	return b, nil
}

func (b *bench) close() { b.srv.Close() }

var benchSubjects = []string{"Fel i lönespecifikationen", "Semesterersättning saknas", "Fråga om OB-tillägg",
	"Ändrat kontonummer", "Sjuklön för november", "Intyg om anställning", "Rättelse av övertid", "Pensionsfråga"}

// createCase files one case through the API and returns how long it took.
func (b *bench) createCase(rnd *rand.Rand) (time.Duration, error) {
	body, _ := json.Marshal(map[string]any{
		"requester_id": b.requesters[rnd.IntN(len(b.requesters))], "channel": "phone", "type": "question", "priority": "normal",
		"subject": benchSubjects[rnd.IntN(len(benchSubjects))], "body": "Samtal från medarbetare: " + benchSubjects[rnd.IntN(len(benchSubjects))],
	})
	start := time.Now()
	status, err := b.do("POST", "/api/v1/cases", body)
	d := time.Since(start)
	if err == nil && status != http.StatusCreated {
		err = fmt.Errorf("POST /api/v1/cases: status %d", status)
	}
	return d, err
}

func (b *bench) do(method, path string, body []byte) (int, error) {
	req, err := http.NewRequest(method, b.base+path, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+b.token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := b.client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

func (b *bench) run(ctx context.Context, out io.Writer, single, create, clients, reads int) error {
	rnd := rand.New(rand.NewPCG(1, 2))
	fmt.Fprintf(out, "single client: %d creates…\n", single)
	var one []time.Duration
	for i := range single {
		d, err := b.createCase(rnd)
		if err != nil {
			return err
		}
		one = append(one, d)
		progress(out, i+1, single)
	}
	fmt.Fprintf(out, "%d clients: %d creates…\n", clients, create)
	many, elapsed, err := b.concurrentCreates(out, create, clients)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "team queue and search: %d each…\n", reads)
	queue, err := b.reads(reads, func(i int) string {
		return fmt.Sprintf("/api/v1/cases?queue=my_teams&team_id=%d&limit=50", b.teamID)
	})
	if err != nil {
		return err
	}
	words := []string{"lön", "semester", "intyg", "övertid", "pension", "sjuklön", "kontonummer", "rättelse"}
	search, err := b.reads(reads, func(i int) string { return "/api/v1/cases?limit=50&q=" + url.QueryEscape(words[i%len(words)]) })
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\n%-34s %10s %10s %12s\n", "scenario", "p50", "p99", "rate")
	row := func(name string, d []time.Duration, rate string) {
		p50, p99 := percentiles(d)
		fmt.Fprintf(out, "%-34s %10s %10s %12s\n", name, p50.Round(10*time.Microsecond), p99.Round(10*time.Microsecond), rate)
	}
	row("create, single client", one, "")
	row(fmt.Sprintf("create, %d clients", clients), many, fmt.Sprintf("%.0f/s", float64(create)/elapsed.Seconds()))
	row("team queue, 50 rows", queue, "")
	row("full-text search", search, "")
	return nil
}

func (b *bench) concurrentCreates(out io.Writer, total, clients int) ([]time.Duration, time.Duration, error) {
	var next atomic.Int64
	var mu sync.Mutex
	var all []time.Duration
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rnd := rand.New(rand.NewPCG(uint64(c), 7))
			var mine []time.Duration
			for int(next.Add(1)) <= total {
				d, err := b.createCase(rnd)
				if err != nil {
					mu.Lock()
					firstErr = cmp.Or(firstErr, err)
					mu.Unlock()
					return
				}
				mine = append(mine, d)
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(time.Second):
				progress(out, min(int(next.Load()), total), total)
			}
		}
	}()
	wg.Wait()
	close(done)
	progress(out, total, total)
	return all, time.Since(start), firstErr
}

func (b *bench) reads(n int, path func(int) string) ([]time.Duration, error) {
	var ds []time.Duration
	for i := range n {
		start := time.Now()
		status, err := b.do("GET", path(i), nil)
		if err != nil {
			return nil, err
		}
		if status != http.StatusOK {
			return nil, fmt.Errorf("GET %s: status %d", path(i), status)
		}
		ds = append(ds, time.Since(start))
	}
	return ds, nil
}

func percentiles(d []time.Duration) (p50, p99 time.Duration) {
	if len(d) == 0 {
		return 0, 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2], s[min(len(s)-1, len(s)*99/100)]
}

func progress(out io.Writer, done, total int) {
	if done == total || done%100 == 0 {
		fmt.Fprintf(out, "\r  %d/%d", done, total)
		if done == total {
			fmt.Fprintln(out)
		}
	}
}
