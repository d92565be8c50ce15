package cli

import (
	"bytes"
	"context"
	"net"
	"strings"
	"testing"
)

// serve answers every connection on a local port with reply and closes it.
func serve(t *testing.T, reply []byte) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 20) // the Bolt preamble and versions
				c.Read(buf)
				c.Write(reply)
			}()
		}
	}()
	return "bolt://" + l.Addr().String()
}

// TestNonBoltServerIsUnreachable: a server that answers HTTP, or bytes that
// are no Bolt, is "database unreachable" (exit 3) in plain words.
func TestNonBoltServerIsUnreachable(t *testing.T) {
	for name, reply := range map[string][]byte{
		"http":    []byte("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"),
		"garbage": []byte("\x00\x00\x07\x09garbage that is no Bolt at all"),
		"version": {0, 0, 0x63, 0x63},
		// Bolt 5.4 agreed, then no Bolt message.
		"after-handshake":        {0, 0, 4, 5, 0, 3, 0xff, 0xff, 0xff, 0, 0},
		"after-handshake-struct": {0, 0, 4, 5, 0, 4, 0xb1, 0x7f, 0xa0, 0x01, 0, 0},
	} {
		t.Run(name, func(t *testing.T) {
			uri := serve(t, reply)
			var out, errOut bytes.Buffer
			t.Setenv("NEO4J_PASSWORD", "x")
			t.Setenv("RELMAP_DATA", t.TempDir())
			err := Run(context.Background(), Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
				[]string{"query", "--uri", uri, "RETURN 1"})
			if code := ExitCode(err); code != ExitUnavailable {
				t.Fatalf("exit %d: %v", code, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, "database unreachable") || strings.Contains(msg, "{") || strings.Contains(msg, "&") {
				t.Errorf("message: %s", msg)
			}
			if name == "http" && !strings.Contains(msg, "HTTP") {
				t.Errorf("the message does not say the server speaks HTTP: %s", msg)
			}
		})
	}
}
