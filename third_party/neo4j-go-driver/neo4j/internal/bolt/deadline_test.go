package bolt

// Tests of incoming.nextDeadlined, relmap's change to this copy of the
// driver (see PATCH.md at the top of the copy).

import (
	"context"
	"errors"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/internal/errorutil"
)

// pipe returns the client end as the driver sees it (buffered, with read
// deadlines) and the server end.
func pipe(t *testing.T, wrap func(net.Conn) net.Conn) (bufferedConn, net.Conn) {
	t.Helper()
	cli, srv := net.Pipe()
	t.Cleanup(func() { cli.Close(); srv.Close() })
	if wrap != nil {
		cli = wrap(cli)
	}
	return bufferedConnection(cli, 64).(bufferedConn), srv
}

func read(ctx context.Context, c bufferedConn, hint time.Duration) ([]byte, error) {
	in := &incoming{buf: make([]byte, 8), connReadTimeout: hint}
	_, msg, err := in.nextDeadlined(ctx, c, c)
	return msg, err
}

func TestNextDeadlinedChunksAndKeepAlives(t *testing.T) {
	c, srv := pipe(t, nil)
	go func() {
		// keep-alive, then a message of two chunks, bigger than the buffer.
		srv.Write([]byte{0, 0})
		body := make([]byte, 100)
		for i := range body {
			body[i] = byte(i)
		}
		srv.Write(append([]byte{0, 100}, body...))
		srv.Write([]byte{0, 3, 'a', 'b', 'c', 0, 0})
	}()
	msg, err := read(context.Background(), c, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if len(msg) != 103 || msg[99] != 99 || string(msg[100:]) != "abc" {
		t.Fatalf("message %x", msg)
	}
}

// The hint bounds each wait for the socket, not the whole message.
func TestNextDeadlinedSlowChunksWithinHint(t *testing.T) {
	c, srv := pipe(t, nil)
	go func() {
		for i := 0; i < 3; i++ {
			time.Sleep(300 * time.Millisecond) // each well within the hint
			srv.Write([]byte{0, 1, 0xC0})
		}
		srv.Write([]byte{0, 0})
	}()
	msg, err := read(context.Background(), c, 500*time.Millisecond)
	if err != nil || len(msg) != 3 {
		t.Fatalf("message %x, %v", msg, err)
	}
}

func TestNextDeadlinedHintTimesOut(t *testing.T) {
	c, srv := pipe(t, nil)
	go srv.Write([]byte{0, 0}) // alive once, then silent
	_, err := read(context.Background(), c, 200*time.Millisecond)
	var rt *errorutil.ConnectionReadTimeout
	if !errors.As(err, &rt) {
		t.Fatalf("want ConnectionReadTimeout, got %T %v", err, err)
	}
}

func TestNextDeadlinedCallerDeadline(t *testing.T) {
	c, _ := pipe(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := read(ctx, c, -1)
	var rt *errorutil.ConnectionReadTimeout
	if !errors.As(err, &rt) {
		t.Fatalf("want ConnectionReadTimeout, got %T %v", err, err)
	}
}

// cancelAfterKeepAlive cancels the context as soon as it has delivered a
// keep-alive chunk, and waits so that the cancel's deadline lands before
// the reader goes on: the cancel must not be undone by the renewal that
// follows a keep-alive.
type cancelAfterKeepAlive struct {
	net.Conn
	cancel context.CancelFunc
	once   sync.Once
}

func (c *cancelAfterKeepAlive) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n == 2 && p[0] == 0 && p[1] == 0 {
		c.once.Do(func() {
			c.cancel()
			time.Sleep(50 * time.Millisecond)
		})
	}
	return n, err
}

func TestNextDeadlinedCancelDuringWait(t *testing.T) {
	for _, hint := range []time.Duration{-1, 120 * time.Second} {
		ctx, cancel := context.WithCancel(context.Background())
		c, srv := pipe(t, func(c net.Conn) net.Conn { return &cancelAfterKeepAlive{Conn: c, cancel: cancel} })
		answered := make(chan struct{})
		go func() {
			srv.Write([]byte{0, 0})
			time.Sleep(3 * time.Second) // the server computes, then answers
			srv.Write([]byte{0, 1, 0xC0, 0, 0})
			close(answered)
		}()
		msg, err := read(ctx, c, hint)
		select {
		case <-answered:
			t.Errorf("hint %v: the read waited for the server's answer after the cancel", hint)
		default:
		}
		var rc *errorutil.ConnectionReadCanceled
		if !errors.As(err, &rc) {
			t.Errorf("hint %v: want ConnectionReadCanceled, got %x, %T %v", hint, msg, err, err)
		}
	}
}
