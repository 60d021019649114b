package jobs

import (
	"github.com/riverqueue/river"

	"github.com/armistice/armistice/handlers"
)

// The workers one by one, for the tests to work a single job with rivertest
// instead of a running client. Each is built as NewWorkers builds it.

// NewRemindWorker is the worker of RemindArgs.
func NewRemindWorker(svc *handlers.Service) river.Worker[RemindArgs] {
	return &remindWorker{svc: svc}
}

// NewEscalateWorker is the worker of EscalateArgs.
func NewEscalateWorker(svc *handlers.Service) river.Worker[EscalateArgs] {
	return &escalateWorker{svc: svc}
}

// NewCRMWorker is the worker of CRMArgs.
func NewCRMWorker(svc *handlers.Service, cfg CRMConfig) river.Worker[CRMArgs] {
	return &crmWorker{svc: svc, cfg: cfg}
}

// NewRetentionWorker is the worker of RetentionArgs.
func NewRetentionWorker(svc *handlers.Service) river.Worker[RetentionArgs] {
	return &retentionWorker{svc: svc}
}
