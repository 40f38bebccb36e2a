#!/usr/bin/env bash
# Checks that a release installs and works through the real CLIs, as a user
# installs it from a filesystem mirror:
#
#   1. makes a throwaway RSA signing key in a temporary GNUPGHOME;
#   2. runs `make release VERSION=0.1.0` for this platform only, signed with
#      it, and checks the signature (gpg --verify) and the sums (sha256sum);
#   3. lays the zip out as a filesystem mirror, writes the README's CLI
#      configuration that installs from it, and runs `terraform init` in a
#      configuration with the README's required_providers block (version
#      "~> 0.1"): the lock file must pin 0.1.0 with a hash, and `terraform
#      version` must list the provider at v0.1.0;
#   4. starts the emulator, applies a configuration that saves one track
#      (the provider must log its version in Terraform's debug log), checks
#      the emulator's library and the state, and destroys;
#   5. runs `terraform init -lockfile=readonly` in a fresh directory with the
#      lock file, which installs the same zip; then rebuilds the zip with
#      one byte of the binary changed, and checks that `terraform init` with
#      the lock file refuses it for its checksum.
#
# With TOFU set to an OpenTofu binary (scripts/build-opentofu.sh builds
# one), steps 3 to 5 run with OpenTofu too, from the same mirror and
# configuration (its CLI configuration names registry.opentofu.org).
# TERRAFORM picks the Terraform binary (default: terraform on PATH).
#
#   scripts/release-install-check.sh
#   TOFU=~/.cache/terraform-provider-amazonmusic/opentofu-1.12.6/tofu scripts/release-install-check.sh
#
# It leaves dist/ with the release it built; everything else happens in a
# temporary directory, removed on exit with the emulator and gpg-agent
# stopped, whether the check passes or not.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

project=terraform-provider-amazonmusic
version=0.1.0
namespace=amazonmusic-community/amazonmusic
track_id=B08DL2BXQC

section() {
	printf '\n==> %s\n' "$*"
}

fail() {
	printf '\nrelease-install-check: %s\n' "$*" >&2
	exit 1
}

# resolve NAME BINARY: the absolute path of BINARY, or a failure naming NAME.
resolve() {
	local path
	path=$(command -v -- "$2" || true)
	[ -n "$path" ] && [ -f "$path" ] && [ -x "$path" ] || fail "$1=$2 is not an executable file."
	printf '%s/%s\n' "$(cd "$(dirname "$path")" && pwd)" "$(basename "$path")"
}

terraform_bin=$(resolve TERRAFORM "${TERRAFORM:-terraform}")
clis=("$terraform_bin")
if [ -n "${TOFU:-}" ]; then
	clis+=("$(resolve TOFU "$TOFU")")
fi
for tool in go gpg gpgconf sha256sum zip unzip; do
	command -v "$tool" >/dev/null 2>&1 || fail "$tool not found on PATH."
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/release-install-check.XXXXXX")
emulator_pid=""
export GNUPGHOME=$tmp/gnupg

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	if [ -n "$emulator_pid" ]; then
		kill "$emulator_pid" 2>/dev/null || true
		wait "$emulator_pid" 2>/dev/null || true
		if [ "$status" -ne 0 ] && [ -s "$tmp/emulator.log" ]; then
			printf '\nEmulator log:\n' >&2
			cat "$tmp/emulator.log" >&2
		fi
	fi
	# The key generation started a gpg-agent for this GNUPGHOME.
	if [ -d "$GNUPGHOME" ]; then
		gpgconf --kill gpg-agent 2>/dev/null || true
	fi
	rm -rf "$tmp"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Settings of a real account that may be in the environment must not reach
# the provider, nor a plugin cache or data directory the CLIs would use
# instead of the mirror.
for name in $(compgen -e); do
	case $name in
	AMAZON_MUSIC_* | TF_PLUGIN_CACHE_DIR | TF_DATA_DIR | TF_LOG*) unset "$name" ;;
	esac
done
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

section "A throwaway signing key"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --passphrase '' --quick-gen-key "amazonmusic release check <release-check@example.invalid>" rsa3072 sign never 2>&1
fingerprint=$(gpg --batch --with-colons --list-secret-keys | awk -F: '$1 == "fpr" { print $10; exit }')
[ -n "$fingerprint" ] || fail "gpg made no key."
echo "key $fingerprint in $GNUPGHOME"

platform=$(go env GOOS)_$(go env GOARCH)
section "make release VERSION=$version RELEASE_PLATFORMS=$platform"
start=$SECONDS
make --no-print-directory release VERSION="$version" RELEASE_PLATFORMS="$platform" GPG_FINGERPRINT="$fingerprint"
echo "make release took $((SECONDS - start)) s"

