package main

import (
	"fmt"
	"sync"
)

var wg sync.WaitGroup
var results [10000]int64

func square(i int) {
	results[i] = int64(i) * int64(i)
	wg.Done()
}

func main() {
	for i := 0; i < 10000; i++ {
		wg.Add(1)
		go square(i)
	}
	wg.Wait()
	var sum int64
	for _, v := range results {
		sum += v
	}
	fmt.Printf("%d goroutines, sum of squares %d\n", len(results), sum)
}
