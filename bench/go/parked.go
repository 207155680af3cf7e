// RSS per parked goroutine: 100k goroutines blocked receiving on one
// channel; resident bytes from /proc/self/statm before and after.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

func rss() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(b))
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

func main() {
	runtime.GOMAXPROCS(1)
	n, err := strconv.Atoi(os.Getenv("BENCH_N"))
	if err != nil || n <= 0 {
		n = 100000
	}
	block := make(chan int)
	var started sync.WaitGroup
	before := rss()
	started.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			started.Done()
			<-block
		}()
	}
	started.Wait()
	fmt.Println("parked", rss()-before, n)
}
