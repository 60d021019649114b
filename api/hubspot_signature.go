package api

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Headers of HubSpot's v3 request signature.
const (
	HeaderHubSpotSignatureV3 = "X-HubSpot-Signature-v3"
	HeaderHubSpotTimestamp   = "X-HubSpot-Request-Timestamp"
)

// hubSpotDecoded are the percent-encodings that HubSpot decodes in the URI
// before signing it (and only those: "%20" stays as it is), keyed by the hex
// digits in upper case.
var hubSpotDecoded = map[string]byte{
	"3A": ':', "2F": '/', "3F": '?', "40": '@', "21": '!', "24": '$',
	"27": '\'', "28": '(', "29": ')', "2A": '*', "2C": ',', "3B": ';',
}

// SignHubSpotV3 returns the X-HubSpot-Signature-v3 value of a request sent
// at ts: the base64 HMAC-SHA256, under the app's client secret, of method +
// uri + body + ts in Unix milliseconds. uri is the full URL as it is called
// ("https://host/api/v1/hubspot?…"); the percent-encoded characters that
// HubSpot decodes are decoded here too, so the URL may be passed encoded.
func SignHubSpotV3(secret, method, uri string, body []byte, ts time.Time) string {
	mac := hubSpotV3MAC([]byte(secret), method, uri, body, strconv.FormatInt(ts.UnixMilli(), 10))
	return base64.StdEncoding.EncodeToString(mac)
}

func hubSpotV3MAC(secret []byte, method, uri string, body []byte, timestamp string) []byte {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(method))
	mac.Write([]byte(decodeHubSpotURI(uri)))
	mac.Write(body)
	mac.Write([]byte(timestamp))
	return mac.Sum(nil)
}

// decodeHubSpotURI decodes, in one pass, the percent-encodings listed in
// hubSpotDecoded, in either case ("%3a" as "%3A"); every other byte is kept.
func decodeHubSpotURI(uri string) string {
	if !strings.Contains(uri, "%") {
		return uri
	}
	var b strings.Builder
	b.Grow(len(uri))
	for i := 0; i < len(uri); i++ {
		if uri[i] == '%' && i+2 < len(uri) {
			if c, ok := hubSpotDecoded[strings.ToUpper(uri[i+1:i+3])]; ok {
				b.WriteByte(c)
				i += 2
				continue
			}
		}
		b.WriteByte(uri[i])
	}
	return b.String()
}

// requestURL is the full URL that the caller used: the scheme and host come
// from X-Forwarded-Proto and X-Forwarded-Host when a reverse proxy set them
// (the first value of each, the one nearest the caller), else from the
// connection and the Host header; the path and query are the request line's,
// unchanged.
func requestURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if p := firstForwarded(r.Header.Get("X-Forwarded-Proto")); p != "" {
		scheme = strings.ToLower(p)
	}
	host := r.Host
	if h := firstForwarded(r.Header.Get("X-Forwarded-Host")); h != "" {
		host = h
	}
	target := r.RequestURI
	if !strings.HasPrefix(target, "/") {
		// Absolute-form or missing request line (a handler called directly).
		target = r.URL.RequestURI()
	}
	return scheme + "://" + host + target
}

func firstForwarded(v string) string {
	first, _, _ := strings.Cut(v, ",")
	return strings.TrimSpace(first)
}

// verifyHubSpotV3 checks a request's v3 signature against its raw body. The
// error says what is wrong, without disclosing the expected value.
func verifyHubSpotV3(secret []byte, r *http.Request, body []byte, now time.Time) error {
	sigHeader, tsHeader := r.Header.Get(HeaderHubSpotSignatureV3), r.Header.Get(HeaderHubSpotTimestamp)
	if sigHeader == "" || tsHeader == "" {
		return errors.New("missing " + HeaderHubSpotSignatureV3 + " or " + HeaderHubSpotTimestamp + " header; choose \"Include request signature in header\" in the workflow's webhook action")
	}
	ms, err := strconv.ParseInt(tsHeader, 10, 64)
	if err != nil {
		return errors.New(HeaderHubSpotTimestamp + " is not a Unix time in milliseconds")
	}
	ts := time.UnixMilli(ms)
	if d := now.Sub(ts); d > maxSkew {
		return errors.New(HeaderHubSpotTimestamp + " is older than 5 minutes; the request is refused as a possible replay")
	} else if d < -maxSkew {
		return errors.New(HeaderHubSpotTimestamp + " is more than 5 minutes in the future; check the server's clock")
	}
	got, err := base64.StdEncoding.DecodeString(sigHeader)
	if err != nil {
		return errors.New(HeaderHubSpotSignatureV3 + " must be a base64 HMAC-SHA256")
	}
	uri := requestURL(r)
	if !hmac.Equal(got, hubSpotV3MAC(secret, r.Method, uri, body, tsHeader)) {
		at, _, _ := strings.Cut(decodeHubSpotURI(uri), "?") // the query may hold a token: keep it out of answers and logs
		return fmt.Errorf("signature does not match the request as received at %s: check the app's client secret, and behind a proxy that it sets X-Forwarded-Proto and X-Forwarded-Host", at)
	}
	return nil
}
