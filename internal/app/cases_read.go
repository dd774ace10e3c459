package app

import (
	"context"
	"errors"
	"slices"
	"time"

	"samverkan/internal/cases"
	"samverkan/internal/fault"
	"samverkan/internal/store"
)

// CaseDetail is a case with its timeline, as the actor may see it.
type CaseDetail struct {
	CaseView
	// Timeline is in time order. Member-side users see only external
	// events (never notes, hand-over reasons or links); it includes the
	// events of duplicates merged into this case (Event.CaseID tells).
	Timeline []cases.Event
	// Links are related and follow-up cases the actor may see.
	Links []CaseLink
	// Merged are the duplicates merged into this case.
	Merged []cases.Case
	// MergedIntoReference is set on a duplicate: where it went.
	MergedIntoReference string
	Actions             CaseActions
}

// CaseActions says what the actor may do on the case now.
type CaseActions struct {
	Reply, Note, Message, Attach           bool
	Assign, ChangeStatus, Update, HandOver bool
	Link, Merge                            bool
	NextStatuses                           []cases.Status
}

// Case reads a case with its timeline; a case the actor may not see is
// not found.
func (a *App) Case(ctx context.Context, by Actor, id int64) (CaseDetail, error) {
	scope, err := a.caseScope(ctx, by)
	if err != nil {
		return CaseDetail{}, err
	}
	q := a.db.Read()
	v, err := q.GetCaseView(ctx, id)
	if err != nil || !sees(scope, v.Case) {
		return CaseDetail{}, notFound(orNotFound(err), "case")
	}
	d := CaseDetail{CaseView: v}
	member := !by.IsCentre()
	merged, err := q.MergedInto(ctx, id)
	if err != nil {
		return d, err
	}
	ids := []int64{id}
	for _, m := range merged {
		if sees(scope, m) {
			d.Merged = append(d.Merged, m)
			ids = append(ids, m.ID)
		}
	}
	if d.Timeline, err = q.CaseEvents(ctx, ids, member); err != nil {
		return d, err
	}
	links, err := q.CaseLinks(ctx, id)
	if err != nil {
		return d, err
	}
	for _, l := range links {
		if sees(scope, l.Other) && (!member || l.Kind != store.LinkRelated) {
			d.Links = append(d.Links, l)
		}
	}
	if v.MergedInto != 0 {
		into, err := q.GetCase(ctx, v.MergedInto)
		if err != nil {
			return d, err
		}
		d.MergedIntoReference = into.Reference
	}
	d.Actions = caseActions(by, v.Case)
	return d, nil
}

func caseActions(by Actor, c cases.Case) CaseActions {
	if !by.IsCentre() {
		return CaseActions{Message: true, Attach: true}
	}
	if !by.Can(WorkCases) {
		return CaseActions{}
	}
	if c.MergedInto != 0 {
		return CaseActions{Attach: true}
	}
	return CaseActions{Reply: true, Note: true, Message: true, Attach: true, Assign: true, ChangeStatus: c.Status != cases.Closed,
		Update: true, HandOver: c.Open(), Link: true, Merge: true, NextStatuses: cases.NextStatuses(c.Status)}
}

// CaseByReference reads a case by its registration number (with or
// without the prefix).
func (a *App) CaseByReference(ctx context.Context, by Actor, ref string) (CaseDetail, error) {
	r, ok := cases.ParseReference(ref)
	if !ok {
		return CaseDetail{}, fault.Field("reference", "reference", "a registration number such as 2026-000123")
	}
	if err := caseActor(by); err != nil {
		return CaseDetail{}, err
	}
	id, err := a.db.Read().CaseIDByReference(ctx, r)
	if err != nil {
		return CaseDetail{}, notFound(err, "case")
	}
	return a.Case(ctx, by, id)
}

// CaseIDByMessageID finds the case an e-mail answers, by the Message-IDs
// in its In-Reply-To and References headers (the e-mail intake, as the
// system). ErrNotFound-kind fault when none matches.
func (a *App) CaseIDByMessageID(ctx context.Context, by Actor, messageIDs []string) (int64, error) {
	if !by.System {
		return 0, fault.Forbiddenf("only the system threads e-mail")
	}
	id, err := a.db.Read().CaseIDByMessageID(ctx, messageIDs)
	return id, notFound(err, "case")
}

// Queue names a case list of the centre console or the member's portal.
type Queue string

const (
	QueueMine       Queue = "mine"       // centre: open cases assigned to me; member: cases I asked
	QueueMyTeams    Queue = "my_teams"   // open cases of my teams
	QueueUnassigned Queue = "unassigned" // open cases nobody is assigned
	QueueAllOpen    Queue = "all_open"   // every open case
	QueueWaiting    Queue = "waiting"    // waiting for the member or a third party
	QueueAll        Queue = "all"        // every case, closed ones too
)

// Queues lists the queues.
var Queues = []Queue{QueueMine, QueueMyTeams, QueueUnassigned, QueueAllOpen, QueueWaiting, QueueAll}

