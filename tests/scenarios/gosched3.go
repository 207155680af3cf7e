package main

import (
	"fmt"
	"runtime"
)

var done int

func worker(id int) {
	for i := 0; i < 3; i++ {
		fmt.Printf("goroutine %d step %d\n", id, i)
		runtime.Gosched()
	}
	done++
}

func main() {
	for id := 1; id <= 3; id++ {
		go worker(id)
	}
	for done < 3 {
		runtime.Gosched()
	}
	fmt.Printf("main: all %d goroutines done\n", done)
}
