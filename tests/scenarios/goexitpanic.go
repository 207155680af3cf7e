package main

import (
	"fmt"
	"runtime"
)

func worker() {
	defer fmt.Println("worker deferred")
	defer func() { fmt.Println("recovered:", recover()) }()
	defer func() { panic("panic during Goexit") }()
	runtime.Goexit()
	fmt.Println("not reached")
}

func main() {
	go worker()
	runtime.Gosched()
	fmt.Println("main")
}
