// Unbuffered channel ping-pong between two goroutines: ns per round trip.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	n, err := strconv.Atoi(os.Getenv("BENCH_N"))
	if err != nil || n <= 0 {
		n = 500000
	}
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v
		}
	}()
	v := 0
	t0 := time.Now()
	for i := 0; i < n; i++ {
		ping <- v
		v = <-pong
	}
	fmt.Println("chanpingpong", time.Since(t0).Nanoseconds(), n)
	close(ping)
}
