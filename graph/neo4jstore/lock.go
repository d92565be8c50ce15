package neo4jstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/relmap/relmap/graph"
)

// waitNotice is how long a load waits for the lock before it says so.
const waitNotice = time.Second

// lock serialises loads: it holds a write lock on the RelmapLock node in a
// transaction that stays open for the whole load, so a second load waits
// until the first ends. If the loader dies, the server rolls the transaction
// back when the connection drops and the lock is free again. This is the one
// explicit transaction in relmap: it does no work to retry.
//
// A load that waits past waitNotice is told (opts.Waiting) who holds the
// lock: each holder notes its process, host and start on a RelmapHolder
// node, committed apart from the lock so that others can read it. With
// opts.LockTimeout a load gives up after that long with graph.ErrBusy: it
// has the server terminate its waiting transaction (found by its metadata),
// as a client-side deadline would cut the connection and could leave the
// server still waiting on its behalf.
func (s *Store) lock(ctx context.Context, opts graph.LoadOptions) (func(), error) {
	token := newToken()
	sess := s.session(ctx, neo4j.AccessModeWrite)
	tx, err := sess.BeginTransaction(ctx, neo4j.WithTxMetadata(map[string]any{lockMeta: token}))
	if err != nil {
		sess.Close(ctx)
		return nil, s.classify(err)
	}
	var timedOut atomic.Bool
	acquired := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		var notice, giveUp <-chan time.Time
		notice = time.After(waitNotice)
		if opts.LockTimeout > 0 {
			giveUp = time.After(opts.LockTimeout)
		}
		for {
			select {
			case <-acquired:
				return
			case <-notice:
				if opts.Waiting != nil {
					opts.Waiting(s.holder(ctx))
				}
			case <-giveUp:
				// The server ends the wait: the statement returns, the
				// connection stays sound, and no transaction is left
				// waiting to take the lock later.
				timedOut.Store(true)
				s.terminate(context.WithoutCancel(ctx), token)
				return
			}
		}
	}()
	r, err := tx.Run(ctx, "MATCH (l:RelmapLock {name: 'load'}) SET l.held = true RETURN count(l)", nil)
	if err == nil {
		_, err = r.Consume(ctx)
	}
	close(acquired)
	<-watched
	if err == nil && timedOut.Load() {
		err = errors.New("the lock came as the wait ended")
	}
	if err != nil {
		bg := context.WithoutCancel(ctx)
		tx.Rollback(bg)
		sess.Close(bg)
		if timedOut.Load() {
			return nil, fmt.Errorf("%w: gave up after --lock-timeout %s waiting for %s; nothing was written", graph.ErrBusy, opts.LockTimeout, s.holder(bg))
		}
		return nil, s.classify(err)
	}
	host, _ := os.Hostname()
	// Who holds the lock is only a courtesy to waiting loads: a failure to
	// note it does not stop the load.
	_ = s.write(ctx, "MERGE (h:RelmapHolder {name: 'load'}) SET h.token = $token, h.pid = $pid, h.host = $host, h.since = $since",
		map[string]any{"token": token, "pid": int64(os.Getpid()), "host": host, "since": time.Now().UTC().Format(time.RFC3339)})
	return func() {
		bg := context.WithoutCancel(ctx)
		_ = s.write(bg, "MATCH (h:RelmapHolder {name: 'load'}) WHERE h.token = $token DELETE h", map[string]any{"token": token})
		tx.Rollback(bg)
		sess.Close(bg)
	}, nil
}

// lockMeta names the transaction metadata that marks a load's lock
// transaction, so that the load can find it on the server.
const lockMeta = "relmap_lock"

// terminate has the server end the lock transaction marked token. SHOW and
// TERMINATE TRANSACTIONS are administration commands, run on their own.
func (s *Store) terminate(ctx context.Context, token string) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	r, err := sess.Run(ctx, "SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData."+lockMeta+" = $token RETURN transactionId",
		map[string]any{"token": token})
	if err != nil {
		return
	}
	var ids []any
	for r.Next(ctx) {
		ids = append(ids, r.Record().Values[0])
	}
	if len(ids) == 0 {
		return
	}
	if r, err := sess.Run(ctx, "TERMINATE TRANSACTIONS $ids", map[string]any{"ids": ids}); err == nil {
		_, _ = r.Consume(ctx)
	}
}

// holder describes the load holding the lock, as it noted itself.
func (s *Store) holder(ctx context.Context) string {
	rows, err := s.read(ctx, "MATCH (h:RelmapHolder {name: 'load'}) RETURN h.pid, h.host, h.since", nil)
	if err != nil || len(rows) == 0 {
		return "the load lock (no other load has noted that it holds it: one may be starting, or the server may be slow to answer)"
	}
	pid, _ := rows[0][0].(int64)
	host, _ := rows[0][1].(string)
	since, _ := rows[0][2].(string)
	var b strings.Builder
	fmt.Fprintf(&b, "another load: process %d on host %s", pid, host)
	if t, err := time.Parse(time.RFC3339, since); err == nil {
		fmt.Fprintf(&b, ", holding the lock since %s (%s ago)", since, time.Since(t).Round(time.Second))
	}
	return b.String()
}

func newToken() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}
