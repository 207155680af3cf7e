package main

import (
	"errors"
	"fmt"
)

type MyErr struct {
	code int
}

func (e *MyErr) Error() string {
	return fmt.Sprint("myerr ", e.code)
}

func try(v interface{}) {
	defer func() {
		fmt.Println("recovered:", recover())
	}()
	panic(v)
}

func main() {
	try("a string")
	try(42)
	try(-7)
	try(errors.New("an error"))
	try(&MyErr{7})
	panic(&MyErr{8})
}
