package app

import (
	"sync"
	"time"

	"samverkan/internal/store"
)

// Every API request names its token, and resolving one to its owner takes
// a few queries (token, person, roles, teams). The owner is therefore
// kept in memory for tokenCacheTTL: a token revoked on this instance stops
// working at once; one revoked on another instance, or a change of its
// owner's roles, takes effect within the TTL.
const tokenCacheTTL = 2 * time.Second

// maxCachedTokens bounds the cache; past it, it starts again empty.
const maxCachedTokens = 10_000

type tokenCache struct {
	mu     sync.Mutex
	byHash map[string]cachedToken
}

type cachedToken struct {
	actor Actor
	read  time.Time
}

var tokenCaches sync.Map // *store.DB → *tokenCache

func tokenCacheOf(db *store.DB) *tokenCache {
	v, _ := tokenCaches.LoadOrStore(db, &tokenCache{})
	return v.(*tokenCache)
}

// cachedActor returns the owner of the token with this hash if it was
// resolved less than tokenCacheTTL ago.
func (c *tokenCache) cachedActor(hash string) (Actor, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.byHash[hash]
	if !ok || time.Since(t.read) >= tokenCacheTTL {
		return Actor{}, false
	}
	return t.actor, true
}

func (c *tokenCache) keep(hash string, a Actor) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byHash == nil || len(c.byHash) >= maxCachedTokens {
		c.byHash = map[string]cachedToken{}
	}
	c.byHash[hash] = cachedToken{actor: a, read: time.Now()}
}

// forget empties the cache (after a token is revoked).
func (c *tokenCache) forget() {
	c.mu.Lock()
	c.byHash = nil
	c.mu.Unlock()
}
