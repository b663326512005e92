// Package greet builds the greeting lines the service prints.
package greet

import (
	"fmt"
	"strings"
)

// Line returns a framed greeting for name.
func Line(name string) string {
	msg := fmt.Sprintf("Hello, %s!", strings.TrimSpace(name))
	return fmt.Sprintf("| %s |", msg)
}

// Rule returns a horizontal rule as wide as Line(name).
func Rule(name string) string {
	return "+" + strings.Repeat("-", len(Line(name))-2) + "+"
}