// CaseSort orders a case list: received (oldest first, the default of
// the centre's queues), newest (the member's default), priority (most
// urgent first, then oldest) and updated (recently changed first).
type CaseSort = store.CaseSort

// QueueQuery selects a queue and filters it. Filters combine; zero
// values do not filter.
type QueueQuery struct {
	Queue       Queue
	MemberID    int64
	UnitID      int64 // the unit and the units below it
	RequesterID int64
	TeamID      int64
	AssigneeID  int64
	ServiceID   int64
	Statuses    []cases.Status
	Priority    cases.Priority
	Type        cases.Type
	Tag         string
	// The age: received at or after ReceivedFrom and before ReceivedBefore.
	ReceivedFrom, ReceivedBefore time.Time
	Sort                         CaseSort
	PageRequest
}

// Queue lists one page of a queue, in the chosen order, with keyset
// paging: the cursor of a page continues exactly after its last row.
func (a *App) Queue(ctx context.Context, by Actor, qq QueueQuery) (Page[CaseView], error) {
	scope, err := a.caseScope(ctx, by)
	if err != nil {
		return Page[CaseView]{}, err
	}
	f, limit, err := a.caseFilter(ctx, by, scope, qq)
	if err != nil || f == nil {
		return Page[CaseView]{}, err
	}
	vs, err := a.db.Read().ListCases(ctx, *f)
	if err != nil {
		return Page[CaseView]{}, err
	}
	page := Page[CaseView]{Items: vs}
	if len(vs) > limit {
		page.Items = vs[:limit]
		page.NextCursor = store.CursorAfter(vs[limit-1].Case, f.Sort).Encode()
	}
	return page, nil
}

// caseFilter turns a queue query into the store's filter; nil when the
// queue is empty for the actor by definition.
func (a *App) caseFilter(ctx context.Context, by Actor, scope store.CaseScope, qq QueueQuery) (*store.CaseFilter, int, error) {
	var fs fault.Fields
	limit := qq.Limit
	if limit == 0 {
		limit = defaultLimit
	}
	if limit < 0 || limit > maxLimit {
		fs.Add("limit", "limit", "limit must be between 1 and 200")
	}
	f := &store.CaseFilter{Scope: scope, MemberID: qq.MemberID, RequesterID: qq.RequesterID, AssigneeID: qq.AssigneeID,
		ServiceID: qq.ServiceID, Statuses: qq.Statuses, Priority: qq.Priority, Type: qq.Type, Tag: qq.Tag,
		ReceivedFrom: qq.ReceivedFrom, ReceivedBefore: qq.ReceivedBefore, Sort: qq.Sort, Limit: limit + 1}
	for _, s := range qq.Statuses {
		if !s.Valid() {
			fs.Add("status", "status", "unknown status "+string(s))
			break
		}
	}
	if qq.Priority != "" && !qq.Priority.Valid() {
		fs.Add("priority", "priority", "priority must be low, normal, high or urgent")
	}
	if qq.Type != "" && !qq.Type.Valid() {
		fs.Add("type", "type", "unknown case type")
	}
	if qq.TeamID != 0 {
		f.TeamIDs = []int64{qq.TeamID}
	}
	member := !by.IsCentre()
	if f.Sort == "" {
		f.Sort = store.SortReceived
		if member {
			f.Sort = store.SortNewest
		}
	}
	if !slices.Contains(store.CaseSorts, f.Sort) {
		fs.Add("sort", "sort", "sort must be received, newest, priority or updated")
	}
	if qq.Cursor != "" {
		cur, ok := store.DecodeCaseCursor(qq.Cursor, f.Sort)
		if !ok {
			fs.Add("cursor", "cursor", "cursor is not one this server gave out")
		}
		f.After = &cur
	}
	queue := qq.Queue
	if queue == "" {
		queue = QueueAllOpen
		if member {
			queue = QueueAll
		}
	}
	switch queue {
	case QueueAll:
	case QueueAllOpen:
		f.OpenOnly = true
	case QueueWaiting:
		f.OpenOnly = true
		f.Statuses = []cases.Status{cases.WaitingMember, cases.WaitingThirdParty}
		if len(qq.Statuses) > 0 {
			f.Statuses = intersect(f.Statuses, qq.Statuses)
		}
	case QueueMine:
		if member {
			f.Scope.Own, f.Scope.Units, f.Scope.WholeMember = scope.Own, nil, false
		} else {
			f.OpenOnly, f.AssigneeID = true, by.PersonID
		}
	case QueueMyTeams, QueueUnassigned:
		if member {
			fs.Add("queue", "queue_centre", "this queue is the centre's")
			break
		}
		f.OpenOnly = true
		if queue == QueueUnassigned {
			f.Unassigned = true
		} else if f.TeamIDs = by.TeamIDs; qq.TeamID != 0 {
			f.TeamIDs = intersect(by.TeamIDs, []int64{qq.TeamID})
		}
		if queue == QueueMyTeams && len(f.TeamIDs) == 0 {
			return nil, limit, fs.Err()
		}
	default:
		fs.Add("queue", "queue", "queue must be mine, my_teams, unassigned, all_open, waiting or all")
	}
	if err := fs.Err(); err != nil {
		return nil, limit, err
	}
	if queue == QueueWaiting && len(f.Statuses) == 0 {
		return nil, limit, nil
	}
	if qq.UnitID != 0 {
		q := a.db.Read()
		u, err := q.GetUnit(ctx, qq.UnitID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && f.MemberID != 0 && f.MemberID != u.MemberID) {
			return nil, limit, nil
		}
		if err != nil {
			return nil, limit, err
		}
		// A unit's cases are its member's: the member index finds them.
		f.MemberID = u.MemberID
		if f.UnitIDs, err = q.Subunits(ctx, []int64{qq.UnitID}); err != nil {
			return nil, limit, err
		}
	}
	return f, limit, nil
}

