package armistice

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// Sign returns the v1 signature of a webhook body sent at ts: "v1=" and the
// hex HMAC-SHA256 of "<unix seconds>.<body>" under secret. It covers neither
// the method nor the path, so the intake API takes it only where the path
// names no lead.
func Sign(secret []byte, ts time.Time, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(strconv.FormatInt(ts.Unix(), 10)))
	mac.Write([]byte("."))
	mac.Write(body)
	return "v1=" + hex.EncodeToString(mac.Sum(nil))
}

// SignV2 returns the v2 signature of a request sent at ts, as the intake API
// checks it and as Armistice signs what it sends to the CRM: "v2=" and the
// hex HMAC-SHA256 of "<unix seconds>.<METHOD> <path>.<body>" under secret,
// where path is the request's path as sent (escaped, without its query). A
// body signed for one path does not verify on another.
func SignV2(secret []byte, ts time.Time, method, path string, body []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(strconv.FormatInt(ts.Unix(), 10)))
	mac.Write([]byte("."))
	mac.Write([]byte(method))
	mac.Write([]byte(" "))
	mac.Write([]byte(path))
	mac.Write([]byte("."))
	mac.Write(body)
	return "v2=" + hex.EncodeToString(mac.Sum(nil))
}
