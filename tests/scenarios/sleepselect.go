package main

import (
	"fmt"
	"time"
)

func sleeper(c chan string, name string, ms int) {
	time.Sleep(time.Duration(ms) * time.Millisecond)
	c <- name
}

func main() {
	a, b, quit := make(chan string), make(chan string), make(chan bool)
	select {
	case v := <-a:
		fmt.Printf("unexpected %s\n", v)
	default:
		fmt.Printf("nothing ready\n")
	}
	go sleeper(b, "b at 60ms", 60)
	go sleeper(a, "a at 20ms", 20)
	go sleeper(a, "a at 100ms", 100)
	for i := 0; i < 3; i++ {
		select {
		case v := <-a:
			fmt.Printf("a: %s\n", v)
		case v := <-b:
			fmt.Printf("b: %s\n", v)
		}
	}
	go func() { close(quit) }()
	_, ok := <-quit
	fmt.Printf("quit open %v\n", ok)
}
