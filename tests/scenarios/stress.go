package main

import (
	"fmt"
	"sync"
)

const (
	workers = 100000
	each    = 10
	live    = 1000
)

var (
	wg   sync.WaitGroup
	c    = make(chan uint64, 64)
	sem  = make(chan bool, live)
	done = make(chan [2]uint64)
)

func value(id, k int) uint64 { return uint64(id)*each + uint64(k) + 1 }

func worker(id int) {
	for k := 0; k < each; k++ {
		c <- value(id, k)
	}
	<-sem
	wg.Done()
}

func consumer() {
	var sum, xor uint64
	for v := range c {
		sum += v
		xor ^= v * 0x9e3779b97f4a7c15
	}
	done <- [2]uint64{sum, xor}
}

func main() {
	var sum, xor uint64
	for id := 0; id < workers; id++ {
		for k := 0; k < each; k++ {
			v := value(id, k)
			sum += v
			xor ^= v * 0x9e3779b97f4a7c15
		}
	}
	go consumer()
	for id := 0; id < workers; id++ {
		sem <- true
		wg.Add(1)
		go worker(id)
	}
	wg.Wait()
	close(c)
	got := <-done
	fmt.Printf("sent %d sum %d xor %x\n", workers*each, sum, xor)
	fmt.Printf("received sum %d xor %x equal %v\n", got[0], got[1], got[0] == sum && got[1] == xor)
}
