// Package llmtest is an OpenAI-compatible chat completions server for tests
// (POST /v1/chat/completions), recording every request and answering as the
// test says: with text, an HTTP error, or slowly.
package llmtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// APIKey is the key the server expects in "Authorization: Bearer".
const APIKey = "sk-test-0123456789"

// Request is one chat completion request as the server got it.
type Request struct {
	Model  string
	System string // the system message
	User   string // the user messages, joined
	Auth   string // the Authorization header
}

// Answer is how the server answers a request.
type Answer struct {
	Status  int           // zero: 200
	Content string        // the assistant message, on 200
	Delay   time.Duration // before answering (cut short if the caller gives up)
}

// Server is a running test server.
type Server struct {
	srv *httptest.Server

	mu       sync.Mutex
	requests []Request
	answer   func(Request) Answer
}

// New starts a server that answers every request with content, until told
// otherwise; it stops when t ends.
func New(t testing.TB, content string) *Server {
	s := &Server{answer: func(Request) Answer { return Answer{Content: content} }}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// BaseURL is what OPENAI_BASE_URL is set to: the server's /v1.
func (s *Server) BaseURL() string { return s.srv.URL + "/v1" }

// Answer sets how the next requests are answered.
func (s *Server) Answer(f func(Request) Answer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.answer = f
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

type chatRequest struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		writeError(w, http.StatusNotFound, "unknown endpoint "+r.Method+" "+r.URL.Path)
		return
	}
	var body chatRequest
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeError(w, http.StatusBadRequest, "bad JSON: "+err.Error())
		return
	}
	req := Request{Model: body.Model, Auth: r.Header.Get("Authorization")}
	for _, m := range body.Messages {
		switch m.Role {
		case "system":
			req.System += m.Content
		case "user":
			req.User += m.Content
		}
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	answer := s.answer
	s.mu.Unlock()
	if req.Auth != "Bearer "+APIKey {
		writeError(w, http.StatusUnauthorized, "Incorrect API key provided")
		return
	}
	a := answer(req)
	if a.Delay > 0 {
		select {
		case <-time.After(a.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if a.Status != 0 && a.Status != http.StatusOK {
		writeError(w, a.Status, fmt.Sprintf("the test server answers %d", a.Status))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-test", "object": "chat.completion", "created": time.Now().Unix(), "model": req.Model,
		"choices": []map[string]any{{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": a.Content}}},
		"usage":   map[string]int{"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
	})
}

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": msg, "type": "server_error"}})
}
