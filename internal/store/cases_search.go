package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"samverkan/internal/cases"
)

// The full-text index keeps one document per case in two parts: what the
// member side may see (reference, subject, messages, replies, their file
// names) and what only the centre sees (notes, hand-over reasons). SQLite
// uses the FTS5 table case_fts (rowid = case id), PostgreSQL the tsvector
// table case_search (weight A external, B internal); see migration 0005.

// SearchWords splits text into the lower-case words the index holds:
// runs of letters and digits. Å, ä, ö, æ and ø are letters like any other.
func SearchWords(text string) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, w := range words {
		if len(w) > 100 {
			w = w[:100]
			for !utf8.ValidString(w) {
				w = w[:len(w)-1]
			}
			words[i] = w
		}
	}
	return words
}

// caseDocument is the member-visible text of a case for the index.
func caseDocument(c cases.Case, texts []string) string {
	parts := append([]string{c.Reference, (cases.Reference{Year: c.Year, Seq: c.Seq}).String(), c.Subject}, texts...)
	return strings.Join(parts, "\n")
}

// IndexCase rewrites the search document of a case (new cases' documents
// are written by IndexNewCases).
func (q *Queries) IndexCase(ctx context.Context, c cases.Case, external, internal []string) error {
	ext := caseDocument(c, external)
	in := strings.Join(internal, "\n")
	if q.engine == Postgres {
		_, err := q.ex.ExecContext(ctx, `INSERT INTO case_search (case_id, doc) VALUES ($1, $2::tsvector)
			ON CONFLICT (case_id) DO UPDATE SET doc = EXCLUDED.doc`, c.ID, tsvectorOf(SearchWords(ext), SearchWords(in)))
		return err
	}
	queued, err := q.takeQueuedCaseDoc(ctx, c.ID)
	if err != nil {
		return err
	}
	if !queued { // the index has its old document
		if _, err := q.ex.ExecContext(ctx, `DELETE FROM case_fts WHERE rowid = $1`, c.ID); err != nil {
			return err
		}
	}
	_, err = q.ex.ExecContext(ctx, `INSERT INTO case_fts (rowid, ext, int) VALUES ($1, $2, $3)`, c.ID, ext, in)
	return err
}

// CaseDoc is the text of a new case for the search index.
type CaseDoc struct {
	Case               cases.Case
	External, Internal []string
}

// IndexNewCases writes the search documents of cases just created, in one
// statement. On SQLite the full-text index flushes its words at every
// commit, which costs a case opened on its own a sixth of its time; so
// documents of fewer than queueBelow cases go into the queue that
// IndexQueuedCases empties, while a busy writer's larger batches share one
// flush and index at once.
func (q *Queries) IndexNewCases(ctx context.Context, docs []CaseDoc) error {
	rows := make([][]any, len(docs))
	for i, d := range docs {
		ext, in := caseDocument(d.Case, d.External), strings.Join(d.Internal, "\n")
		if q.engine == Postgres {
			rows[i] = []any{d.Case.ID, tsvectorOf(SearchWords(ext), SearchWords(in))}
		} else {
			rows[i] = []any{d.Case.ID, ext, in}
		}
	}
	if q.engine == Postgres {
		return insertRows(ctx, q, "case_search", "case_id, doc", rows, "::tsvector")
	}
	if len(rows) < queueBelow {
		return q.queueNewCaseDocs(ctx, rows)
	}
	return insertRows(ctx, q, "case_fts", "rowid, ext, int", rows, "")
}

const queueBelow = 4

// ReindexCase rebuilds the search document of a case from what is stored.
func (q *Queries) ReindexCase(ctx context.Context, id int64) error {
	c, err := q.GetCase(ctx, id)
	if err != nil {
		return err
	}
	ext, in, err := q.CaseTexts(ctx, id)
	if err != nil {
		return err
	}
	return q.IndexCase(ctx, c, ext, in)
}

// tsvectorOf writes a PostgreSQL tsvector of the words: each word once,
// with weight A where the member side may see it and B where only the
// centre may (a weight needs a position, so every word keeps its first). Words are letters and digits only: nothing to escape.
func tsvectorOf(external, internal []string) string {
	type mark struct{ a, b int }
	seen := map[string]*mark{}
	var order []string
	pos := 0
	add := func(words []string, ext bool) {
		for _, w := range words {
			pos++
			m := seen[w]
			if m == nil {
				m = &mark{}
				seen[w] = m
				order = append(order, w)
			}
			p := min(pos, 16383)
			if ext && m.a == 0 {
				m.a = p
			}
			if !ext && m.b == 0 {
				m.b = p
			}
		}
	}
	add(external, true)
	add(internal, false)
	var b strings.Builder
	for i, w := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		m := seen[w]
		b.WriteString("'" + w + "':")
		// A word the member side sees needs no B: the centre's searches
		// match any weight.
		if m.a != 0 {
			fmt.Fprintf(&b, "%dA", m.a)
		} else {
			fmt.Fprintf(&b, "%dB", m.b)
		}
	}
	return b.String()
}

