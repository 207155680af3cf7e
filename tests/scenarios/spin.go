package main

import (
	"fmt"
	"time"
)

var stop bool

func spin() {
	for !stop {
	}
}

func main() {
	go spin()
	time.Sleep(time.Millisecond)
	fmt.Printf("done\n")
}
