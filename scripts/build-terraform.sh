#!/usr/bin/env bash
# Builds the Terraform CLI from its Go module, for running the acceptance
# tests and the benchmarks under a newer Terraform than the one installed.
#
#   scripts/build-terraform.sh [output]
#
# TERRAFORM_BUILD_VERSION picks the release (default 1.16.4). The binary is
# kept in a cache outside the repository, one directory per version:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-amazonmusic/terraform-<version>/terraform
# and reused when it is there and reports that version. With an output
# argument the binary is also copied there. The last line on standard
# output is the path of the binary, so callers can write
#   terraform=$(scripts/build-terraform.sh | tail -n 1)
#
# `go install` refuses Terraform's module, which has replace directives, and
# the module zip lacks Terraform's nested modules: the remote-state backends
# other than the HashiCorp ones and internal/legacy. The module is
# downloaded through the Go module proxy, copied to a temporary directory,
# those backends are removed from the backend registry and from go.mod, and
# Terraform is built there as a release (no "-dev" in its version). Local
# state, `dev_overrides` and everything the tests use work as usual. It
# takes about two minutes on a warm module cache.
set -euo pipefail

tool=build-terraform
label=Terraform
version=${TERRAFORM_BUILD_VERSION:-1.16.4}
version=${version#v}
module=github.com/hashicorp/terraform
cached=${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-amazonmusic/terraform-$version/terraform
out=${1:-}
# shellcheck source=scripts/lib/cli-build.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/cli-build.sh"

# The remote-state backends whose code lives in nested modules that the
# module zip does not carry.
backends=(azure consul cos gcs kubernetes oci oss pg s3)

reuse_cached
fetch_module

log "==> Removing the remote-state backends the module does not carry"
init=$src/internal/backend/init/init.go
[ -f "$init" ] || fail "$init not found: this Terraform release is laid out differently"
edit=(-droprequire "$module/internal/legacy" -dropreplace "$module/internal/legacy")
for b in "${backends[@]}"; do
	pkg=$module/internal/backend/remote-state/$b
	# Both the import line and the registry entry name the package alias,
	# whose spelling varies (backendGCS, backendPg): find it by import path.
	alias=$(sed -n "s|^[[:space:]]*\([A-Za-z0-9_]*\)[[:space:]]*\"$pkg\"\$|\1|p" "$init")
	[ -n "$alias" ] || fail "no import of $pkg in $init: this Terraform release is laid out differently"
	sed -i -e "\|\"$pkg\"|d" -e "/[^A-Za-z0-9_]$alias\./d" "$init"
	edit+=(-droprequire "$pkg" -dropreplace "$pkg")
done
(cd "$src" && GOWORK=off go mod edit "${edit[@]}")

log "==> Building terraform (about two minutes the first time)"
(
	cd "$src"
	GOWORK=off CGO_ENABLED=0 go build -trimpath \
		-ldflags "-s -w -X $module/version.dev=no" \
		-o "$tmp/bin" .
)
install_built
finish
