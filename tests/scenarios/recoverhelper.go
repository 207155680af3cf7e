package main

import "fmt"

func helper() {
	fmt.Println("helper recover:", recover())
}

func viahelper() {
	helper()
}

func direct() {
	fmt.Println("direct recover:", recover())
}

func f() {
	defer direct()
	defer viahelper()
	panic("p")
}

func main() {
	f()
	fmt.Println("main")
}
