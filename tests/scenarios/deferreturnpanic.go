package main

import "fmt"

func f() (r int) {
	defer func() {
		fmt.Println("f recover:", recover())
		r = 7
	}()
	defer func() {
		panic("in deferreturn")
	}()
	fmt.Println("f body")
	return 1
}

func main() {
	fmt.Println("f returned", f())
}
