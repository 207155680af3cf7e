package main

import (
	"fmt"
	"runtime"
)

func worker() {
	defer fmt.Println("worker deferred")
	panic("in goroutine")
}

func main() {
	fmt.Println("main")
	go worker()
	for {
		runtime.Gosched()
	}
}