prefix=${project}_$version
zip_name=${prefix}_$platform.zip
binary=${project}_v$version

section "Signature and sums of the release"
mkdir "$tmp/release"
cp "dist/$zip_name" "dist/${prefix}_SHA256SUMS" "dist/${prefix}_SHA256SUMS.sig" "dist/${prefix}_manifest.json" "$tmp/release/"
(
	cd "$tmp/release"
	gpg --batch --verify "${prefix}_SHA256SUMS.sig" "${prefix}_SHA256SUMS"
	sha256sum -c --ignore-missing "${prefix}_SHA256SUMS"
	grep -q " \*\{0,1\}${prefix}_manifest.json\$" "${prefix}_SHA256SUMS" || fail "the sums do not cover the manifest."
	grep -q '"protocol_versions": *\[ *"6.0" *\]' "${prefix}_manifest.json" || fail "the manifest does not declare protocol 6.0."
)

# The mirror holds the zip under both registries' hosts: the configuration's
# source, "$namespace", means registry.terraform.io to Terraform and
# registry.opentofu.org to OpenTofu.
# make_mirror DIR ZIP: a filesystem mirror in DIR holding ZIP.
make_mirror() {
	local host
	for host in registry.terraform.io registry.opentofu.org; do
		mkdir -p "$1/$host/$namespace"
		cp "$2" "$1/$host/$namespace/$zip_name"
	done
}
# cli_config FILE DIR HOST: in FILE, the README's CLI configuration, which
# installs the provider of HOST from the mirror in DIR and every other
# provider from its registry.
cli_config() {
	cat >"$1" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$2"
    include = ["$3/$namespace"]
  }
  direct {
    exclude = ["$3/$namespace"]
  }
}
EOF
}
make_mirror "$tmp/mirror" "$tmp/release/$zip_name"

# The configuration's required_providers block is the README's.
write_config() {
	mkdir -p "$1"
	cat >"$1/main.tf" <<EOF
terraform {
  required_providers {
    amazonmusic = {
      source  = "$namespace"
      version = "~> 0.1"
    }
  }
}
EOF
}

