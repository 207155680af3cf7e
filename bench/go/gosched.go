// Two goroutines alternate with runtime.Gosched: ns per switch.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"
)

func main() {
	runtime.GOMAXPROCS(1)
	n, err := strconv.Atoi(os.Getenv("BENCH_N"))
	if err != nil || n <= 0 {
		n = 1000000
	}
	var wg sync.WaitGroup
	wg.Add(2)
	t0 := time.Now()
	for k := 0; k < 2; k++ {
		go func() {
			for i := 0; i < n; i++ {
				runtime.Gosched()
			}
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Println("gosched", time.Since(t0).Nanoseconds(), 2*n)
}
