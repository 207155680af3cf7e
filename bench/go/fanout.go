// CPU-bound fan-out: 64 goroutines each run a fixed amount of
// arithmetic, joined by a WaitGroup.  Run with GOMAXPROCS=1 and 2.
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

const workers = 64

var sink [workers]uint64

func main() {
	work, err := strconv.Atoi(os.Getenv("BENCH_N"))
	if err != nil || work <= 0 {
		work = 2000000
	}
	var wg sync.WaitGroup
	wg.Add(workers)
	t0 := time.Now()
	for id := 0; id < workers; id++ {
		go func(id int) {
			x := uint64(id) + 1
			for i := 0; i < work; i++ {
				x ^= x << 13
				x ^= x >> 7
				x ^= x << 17
			}
			sink[id] = x
			wg.Done()
		}(id)
	}
	wg.Wait()
	fmt.Println("fanout", time.Since(t0).Nanoseconds(), workers)
}
