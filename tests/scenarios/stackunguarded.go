package main

import (
	"fmt"
	"runtime/debug"
)

var block = make(chan int)

func down(n int) int {
	var pad [64]byte
	if n < 0 {
		return 0
	}
	pad[n%64] = byte(n)
	return down(n+1) + int(pad[0])
}

func main() {
	debug.SetMaxStack(65536)
	fmt.Printf("recursing\n")
	go func() { <-block }()
	go func() { down(0) }()
	go func() { <-block }()
	<-block
}
