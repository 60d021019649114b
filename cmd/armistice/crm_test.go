package main

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/armistice/armistice/config"
)

func TestCRMWebhookFallsBackToTheIntakeSecretWithOneWarning(t *testing.T) {
	t.Parallel()
	const intake, own = "intake-secret-0123456789", "crm-own-secret-0123456789"
	cases := []struct {
		name     string
		env      map[string]string
		secret   string
		v1, warn bool
	}{
		{"own secret", map[string]string{"ARMISTICE_CRM_WEBHOOK_SECRET": own, "ARMISTICE_WEBHOOK_SECRET": intake}, own, false, false},
		{"intake secret", map[string]string{"ARMISTICE_WEBHOOK_SECRET": intake}, intake, true, true},
	}
	for _, tc := range cases {
		tc.env["ARMISTICE_CRM_WEBHOOK_URL"] = "https://crm.example/hook?token=s3cr3t"
		cfg, err := config.Load(func(k string) string { return tc.env[k] })
		if err != nil {
			t.Fatal(err)
		}
		var logs bytes.Buffer
		crm := crmWebhook(cfg, slog.New(slog.NewTextHandler(&logs, nil)))
		if string(crm.Secret) != tc.secret || crm.SignV1 != tc.v1 || crm.URL != tc.env["ARMISTICE_CRM_WEBHOOK_URL"] {
			t.Errorf("%s: secret %q, v1 %v, URL %q; want %q, v1 %v", tc.name, crm.Secret, crm.SignV1, crm.URL, tc.secret, tc.v1)
		}
		warnings := strings.Count(logs.String(), "level=WARN")
		if want := map[bool]int{true: 1, false: 0}[tc.warn]; warnings != want || strings.Count(logs.String(), "\n") != want {
			t.Errorf("%s: %d warnings, want %d:\n%s", tc.name, warnings, want, logs.String())
		}
		if tc.warn && !strings.Contains(logs.String(), "ARMISTICE_CRM_WEBHOOK_SECRET is not set") {
			t.Errorf("%s: the warning does not name the variable: %s", tc.name, logs.String())
		}
		for _, secret := range []string{intake, own, "s3cr3t"} {
			if strings.Contains(logs.String(), secret) {
				t.Errorf("%s: the logs show a secret: %s", tc.name, logs.String())
			}
		}
	}
}
