//go:build linux

package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// api is an emulator served on a loopback port of the harness's own
// process, so that its request counts can be read directly. It also notes
// when the first API request arrived and when the last was answered.
type api struct {
	*emulator.Emulator
	url string

	srv    *http.Server
	served chan error
	cancel context.CancelFunc

	mu          sync.Mutex
	first, last time.Time
}

// startAPI serves an emulator with opts on 127.0.0.1.
func startAPI(opts emulator.Options) (*api, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listening on 127.0.0.1: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	a := &api{
		Emulator: emulator.New(opts),
		url:      "http://" + ln.Addr().String(),
		served:   make(chan error, 1),
		cancel:   cancel,
	}
	a.srv = &http.Server{
		Handler:           a,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	go func() { a.served <- a.srv.Serve(ln) }()
	return a, nil
}

// ServeHTTP hands the request to the emulator and notes its times.
func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	arrived := time.Now()
	a.Emulator.ServeHTTP(w, r)
	answered := time.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.first.IsZero() || arrived.Before(a.first) {
		a.first = arrived
	}
	if answered.After(a.last) {
		a.last = answered
	}
}

// span is the time from the first request's arrival to the last answer
// since the last reset, 0 when there was no request.
func (a *api) span() time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.first.IsZero() {
		return 0
	}
	return a.last.Sub(a.first)
}

// reset forgets the counted requests and the span.
func (a *api) reset() {
	a.ResetCounts()
	a.mu.Lock()
	defer a.mu.Unlock()
	a.first, a.last = time.Time{}, time.Time{}
}

// close stops serving; requests in flight see their context end.
func (a *api) close() error {
	a.cancel()
	err := a.srv.Close()
	if serveErr := <-a.served; !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	return err
}
