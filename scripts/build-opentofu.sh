#!/usr/bin/env bash
# Builds the OpenTofu CLI from its Go module, for `make testacc-opentofu`
# on machines without an OpenTofu package.
#
#   scripts/build-opentofu.sh [output]
#
# OPENTOFU_VERSION picks the release (default 1.12.6, the one the acceptance
# tests were run with); output defaults to $(go env GOPATH)/bin/tofu.
#
# `go install` refuses OpenTofu's module, which has replace directives: the
# module is downloaded through the Go module proxy, copied to a temporary
# directory and built there with the flags of OpenTofu's own releases. It
# takes a few minutes and about 3.5 GB of module cache the first time.
set -euo pipefail

version=${OPENTOFU_VERSION:-1.12.6}
version=${version#v}
out=${1:-$(go env GOPATH)/bin/tofu}
module=github.com/opentofu/opentofu

fail() {
	printf 'build-opentofu: %s\n' "$*" >&2
	exit 1
}

command -v go >/dev/null 2>&1 || fail "go not found on PATH"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/opentofu-build.XXXXXX")
cleanup() {
	# The module cache leaves its files read-only.
	chmod -R u+w "$tmp" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

echo "==> Downloading $module@v$version"
# Outside of any module, so that no go.mod or go.work of the caller counts.
info=$(cd "$tmp" && GOWORK=off go mod download -json "$module@v$version") ||
	fail "go mod download of $module@v$version failed:
$info"
dir=$(printf '%s\n' "$info" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
[ -n "$dir" ] && [ -d "$dir" ] || fail "go mod download did not name the module's directory:
$info"

src=$tmp/src
cp -R "$dir" "$src"
chmod -R u+w "$src"

echo "==> Building tofu (a few minutes the first time)"
mkdir -p "$(dirname "$out")"
(
	cd "$src"
	GOWORK=off go mod download
	GOWORK=off CGO_ENABLED=0 go build -mod=readonly -trimpath \
		-ldflags "-s -w -X 'github.com/opentofu/opentofu/version.dev=no'" \
		-o "$tmp/tofu" ./cmd/tofu
)
mv "$tmp/tofu" "$out"

# A missing CLI configuration file would only add a warning here.
TF_CLI_CONFIG_FILE=/dev/null "$out" version
echo
echo "Built $out. Run the acceptance tests with it:"
echo "  make testacc-opentofu TOFU=$out"
