// Goroutine spawn + exit, in batches of 1000 joined by a WaitGroup: ns per goroutine.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"
)

const batch = 1000

func main() {
	runtime.GOMAXPROCS(1)
	n, err := strconv.Atoi(os.Getenv("BENCH_N"))
	if err != nil || n <= 0 {
		n = 200
	}
	var wg sync.WaitGroup
	t0 := time.Now()
	for i := 0; i < n; i++ {
		wg.Add(batch)
		for j := 0; j < batch; j++ {
			go wg.Done()
		}
		wg.Wait()
	}
	fmt.Println("spawn", time.Since(t0).Nanoseconds(), n*batch)
}
