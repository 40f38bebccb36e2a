package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Server serves an Emulator on a loopback TCP address that it can take
// down and bring up again, as an outage of the API, or of the network to
// it, would. Down closes the listener and every open connection: new
// connections are refused (ECONNREFUSED) and the requests in flight see
// their connection closed or reset. Up listens on the same address again.
// The Emulator, and so the library and the playlists, outlive the outage,
// and a write already being handled when the server goes down is still
// applied (see the package doc): only its answer is lost.
//
// Like httptest.Server, it is meant for tests: NewServer, URL and Close in
// a t.Cleanup. The emulator's command serves with it too (see
// NewServerAt). Its methods are safe for concurrent use.
type Server struct {
	handler http.Handler
	// addr is "127.0.0.1:PORT" (or the loopback address NewServerAt was
	// given, its port resolved): the same through outages.
	addr string
	// base is the context of every request; stopBase ends it when the
	// server stops for good, to end the reads still waiting.
	base     context.Context
	stopBase context.CancelFunc
	// handlers counts the handlers running, whichever listener accepted
	// their request; serving counts the goroutines of http.Server.Serve.
	handlers running
	serving  sync.WaitGroup

	mu sync.Mutex
	// current serves while the server is up; nil while it is down.
	current *http.Server
	// closed is set by Close and Shutdown: Up refuses to serve again.
	closed bool
	// serveErr is the first error of http.Server.Serve other than
	// http.ErrServerClosed.
	serveErr error
}

// readHeaderTimeout bounds how long a connection may take to send a
// request's headers.
const readHeaderTimeout = 10 * time.Second

// errServerClosed is what Up returns once the server is closed.
var errServerClosed = errors.New("emulator: the server is closed")

// NewServer serves e on 127.0.0.1 at a port the system picks, and is up.
func NewServer(e *Emulator) (*Server, error) {
	return NewServerAt("127.0.0.1:0", e)
}

// NewServerAt serves h on the loopback address addr (host:port, port 0
// picking a free port), and is up. h is an Emulator, or a handler that
// wraps one (to log its requests, say). It refuses an address that does
// not resolve to a loopback one: the emulator accepts well-known
// credentials.
func NewServerAt(addr string, h http.Handler) (*Server, error) {
	// Refuse what is plainly not loopback before listening there at all.
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("emulator: address %q is not host:port: %w", addr, err)
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && !ip.IsLoopback()) {
		return nil, fmt.Errorf("emulator: %q is not a loopback address", addr)
	}
	base, stopBase := context.WithCancel(context.Background())
	s := &Server{handler: h, addr: addr, base: base, stopBase: stopBase}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.serveLocked(); err != nil {
		stopBase()
		return nil, err
	}
	return s, nil
}

// URL returns the base URL of the server, "http://127.0.0.1:PORT", the
// same while it is down and after it comes back.
func (s *Server) URL() string {
	return "http://" + s.addr
}

// Down takes the server down: it closes the listener, so that new
// connections are refused, and every open connection, idle or carrying a
// request. It returns at once: reads in flight end as their connection
// closes, writes in flight are still applied after their latency and
// delay. Down on a server that is down does nothing.
func (s *Server) Down() {
	s.mu.Lock()
	srv := s.current
	s.current = nil
	s.mu.Unlock()
	if srv != nil {
		_ = srv.Close() // the connections are gone either way
	}
}

// Up brings the server back: it listens on its address again and serves.
// It fails when the address is taken meanwhile, or once the server is
// closed. Up on a server that is up does nothing.
func (s *Server) Up() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errServerClosed
	}
	if s.current != nil {
		return nil
	}
	return s.serveLocked()
}

// Close stops the server for good: it ends the reads still waiting,
// closes the listener and every connection, and waits for the handlers
// still running, which the writes among them leave only once their
// latency and delay are over. It is meant for t.Cleanup; calling it again
// does nothing more.
func (s *Server) Close() {
	srv := s.markClosed()
	if srv != nil {
		_ = srv.Close()
	}
	s.serving.Wait()
	<-s.handlers.idle()
}

// Shutdown stops the server for good, gracefully: it ends the reads still
// waiting, which are answered 503 SERVICE_UNAVAILABLE, stops accepting
// connections, and waits for the requests in flight to be answered, the
// writes after their latency and delay, until ctx is done; then it closes
// every connection left and returns ctx's error. It also returns the error
// that made the server stop serving unbidden, if any.
func (s *Server) Shutdown(ctx context.Context) error {
	srv := s.markClosed()
	var err error
	if srv != nil {
		err = srv.Shutdown(ctx)
	}
	if err == nil {
		// Handlers whose connection a Down closed are still writing.
		select {
		case <-s.handlers.idle():
		case <-ctx.Done():
			err = ctx.Err()
		}
	}
	if err != nil && srv != nil {
		_ = srv.Close()
	}
	s.serving.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	return errors.Join(err, s.serveErr)
}

// markClosed marks the server closed, ends the base context and returns
// the http.Server serving, if any, for the caller to stop.
func (s *Server) markClosed() *http.Server {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.stopBase()
	srv := s.current
	s.current = nil
	return srv
}

// serveLocked listens on s.addr and serves there. The caller holds s.mu.
func (s *Server) serveLocked() error {
	var lc net.ListenConfig
	ln, err := lc.Listen(s.base, "tcp", s.addr)
	if err != nil {
		return err
	}
	tcp, ok := ln.Addr().(*net.TCPAddr)
	if !ok || !tcp.IP.IsLoopback() {
		_ = ln.Close()
		return fmt.Errorf("emulator: %s resolved to %s, which is not a loopback address", s.addr, ln.Addr())
	}
	s.addr = ln.Addr().String()
	srv := &http.Server{
		Handler:           http.HandlerFunc(s.serveHTTP),
		ReadHeaderTimeout: readHeaderTimeout,
		BaseContext:       func(net.Listener) context.Context { return s.base },
	}
	s.current = srv
	s.serving.Go(func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			s.mu.Lock()
			defer s.mu.Unlock()
			if s.serveErr == nil {
				s.serveErr = fmt.Errorf("emulator: serving on %s: %w", s.addr, err)
			}
		}
	})
	return nil
}

// serveHTTP hands a request to the handler, counting it as running.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.handlers.enter()
	defer s.handlers.leave()
	s.handler.ServeHTTP(w, r)
}

// running counts the handlers running. It has its own lock.
type running struct {
	mu sync.Mutex
	n  int
	// none is closed while no handler runs; a new one is made when the
	// first handler enters.
	none chan struct{}
}

// enter counts a handler that starts.
func (c *running) enter() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == 0 {
		c.none = make(chan struct{})
	}
	c.n++
}

// leave counts a handler that returned.
func (c *running) leave() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n--
	if c.n == 0 {
		close(c.none)
	}
}

// idle returns a channel closed once no handler runs.
func (c *running) idle() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == 0 {
		done := make(chan struct{})
		close(done)
		return done
	}
	return c.none
}
