package main

import "fmt"

func deferred() {
	fmt.Println("deferred recover:", recover())
}

func f() {
	defer deferred()
	fmt.Println("recover:", recover())
}

func main() {
	f()
	fmt.Println("main")
}
