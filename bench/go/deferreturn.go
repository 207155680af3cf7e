// A function that defers one call and returns: ns per defer + deferreturn.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"time"
)

var calls int

//go:noinline
func count() { calls++ }

//go:noinline
func deferonce(i int) (r int) {
	r = i
	defer count()
	return
}

func main() {
	runtime.GOMAXPROCS(1)
	n, err := strconv.Atoi(os.Getenv("BENCH_N"))
	if err != nil || n <= 0 {
		n = 2000000
	}
	s := 0
	t0 := time.Now()
	for i := 0; i < n; i++ {
		s += deferonce(i)
	}
	fmt.Println("deferreturn", time.Since(t0).Nanoseconds(), n)
	if calls != n || s == 0 {
		fmt.Println("calls", calls, "of", n)
	}
}
