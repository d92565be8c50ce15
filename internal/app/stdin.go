package app

import "context"

// readInput returns what read reads, or gives up when ctx ends: Ctrl-C while relmap
// waits on standard input ends the command at once (exit 130) instead of
// after the user's Ctrl-D.
func readInput(ctx context.Context, read func() ([]byte, error)) ([]byte, error) {
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	// The reader cannot be interrupted; the goroutine ends with the process
	// if the input never does.
	go func() {
		b, err := read()
		done <- result{b, err}
	}()
	select {
	case res := <-done:
		return res.b, res.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
