// Package routes holds the gateway's static routing table.
package routes

import "sort"

// Route maps a public path prefix to an upstream service.
type Route struct {
	Prefix   string
	Upstream string
}

var table = map[string]string{
	"/api/":    "http://api:8080",
	"/orders/": "http://worker:9000",
	"/":        "http://api:8080/static",
}

// All returns the routes, longest prefix first (the order they are matched in).
func All() []Route {
	out := make([]Route, 0, len(table))
	for p, u := range table {
		out = append(out, Route{Prefix: p, Upstream: u})
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Prefix) != len(out[j].Prefix) {
			return len(out[i].Prefix) > len(out[j].Prefix)
		}
		return out[i].Prefix < out[j].Prefix
	})
	return out
}
