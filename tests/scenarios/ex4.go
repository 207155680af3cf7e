package main

import "fmt"

func f() {
	defer catch("f")
	panic("f panic")
	fmt.Println("f continue")
}

func catch(funcname string) {
	if r := recover(); r != nil {
		fmt.Println(funcname, "recover:", r)
	}
}

func main() {
	f()
	fmt.Println("main")
}
