# Shared steps of scripts/build-terraform.sh and scripts/build-opentofu.sh,
# which build a CLI from its Go module into a cache outside the repository,
# one directory per version, and reuse it from there.
#
# The sourcing script sets:
#   tool     its name in messages ("build-terraform")
#   label    the CLI's name in its version line ("Terraform")
#   module   the Go module to build
#   version  the release, without "v"
#   cached   the path of the cached binary
#   out      where to copy the binary too (empty: nowhere)
# then calls reuse_cached, fetch_module (which sets src, a writable copy of
# the module, and tmp, the scratch directory removed on exit), builds into
# "$tmp/bin" and calls install_built.

fail() {
	printf '%s: %s\n' "$tool" "$*" >&2
	exit 1
}

log() {
	printf '%s\n' "$*" >&2
}

# reports_version BINARY: whether BINARY runs and says it is this release.
reports_version() {
	local first
	first=$(TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 "$1" version 2>/dev/null | sed -n 1p) || return 1
	[ "$first" = "$label v$version" ]
}

# finish prints the path of the binary, copied to $out when set, as the
# last line on standard output, and exits.
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

# reuse_cached finishes with the cached binary when it reports this release.
reuse_cached() {
	if [ -x "$cached" ] && reports_version "$cached"; then
		log "==> $label v$version already built at $cached"
		finish
	fi
}

# fetch_module downloads $module@v$version through the Go module proxy and
# copies it to "$src", writable.
fetch_module() {
	command -v go >/dev/null 2>&1 || fail "go not found on PATH"
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/$tool.XXXXXX")
	trap cleanup EXIT

	log "==> Downloading $module@v$version"
	local info dir
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
}

cleanup() {
	# The module cache leaves its files read-only.
	chmod -R u+w "$tmp" 2>/dev/null || true
	rm -rf "$tmp"
}

# install_built checks "$tmp/bin" and moves it into the cache.
install_built() {
	reports_version "$tmp/bin" || fail "the built binary does not report $label v$version"
	mkdir -p "$(dirname "$cached")"
	mv "$tmp/bin" "$cached.tmp.$$"
	mv "$cached.tmp.$$" "$cached"
	log "==> Built $cached"
}
