package main

import (
	"fmt"
	"time"
)

func waiter(done chan bool, start time.Time) {
	time.Sleep(20 * time.Millisecond)
	done <- time.Since(start) >= 20*time.Millisecond
}

func main() {
	t0 := time.Now()
	last := t0
	done := make(chan bool)
	go waiter(done, time.Now())
	fmt.Printf("waiter slept at least 20ms: %v\n", <-done)
	for i := 1; i <= 3; i++ {
		d := time.Duration(i*10) * time.Millisecond
		time.Sleep(d)
		now := time.Now()
		fmt.Printf("slept %dms: clock advanced at least that: %v\n", i*10, now.Sub(last) >= d)
		last = now
	}
	fmt.Printf("total at least 80ms: %v\n", time.Since(t0) >= 80*time.Millisecond)
}
