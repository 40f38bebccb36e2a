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

version=${OPENTOFU_VERSION:-1.12.6}
version=${version#v}
module=github.com/opentofu/opentofu
cache_root=${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-amazonmusic
cached=$cache_root/opentofu-$version/tofu
out=${1:-}

fail() {
	printf 'build-opentofu: %s\n' "$*" >&2
	exit 1
}

log() {
	printf '%s\n' "$*" >&2
}

# reports_version BINARY: whether BINARY runs and says it is this release.
reports_version() {
	local first
	first=$(TF_CLI_CONFIG_FILE=/dev/null "$1" version 2>/dev/null | sed -n 1p) || return 1
	[ "$first" = "OpenTofu v$version" ]
}

finish() {
	if [ -n "$out" ] && [ "$out" != "$cached" ]; then
		mkdir -p "$(dirname "$out")"
		cp "$cached" "$out.tmp.$$"
		mv "$out.tmp.$$" "$out"
		printf '%s\n' "$out"
	else
		printf '%s\n' "$cached"
	fi
	exit 0
}

if [ -x "$cached" ] && reports_version "$cached"; then
	log "==> OpenTofu v$version already built at $cached"
	finish
fi

command -v go >/dev/null 2>&1 || fail "go not found on PATH"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/opentofu-build.XXXXXX")
cleanup() {
	# The module cache leaves its files read-only.
	chmod -R u+w "$tmp" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

log "==> Downloading $module@v$version"
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

log "==> Building tofu (a few minutes the first time)"
(
	cd "$src"
	GOWORK=off go mod download >&2
	GOWORK=off CGO_ENABLED=0 go build -mod=readonly -trimpath \
		-ldflags "-s -w -X 'github.com/opentofu/opentofu/version.dev=no'" \
		-o "$tmp/tofu" ./cmd/tofu
)
reports_version "$tmp/tofu" || fail "the built binary does not report OpenTofu v$version"

mkdir -p "$(dirname "$cached")"
mv "$tmp/tofu" "$cached.tmp.$$"
mv "$cached.tmp.$$" "$cached"
log "==> Built $cached; run the acceptance tests with it:"
log "  make testacc-opentofu TOFU=$cached"
finish
