package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// outage is the outage -outage-after and -outage-for ask for.
type outage struct {
	// after is how long after the start the API goes down; 0: never.
	after time.Duration
	// length is how long it stays down; 0: until the emulator stops.
	length time.Duration
}

// addOutageFlags defines on fs the flags of the outage, which set o.
func addOutageFlags(fs *flag.FlagSet, o *outage) {
	fs.DurationVar(&o.after, "outage-after", 0, "take the API down this `duration` after the start: close every open connection, requests in flight included (writes among them are still applied), and refuse new ones (0: never)")
	fs.DurationVar(&o.length, "outage-for", 0, "bring the API back on the same address this `duration` after -outage-after took it down, with the library it had (0: stay down until stopped)")
}

// check refuses the values of those flags the emulator does not take.
func (o outage) check() error {
	switch {
	case o.after < 0:
		return errors.New("-outage-after must not be negative")
	case o.length < 0:
		return errors.New("-outage-for must not be negative")
	case o.length > 0 && o.after == 0:
		return errors.New("-outage-for needs -outage-after")
	}
	return nil
}

// String says what the outage does, for the start-up message.
func (o outage) String() string {
	if o.length == 0 {
		return fmt.Sprintf("going down %s after the start, until stopped", o.after)
	}
	return fmt.Sprintf("going down %s after the start, for %s", o.after, o.length)
}

// await waits until ctx is done, taking srv down and up again on the way
// as o asks, and logging each switch. It returns early only when srv
// cannot come back up.
func (o outage) await(ctx context.Context, srv *emulator.Server, logger *log.Logger) error {
	var down, up <-chan time.Time
	if o.after > 0 {
		down = time.After(o.after)
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-down:
			srv.Down()
			if o.length > 0 {
				up = time.After(o.length)
				logger.Printf("outage: down for %s, closing every connection and refusing new ones", o.length)
			} else {
				logger.Print("outage: down until stopped, closing every connection and refusing new ones")
			}
		case <-up:
			if err := srv.Up(); err != nil {
				return fmt.Errorf("ending the outage: %w", err)
			}
			logger.Print("outage over: accepting connections again")
		}
	}
}
