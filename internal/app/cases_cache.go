package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"samverkan/internal/cases"
	"samverkan/internal/store"
)

// Opening a case reads the routing rules, the services, the centre's time
// zone, the unit tree, the default team and the case settings: things that
// change seldom. They are kept in
// memory for caseCacheTTL; this instance's own changes to rules and case
// settings clear the cache at once, another instance's show within the TTL.
const caseCacheTTL = 2 * time.Second

type caseSnapshot struct {
	loaded    time.Time
	rules     []cases.Rule
	services  map[int64]cases.Service
	loc       *time.Location
	firstLine int64 // the team named FirstLineTeamName, if any
	units     map[int64]store.UnitTreeNode
	cfg       caseConfig // the case settings
}

// unitPath is a unit's path up the tree and its member, from the cache;
// ok is false for a unit the cache does not know (new since it was loaded).
func (s *caseSnapshot) unitPath(id int64) (path []int64, member int64, ok bool) {
	n, ok := s.units[id]
	if !ok {
		return nil, 0, false
	}
	for u := id; u != 0 && len(path) <= len(s.units); u = s.units[u].Parent {
		path = append(path, u)
	}
	return path, n.Member, true
}

type caseCache struct {
	mu   sync.Mutex
	snap *caseSnapshot
}

// caseCaches holds one cache per database (Apps over the same database,
// such as those of App.At, share it).
var caseCaches sync.Map // *store.DB → *caseCache

func (a *App) caseCache() *caseCache {
	c, _ := caseCaches.LoadOrStore(a.db, &caseCache{})
	return c.(*caseCache)
}

// caseSnapshot returns the cached rules, services and time zone, loading
// them when the cache is empty or old.
func (a *App) caseSnapshot(ctx context.Context) (*caseSnapshot, error) {
	c := a.caseCache()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.snap != nil && time.Since(c.snap.loaded) < caseCacheTTL {
		return c.snap, nil
	}
	q := a.db.Read()
	s := &caseSnapshot{loaded: time.Now(), services: map[int64]cases.Service{}, loc: a.centreLocation(ctx)}
	var err error
	if s.rules, err = q.RoutingRules(ctx); err != nil {
		return nil, err
	}
	ss, err := q.Services(ctx)
	if err != nil {
		return nil, err
	}
	for _, sv := range ss {
		s.services[sv.ID] = sv
	}
	if s.firstLine, err = q.TeamByName(ctx, FirstLineTeamName); err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	if s.units, err = q.UnitTree(ctx); err != nil {
		return nil, err
	}
	if s.cfg, err = a.caseConfigWith(ctx, q, s); err != nil {
		return nil, err
	}
	c.snap = s
	return s, nil
}

// forgetCases clears the cache after a change of rules or settings.
func (a *App) forgetCases() {
	c := a.caseCache()
	c.mu.Lock()
	c.snap = nil
	c.mu.Unlock()
}
