package provider

import (
	"context"
	"fmt"
	"os"
	"strings"

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

// tflogAdapter sends the API client's messages to tflog, each through the
// context of the call it concerns: the logger and fields of the RPC that made
// the call (such as tf_rpc and tf_req_id, and the resource's own fields),
// with the provider's secrets masked.
//
// It is safe for concurrent use without a lock: tflog (terraform-plugin-log
// v0.11.0) masks a message's fields in place, but every mask option makes a
// new copy of the context's fields, and the adapter adds its masks to the
// call's context before each message, so each message masks fields of its
// own.
type tflogAdapter struct {
	secrets []string
}

var _ amazonmusic.Logger = tflogAdapter{}

// newTFLogAdapter returns an amazonmusic.Logger writing through tflog that
// masks the given secrets (see maskSecrets).
func newTFLogAdapter(secrets ...string) tflogAdapter {
	return tflogAdapter{secrets: secrets}
}

// Warn logs msg at WARN level.
func (l tflogAdapter) Warn(ctx context.Context, msg string, keysAndValues ...interface{}) {
	l.write(ctx, tflog.Warn, msg, keysAndValues)
}

// Info logs msg at INFO level.
func (l tflogAdapter) Info(ctx context.Context, msg string, keysAndValues ...interface{}) {
	l.write(ctx, tflog.Info, msg, keysAndValues)
}

// Debug logs msg at DEBUG level.
func (l tflogAdapter) Debug(ctx context.Context, msg string, keysAndValues ...interface{}) {
	l.write(ctx, tflog.Debug, msg, keysAndValues)
}

// write logs msg with log, through ctx with the secrets masked.
func (l tflogAdapter) write(ctx context.Context, log func(context.Context, string, ...map[string]interface{}), msg string, keysAndValues []interface{}) {
	log(maskSecrets(ctx, l.secrets...), msg, logFields(keysAndValues))
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

// QuietLogLevels are the log level variables of the provider and of the
// plugin SDK that SilenceLogsTerraformDiscards sets. The plugin server reads
// the provider's level from TF_LOG_PROVIDER_AMAZONMUSIC, named after the
// provider's type, and not from TF_LOG_PROVIDER.
var QuietLogLevels = []string{
	"TF_LOG_PROVIDER", "TF_LOG_PROVIDER_AMAZONMUSIC",
	"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK",
}

// SilenceLogsTerraformDiscards turns the provider's and the plugin SDK's
// logs off when no TF_LOG variable is set. Terraform then throws every
// provider log line away, yet the plugin libraries default to TRACE and
// would format each one first: about a third of the provider's CPU time on a
// large apply. Any TF_LOG* variable leaves the levels as Terraform asks.
func SilenceLogsTerraformDiscards() {
	for _, kv := range os.Environ() {
		name, value, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_LOG") && name != "TF_LOG_PATH" && value != "" {
			return
		}
	}
	for _, name := range QuietLogLevels {
		_ = os.Setenv(name, "OFF")
	}
}
