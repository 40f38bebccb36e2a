#!/usr/bin/env bash
# Runs examples/library-as-code against a local Amazon Music emulator:
# builds the provider and the emulator, starts the emulator on a free
# loopback port, then applies the configuration, shows its outputs, checks
# that a second plan has nothing to do, and destroys everything again.
#
# Everything happens in a temporary directory; the emulator is stopped and
# the directory removed on exit, whether the demo succeeds or not.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

provider_address="registry.terraform.io/amazonmusic-community/amazonmusic"
api_key="amzn1.application-oa2-client.emulator"
access_token="Atza|emulator-access-token"

section() {
	printf '\n==> %s\n\n' "$*"
}

fail() {
	printf '\ndemo failed: %s\n' "$*" >&2
	exit 1
}

command -v terraform >/dev/null 2>&1 ||
	fail "terraform not found on PATH: install Terraform >= 1.11 (tested with v1.11.4)."

tmp=$(mktemp -d "${TMPDIR:-/tmp}/amazonmusic-demo.XXXXXX")
emulator_pid=""

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	if [[ -n $emulator_pid ]]; then
		kill "$emulator_pid" 2>/dev/null || true
		wait "$emulator_pid" 2>/dev/null || true
		if [[ $status -ne 0 && -s $tmp/emulator.log ]]; then
			printf '\nEmulator log:\n' >&2
			cat "$tmp/emulator.log" >&2
		fi
	fi
	rm -rf "$tmp"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

section "Building the provider and the emulator"
go build -o "$tmp/bin/terraform-provider-amazonmusic" .
go build -o "$tmp/emulator" ./internal/cmd/emulator
echo "built into $tmp"

section "Starting the emulator"
"$tmp/emulator" -addr 127.0.0.1:0 -url-file "$tmp/emulator.url" \
	-api-key "$api_key" -access-token "$access_token" \
	>"$tmp/emulator.log" 2>&1 &
emulator_pid=$!

base_url=""
for _ in $(seq 1 100); do
	if [[ -s $tmp/emulator.url ]]; then
		base_url=$(<"$tmp/emulator.url")
		[[ $base_url == http://* ]] && break
	fi
	kill -0 "$emulator_pid" 2>/dev/null || fail "the emulator exited before it was ready."
	sleep 0.1
done
[[ $base_url == http://* ]] || fail "the emulator did not report its address within 10 seconds."
echo "emulator listening on $base_url"

# A CLI configuration of our own: Terraform takes the provider from the
# binary built above instead of the registry.
cat >"$tmp/terraformrc" <<EOF
provider_installation {
  dev_overrides {
    "$provider_address" = "$tmp/bin"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE="$tmp/terraformrc"
export TF_IN_AUTOMATION=1
export CHECKPOINT_DISABLE=1
echo "Terraform will warn that provider development overrides are in effect:"
echo "that is the provider built above, used instead of a registry download."

# Colours only on a terminal.
color=()
[[ -t 1 ]] || color=(-no-color)

# The provider block of the example is empty: its settings come from here.
# Settings of a real account that may be in the environment are dropped.
for name in $(compgen -e); do
	if [[ $name == AMAZON_MUSIC_* ]]; then
		unset "$name"
	fi
done
export AMAZON_MUSIC_BASE_URL="$base_url"
export AMAZON_MUSIC_API_KEY="$api_key"
export AMAZON_MUSIC_ACCESS_TOKEN="$access_token"

# Work on a copy, so that no state or lock file lands in the repository.
work="$tmp/library-as-code"
mkdir -p "$work"
cp examples/library-as-code/*.tf "$work/"

section "terraform apply: save the tracks of examples/library-as-code to the library"
terraform -chdir="$work" apply -auto-approve -input=false "${color[@]}"

section "terraform output"
terraform -chdir="$work" output "${color[@]}"

section "terraform plan: a second plan must have nothing to do"
plan_status=0
terraform -chdir="$work" plan -detailed-exitcode -input=false "${color[@]}" || plan_status=$?
case $plan_status in
0) echo "No changes: the library matches the configuration." ;;
2) fail "the second plan wants to change something; it should be empty." ;;
*) fail "terraform plan exited with status $plan_status." ;;
esac

section "terraform destroy: remove the tracks from the library again"
terraform -chdir="$work" destroy -auto-approve -input=false "${color[@]}"

section "Done: stopping the emulator and removing $tmp"
