package api

import "net/http"

// Patterns lists every "METHOD /path" pattern the handler registered.
func Patterns(h http.Handler) []string { return h.(*server).patterns }
