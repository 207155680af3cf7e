// A pipe through the network poller (pipe2, epoll, non-blocking reads that
// wait for a write), close twice, and an open of a path that does not exist.
package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

func main() {
	r, w, err := os.Pipe()
	if err != nil {
		fmt.Println("pipe:", err)
		return
	}
	go func() {
		time.Sleep(5 * time.Millisecond)
		w.Write([]byte("hello through a pipe"))
		w.Close()
	}()
	b, err := io.ReadAll(r)
	fmt.Printf("%q %v\n", b, err)
	fmt.Println(r.Close(), r.Close() != nil)
	_, err = os.Open("/nonexistent/crossrt")
	fmt.Println(err)
}
