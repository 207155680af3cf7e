package main

import "fmt"

func main() {
	c := make(chan int)
	fmt.Printf("waiting\n")
	<-c
}
