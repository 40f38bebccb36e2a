package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// Field keys whose values are always masked in the provider's logs, whatever
// they hold.
var sensitiveLogFieldKeys = []string{
	"api_key",
	"access_token",
	"refresh_token",
	"client_secret",
	"x-api-key",
	"authorization",
	"Authorization",
}

// maskSecrets returns ctx with the provider's log masking set up: values of
// sensitiveLogFieldKeys are always masked, and every given non-empty secret is
// masked wherever it shows up in a field value or a message.
func maskSecrets(ctx context.Context, secrets ...string) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, sensitiveLogFieldKeys...)

	nonEmpty := make([]string, 0, len(secrets))
	for _, s := range secrets {
		// An empty match string would mask every position of every value.
		if s != "" {
			nonEmpty = append(nonEmpty, s)
		}
	}
	if len(nonEmpty) > 0 {
		ctx = tflog.MaskAllFieldValuesStrings(ctx, nonEmpty...)
		ctx = tflog.MaskMessageStrings(ctx, nonEmpty...)
	}

	return ctx
}

// tflogAdapter sends the API client's messages to tflog.
//
// The client's Logger interface carries no context, so the adapter keeps the
// context of the provider's Configure call: its logger sink and secret masks
// stay in force for every message the client writes afterwards.
//
// Its messages are written one at a time: tflog masks the fields stored in
// the context in place, so messages written at once through one context, as
// resources applied in parallel do, would write the same map together.
type tflogAdapter struct {
	ctx context.Context
	mu  *sync.Mutex
}

var _ amazonmusic.Logger = tflogAdapter{}

// newTFLogAdapter returns an amazonmusic.Logger writing through tflog with
// the logger and masks held by ctx.
func newTFLogAdapter(ctx context.Context) tflogAdapter {
	return tflogAdapter{ctx: ctx, mu: new(sync.Mutex)}
}

// Error logs msg at ERROR level.
func (l tflogAdapter) Error(msg string, keysAndValues ...interface{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	tflog.Error(l.ctx, msg, logFields(keysAndValues))
}

// Warn logs msg at WARN level.
func (l tflogAdapter) Warn(msg string, keysAndValues ...interface{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	tflog.Warn(l.ctx, msg, logFields(keysAndValues))
}

// Info logs msg at INFO level.
func (l tflogAdapter) Info(msg string, keysAndValues ...interface{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	tflog.Info(l.ctx, msg, logFields(keysAndValues))
}

// Debug logs msg at DEBUG level.
func (l tflogAdapter) Debug(msg string, keysAndValues ...interface{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	tflog.Debug(l.ctx, msg, logFields(keysAndValues))
}

// extraValueKey holds the last value of an odd-length key-value list, as
// hclog names it.
const extraValueKey = "EXTRA_VALUE_AT_END"

// logFields turns alternating keys and values into tflog fields. A key that
// is not a string is formatted with fmt; a value without a key is kept under
// extraValueKey.
func logFields(keysAndValues []interface{}) map[string]interface{} {
	fields := make(map[string]interface{}, (len(keysAndValues)+1)/2)
	for i := 0; i < len(keysAndValues); i += 2 {
		if i+1 == len(keysAndValues) {
			fields[extraValueKey] = keysAndValues[i]
			break
		}
		key, ok := keysAndValues[i].(string)
		if !ok {
			key = fmt.Sprint(keysAndValues[i])
		}
		fields[key] = keysAndValues[i+1]
	}
	return fields
}
