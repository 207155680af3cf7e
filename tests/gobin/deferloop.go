package main

import "fmt"

// A defer in a loop is not open-coded: it goes through runtime.deferproc.
func f(n int) {
	for i := 0; i < n; i++ {
		defer fmt.Println("deferred", i)
	}
}

func main() {
	f(2)
	fmt.Println("main")
}
