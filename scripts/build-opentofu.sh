#!/usr/bin/env bash
# Builds the OpenTofu CLI from its Go module, for `make testacc-opentofu`
# on machines without an OpenTofu package.
#
#   scripts/build-opentofu.sh [output]
#
# OPENTOFU_VERSION picks the release (default 1.12.6, the one the acceptance
# tests were run with). The binary is kept in a cache outside the
# repository, one directory per version:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-amazonmusic/opentofu-<version>/tofu
# and reused when it is there and reports that version. With an output
# argument the binary is also copied there. The last line on standard
# output is the path of the binary, so callers can write
#   tofu=$(scripts/build-opentofu.sh | tail -n 1)
#
# `go install` refuses OpenTofu's module, which has replace directives: the
# module is downloaded through the Go module proxy, copied to a temporary
# directory and built there with the flags of OpenTofu's own releases. It
# takes a few minutes and about 3.5 GB of module cache the first time.
set -euo pipefail

tool=build-opentofu
label=OpenTofu
version=${OPENTOFU_VERSION:-1.12.6}
version=${version#v}
module=github.com/opentofu/opentofu
cached=${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-amazonmusic/opentofu-$version/tofu
out=${1:-}
# shellcheck source=scripts/lib/cli-build.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/cli-build.sh"

reuse_cached
fetch_module

log "==> Building tofu (a few minutes the first time)"
(
	cd "$src"
	GOWORK=off go mod download >&2
	GOWORK=off CGO_ENABLED=0 go build -mod=readonly -trimpath \
		-ldflags "-s -w -X '$module/version.dev=no'" \
		-o "$tmp/bin" ./cmd/tofu
)
install_built
log "==> Run the acceptance tests with it: make testacc-opentofu TOFU=$cached"
finish
