#!/usr/bin/env bash
# Runs examples/library-as-code against a local Amazon Music emulator:
# builds the provider and the emulator, starts the emulator on a free
# loopback port, applies the configuration, removes one track outside
# Terraform and shows drift detection saving it again, checks that a last
# plan has nothing to do, and destroys everything.
#
# Everything happens in a temporary directory; the emulator is stopped and
# the directory removed on exit, whether the demo succeeds or not.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

provider_address="registry.terraform.io/amazonmusic-community/amazonmusic"
# The track removed outside Terraform, as the Amazon Music app would.
drift_id="B07QXMFJ4W"
drift_title="Harbour Lights"

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

# without_repeats copies Terraform's output but leaves out the compact
# warning that provider development overrides are in effect, shown once
# already, and, with "outputs", the outputs shown by an apply, shown once
# already too. Other warnings pass through whole.
without_repeats() {
	awk -v drop_outputs="${1:-}" '
		function plain(s) { gsub(/\033\[[0-9;]*m/, "", s); return s }
		drop_outputs != "" && plain($0) ~ /^Outputs:/ { skipping = 1 }
		skipping { next }
		held != "" {
			held = held "\n" $0
			line = plain($0)
			if (line ~ /^To see the full warning notes/) {
				if (!other) {
					held = ""
				} else {
					print held
					held = ""
				}
				next
			}
			if (line ~ /^- / && line !~ /Provider development overrides are in effect/) {
				other = 1
			}
			next
		}
		plain($0) ~ /^Warnings:$/ { held = $0; other = 0; next }
		{ print }
		END { if (held != "") print held }
	'
}

section "Building the provider and the emulator"
go build -o "$tmp/bin/terraform-provider-amazonmusic" .
go build -o "$tmp/emulator" ./internal/cmd/emulator
echo "built terraform-provider-amazonmusic and the emulator"

section "Starting the emulator"
# Its standard output holds the export lines that point the provider at it.
"$tmp/emulator" -addr 127.0.0.1:0 -url-file "$tmp/emulator.url" \
	>"$tmp/emulator.out" 2>"$tmp/emulator.log" &
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

# Colours only on a terminal.
tf_flags=(-input=false)
[[ -t 1 ]] || tf_flags+=(-no-color)

# The provider block of the example is empty: its settings come from the
# emulator's export lines. Settings of a real account that may be in the
# environment are dropped first.
for name in $(compgen -e); do
	if [[ $name == AMAZON_MUSIC_* ]]; then
		unset "$name"
	fi
done
# shellcheck disable=SC1090
source <(grep -E '^(export|unset) ' "$tmp/emulator.out")
[[ ${AMAZON_MUSIC_BASE_URL:-} == "$base_url" ]] ||
	fail "the emulator's export lines do not name its address."
echo "exported what it printed:"
grep -E '^export ' "$tmp/emulator.out" | sed 's/^/  /'

# Work on a copy, so that no state or lock file lands in the repository.
work="$tmp/library-as-code"
mkdir -p "$work"
cp examples/library-as-code/*.tf "$work/"
tf() {
	terraform -chdir="$work" "$@"
}

section "terraform apply: save the tracks of examples/library-as-code to the library"
echo "Terraform warns that provider development overrides are in effect: that is"
echo "the provider built above, used instead of a registry download."
tf apply -auto-approve -compact-warnings "${tf_flags[@]}"

if command -v curl >/dev/null 2>&1; then
	# The commands are printed as they run: they name the variables of the
	# emulator's export lines, so that they work as printed in any shell
	# where those lines were pasted.
	# shellcheck disable=SC2016 # the variables are for the shell that runs the command
	auth_headers='--header "x-api-key: $AMAZON_MUSIC_API_KEY" --header "Authorization: Bearer $AMAZON_MUSIC_ACCESS_TOKEN"'
	remove_command="curl -X DELETE $auth_headers \"\$AMAZON_MUSIC_BASE_URL/v1/me/library/tracks/$drift_id\""
	list_command="curl $auth_headers \"\$AMAZON_MUSIC_BASE_URL/v1/me/library/tracks?limit=100\""

	# run_curl runs a printed curl command and sets answer to its body and
	# status to its HTTP status.
	run_curl() {
		local out
		out=$(eval "$1 --silent --show-error --write-out '\n%{http_code}'") ||
			fail "curl failed: $1"
		status=${out##*$'\n'}
		answer=${out%$'\n'*}
	}

	section "Outside Terraform: remove \"$drift_title\" ($drift_id) from the library"
	echo "As the Amazon Music app would; in a shell with the emulator's export lines:"
	echo
	echo "  $remove_command"
	echo
	run_curl "$remove_command"
	[[ $status == 200 ]] || fail "the emulator answered the removal with HTTP $status: $answer"
	[[ $answer == *'"saveState":"REMOVED"'* ]] || fail "the emulator's answer to the removal is not REMOVED: $answer"
	echo "HTTP $status, saveState REMOVED: the track is no longer saved."
	echo
	echo "The library as the API lists it (pages hold at most -page-cap tracks, 5 by"
	echo "default; pageInfo.hasNextPage and the last edge's cursor lead to the next):"
	echo
	echo "  $list_command"
	echo
	run_curl "$list_command"
	[[ $status == 200 ]] || fail "the emulator answered the listing with HTTP $status: $answer"
	listed=$(grep -o '"node":{"id":"[^"]*"' <<<"$answer" | sed 's/.*"id":"//; s/"$//' | tr '\n' ' ')
	[[ " $listed " != *" $drift_id "* ]] || fail "the listing still names $drift_id: $answer"
	echo "HTTP $status, listing ${listed% }: no $drift_id."

	section "terraform plan: drift detection notices the removal"
	plan_status=0
	tf plan -detailed-exitcode -compact-warnings "${tf_flags[@]}" | tee "$tmp/drift.plan" | without_repeats ||
		plan_status=$?
	[[ $plan_status -eq 2 ]] || fail "the plan after the removal exited with status $plan_status; it should want to save the track again."
	grep -q "saved\[\"$drift_id\"\] will be created" "$tmp/drift.plan" ||
		fail "the plan after the removal does not save $drift_id again."

	section "terraform apply: save it again"
	tf apply -auto-approve -compact-warnings "${tf_flags[@]}" | without_repeats outputs
else
	section "Skipping the removal outside Terraform: curl is not on PATH"
fi

section "terraform plan: the library matches the configuration"
plan_status=0
tf plan -detailed-exitcode -compact-warnings "${tf_flags[@]}" | without_repeats || plan_status=$?
case $plan_status in
0) ;;
2) fail "the last plan wants to change something; it should be empty." ;;
*) fail "terraform plan exited with status $plan_status." ;;
esac

section "terraform destroy: remove the tracks from the library again"
tf destroy -auto-approve -compact-warnings "${tf_flags[@]}" | without_repeats

section "What to try next"
echo "* Plan your own configuration against the emulator: docs/guides/try-offline.md."
echo "* Watch the provider meet an outage: start the emulator with -outage-after 30s -outage-for 1m (see its -h)."
echo "* Read what each resource, data source and setting does: docs/index.md and the pages beside it."
echo "* Manage a real library: README.md, \"Use it with an Amazon Music account\"."
