package main

import (
	"fmt"
	"sync"
)

const N = 64

var wg sync.WaitGroup
var results [N]uint64

//go:noinline
func mix(x uint64) uint64 {
	return (x ^ x>>31) * 0x7fb5d329728ea185
}

func work(i int) {
	x := uint64(i)
	for k := 0; k < 20000; k++ {
		x = mix(x + uint64(k))
	}
	results[i] = x
	wg.Done()
}

func main() {
	wg.Add(N)
	for i := 0; i < N; i++ {
		go work(i)
	}
	wg.Wait()
	var sum uint64
	for i := 0; i < N; i++ {
		sum ^= results[i]
	}
	fmt.Printf("%d workers, checksum %x\n", N, sum)
}
