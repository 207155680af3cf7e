package main

import "fmt"

func catch(funcname string) {
	if r := recover(); r != nil {
		fmt.Println(funcname, "recover:", r)
	}
}

func k() {
	panic("k panic")
}

func h() {
	defer k()
	panic("h panic")
}

func g() {
	defer h()
	panic("g panic")
}

func f() {
	defer catch("f")
	g()
}

func main() {
	f()
	fmt.Println("main")
	g()
}
