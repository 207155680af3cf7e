package main

import (
	"fmt"
	"unsafe"
)

var addr uintptr = 0xdead0000

func main() {
	fmt.Println("main")
	p := (*int)(unsafe.Pointer(addr))
	*p = 1
}
