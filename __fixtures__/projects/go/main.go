package main

import (
	"fmt"

	"example.com/hello/greet"
)

func main() {
	name := "gopher"
	fmt.Println(greet.Rule(name))
	fmt.Println(greet.Line(name))
	fmt.Println(greet.Rule(name))
}
