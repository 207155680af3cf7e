package main

import "fmt"

const N = 1000

var block, done = make(chan int), make(chan int)

func depth(n int) int {
	var pad [200]byte
	pad[n%200] = byte(n)
	if n == 0 {
		return 0
	}
	return depth(n-1) + int(pad[n%200])
}

func waiter(i int) {
	v := <-block
	done <- i*v + depth(8)
}

func main() {
	sum, want := 0, 0
	for i := 0; i < N; i++ {
		go waiter(i)
	}
	for i := 0; i < N; i++ {
		block <- 2
	}
	for i := 0; i < N; i++ {
		sum += <-done
		want += 2*i + 36
	}
	fmt.Printf("%d goroutines, sum %d, want %d\n", N, sum, want)
}