// maxSearchWords bounds how many words of a query are used.
const maxSearchWords = 8

// matchQuery turns the words into the engine's query: every word must
// occur, each as a prefix (people search as they type). externalOnly
// restricts the match to what the member side may see.
func (q *Queries) matchQuery(words []string, externalOnly bool) string {
	if len(words) > maxSearchWords {
		words = words[:maxSearchWords]
	}
	parts := make([]string, len(words))
	for i, w := range words {
		if q.engine == Postgres {
			parts[i] = "'" + w + "':*"
			if externalOnly {
				parts[i] += "A"
			}
		} else {
			parts[i] = `"` + w + `"*`
		}
	}
	if q.engine == Postgres {
		return strings.Join(parts, " & ")
	}
	match := strings.Join(parts, " AND ")
	if externalOnly {
		match = "{ext} : (" + match + ")"
	}
	return match
}

// CaseSearch is a full-text search within a case filter (its sort is
// ignored: matches come newest first).
type CaseSearch struct {
	Text         string
	ExternalOnly bool // match only text the member side may see
	Filter       CaseFilter
	BeforeID     int64 // cursor: only cases with a smaller id
}

// SearchCases finds cases whose reference, subject or messages contain
// every word of the text, newest first.
func (q *Queries) SearchCases(ctx context.Context, s CaseSearch) ([]CaseView, error) {
	words := SearchWords(s.Text)
	if len(words) == 0 {
		return nil, nil
	}
	f := s.Filter
	f.Sort, f.After = SortNewest, nil
	w, err := f.where()
	if err != nil {
		return nil, err
	}
	var from, order string
	if q.engine == Postgres {
		w.add("cs.doc @@ ?::tsquery", q.matchQuery(words, s.ExternalOnly))
		from = `case_search cs JOIN cases c ON c.id = cs.case_id`
		order = `c.id DESC`
	} else {
		w.add("case_fts MATCH ?", q.matchQuery(words, s.ExternalOnly))
		from = `case_fts JOIN cases c ON c.id = case_fts.rowid`
		order = `case_fts.rowid DESC`
	}
	if s.BeforeID > 0 {
		w.add("c.id < ?", s.BeforeID)
	}
	query := `SELECT ` + caseViewCols + ` FROM ` + from + caseJoins + w.clause() + ` ORDER BY ` + order
	if f.Limit > 0 {
		query += ` LIMIT ` + itoa(f.Limit)
	}
	return q.caseViews(ctx, query, w.args...)
}

// PersonMatch is a person found as one types, with where they belong.
type PersonMatch struct {
	ID         int64
	Name       string
	Email      string
	Phone      string
	MemberID   int64
	MemberName string
	UnitID     int64
	UnitName   string
}

// FindPeople finds active people of the member side whose name, e-mail
// address or phone number start with the words of text (of memberID only,
// unless 0), best match first.
func (q *Queries) FindPeople(ctx context.Context, text string, memberID int64, limit int) ([]PersonMatch, error) {
	words := SearchWords(text)
	if strings.IndexFunc(text, unicode.IsLetter) < 0 {
		// Only digits: a phone number however it is spaced.
		words = []string{strings.Join(words, "")}
	}
	if len(words) == 0 || words[0] == "" {
		return nil, nil
	}
	var w where
	var from, order string
	if q.engine == Postgres {
		w.add(`to_tsvector('simple', lower(p.name || ' ' || translate(p.email, '@.-_+', '     ') || ' ' || translate(p.phone, ' -+()', ''))) @@ ?::tsquery`,
			q.matchQuery(words, false))
		from, order = `people p`, `p.name, p.id`
	} else {
		w.add("people_fts MATCH ?", q.matchQuery(words, false))
		from, order = `people_fts JOIN people p ON p.id = people_fts.rowid`, `people_fts.rank, p.id`
	}
	w.add("p.active")
	if memberID != 0 {
		w.add("p.member_id = ?", memberID)
	} else {
		w.add("p.member_id IS NOT NULL")
	}
	rows, err := q.ex.QueryContext(ctx, `SELECT p.id, p.name, p.email, p.phone, p.member_id, COALESCE(m.name, ''), p.unit_id, COALESCE(u.name, '')
		FROM `+from+` LEFT JOIN members m ON m.id = p.member_id LEFT JOIN units u ON u.id = p.unit_id`+
		w.clause()+` ORDER BY `+order+` LIMIT `+itoa(limit), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PersonMatch
	for rows.Next() {
		var p PersonMatch
		var member, unit sql.NullInt64
		if err := rows.Scan(&p.ID, &p.Name, &p.Email, &p.Phone, &member, &p.MemberName, &unit, &p.UnitName); err != nil {
			return nil, err
		}
		p.MemberID, p.UnitID = idOf(member), idOf(unit)
		out = append(out, p)
	}
	return out, rows.Err()
}
