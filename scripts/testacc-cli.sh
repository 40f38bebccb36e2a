#!/usr/bin/env bash
# Runs the unit and acceptance tests with one Terraform or OpenTofu binary
# and says how long they took.
#
#   scripts/testacc-cli.sh BINARY [go test arguments...]
#
# The binary's own `version` output tells Terraform from OpenTofu; OpenTofu
# runs with the provider addresses of its registry and an empty CLI
# configuration, as `make testacc-opentofu` explains. With
# FORBID_VERSION_SKIPS=1 the run fails when any test skipped because the
# CLI is older than it needs: the leg of the newest Terraform must run every
# test. TEST_TIMEOUT bounds the run (default 20m).
set -euo pipefail

fail() {
	printf 'testacc-cli: %s\n' "$*" >&2
	exit 1
}

[ $# -ge 1 ] || fail "usage: $0 BINARY [go test arguments...]"
binary=$1
shift
resolved=$(command -v -- "$binary" || true)
[ -n "$resolved" ] && [ -f "$resolved" ] && [ -x "$resolved" ] || fail "$binary is not an executable file"
binary=$(cd "$(dirname "$resolved")" && pwd)/$(basename "$resolved")

version=$(TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 "$binary" version 2>&1 | sed -n 1p)
env=(TF_ACC=1 TF_ACC_TERRAFORM_PATH="$binary" CHECKPOINT_DISABLE=1)
case "$version" in
"Terraform v"*) ;;
"OpenTofu v"*)
	# Provider addresses without a host mean registry.opentofu.org there,
	# and OpenTofu prints its warning about a missing CLI configuration on
	# standard output, where terraform-plugin-testing reads the version.
	env+=(TF_ACC_PROVIDER_HOST=registry.opentofu.org TF_CLI_CONFIG_FILE=/dev/null)
	;;
*) fail "$binary is neither Terraform nor OpenTofu (its version says: $version)" ;;
esac

log=$(mktemp "${TMPDIR:-/tmp}/testacc-cli.XXXXXX")
trap 'rm -f "$log"' EXIT

echo "==> Tests with $version ($binary)"
start=$SECONDS
status=0
# -v so that skipped tests and their reasons show; the lines of tests that
# start, pause, continue or pass are left out of the log.
env "${env[@]}" go test ./... -v -count=1 -timeout "${TEST_TIMEOUT:-20m}" "$@" >"$log" 2>&1 || status=$?
grep -v -E '^[[:space:]]*(=== (RUN|PAUSE|CONT|NAME)|--- PASS:)' "$log" || true
elapsed=$((SECONDS - start))
printf '==> %s: tests %s in %dm%02ds\n' "$version" "$([ "$status" -eq 0 ] && echo passed || echo FAILED)" \
	$((elapsed / 60)) $((elapsed % 60))
[ "$status" -eq 0 ] || exit "$status"

# A test that needs a newer CLI skips with "below minimum version" (the
# message of terraform-plugin-testing's tfversion.SkipBelow, which the
# tests' own version checks share). go test -v names the test on the line
# before a test's log output (=== RUN, CONT or NAME).
if grep -q 'below minimum version' "$log"; then
	echo "==> Tests skipped for an older CLI than they need:"
	grep -B1 'below minimum version' "$log" | grep -v -- '^--$' || true
	if [ "${FORBID_VERSION_SKIPS:-}" = 1 ]; then
		fail "$version must run every test, but some skipped for their minimum version"
	fi
fi
