package main

import (
	"fmt"
	"runtime"
	"sync"
)

var wg sync.WaitGroup

func worker(name string) {
	for i := 0; i < 4; i++ {
		fmt.Printf("%s %d\n", name, i)
		runtime.Gosched()
	}
	wg.Done()
}

func main() {
	wg.Add(2)
	go worker("ping")
	go worker("pong")
	wg.Wait()
	fmt.Printf("done\n")
}
