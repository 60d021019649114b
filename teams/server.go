package teams

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"
)

// maxInbound is the largest activity the endpoint reads.
const maxInbound = 1 << 20

// invokeDeadline bounds the work behind an invoke, inside the 3 seconds
// in which every click and dialog is answered.
const invokeDeadline = 2500 * time.Millisecond

// InvokeResponse is the answer to an invoke: its HTTP status and body.
type InvokeResponse struct {
	Status int
	Body   any // nil: an empty body
}

// ServeHTTP is the messaging endpoint, POST /api/messages. A request
// without a valid Bot Framework token, or from another tenant than the
// app's, is answered 401 and changes nothing.
func (b *Bot) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST activities here", http.StatusMethodNotAllowed)
		return
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxInbound))
	if err != nil {
		http.Error(w, "activity too large", http.StatusRequestEntityTooLarge)
		return
	}
	if r.Header.Get("Authorization") == "" {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	var a Activity
	if err := json.Unmarshal(raw, &a); err != nil {
		http.Error(w, "not an activity: "+err.Error(), http.StatusBadRequest)
		return
	}
	if a.ChannelID != "msteams" {
		b.log.Warn("teams: refused an activity of another channel", "channel", a.ChannelID)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	if err := b.verifier.Verify(r.Context(), r.Header.Get("Authorization"), a.ServiceURL, a.ChannelID); err != nil {
		b.log.Warn("teams: refused a call", "err", err)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	if tenant := a.TenantID(); tenant != b.tenantID {
		b.log.Warn("teams: refused a call from another tenant", "tenant", tenant)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	if b.svc == nil {
		http.Error(w, "starting", http.StatusServiceUnavailable)
		return
	}
	ctx := context.WithoutCancel(r.Context()) // finish what was started even if Teams hangs up
	if a.Type == TypeMessage && a.ID != "" {
		// A command runs once, though Teams delivers it again when the
		// answer is slow.
		first, err := b.db.FirstDelivery(ctx, a.BaseConversation()+"|"+a.ID)
		if err != nil {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		if !first {
			w.WriteHeader(http.StatusOK)
			return
		}
	}
	b.remember(ctx, &a)
	switch a.Type {
	case TypeInvoke:
		ictx, cancel := context.WithTimeout(ctx, invokeDeadline)
		defer cancel()
		res := b.onInvoke(ictx, &a)
		writeJSON(w, res.Status, res.Body)
	case TypeMessage:
		b.onMessage(ctx, &a)
		w.WriteHeader(http.StatusOK)
	case TypeConversationUpdate, TypeInstallationUpdate:
		b.onInstallation(ctx, &a)
		w.WriteHeader(http.StatusOK)
	default:
		w.WriteHeader(http.StatusOK)
	}
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	if body == nil {
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// errAnonymous says an activity names no Entra user, so nobody can be
// checked or recorded as its author.
var errAnonymous = errors.New("the activity names no Entra user")

// userOf is who sent an activity, as Armistice names Teams users.
func userOf(a *Activity) (string, error) {
	if a.From == nil || a.From.AADObjectID == "" {
		return "", errAnonymous
	}
	return a.From.AADObjectID, nil
}
