package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"samverkan/internal/cases"
)

// CaseGen describes a bulk load of generated cases: for benchmarks, load
// tests and `samverkan bench`. The organisation must exist already (the
// demo data or any other): member-side people with units, teams with staff.
// Rows go in with multi-row INSERTs in big transactions, bypassing the use
// cases (no audit entries, no e-mail jobs). Run it on a quiet database: it
// hands out registration numbers from the counters it read at the start.
type CaseGen struct {
	Cases    int       // how many cases to add
	From, To time.Time // received between; default the year before Now
	Now      time.Time // what "now" is for statuses; default time.Now()
	Seed     uint64
	Prefix   string // registration number prefix
	Batch    int    // cases per INSERT; default 500
	TxCases  int    // cases per transaction; default 10,000
	// Progress, if set, hears after every transaction how many are done.
	Progress func(done, total int)
}

// GenResult says what GenerateCases did.
type GenResult struct {
	Cases, Events int
	Elapsed       time.Duration
}

// GenerateCases adds g.Cases generated cases with their timelines and
// search documents.
func (db *DB) GenerateCases(ctx context.Context, g CaseGen) (GenResult, error) {
	start := time.Now()
	if g.Now.IsZero() {
		g.Now = time.Now()
	}
	if g.To.IsZero() {
		g.To = g.Now
	}
	if g.From.IsZero() {
		g.From = g.To.AddDate(-1, 0, 0)
	}
	if g.Batch <= 0 {
		g.Batch = 500
	}
	if g.TxCases <= 0 {
		g.TxCases = 10000
	}
	gen, err := db.newGenerator(ctx, g)
	if err != nil {
		return GenResult{}, err
	}
	res := GenResult{}
	for done := 0; done < g.Cases; {
		n := min(g.TxCases, g.Cases-done)
		err := db.InTx(ctx, func(q *Queries) error {
			for b := 0; b < n; b += g.Batch {
				events, err := gen.batch(ctx, q, done+b, min(g.Batch, n-b))
				if err != nil {
					return err
				}
				res.Events += events
			}
			return gen.saveCounters(ctx, q)
		})
		if err != nil {
			return res, err
		}
		done += n
		res.Cases = done
		if g.Progress != nil {
			g.Progress(done, g.Cases)
		}
	}
	if db.Engine == Postgres {
		for _, t := range []string{"cases", "case_events"} {
			if _, err := db.SQL.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT MAX(id) FROM `+t+`))`); err != nil {
				return res, err
			}
		}
	}
	if db.Engine == SQLite {
		// Bulk inserts leave FTS5 a large merge half done, which the next
		// writes would otherwise finish: merge the index into one segment
		// now, as the merges of a database's ordinary life would have.
		if _, err := db.SQL.ExecContext(ctx, `INSERT INTO case_fts (case_fts) VALUES ('optimize')`); err != nil {
			return res, err
		}
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

type genPerson struct{ id, member, unit int64 }

type generator struct {
	g         CaseGen
	engine    Engine
	rnd       *rand.Rand
	people    []genPerson
	services  []int64
	firstLine int64
	staff     map[int64][]int64 // team → staff
	owner     map[int64]int64   // unit → serving team
	counters  map[int]int64
	nextCase  int64
	nextEvent int64
}

func (db *DB) newGenerator(ctx context.Context, g CaseGen) (*generator, error) {
	q := db.Read()
	gen := &generator{g: g, engine: db.Engine, rnd: rand.New(rand.NewPCG(g.Seed, 7)), staff: map[int64][]int64{},
		owner: map[int64]int64{}, counters: map[int]int64{}}
	rows, err := q.ex.QueryContext(ctx, `SELECT id, member_id, COALESCE(unit_id, 0) FROM people WHERE member_id IS NOT NULL ORDER BY id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var p genPerson
		if err := rows.Scan(&p.id, &p.member, &p.unit); err != nil {
			rows.Close()
			return nil, err
		}
		gen.people = append(gen.people, p)
	}
	rows.Close()
	if len(gen.people) == 0 {
		return nil, errors.New("no member-side people to file cases for: load the demo data or create an organisation first")
	}
	if gen.services, err = ids(ctx, q, `SELECT id FROM services WHERE active ORDER BY id`); err != nil {
		return nil, err
	}
	teams, err := ids(ctx, q, `SELECT id FROM teams ORDER BY id`)
	if err != nil || len(teams) == 0 {
		return nil, errors.Join(err, errors.New("no teams: create at least one"))
	}
	gen.firstLine = teams[0]
	if id, err := q.TeamByName(ctx, "Första linjen"); err == nil {
		gen.firstLine = id
	}
	if err := pairs(ctx, q, `SELECT team_id, person_id FROM team_members ORDER BY team_id, person_id`, func(t, p int64) {
		gen.staff[t] = append(gen.staff[t], p)
	}); err != nil {
		return nil, err
	}
	if err := pairs(ctx, q, `SELECT unit_id, team_id FROM team_units ORDER BY team_id DESC`, func(u, t int64) { gen.owner[u] = t }); err != nil {
		return nil, err
	}
	if err := pairs(ctx, q, `SELECT year, last FROM case_counters`, func(y, n int64) { gen.counters[int(y)] = n }); err != nil {
		return nil, err
	}
	for _, x := range []struct {
		table string
		to    *int64
	}{{"cases", &gen.nextCase}, {"case_events", &gen.nextEvent}} {
		if err := q.ex.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM `+x.table).Scan(x.to); err != nil {
			return nil, err
		}
	}
	return gen, nil
}

func pairs(ctx context.Context, q *Queries, query string, fn func(a, b int64)) error {
	rows, err := q.ex.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			return err
		}
		fn(a, b)
	}
	return rows.Err()
}

func (gen *generator) saveCounters(ctx context.Context, q *Queries) error {
	for y, n := range gen.counters {
		if _, err := q.ex.ExecContext(ctx, `INSERT INTO case_counters (year, last) VALUES ($1, $2)
			ON CONFLICT (year) DO UPDATE SET last = $2`, y, n); err != nil {
			return err
		}
	}
	return nil
}

// pick returns an index by weights.
func (gen *generator) pick(weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	r := gen.rnd.IntN(total)
	for i, w := range weights {
		if r < w {
			return i
		}
		r -= w
	}
	return len(weights) - 1
}

var (
	genTypes      = []cases.Type{cases.Question, cases.Correction, cases.Order, cases.ErrorReport, cases.DocumentRequest, cases.ChangeRequest, cases.Complaint}
	genChannels   = []cases.Channel{cases.Phone, cases.Email, cases.Portal, cases.WebForm, cases.WalkIn, cases.Internal}
	genSubjects   = []string{"Fråga om semesterersättning", "Saknar OB-tillägg i lönen", "Fel skattetabell", "Ändrat kontonummer", "Anställningsintyg behövs", "Retroaktiv lön efter lönerevision", "Sjuklön under karensdag", "Föräldraledighet och lön", "Reseräkning inte utbetald", "Behörighet till lönesystemet", "Tjänstgöringsintyg till a-kassan", "Pensionsgrundande lön", "Övertidsersättning saknas", "Felaktigt löneavdrag", "Friskvårdsbidrag", "Lönespecifikation går inte att öppna", "Jämkning av skatt", "Rättelse av arbetad tid", "Beställning av lönekörning", "Timlön för vikarier"}
	genOpenings   = []string{"Hej! Jag undrar över min lön för förra månaden.", "Det verkar som att något blivit fel i utbetalningen.", "Kan ni hjälpa mig med detta så snart som möjligt?", "Jag har bifogat underlaget och vill att ni tittar på det.", "Vår chef har godkänt ändringen i systemet."}
	genReplies    = []string{"Tack för ditt ärende. Vi har rättat detta till nästa lönekörning.", "Vi behöver ett underlag från din chef innan vi kan gå vidare.", "Intyget är skickat till din folkbokföringsadress.", "Ändringen är gjord och syns på nästa lönespecifikation."}
	genNotes      = []string{"Kontrollerat i Heroma, avvikelsen stämmer.", "Väntar på attest från chef.", "Samma fråga som förra månaden, se tidigare ärende.", "Lönekonsult informerad."}
	caseInsertCol = `id, year, seq, reference, member_id, unit_id, requester_id, channel, service_id, type, priority, status, is_open,
		team_id, assignee_id, line, tags, confidential, automated, subject, details, received_at, created_at, updated_at,
		first_response_at, resolved_at, closed_at`
	eventInsertCol = `id, case_id, kind, visibility, author_id, author_name, channel, body, changes, created_at`
)

// batch generates and inserts cases number from to from+n-1.
func (gen *generator) batch(ctx context.Context, q *Queries, from, n int) (int, error) {
	g := gen.g
	span := g.To.Sub(g.From)
	var caseRows, eventRows, docRows [][]any
	for i := from; i < from+n; i++ {
		received := utc(g.From.Add(time.Duration(float64(span) * (float64(i) + gen.rnd.Float64()) / float64(g.Cases))))
		p := gen.people[gen.rnd.IntN(len(gen.people))]
		year := received.Year()
		gen.counters[year]++
		c := cases.Case{ID: gen.nextCase, Year: year, Seq: gen.counters[year], MemberID: p.member, UnitID: p.unit, RequesterID: p.id,
			Type: genTypes[gen.pick(45, 15, 10, 8, 12, 5, 5)], Priority: cases.Priorities[gen.pick(10, 70, 15, 5)],
			Channel: genChannels[gen.pick(35, 35, 20, 7, 1, 2)], Subject: genSubjects[gen.rnd.IntN(len(genSubjects))],
			ReceivedAt: received, CreatedAt: received, Line: cases.FirstLine, TeamID: gen.firstLine}
		gen.nextCase++
		c.Reference = cases.Reference{Prefix: g.Prefix, Year: year, Seq: c.Seq}.String()
		if len(gen.services) > 0 {
			c.ServiceID = gen.services[gen.rnd.IntN(len(gen.services))]
		}
		age := g.Now.Sub(received)
		switch {
		case age < 48*time.Hour:
			c.Status = []cases.Status{cases.New, cases.Open, cases.WaitingMember}[gen.pick(40, 45, 15)]
		case age < 14*24*time.Hour:
			c.Status = []cases.Status{cases.Open, cases.WaitingMember, cases.WaitingThirdParty, cases.Resolved}[gen.pick(30, 15, 5, 50)]
		default:
			c.Status = cases.Closed
		}
		if team, ok := gen.owner[p.unit]; ok && c.Status != cases.New && gen.rnd.IntN(10) < 6 {
			c.TeamID, c.Line = team, cases.SecondLine
		}
		if staff := gen.staff[c.TeamID]; c.Status != cases.New && len(staff) > 0 {
			c.AssigneeID = staff[gen.rnd.IntN(len(staff))]
		}
		at := received
		later := func() time.Time {
			at = utc(at.Add(time.Duration(1+gen.rnd.IntN(48*60)) * time.Minute))
			if at.After(g.Now) {
				at = utc(g.Now)
			}
			return at
		}
		body := genOpenings[gen.rnd.IntN(len(genOpenings))] + " " + c.Subject + "."
		ext, in := []string{body}, []string(nil)
		event := func(kind cases.EventKind, vis cases.Visibility, author int64, text, changes string, when time.Time) {
			ch := cases.Channel("")
			if kind == cases.MessageEvent {
				ch = c.Channel
			}
			eventRows = append(eventRows, []any{gen.nextEvent, c.ID, kind, vis, nullID(author), "", ch, text, changes, when})
			gen.nextEvent++
		}
		event(cases.MessageEvent, cases.External, p.id, body, "", received)
		if c.Status != cases.New && gen.rnd.IntN(4) == 0 {
			note := genNotes[gen.rnd.IntN(len(genNotes))]
			in = append(in, note)
			event(cases.NoteEvent, cases.InternalOnly, c.AssigneeID, note, "", later())
		}
		if c.Status != cases.New && (c.Status != cases.Open || gen.rnd.IntN(2) == 0) {
			reply := genReplies[gen.rnd.IntN(len(genReplies))]
			ext = append(ext, reply)
			c.FirstResponseAt = later()
			event(cases.ReplyEvent, cases.External, c.AssigneeID, reply, "", c.FirstResponseAt)
		}
		if c.Status == cases.Resolved || c.Status == cases.Closed {
			c.ResolvedAt = later()
			event(cases.StatusEvent, cases.External, c.AssigneeID, "", `[{"field":"status","from":"open","to":"resolved"}]`, c.ResolvedAt)
		}
		if c.Status == cases.Closed {
			c.ClosedAt = utc(c.ResolvedAt.AddDate(0, 0, 14))
			if c.ClosedAt.After(g.Now) {
				c.ClosedAt = utc(g.Now)
			}
			event(cases.StatusEvent, cases.External, 0, "", `[{"field":"status","from":"resolved","to":"closed"}]`, c.ClosedAt)
			at = c.ClosedAt
		}
		c.UpdatedAt = at
		caseRows = append(caseRows, []any{c.ID, c.Year, c.Seq, c.Reference, c.MemberID, nullID(c.UnitID), c.RequesterID, c.Channel,
			nullID(c.ServiceID), c.Type, c.Priority.Rank(), c.Status, c.Status.Open(), nullID(c.TeamID), nullID(c.AssigneeID), c.Line,
			"", false, false, c.Subject, "{}", c.ReceivedAt, c.CreatedAt, c.UpdatedAt, nullTime(c.FirstResponseAt),
			nullTime(c.ResolvedAt), nullTime(c.ClosedAt)})
		if gen.engine == Postgres {
			docRows = append(docRows, []any{c.ID, tsvectorOf(SearchWords(caseDocument(c, ext)), SearchWords(strings.Join(in, "\n")))})
		} else {
			docRows = append(docRows, []any{c.ID, caseDocument(c, ext), strings.Join(in, "\n")})
		}
	}
	if err := insertRows(ctx, q, "cases", caseInsertCol, caseRows, ""); err != nil {
		return 0, fmt.Errorf("generate cases: %w", err)
	}
	if err := insertRows(ctx, q, "case_events", eventInsertCol, eventRows, ""); err != nil {
		return 0, fmt.Errorf("generate events: %w", err)
	}
	var err error
	if gen.engine == Postgres {
		err = insertRows(ctx, q, "case_search", "case_id, doc", docRows, "::tsvector")
	} else {
		err = insertRows(ctx, q, "case_fts", "rowid, ext, int", docRows, "")
	}
	return len(eventRows), err
}

// insertRows inserts rows with one multi-row INSERT per 1,000 rows (and
// fewer when the rows are wide, to stay within the engines' parameter
// limits). lastCast is appended to the last placeholder of each row.
func insertRows(ctx context.Context, q *Queries, table, cols string, rows [][]any, lastCast string) error {
	if len(rows) == 0 {
		return nil
	}
	per := min(1000, 30000/len(rows[0]))
	for len(rows) > 0 {
		chunk := rows[:min(per, len(rows))]
		rows = rows[len(chunk):]
		var b strings.Builder
		args := make([]any, 0, len(chunk)*len(chunk[0]))
		b.WriteString("INSERT INTO " + table + " (" + cols + ") VALUES ")
		for i, r := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j, v := range r {
				if j > 0 {
					b.WriteString(", ")
				}
				args = append(args, v)
				if q.engine == Postgres {
					b.WriteString("$" + itoa(len(args)))
				} else {
					// SQLite looks numbered parameters up by name, one
					// by one: with thousands of them, anonymous ones are
					// many times faster.
					b.WriteByte('?')
				}
				if j == len(r)-1 {
					b.WriteString(lastCast)
				}
			}
			b.WriteByte(')')
		}
		if _, err := q.ex.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}