func intersect[T comparable](a, b []T) []T {
	var out []T
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// SearchQuery is a full-text search over cases, newest first.
type SearchQuery struct {
	// Text: words that must all occur (as word beginnings) in the
	// registration number, the subject or the messages; or a registration
	// number, which finds that case.
	Text      string
	OpenOnly  bool
	MemberID  int64
	TeamID    int64
	ServiceID int64
	Statuses  []cases.Status
	Type      cases.Type
	PageRequest
}

const searchSort store.CaseSort = "search"

// SearchCases searches the cases the actor may see. Member-side users'
// words match only what they may see: never internal notes.
func (a *App) SearchCases(ctx context.Context, by Actor, sq SearchQuery) (Page[CaseView], error) {
	scope, err := a.caseScope(ctx, by)
	if err != nil {
		return Page[CaseView]{}, err
	}
	if len(store.SearchWords(sq.Text)) == 0 {
		return Page[CaseView]{}, fault.Field("q", "required", "type what to search for")
	}
	q := a.db.Read()
	if ref, ok := cases.ParseReference(sq.Text); ok {
		id, err := q.CaseIDByReference(ctx, ref)
		if err == nil {
			v, err := q.GetCaseView(ctx, id)
			if err == nil && sees(scope, v.Case) {
				return Page[CaseView]{Items: []CaseView{v}}, nil
			}
		}
	}
	queue := QueueAll
	if sq.OpenOnly {
		queue = QueueAllOpen
	}
	f, limit, err := a.caseFilter(ctx, by, scope, QueueQuery{Queue: queue, MemberID: sq.MemberID, TeamID: sq.TeamID,
		ServiceID: sq.ServiceID, Statuses: sq.Statuses, Type: sq.Type, PageRequest: PageRequest{Limit: sq.Limit}})
	if err != nil || f == nil {
		return Page[CaseView]{}, err
	}
	s := store.CaseSearch{Text: sq.Text, ExternalOnly: !by.IsCentre(), Filter: *f}
	if sq.Cursor != "" {
		cur, ok := store.DecodeCaseCursor(sq.Cursor, searchSort)
		if !ok {
			return Page[CaseView]{}, fault.Field("cursor", "cursor", "cursor is not one this server gave out")
		}
		s.BeforeID = cur.ID
	}
	// New cases' documents may still wait to be indexed: a search finds
	// every case there is.
	if err := a.db.IndexQueuedCases(ctx); err != nil {
		return Page[CaseView]{}, err
	}
	vs, err := q.SearchCases(ctx, s)
	if err != nil {
		return Page[CaseView]{}, err
	}
	page := Page[CaseView]{Items: vs}
	if len(vs) > limit {
		page.Items = vs[:limit]
		page.NextCursor = store.CaseCursor{Sort: searchSort, ID: vs[limit-1].ID}.Encode()
	}
	return page, nil
}

// PersonMatch is a person found as one types.
type PersonMatch = store.PersonMatch

// FindPeople finds member-side people as one types (the requester of a
// phone case): words match the beginnings of names and e-mail addresses,
// digits a phone number however it is written. Centre staff search every
// member (or memberID); member-side users their own member only.
func (a *App) FindPeople(ctx context.Context, by Actor, text string, memberID int64, limit int) ([]PersonMatch, error) {
	if err := by.require(ViewDirectory); err != nil {
		return nil, err
	}
	if !by.IsCentre() {
		if memberID != 0 && memberID != by.MemberID {
			return nil, nil
		}
		memberID = by.MemberID
	}
	if limit <= 0 || limit > 50 {
		limit = 10
	}
	return a.db.Read().FindPeople(ctx, text, memberID, limit)
}

// Services lists the centre's services by area (anyone signed in): the
// choices of a case's service.
func (a *App) Services(ctx context.Context, by Actor) ([]cases.Service, error) {
	if !by.System && by.PersonID == 0 {
		return nil, fault.New(fault.Unauthenticated, "sign in first")
	}
	return a.db.Read().Services(ctx)
}
