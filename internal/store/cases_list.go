package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"samverkan/internal/cases"
)

// CaseScope limits which cases a reader sees; package app builds it from
// the actor. The zero value sees nothing.
type CaseScope struct {
	// Centre staff.
	Centre bool
	// AllConfidential: admins and team leads see every confidential case;
	// other staff only those of ConfidentialTeams or assigned to Person.
	AllConfidential   bool
	ConfidentialTeams []int64
	Person            int64

	// Member side: cases of MemberID only, namely those whose requester is
	// one of Own (confidential or not), plus the non-confidential cases of
	// Units, or of the whole member with WholeMember.
	MemberID    int64
	Own         []int64
	Units       []int64
	WholeMember bool
}

func (s CaseScope) apply(w *where) {
	if s.Centre {
		if s.AllConfidential {
			return
		}
		cond := "(NOT c.confidential OR c.assignee_id = ?"
		w.args = append(w.args, s.Person)
		cond = strings.Replace(cond, "?", "$"+itoa(len(w.args)), 1)
		if len(s.ConfidentialTeams) > 0 {
			cond += " OR c.team_id IN (" + placeholders(w, s.ConfidentialTeams) + ")"
		}
		w.conds = append(w.conds, cond+")")
		return
	}
	if s.MemberID == 0 {
		w.add("1 = 0")
		return
	}
	var any []string
	if len(s.Own) > 0 {
		any = append(any, "c.requester_id IN ("+placeholders(w, s.Own)+")")
	}
	switch {
	case s.WholeMember:
		any = append(any, "NOT c.confidential")
	case len(s.Units) > 0:
		any = append(any, "(NOT c.confidential AND c.unit_id IN ("+placeholders(w, s.Units)+"))")
	}
	if len(any) == 0 {
		w.add("1 = 0")
		return
	}
	// The unary plus keeps the member index out of the plan where the
	// requester index serves better; the condition still holds.
	member := "c.member_id = ?"
	if !s.WholeMember && len(s.Units) == 0 {
		member = "+c.member_id = ?"
	}
	w.add(member, s.MemberID)
	w.conds = append(w.conds, "("+strings.Join(any, " OR ")+")")
}

// CaseSort orders a case list.
type CaseSort string

const (
	SortReceived CaseSort = "received" // oldest first: the queue order
	SortNewest   CaseSort = "newest"   // newest first
	SortPriority CaseSort = "priority" // most urgent first, then oldest
	SortUpdated  CaseSort = "updated"  // most recently changed first
)

// CaseSorts lists the sorts.
var CaseSorts = []CaseSort{SortReceived, SortNewest, SortPriority, SortUpdated}

// CaseCursor is where the previous page of a case list ended.
type CaseCursor struct {
	Sort     CaseSort
	At       time.Time // received_at or updated_at of the last row
	Priority int
	ID       int64
}

