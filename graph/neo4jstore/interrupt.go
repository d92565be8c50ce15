package neo4jstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// interruptKey is the transaction metadata key that marks a statement so
// that an interrupt can find it on the server.
const interruptKey = "relmap_interrupt"

// interruptible makes a cancelled ctx end the statement it tags on the
// server. The driver reads without a goroutine per read only while the
// context carries no deadline (and the server sends no read-timeout hint,
// which the local database does not), and such a read cannot be cut from
// the client side: a cancel is noticed only when the server next sends
// something. So the statement carries a random tag in its metadata, and a
// cancel terminates the tagged transaction through another connection; the
// server then answers the waiting read with a failure at once. The
// returned stop must be called when the statement is over.
func (s *Store) interruptible(ctx context.Context) (tag func(*neo4j.TransactionConfig), stop func()) {
	var b [12]byte
	_, _ = rand.Read(b[:])
	marker := hex.EncodeToString(b[:])
	done := make(chan struct{})
	stopAfter := context.AfterFunc(ctx, func() { s.terminateTagged(marker, done) })
	return neo4j.WithTxMetadata(map[string]any{interruptKey: marker}), func() {
		stopAfter()
		close(done)
	}
}

// terminateTagged terminates the transactions tagged with marker, trying
// again while the statement has not ended: a cancel that lands between
// sending the statement and the server registering it finds nothing the
// first time.
func (s *Store) terminateTagged(marker string, done <-chan struct{}) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*s.cfg.Timeout)
	defer cancel()
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite, DatabaseName: s.cfg.Database})
	defer sess.Close(ctx)
	for {
		ids, err := taggedTransactions(ctx, sess, marker)
		if err == nil && len(ids) > 0 {
			if r, err := sess.Run(ctx, "TERMINATE TRANSACTIONS $ids", map[string]any{"ids": ids}); err == nil {
				_, _ = r.Consume(ctx)
			}
		}
		select {
		case <-done:
			return
		case <-ctx.Done():
			return
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func taggedTransactions(ctx context.Context, sess neo4j.SessionWithContext, marker string) ([]any, error) {
	r, err := sess.Run(ctx, "SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData[$key] = $marker RETURN transactionId",
		map[string]any{"key": interruptKey, "marker": marker})
	if err != nil {
		return nil, err
	}
	recs, err := r.Collect(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]any, 0, len(recs))
	for _, rec := range recs {
		ids = append(ids, rec.Values[0])
	}
	return ids, nil
}
