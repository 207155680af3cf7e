package main

import (
	"fmt"
	"runtime/debug"
)

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
	down(0)
}