// Encode makes the cursor opaque for the client.
func (c CaseCursor) Encode() string {
	s := fmt.Sprintf("%s|%d|%d|%d", c.Sort, c.At.UnixMicro(), c.Priority, c.ID)
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

// DecodeCaseCursor reads a cursor given out for sort.
func DecodeCaseCursor(s string, sort CaseSort) (CaseCursor, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return CaseCursor{}, false
	}
	parts := strings.Split(string(b), "|")
	if len(parts) != 4 || CaseSort(parts[0]) != sort {
		return CaseCursor{}, false
	}
	at, err1 := strconv.ParseInt(parts[1], 10, 64)
	prio, err2 := strconv.Atoi(parts[2])
	id, err3 := strconv.ParseInt(parts[3], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || id <= 0 {
		return CaseCursor{}, false
	}
	return CaseCursor{Sort: sort, At: time.UnixMicro(at).UTC(), Priority: prio, ID: id}, true
}

// CursorAfter is the cursor that continues after row c.
func CursorAfter(c cases.Case, sort CaseSort) CaseCursor {
	cur := CaseCursor{Sort: sort, At: c.ReceivedAt, Priority: c.Priority.Rank(), ID: c.ID}
	if sort == SortUpdated {
		cur.At = c.UpdatedAt
	}
	return cur
}

// CaseFilter selects cases for a queue or list.
type CaseFilter struct {
	Scope CaseScope

	OpenOnly    bool // not resolved or closed
	TeamIDs     []int64
	AssigneeID  int64
	Unassigned  bool
	Statuses    []cases.Status
	MemberID    int64
	UnitIDs     []int64 // any of these units (the app adds the subunits)
	RequesterID int64
	Priority    cases.Priority
	Type        cases.Type
	ServiceID   int64
	Tag         string
	// ReceivedFrom and ReceivedBefore bound the age: From inclusive, Before exclusive.
	ReceivedFrom, ReceivedBefore time.Time

	Sort  CaseSort
	After *CaseCursor
	Limit int
}

func (f CaseFilter) where() (*where, error) {
	w := &where{}
	f.Scope.apply(w)
	if f.OpenOnly {
		w.add("c.is_open")
	}
	switch len(f.TeamIDs) {
	case 0:
	case 1:
		w.add("c.team_id = ?", f.TeamIDs[0])
	default:
		w.conds = append(w.conds, "c.team_id IN ("+placeholders(w, f.TeamIDs)+")")
	}
	if f.AssigneeID != 0 {
		w.add("c.assignee_id = ?", f.AssigneeID)
	}
	if f.Unassigned {
		w.add("c.assignee_id IS NULL")
	}
	if len(f.Statuses) > 0 {
		w.conds = append(w.conds, "c.status IN ("+placeholders(w, f.Statuses)+")")
	}
	if f.MemberID != 0 {
		w.add("c.member_id = ?", f.MemberID)
	}
	if len(f.UnitIDs) > 0 {
		w.conds = append(w.conds, "c.unit_id IN ("+placeholders(w, f.UnitIDs)+")")
	}
	if f.RequesterID != 0 {
		w.add("c.requester_id = ?", f.RequesterID)
	}
	if f.Priority != "" {
		w.add("c.priority = ?", f.Priority.Rank())
	}
	if f.Type != "" {
		w.add("c.type = ?", f.Type)
	}
	if f.ServiceID != 0 {
		w.add("c.service_id = ?", f.ServiceID)
	}
	if f.Tag != "" {
		w.add("(' ' || c.tags || ' ') LIKE ?", "% "+f.Tag+" %")
	}
	if !f.ReceivedFrom.IsZero() {
		w.add("c.received_at >= ?", utc(f.ReceivedFrom))
	}
	if !f.ReceivedBefore.IsZero() {
		w.add("c.received_at < ?", utc(f.ReceivedBefore))
	}
	return w, nil
}

// order returns the ORDER BY clause of a sort and adds the keyset
// condition for the cursor.
func (f CaseFilter) order(w *where) (string, error) {
	cur := f.After
	switch f.Sort {
	case SortReceived, "":
		if cur != nil {
			w.add("(c.received_at, c.id) > (?, ?)", utc(cur.At), cur.ID)
		}
		return "c.received_at, c.id", nil
	case SortNewest:
		if cur != nil {
			w.add("(c.received_at, c.id) < (?, ?)", utc(cur.At), cur.ID)
		}
		return "c.received_at DESC, c.id DESC", nil
	case SortPriority:
		if cur != nil {
			w.add("c.priority <= ? AND (c.priority < ? OR (c.received_at, c.id) > (?, ?))",
				cur.Priority, cur.Priority, utc(cur.At), cur.ID)
		}
		return "c.priority DESC, c.received_at, c.id", nil
	case SortUpdated:
		if cur != nil {
			w.add("(c.updated_at, c.id) < (?, ?)", utc(cur.At), cur.ID)
		}
		return "c.updated_at DESC, c.id DESC", nil
	}
	return "", fmt.Errorf("unknown sort %q", f.Sort)
}

// ListCases returns one page of cases in the filter's order.
func (q *Queries) ListCases(ctx context.Context, f CaseFilter) ([]CaseView, error) {
	w, err := f.where()
	if err != nil {
		return nil, err
	}
	order, err := f.order(w)
	if err != nil {
		return nil, err
	}
	query := `SELECT ` + caseViewCols + ` FROM cases c` + caseJoins + w.clause() + ` ORDER BY ` + order
	if f.Limit > 0 {
		query += ` LIMIT ` + itoa(f.Limit)
	}
	return q.caseViews(ctx, query, w.args...)
}

func (q *Queries) caseViews(ctx context.Context, query string, args ...any) ([]CaseView, error) {
	rows, err := q.ex.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var vs []CaseView
	for rows.Next() {
		v, err := scanCaseView(rows)
		if err != nil {
			return nil, err
		}
		vs = append(vs, v)
	}
	return vs, rows.Err()
}

// clause is " WHERE a AND b" or "".
func (w *where) clause() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}
