package main

import "fmt"

func g() {
	defer fmt.Println("g deferred 1")
	defer fmt.Println("g deferred 2")
	fmt.Println("g body")
}

func f() {
	for i := 0; i < 4; i++ {
		defer fmt.Println("f deferred", i)
	}
	g()
	fmt.Println("f body")
}

func main() {
	f()
	fmt.Println("main")
}
