package main

import "fmt"

func again() {
	r := recover()
	fmt.Println("recovered:", r)
	panic("again")
}

func outer() {
	fmt.Println("outer recover:", recover())
}

func f() {
	defer again()
	panic("boom")
}

func g() {
	defer outer()
	f()
}

func main() {
	g()
	fmt.Println("main")
	f()
}