# An emulator on a free loopback port; its export lines name its address
# and built-in credentials.
section "The emulator"
go build -o "$tmp/emulator" ./internal/cmd/emulator
"$tmp/emulator" -addr 127.0.0.1:0 -url-file "$tmp/emulator.url" >"$tmp/emulator.out" 2>"$tmp/emulator.log" &
emulator_pid=$!
base_url=""
for _ in $(seq 1 100); do
	if [ -s "$tmp/emulator.url" ]; then
		base_url=$(<"$tmp/emulator.url")
		[[ $base_url == http://* ]] && break
	fi
	kill -0 "$emulator_pid" 2>/dev/null || fail "the emulator exited before it was ready."
	sleep 0.1
done
[[ $base_url == http://* ]] || fail "the emulator did not report its address within 10 seconds."
emulator_setting() {
	sed -n "s/^export $1='\(.*\)'\$/\1/p" "$tmp/emulator.out"
}
api_key=$(emulator_setting AMAZON_MUSIC_API_KEY)
access_token=$(emulator_setting AMAZON_MUSIC_ACCESS_TOKEN)
[ -n "$api_key" ] && [ -n "$access_token" ] || fail "the emulator printed no credentials."
echo "emulator listening on $base_url"

# library_ids: the ids the emulator's library holds, from its listing.
library_ids() {
	curl --silent --show-error --fail \
		--header "x-api-key: $api_key" --header "Authorization: Bearer $access_token" \
		"$base_url/v1/me/library/tracks?limit=100" | grep -o '"id": *"[A-Z0-9]*"' | sed 's/.*"\([A-Z0-9]*\)"$/\1/' | sort -u
}

# check_cli BINARY: steps 3 to 5 with one CLI.
check_cli() {
	local cli=$1 name host work lock fresh out
	case $(TF_CLI_CONFIG_FILE=/dev/null "$cli" version | sed -n 1p) in
	"Terraform v"*) name=terraform host=registry.terraform.io ;;
	"OpenTofu v"*) name=tofu host=registry.opentofu.org ;;
	*) fail "$cli is neither Terraform nor OpenTofu." ;;
	esac
	work=$tmp/$name
	mkdir -p "$work"
	cli_config "$work/mirror.tfrc" "$tmp/mirror" "$host"
	cli_config "$work/tampered.tfrc" "$tmp/mirror-tampered" "$host"
	export TF_CLI_CONFIG_FILE=$work/mirror.tfrc

	section "$name init from the mirror ($("$cli" version | sed -n 1p))"
	write_config "$work/install"
	"$cli" -chdir="$work/install" init -input=false -no-color
	lock=$work/install/.terraform.lock.hcl
	[ -f "$lock" ] || fail "$name init wrote no lock file."
	grep -q "^provider \"$host/$namespace\" {" "$lock" || fail "the lock file has no entry for $host/$namespace:
$(cat "$lock")"
	grep -q "^  version *= \"$version\"" "$lock" || fail "the lock file does not pin $version:
$(cat "$lock")"
	grep -q '"h1:' "$lock" || fail "the lock file records no h1: hash:
$(cat "$lock")"
	echo "the lock file pins $host/$namespace $version"
	out=$("$cli" -chdir="$work/install" version)
	printf '%s\n' "$out"
	grep -qx "+ provider $host/$namespace v$version" <<<"$out" ||
		fail "$name version does not list provider $host/$namespace v$version."

	section "$name apply and destroy against the emulator"
	cat >>"$work/install/main.tf" <<EOF

provider "amazonmusic" {
  base_url     = "$base_url"
  api_key      = "$api_key"
  access_token = "$access_token"
}

resource "amazonmusic_library_track" "t" {
  track_id = "$track_id"
}
EOF
	# The provider logs its version when it starts: Terraform's debug log
	# shows it.
	TF_LOG=DEBUG TF_LOG_PATH=$work/apply.log "$cli" -chdir="$work/install" apply -auto-approve -input=false -no-color
	grep -q "$project $version" "$work/apply.log" ||
		fail "the provider's log line naming its version ($project $version) is not in $name's debug log."
	echo "the provider logged: $(grep -o "$project $version.*" "$work/apply.log" | head -n 1)"
	"$cli" -chdir="$work/install" state list | grep -qx "amazonmusic_library_track.t" ||
		fail "the state holds no amazonmusic_library_track.t after apply."
	if command -v curl >/dev/null 2>&1; then
		library_ids | grep -qx "$track_id" || fail "the emulator's library does not hold $track_id after apply."
		echo "the emulator's library holds $track_id"
	fi
	"$cli" -chdir="$work/install" destroy -auto-approve -input=false -no-color
	if command -v curl >/dev/null 2>&1; then
		! library_ids | grep -qx "$track_id" || fail "the emulator's library still holds $track_id after destroy."
		echo "the emulator's library no longer holds $track_id"
	fi

	section "$name init -lockfile=readonly in a fresh directory with the lock file"
	fresh=$work/fresh
	write_config "$fresh"
	cp "$lock" "$fresh/"
	"$cli" -chdir="$fresh" init -input=false -no-color -lockfile=readonly

	section "$name init with the lock file refuses a zip whose binary changed"
	fresh=$work/tampered
	write_config "$fresh"
	cp "$lock" "$fresh/"
	export TF_CLI_CONFIG_FILE=$work/tampered.tfrc
	out=$("$cli" -chdir="$fresh" init -input=false -no-color 2>&1) &&
		fail "$name init installed a zip whose binary differs from the locked one:
$out"
	printf '%s\n' "$out" | tail -n 12
	tr '\n' ' ' <<<"$out" | sed 's/│//g' | tr -s ' ' | grep -q "doesn't match any of the checksums previously recorded" ||
		fail "$name init failed, but not for the checksum."
	echo "refused for its checksum, as it should be"
}

# The same zip with one byte of the binary changed, in a mirror of its own.
mkdir -p "$tmp/tamper"
(
	cd "$tmp/tamper"
	unzip -q "$tmp/release/$zip_name"
	[ -f "$binary" ] || fail "the zip does not hold $binary."
	size=$(wc -c <"$binary")
	last=$(tail -c 1 "$binary" | od -An -tu1 | tr -d ' ')
	printf '%b' "\\0$(printf '%03o' $(((last + 1) % 256)))" |
		dd of="$binary" bs=1 seek=$((size - 1)) conv=notrunc status=none
	zip -q -X "$zip_name" "$binary"
)
make_mirror "$tmp/mirror-tampered" "$tmp/tamper/$zip_name"

for cli in "${clis[@]}"; do
	check_cli "$cli"
done

section "The release installs and works with $(for cli in "${clis[@]}"; do TF_CLI_CONFIG_FILE=/dev/null "$cli" version | sed -n 1p; done | paste -sd, | sed 's/,/, /g')"
