/*
 * Copyright (c) "Neo4j"
 * Neo4j Sweden AB [https://neo4j.com]
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 *  Unless required by applicable law or agreed to in writing, software
 *  distributed under the License is distributed on an "AS IS" BASIS,
 *  WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 *  See the License for the specific language governing permissions and
 *  limitations under the License.
 */

package bolt

import (
	"context"
	"encoding/binary"
	"io"
	"time"
)

type incoming struct {
	buf             []byte // Reused buffer
	hyd             hydrator
	connReadTimeout time.Duration
}

// readDeadliner is what nextDeadlined needs of a connection: bufferedConn
// has it.
type readDeadliner interface {
	SetReadDeadline(time.Time) error
	// Buffered is how many bytes can be read without reading the socket.
	Buffered() int
}

func (i *incoming) next(ctx context.Context, reader io.Reader) (any, error) {
	// Get next message from transport layer
	var err error
	var msg []byte
	if conn, ok := reader.(readDeadliner); ok {
		i.buf, msg, err = i.nextDeadlined(ctx, reader, conn)
	} else {
		i.buf, msg, err = dechunkMessage(ctx, reader, i.buf, i.connReadTimeout)
	}
	if err != nil {
		return nil, err
	}
	return i.hyd.hydrate(msg)
}

// nextDeadlined reads one message like dechunkMessage, with the same
// timeout and cancellation semantics, but cheaply: dechunkMessage wraps
// every read of a chunk header or body in a context with the server's
// read-timeout hint, and a context with a deadline makes the racing reader
// start a goroutine per read, which dominates the cost of streaming records.
// Here the socket's own read deadline enforces the caller's deadline and the
// hint, which starts over before every read that has to wait for the socket
// (as dechunkMessage's fresh context per read did; reads served from the
// buffer cannot time out); cancelling ctx moves the deadline to the past,
// which ends a blocked read at once.
func (i *incoming) nextDeadlined(ctx context.Context, reader io.Reader, conn readDeadliner) ([]byte, []byte, error) {
	msgBuf := i.buf
	fail := func(err error) ([]byte, []byte, error) {
		if cerr := ctx.Err(); cerr != nil {
			err = cerr
		}
		return msgBuf, nil, processReadError(err, ctx, i.connReadTimeout)
	}
	setDeadline := func() error {
		var deadline time.Time
		if i.connReadTimeout >= 0 {
			deadline = time.Now().Add(i.connReadTimeout)
		}
		if d, ok := ctx.Deadline(); ok && (deadline.IsZero() || d.Before(deadline)) {
			deadline = d
		}
		if err := conn.SetReadDeadline(deadline); err != nil {
			return err
		}
		// A cancel that came before this call had its past deadline
		// overwritten here: it must not be lost.
		return ctx.Err()
	}
	// renew starts the hint's timeout over before a read of need bytes
	// that will wait for the socket.
	renew := func(need int) error {
		if i.connReadTimeout < 0 || conn.Buffered() >= need {
			return nil
		}
		return setDeadline()
	}
	if err := setDeadline(); err != nil {
		return fail(err)
	}
	if ctx.Done() != nil {
		cut := make(chan struct{})
		stop := context.AfterFunc(ctx, func() {
			defer close(cut)
			_ = conn.SetReadDeadline(time.Unix(1, 0))
		})
		defer func() {
			if !stop() {
				// Cancelled meanwhile: let the past deadline land now, not
				// during the next message's read.
				<-cut
			}
		}()
	}

	var sizeBuf [2]byte
	off := 0
	for {
		if err := renew(len(sizeBuf)); err != nil {
			return fail(err)
		}
		if _, err := io.ReadFull(reader, sizeBuf[:]); err != nil {
			return fail(err)
		}
		chunkSize := int(binary.BigEndian.Uint16(sizeBuf[:]))
		if chunkSize == 0 {
			if off > 0 {
				return msgBuf, msgBuf[:off], nil
			}
			// A keep-alive chunk.
			continue
		}
		if off+chunkSize > cap(msgBuf) {
			newMsgBuf := make([]byte, off+chunkSize+4096)
			copy(newMsgBuf, msgBuf)
			msgBuf = newMsgBuf
		}
		if err := renew(chunkSize); err != nil {
			return fail(err)
		}
		if _, err := io.ReadFull(reader, msgBuf[off:off+chunkSize]); err != nil {
			return fail(err)
		}
		off += chunkSize
	}
}
