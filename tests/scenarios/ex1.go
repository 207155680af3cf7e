package main

import "fmt"

func f() {
	defer catch("f")
	g()
}

func g() {
	defer m()
	panic("g panic")
}

func m() {
	panic("m panic")
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
