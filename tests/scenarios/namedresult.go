package main

import (
	"errors"
	"fmt"
)

func double() (r int) {
	defer func() { r *= 2 }()
	r = 21
	return
}

func inc() (r int) {
	defer func() { r++ }()
	return 10
}

func safediv(a, b int) (q int, err error) {
	defer func() {
		if e := recover(); e != nil {
			q = -1
			err = errors.New(fmt.Sprint("recovered: ", e))
		}
	}()
	q = a / b
	return
}

func main() {
	fmt.Println("double:", double())
	fmt.Println("inc:", inc())
	fmt.Println(safediv(7, 2))
	fmt.Println(safediv(1, 0))
}
