package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

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
	// Terraform's debug log (TF_LOG=DEBUG) shows what a provider writes to
	// its standard error before serving: the version names the build.
	log.Printf("terraform-provider-amazonmusic %s", version)

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/amazonmusic-community/amazonmusic",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}

// setLogLevels turns the logs off that Terraform would discard (see
// provider.SilenceLogsTerraformDiscards). With -debug the provider runs on its own,
// under a debugger, and Terraform only reattaches to it: its logs then go to
// its own standard error, where the developer reads them, and stay on.
func setLogLevels(debug bool) {
	if !debug {
		provider.SilenceLogsTerraformDiscards()
	}
}
