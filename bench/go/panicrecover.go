// panic in a function whose deferred call recovers: ns per round trip.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"
)

var recovered int

func catch() {
	if recover() != nil {
		recovered++
	}
}

//go:noinline
func thrower() {
	defer catch()
	panic("x")
}

func main() {
	runtime.GOMAXPROCS(1)
	n, err := strconv.Atoi(os.Getenv("BENCH_N"))
	if err != nil || n <= 0 {
		n = 200000
	}
	t0 := time.Now()
	for i := 0; i < n; i++ {
		thrower()
	}
	fmt.Println("panicrecover", time.Since(t0).Nanoseconds(), n)
	if recovered != n {
		fmt.Println("recovered", recovered, "of", n)
	}
}
