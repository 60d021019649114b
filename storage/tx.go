package storage

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Tx is one transaction of the database, as InTx hands it to a use case:
// its methods are the steps a commit is made of, each run in the
// transaction, and the jobs the commit causes are inserted in it too (see
// PgxTx). A Tx is used by one goroutine, and not after its InTx returns.
type Tx struct {
	db *DB
	tx pgx.Tx
}

// InTx runs fn in a transaction, which it commits when fn returns nil and
// rolls back otherwise. Its errors, fn's included, are the sentinel errors
// of errors.go where they apply.
func (db *DB) InTx(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) error {
	return db.inTx(ctx, func(ctx context.Context, tx pgx.Tx) error {
		return fn(ctx, db.wrapTx(tx))
	})
}

// wrapTx makes a Tx of a transaction begun in this package.
func (db *DB) wrapTx(tx pgx.Tx) *Tx { return &Tx{db: db, tx: tx} }

// PgxTx is the driver's transaction under tx. It is there for the jobs
// package alone, which inserts River jobs in it (River takes a pgx.Tx);
// everything else goes through Tx's methods.
func (tx *Tx) PgxTx() pgx.Tx { return tx.tx }
