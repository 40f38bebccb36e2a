package main

import (
	"flag"
	"log"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/provider"
)

var (
	// version is set by the goreleaser configuration (-X main.version=...)
	// to the released version of the compiled binary.
	version string = "dev"
)

func main() {
	var debug bool

	flag.BoolVar(&debug, "debug", false, "set to true to run the provider with support for debuggers like delve")
	flag.Parse()

	setLogLevels(debug)

	// The provider's protocol server is the framework's with one read
	// answered directly (see provider.NewProtocol6Server), so it is served
	// as providerserver.Serve would serve the framework's alone.
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}

	err := tf6server.Serve("registry.terraform.io/amazonmusic-community/amazonmusic", provider.NewProtocol6Server(version), opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}

// setLogLevels turns the logs off that Terraform would discard (see
// silenceLogsTerraformDiscards). With -debug the provider runs on its own,
// under a debugger, and Terraform only reattaches to it: its logs then go to
// its own standard error, where the developer reads them, and stay on.
func setLogLevels(debug bool) {
	if !debug {
		silenceLogsTerraformDiscards()
	}
}

// quietLogLevels are the log level variables of the provider and of the
// plugin SDK that silenceLogsTerraformDiscards sets. The plugin server reads
// the provider's level from TF_LOG_PROVIDER_AMAZONMUSIC, named after the
// provider's type, and not from TF_LOG_PROVIDER.
var quietLogLevels = []string{
	"TF_LOG_PROVIDER", "TF_LOG_PROVIDER_AMAZONMUSIC",
	"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK",
}

// silenceLogsTerraformDiscards turns the provider's and the plugin SDK's
// logs off when no TF_LOG variable is set. Terraform then throws every
// provider log line away, yet the plugin libraries default to TRACE and
// would format each one first: about a third of the provider's CPU time on a
// large apply. Any TF_LOG* variable leaves the levels as Terraform asks.
func silenceLogsTerraformDiscards() {
	for _, kv := range os.Environ() {
		name, value, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_LOG") && name != "TF_LOG_PATH" && value != "" {
			return
		}
	}
	for _, name := range quietLogLevels {
		_ = os.Setenv(name, "OFF")
	}
}
