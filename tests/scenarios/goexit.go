package main

import (
	"fmt"
	"runtime"
)

func worker() {
	defer fmt.Println("worker deferred")
	func() {
		defer fmt.Println("inner deferred")
		defer func() { fmt.Println("recover in Goexit:", recover()) }()
		runtime.Goexit()
	}()
	fmt.Println("not reached")
}

func main() {
	go worker()
	runtime.Gosched()
	fmt.Println("main after worker")
	defer fmt.Println("main deferred")
	runtime.Goexit()
}
