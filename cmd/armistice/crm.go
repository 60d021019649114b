package main

import (
	"log/slog"

	"github.com/armistice/armistice/config"
	"github.com/armistice/armistice/jobs"
)

// crmWebhook is where and how decisions and escalations go to the CRM:
// signed v2 with ARMISTICE_CRM_WEBHOOK_SECRET; while that is unset, with
// the intake secret and v1, as before v2, so that a receiver set up then
// keeps verifying, and one warning at start-up.
func crmWebhook(cfg *config.Config, logger *slog.Logger) jobs.CRMConfig {
	crm := jobs.CRMConfig{URL: cfg.CRMWebhookURL.Reveal(), Secret: []byte(cfg.CRMWebhookSecret.Reveal())}
	if cfg.CRMWebhookURL.IsSet() && !cfg.CRMWebhookSecret.IsSet() {
		logger.Warn("ARMISTICE_CRM_WEBHOOK_SECRET is not set: the CRM webhook is signed with ARMISTICE_WEBHOOK_SECRET, v1 as before; " +
			"give the CRM a secret of its own and it is signed v2 with it")
		crm.Secret, crm.SignV1 = []byte(cfg.WebhookSecret.Reveal()), true
	}
	return crm
}
