package main

import "fmt"

func sender(c chan int, id int) {
	c <- id
}

func main() {
	c := make(chan int, 100)
	for id := 1; id <= 1000; id++ {
		go sender(c, id)
	}
	sum := 0
	for i := 0; i < 1000; i++ {
		v := <-c
		sum += v
	}
	fmt.Printf("sum %d\n", sum)
}
