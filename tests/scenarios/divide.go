package main

import (
	"fmt"
	"math"
)

func div(a, b int64) int64 {
	return a / b
}

func mod(a, b int64) int64 {
	return a % b
}

func trydiv(a, b int64) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered:", r)
		}
	}()
	fmt.Println(a, "/", b, "=", div(a, b), "rem", mod(a, b))
}

func main() {
	trydiv(7, 2)
	trydiv(-7, 2)
	trydiv(math.MinInt64, -1)
	trydiv(1, 0)
	fmt.Println(div(1, 0))
}
