package main

import (
	"fmt"
	"os"
	"time"

	"example.com/shop/gateway/internal/routes"
)

func main() {
	// Maintenance windows are published in the shop's local time (needs tzdata in the image).
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		fmt.Fprintln(os.Stderr, "gateway:", err)
		os.Exit(1)
	}
	window := time.Date(2024, time.July, 1, 2, 0, 0, 0, time.UTC).In(loc)
	fmt.Println("gateway routes:")
	for _, r := range routes.All() {
		fmt.Printf("  %-9s -> %s\n", r.Prefix, r.Upstream)
	}
	fmt.Println("maintenance window:", window.Format("2006-01-02 15:04 MST"))
}
