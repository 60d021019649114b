package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Sentinel errors that callers branch on.
var (
	// ErrNotFound: no row matched.
	ErrNotFound = errors.New("not found")
	// ErrUnavailable: the database cannot be reached or is shutting down;
	// the same call may work later.
	ErrUnavailable = errors.New("database unavailable")
	// ErrBusy: the database is up but no connection came free in time (or
	// it takes no more connections); the same call may work in a moment.
	// An ErrBusy error is an ErrUnavailable error too, for callers that
	// only retry.
	ErrBusy = errors.New("database busy")
	// ErrDuplicate: a row with the same unique key exists.
	ErrDuplicate = errors.New("duplicate")
)

// interpretError maps driver errors onto the sentinel errors, keeping the
// original in the chain for the log. It is the one place that knows pgx's
// error types. An error it interpreted already (a Tx method's, returned by
// the function InTx runs) is returned as it is.
func interpretError(err error) error {
	if err == nil || errors.Is(err, ErrNotFound) || errors.Is(err, ErrDuplicate) || errors.Is(err, ErrUnavailable) {
		return err
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	if pgErr, ok := errors.AsType[*pgconn.PgError](err); ok {
		switch {
		case pgErr.Code == "23505":
			return fmt.Errorf("%w (%s): %w", ErrDuplicate, pgErr.ConstraintName, err)
		case pgErr.Code == "53300": // too many connections
			return fmt.Errorf("%w (%w): %w", ErrBusy, ErrUnavailable, err)
		case pgErr.Code == "57P01", pgErr.Code == "57P02", pgErr.Code == "57P03", // admin shutdown, crash shutdown, cannot connect now
			pgErr.Code[:2] == "08": // connection exceptions
			return fmt.Errorf("%w: %w", ErrUnavailable, err)
		}
		return err
	}
	var netErr net.Error
	if _, ok := errors.AsType[*pgconn.ConnectError](err); ok || errors.As(err, &netErr) || pgconn.SafeToRetry(err) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	return err
}
