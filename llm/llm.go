// Package llm is Armistice's optional language model: a client of any
// OpenAI-compatible chat completions server (OPENAI_BASE_URL, OPENAI_MODEL),
// the prompts it is sent (prompts.go), a timeout on every call, and graceful
// absence: without OPENAI_API_KEY, New gives no client and no call is ever
// made. What a model answers is untrusted text: Bullets trims and limits it,
// and whoever shows it escapes it.
package llm

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/armistice/armistice"
)

// DefaultModel is the model asked when OPENAI_MODEL is not set.
const DefaultModel = "gpt-4o-mini"

// DefaultTimeout bounds one call. It stays under the 25 s that the jobs
// making the calls may run, which stays under River's 30 s rescue window, so
// a slow server never makes a second replica repeat a call still running.
const DefaultTimeout = 20 * time.Second

// maxCompletionTokens bounds an answer; five short bullets need far fewer.
const maxCompletionTokens = 700

// Summarizer is what the use cases need from a language model.
type Summarizer interface {
	// Summarize sends a prompt and returns the model's raw answer: untrusted
	// text, to pass through Bullets before it is stored or shown.
	Summarize(ctx context.Context, p Prompt) (string, error)
	// Model names the model asked, to store beside what it wrote.
	Model() string
}

// Config is what a Client is built from: config.Config's OPENAI_ values.
type Config struct {
	APIKey  string
	BaseURL string // with its /v1, as OpenAI's SDKs take it; "" is OpenAI's
	Model   string // "" is DefaultModel
	// Timeout bounds each call; zero is DefaultTimeout.
	Timeout    time.Duration
	HTTPClient *http.Client // nil: a client without its own timeout
}

// Client asks an OpenAI-compatible server.
type Client struct {
	api     *openai.Client
	model   string
	timeout time.Duration
}

// New returns a client, or nil (no Summarizer at all) when no API key is
// set: the AI features are off, and nothing can call a server.
func New(cfg Config) Summarizer {
	if strings.TrimSpace(cfg.APIKey) == "" {
		return nil
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	if cfg.BaseURL != "" {
		oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	}
	if cfg.HTTPClient != nil {
		oc.HTTPClient = cfg.HTTPClient
	}
	if cfg.Model == "" {
		cfg.Model = DefaultModel
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	return &Client{api: openai.NewClientWithConfig(oc), model: cfg.Model, timeout: cfg.Timeout}
}

// Model implements Summarizer.
func (c *Client) Model() string { return c.model }

// ErrEmpty is a model answer with nothing in it.
var ErrEmpty = errors.New("llm: the model answered nothing")

// Summarize implements Summarizer, within the client's timeout.
func (c *Client) Summarize(ctx context.Context, p Prompt) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	resp, err := c.api.CreateChatCompletion(ctx, openai.ChatCompletionRequest{
		Model: c.model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: p.System},
			{Role: openai.ChatMessageRoleUser, Content: p.User},
		},
		MaxCompletionTokens: maxCompletionTokens,
	})
	if err != nil {
		err = armistice.RedactURLError(err) // the logs and River's stored errors get it
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
			return "", fmt.Errorf("llm: no answer from %s within %s: %w", c.model, c.timeout, err)
		}
		return "", fmt.Errorf("llm: %s: %w", c.model, err)
	}
	if len(resp.Choices) == 0 || strings.TrimSpace(resp.Choices[0].Message.Content) == "" {
		return "", ErrEmpty
	}
	return resp.Choices[0].Message.Content, nil
}

// Permanent tells whether asking again cannot help: the server refused the
// key, the model or the request itself (400, 401, 403, 404, 422).
func Permanent(err error) bool {
	status := 0
	if e, ok := errors.AsType[*openai.APIError](err); ok {
		status = e.HTTPStatusCode
	} else if e, ok := errors.AsType[*openai.RequestError](err); ok {
		status = e.HTTPStatusCode
	}
	switch status {
	case http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusUnprocessableEntity:
		return true
	}
	return false
}
