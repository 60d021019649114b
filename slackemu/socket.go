package slackemu

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

// Socket Mode connections: apps.connections.open tickets, the WebSocket
// endpoint, hello, pings, disconnect.

const (
	writeTimeout   = 10 * time.Second
	closeGrace     = time.Second
	outboxCapacity = 64
)

type socketRegistry struct {
	tickets map[string]bool
	open    []*socketConn            // connections that receive envelopes
	conns   map[*socketConn]struct{} // every live connection
	rr      int
	seq     int
}

func newSocketRegistry() socketRegistry {
	return socketRegistry{tickets: make(map[string]bool), conns: make(map[*socketConn]struct{})}
}

func (r *socketRegistry) all() []*socketConn {
	out := make([]*socketConn, 0, len(r.conns))
	for c := range r.conns {
		out = append(out, c)
	}
	return out
}

func (r *socketRegistry) remove(c *socketConn) {
	r.open = slices.DeleteFunc(r.open, func(x *socketConn) bool { return x == c })
	delete(r.conns, c)
}

// socketConn is one Socket Mode WebSocket connection. Only its writer
// goroutine writes to the connection.
type socketConn struct {
	s    *Server
	id   int
	conn *websocket.Conn
	// base is the HTTP base URL the client connected through; it is used
	// for the response_url values of envelopes sent on this connection.
	base string
	out  chan outFrame
	done chan struct{} // closed when the connection has ended
}

type outFrame struct {
	data       []byte
	closeAfter bool // close the connection after writing this frame
}

// host is the debug_info host name of the connection.
func (c *socketConn) host() string {
	return "slackemu-applink-" + strconv.Itoa(c.id)
}

func (s *Server) apiConnectionsOpen(q *apiRequest) apiReply {
	ticket := randomHex(16)
	s.mu.Lock()
	s.sockets.tickets[ticket] = true
	s.mu.Unlock()
	wsBase := "ws" + strings.TrimPrefix(q.base, "http")
	return okReply(map[string]any{"url": wsBase + "/socket/" + ticket})
}

var upgrader = websocket.Upgrader{
	HandshakeTimeout: 10 * time.Second,
	CheckOrigin:      func(*http.Request) bool { return true },
}

// serveSocket upgrades "/socket/<ticket>" to a Socket Mode connection and
// runs its reader until the connection ends.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request, ticket string) {
	ticket = strings.Trim(ticket, "/")
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "server closed", http.StatusServiceUnavailable)
		return
	}
	if !s.sockets.tickets[ticket] {
		s.mu.Unlock()
		http.Error(w, "invalid or used Socket Mode URL", http.StatusUnauthorized)
		return
	}
	delete(s.sockets.tickets, ticket)
	s.wg.Add(1)
	s.mu.Unlock()
	defer s.wg.Done()

	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &socketConn{
		s:    s,
		conn: conn,
		base: baseURL(r),
		out:  make(chan outFrame, outboxCapacity),
		done: make(chan struct{}),
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		_ = conn.Close()
		return
	}
	s.sockets.seq++
	c.id = s.sockets.seq
	// hello is queued before the connection can be picked for envelopes,
	// so it is always the first message.
	hello, _ := json.Marshal(map[string]any{
		"type":            "hello",
		"num_connections": len(s.sockets.open) + 1,
		"debug_info": map[string]any{
			"host":                        c.host(),
			"build_number":                1,
			"approximate_connection_time": 18060,
		},
		"connection_info": map[string]any{"app_id": s.cfg.AppID},
	})
	c.out <- outFrame{data: hello}
	s.sockets.open = append(s.sockets.open, c)
	s.sockets.conns[c] = struct{}{}
	s.wg.Add(1)
	s.bumpLocked()
	s.mu.Unlock()
	go c.writeLoop()

	c.readLoop()

	s.mu.Lock()
	s.sockets.remove(c)
	s.bumpLocked()
	s.mu.Unlock()
	close(c.done)
	_ = conn.Close()
}

// readLoop reads acks until the connection fails or is closed. The read
// deadline is pushed forward by every frame and pong, so a client that
// stops answering pings is dropped.
func (c *socketConn) readLoop() {
	idle := 3 * c.s.cfg.PingInterval
	extend := func() { _ = c.conn.SetReadDeadline(time.Now().Add(idle)) }
	extend()
	c.conn.SetReadLimit(1 << 20)
	c.conn.SetPongHandler(func(string) error {
		extend()
		c.s.mu.Lock()
		c.s.pongs++
		c.s.bumpLocked()
		c.s.mu.Unlock()
		return nil
	})
	for {
		typ, data, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		extend()
		if typ != websocket.TextMessage {
			continue
		}
		var a ackFrame
		if json.Unmarshal(data, &a) != nil || a.EnvelopeID == "" {
			continue
		}
		a.received = time.Now()
		c.s.receiveAck(a)
	}
}

// writeLoop is the only writer of the connection: queued frames and the
// periodic pings Slack sends (slack-go's socketmode client reconnects when
// no ping arrives within its ping interval).
func (c *socketConn) writeLoop() {
	defer c.s.wg.Done()
	ticker := time.NewTicker(c.s.cfg.PingInterval)
	defer ticker.Stop()
	c.ping()
	for {
		select {
		case f := <-c.out:
			_ = c.conn.SetWriteDeadline(time.Now().Add(writeTimeout))
			if err := c.conn.WriteMessage(websocket.TextMessage, f.data); err != nil {
				_ = c.conn.Close()
				return
			}
			if f.closeAfter {
				c.closeGracefully()
				return
			}
		case <-ticker.C:
			c.ping()
		case <-c.done:
			return
		case <-c.s.done:
			_ = c.conn.Close()
			return
		}
	}
}

func (c *socketConn) ping() {
	_ = c.conn.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(writeTimeout))
}

// closeGracefully sends a close frame, gives the client a moment to close
// its side, then closes the connection.
func (c *socketConn) closeGracefully() {
	msg := websocket.FormatCloseMessage(websocket.CloseNormalClosure, "disconnect")
	_ = c.conn.WriteControl(websocket.CloseMessage, msg, time.Now().Add(writeTimeout))
	t := time.NewTimer(closeGrace)
	defer t.Stop()
	select {
	case <-c.done:
	case <-t.C:
	case <-c.s.done:
	}
	_ = c.conn.Close()
}

// send queues a frame; it returns false when the connection has ended.
func (c *socketConn) send(f outFrame) bool {
	select {
	case c.out <- f:
		return true
	case <-c.done:
		return false
	case <-c.s.done:
		return false
	}
}

// kill closes the connection at once.
func (c *socketConn) kill() { _ = c.conn.Close() }

// Disconnect sends a "disconnect" message with reason ("refresh_requested",
// "warning", "link_disabled", ...) on every open connection and then closes
// it, so that the client opens a new one through apps.connections.open. The
// connections stop receiving envelopes at once: Connections reports 0 until
// clients reconnect.
func (s *Server) Disconnect(reason string) {
	s.mu.Lock()
	conns := s.sockets.open
	s.sockets.open = nil
	s.bumpLocked()
	s.mu.Unlock()
	for _, c := range conns {
		msg, _ := json.Marshal(map[string]any{
			"type":       "disconnect",
			"reason":     reason,
			"debug_info": map[string]any{"host": c.host()},
		})
		c.send(outFrame{data: msg, closeAfter: true})
	}
}

// Connections reports the number of open Socket Mode connections that
// receive envelopes.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sockets.open)
}
