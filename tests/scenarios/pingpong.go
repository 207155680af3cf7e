package main

import "fmt"

func ponger(ping, pong chan int) {
	for v := range ping {
		pong <- v + 1
	}
	close(pong)
}

func main() {
	ping, pong := make(chan int), make(chan int)
	go ponger(ping, pong)
	n := 0
	for i := 0; i < 10000; i++ {
		ping <- n
		n = <-pong
	}
	close(ping)
	_, ok := <-pong
	fmt.Printf("%d messages, pong open %v\n", n, ok)
}
