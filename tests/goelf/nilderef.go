// A nil pointer dereference: the kernel's SIGSEGV becomes Go's sigpanic,
// a run-time panic that a deferred call recovers.
package main

import "fmt"

type T struct{ x int }

//go:noinline
func deref(p *T) int {
	return p.x
}

func main() {
	defer func() {
		fmt.Println("recovered:", recover())
	}()
	var p *T
	fmt.Println(deref(p))
}
