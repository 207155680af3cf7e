package main

import "fmt"

type T struct {
	a, b int
}

var nilp *T

func load(p *T) int {
	return p.b
}

func store(p *T) {
	p.a = 1
}

func catch() {
	fmt.Println("recovered:", recover())
}

func tryload() {
	defer catch()
	fmt.Println(load(nilp))
}

func main() {
	tryload()
	fmt.Println("main")
	store(nilp)
}
