package api

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

func BenchmarkVerifySignature(b *testing.B) {
	secret := []byte("bench-secret-0123456789")
	body := []byte(`{"external_id":"hs-1","email":"ana@example.com","name":"Ana","company":"Acme","score":87}`)
	now := time.Now()
	r, _ := http.NewRequest(http.MethodPost, "/api/v1/leads", nil)
	r.Header.Set(HeaderTimestamp, strconv.FormatInt(now.Unix(), 10))
	r.Header.Set(HeaderSignature, SignV2(secret, now, r.Method, r.URL.EscapedPath(), body))
	for b.Loop() {
		if err := verifySignature(secret, r, body, now); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeAndValidateLead(b *testing.B) {
	body := []byte(`{"external_id":"hs-1","email":"Ana@Example.com","name":"Ana Ruiz","company":"Acme","title":"CFO","score":87,"persona":"cfo","fields":{"plan":"pro"}}`)
	for b.Loop() {
		leads, _, errs, err := decodeLeads(body)
		if err != nil || len(errs) > 0 {
			b.Fatal(err, errs)
		}
		if bad := leads[0].Validate(); len(bad) > 0 {
			b.Fatal(bad)
		}
	}
}
