package main

import "fmt"

var s = [3]int{1, 2, 3}

func at(i int) int {
	return s[i]
}

func tryat(i int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered:", r)
		}
	}()
	fmt.Println("at", i, "=", at(i))
}

func main() {
	tryat(1)
	tryat(5)
	tryat(-1)
	fmt.Println(at(3))
}
