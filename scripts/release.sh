#!/usr/bin/env bash
# Builds the release of one version as pushing its tag would, without
# publishing anything: goreleaser from tools/go.mod runs .goreleaser.yml,
# its signs section included, into dist/.
#
#   scripts/release.sh VERSION          (make release VERSION=0.1.0)
#
# dist/ then holds, for VERSION 0.1.0:
#   terraform-provider-amazonmusic_0.1.0_<os>_<arch>.zip      one per platform
#   terraform-provider-amazonmusic_0.1.0_manifest.json        terraform-registry-manifest.json
#   terraform-provider-amazonmusic_0.1.0_SHA256SUMS           sums of the zips and the manifest
#   terraform-provider-amazonmusic_0.1.0_SHA256SUMS.sig       detached binary signature of the sums
#
# GPG_FINGERPRINT names the signing key, a secret key of the keyring in
# GNUPGHOME (gpg's default keyring when unset). The Terraform Registry takes
# RSA and DSA keys only. RELEASE_PLATFORMS, a comma-separated list of os_arch
# (linux_amd64,darwin_arm64), builds only those of the platforms of
# .goreleaser.yml; without it, all of them.
#
# goreleaser takes the version from the tag it would be released from
# (GORELEASER_CURRENT_TAG=v<VERSION>), which need not exist yet; the checks
# that the tag names HEAD and that the tree is clean are skipped, as is the
# publishing. Nothing leaves the machine.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

project=terraform-provider-amazonmusic
config=.goreleaser.yml
manifest=terraform-registry-manifest.json
goreleaser=(go tool -modfile=tools/go.mod goreleaser)

fail() {
	printf 'release: %s\n' "$*" >&2
	exit 1
}

version=${1:-}
[ -n "$version" ] || fail "VERSION is not set: run 'make release VERSION=x.y.z', for example VERSION=0.1.0."
semver='^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$'
if ! [[ $version =~ $semver ]]; then
	if [[ ${version#v} =~ $semver ]]; then
		fail "VERSION=$version: write the version without its \"v\" (VERSION=${version#v}); the tag is v<VERSION>."
	fi
	fail "VERSION=$version is not a semantic version x.y.z (such as 0.1.0, or 0.2.0-rc.1 for a pre-release)."
fi

for tool in go git gpg sha256sum unzip; do
	command -v "$tool" >/dev/null 2>&1 || fail "$tool not found on PATH: it is needed to build and check the release."
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/release.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The signing key: it must be there, usable for signing, and of a kind the
# registry accepts, before anything is built.
key=${GPG_FINGERPRINT:-}
keyring=${GNUPGHOME:-~/.gnupg}
[ -n "$key" ] || fail "GPG_FINGERPRINT is not set: set it to the fingerprint of the secret key that signs the release (gpg --list-secret-keys --with-colons shows it on the fpr line)."
# gpg would create a missing home directory: there is no key in it anyway.
[ -d "$keyring" ] || fail "GPG_FINGERPRINT=$key: the keyring $keyring does not exist; set GNUPGHOME to the one that holds the signing key."
colons=$(gpg --batch --with-colons --list-secret-keys -- "$key" 2>/dev/null) ||
	fail "GPG_FINGERPRINT=$key names no secret key in the keyring of $keyring: import the signing key there, or set GNUPGHOME to the keyring that holds it."
sec=$(printf '%s\n' "$colons" | awk -F: '$1 == "sec" { print; exit }')
fingerprint=$(printf '%s\n' "$colons" | awk -F: '$1 == "fpr" { print $10; exit }')
[ "$(printf '%s\n' "$colons" | awk -F: '$1 == "sec"' | wc -l)" -eq 1 ] ||
	fail "GPG_FINGERPRINT=$key names more than one secret key in $keyring: give the full fingerprint of one."
case $(cut -d: -f2 <<<"$sec") in
e) fail "the signing key $fingerprint has expired." ;;
r) fail "the signing key $fingerprint is revoked." ;;
esac
case $(cut -d: -f4 <<<"$sec") in
1 | 3 | 17) ;;
*) fail "the signing key $fingerprint is neither RSA nor DSA: the Terraform Registry accepts only those." ;;
esac
[[ $(cut -d: -f12 <<<"$sec") == *S* ]] || fail "the key $fingerprint cannot sign."
# A signature of a few bytes with goreleaser's arguments fails now, not after
# the builds, when the key needs a passphrase that no agent holds.
printf 'release signing check\n' >"$tmp/check"
gpg --batch --local-user "$key" --output "$tmp/check.sig" --detach-sign "$tmp/check" 2>/dev/null ||
	fail "gpg cannot sign with $fingerprint (from $keyring): unlock the key in gpg-agent, or check that the keyring holds its secret part."

# build_settings prints the platform settings of the only build of the
# goreleaser configuration, one per line: "goos X", "goarch X",
# "ignore GOOS GOARCH" ("*" where the entry leaves one out) or "targets X".
build_settings() {
	awk -v quotes="[\"']" '
		function value(s) {
			sub(/[ \t]+#.*$/, "", s)
			gsub(/^[ \t]+|[ \t]+$/, "", s)
			gsub("^" quotes "|" quotes "$", "", s)
			return s
		}
		function flush_ignore() {
			if (ig_open) print "ignore", (ig_goos == "" ? "*" : ig_goos), (ig_goarch == "" ? "*" : ig_goarch)
			ig_open = 0; ig_goos = ""; ig_goarch = ""
		}
		/^[ \t]*(#.*)?$/ { next }
		/^[^ ]/ { flush_ignore(); top = $0; sub(/:.*/, "", top); next }
		top != "builds" { next }
		/^  - / { flush_ignore(); builds++; $0 = "    " substr($0, 5) }
		builds != 1 { next }
		/^    [a-z0-9_]+:/ {
			flush_ignore()
			key = $0; sub(/^ +/, "", key); sub(/:.*/, "", key)
			rest = $0; sub(/^ +[a-z0-9_]+:/, "", rest); rest = value(rest)
			if (rest ~ /^\[.*\]$/ && (key == "goos" || key == "goarch" || key == "targets")) {
				n = split(substr(rest, 2, length(rest) - 2), items, ",")
				for (i = 1; i <= n; i++) if (value(items[i]) != "") print key, value(items[i])
			}
			next
		}
		key == "goos" || key == "goarch" || key == "targets" {
			if ($0 ~ /^ +- /) { item = $0; sub(/^ +- /, "", item); print key, value(item) }
			next
		}
		key == "ignore" {
			line = $0
			if (line ~ /^ +- /) { flush_ignore(); ig_open = 1; sub(/^ +- /, "", line) }
			field = line; sub(/^ +/, "", field); sub(/:.*/, "", field)
			v = line; sub(/^[^:]*:/, "", v)
			if (field == "goos") ig_goos = value(v)
			if (field == "goarch") ig_goarch = value(v)
			next
		}
		END {
			flush_ignore()
			if (builds != 1) print "builds", builds + 0
		}
	' "$config"
}

# configured_platforms prints the os_arch of every platform the
# configuration builds, as goreleaser lists them: its targets when it names
# them, else every goos with every goarch that Go supports and no ignore
# entry matches.
configured_platforms() {
	local settings
	settings=$(build_settings)
	if grep -q '^builds ' <<<"$settings"; then
		fail "$config has $(sed -n 's/^builds //p' <<<"$settings") builds; this script knows how to read exactly one."
	fi
	if grep -q '^targets ' <<<"$settings"; then
		sed -n 's/^targets //p' <<<"$settings" | sed -E 's/^([^_]+_[^_]+).*/\1/' | sort -u
		return
	fi
	local supported goos goarch ig_goos ig_goarch ignored gooses goarches
	supported=$(go tool dist list)
	mapfile -t gooses < <(sed -n 's/^goos //p' <<<"$settings")
	mapfile -t goarches < <(sed -n 's/^goarch //p' <<<"$settings")
	for goos in "${gooses[@]}"; do
		for goarch in "${goarches[@]}"; do
			grep -qx "$goos/$goarch" <<<"$supported" || continue
			ignored=
			while read -r _ ig_goos ig_goarch; do
				if [[ $ig_goos == "*" || $ig_goos == "$goos" ]] && [[ $ig_goarch == "*" || $ig_goarch == "$goarch" ]]; then
					ignored=1
				fi
			done < <(grep '^ignore ' <<<"$settings")
			[ -n "$ignored" ] || printf '%s_%s\n' "$goos" "$goarch"
		done
	done | sort -u
}

configured=$(configured_platforms)
[ -n "$configured" ] || fail "found no platform in $config."

run_config=$config
platforms=$configured
if [ -n "${RELEASE_PLATFORMS:-}" ]; then
	platforms=$(tr ',' '\n' <<<"$RELEASE_PLATFORMS" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' | sed '/^$/d' | sort -u)
	[ -n "$platforms" ] || fail "RELEASE_PLATFORMS=$RELEASE_PLATFORMS names no platform."
	for platform in $platforms; do
		grep -qx -- "$platform" <<<"$configured" ||
			fail "RELEASE_PLATFORMS names $platform, which $config does not build; it builds: $(paste -sd, <<<"$configured")."
	done
	# The same configuration with the build's platforms replaced by
	# goreleaser's targets list: everything else, signing included, is the
	# release's own.
	run_config=$tmp/goreleaser.yml
	awk -v targets="[$(paste -sd, <<<"$platforms" | sed 's/,/, /g')]" '
		/^[^ #]/ { top = $0; sub(/:.*/, "", top); skipping = 0 }
		top == "builds" && /^  - / {
			builds++
			if (builds == 1) {
				print "  - targets: " targets
				$0 = "    " substr($0, 5)
			}
		}
		top == "builds" && builds == 1 && /^    [a-z0-9_]+:/ {
			key = $0; sub(/^ +/, "", key); sub(/:.*/, "", key)
			skipping = (key ~ /^(goos|goarch|goamd64|go386|goarm|goarm64|gomips|goppc64|goriscv64|ignore|targets)$/)
			if (skipping) next
		}
		skipping && (/^     / || /^    - / || /^[ \t]*(#.*)?$/) { next }
		{ skipping = 0; print }
	' "$config" >"$run_config"
fi

# goreleaser reads the URL of the git remote, though it publishes nothing
# here: a clone without one (a local worktree) gets the repository's own,
# for goreleaser's git commands only (git >= 2.31 reads GIT_CONFIG_COUNT).
if [ -z "$(git remote)" ]; then
	n=${GIT_CONFIG_COUNT:-0}
	export GIT_CONFIG_COUNT=$((n + 1)) "GIT_CONFIG_KEY_$n=remote.origin.url" \
		"GIT_CONFIG_VALUE_$n=https://github.com/amazonmusic-community/$project.git"
fi

echo "==> Release $version for $(paste -sd' ' <<<"$platforms"), signed with $fingerprint ($keyring)"
"${goreleaser[@]}" check --config "$config"
# --skip=validate: the tag v$version need not exist or name HEAD, and the
# tree may hold uncommitted changes. --skip=publish,announce: no GitHub
# release, no token needed.
GORELEASER_CURRENT_TAG=v$version GPG_FINGERPRINT=$key \
	"${goreleaser[@]}" release --clean --skip=publish,announce,validate --config "$run_config"

# The registry fetches the manifest under the release's name; goreleaser
# uploads it renamed (release.extra_files) and lists it in the sums, but
# leaves dist/ without it.
prefix=dist/${project}_$version
cp "$manifest" "${prefix}_manifest.json"

echo "==> Checking dist/"
sums=${prefix}_SHA256SUMS
[ -f "$sums" ] || fail "goreleaser wrote no $sums."
[ -f "$sums.sig" ] || fail "goreleaser wrote no $sums.sig: check the signs section of $config."
gpg --batch --status-fd 3 --verify "$sums.sig" "$sums" 3>"$tmp/status" 2>"$tmp/verify" || {
	cat "$tmp/verify" >&2
	fail "the signature $sums.sig does not verify."
}
# VALIDSIG names the signing key, then the primary key last.
awk -v fpr="$fingerprint" '$2 == "VALIDSIG" && ($3 == fpr || $NF == fpr) { found = 1 } END { exit !found }' "$tmp/status" || {
	cat "$tmp/verify" >&2
	fail "$sums.sig is not a signature by $fingerprint."
}
binary=${project}_v$version
expected=$( (
	for platform in $platforms; do printf '%s_%s_%s.zip\n' "$project" "$version" "$platform"; done
	printf '%s_%s_manifest.json\n' "$project" "$version"
) | sort)
listed=$(awk '{ print $2 }' "$sums" | sed 's/^\*//' | sort)
[ "$listed" = "$expected" ] || fail "$sums lists
$listed
instead of
$expected"
(cd dist && sha256sum --check --strict --quiet "$(basename "$sums")") || fail "a file of dist/ does not match $sums."
for platform in $platforms; do
	zip=${prefix}_$platform.zip
	case $platform in windows_*) want=$binary.exe ;; *) want=$binary ;; esac
	[ -f "$zip" ] || fail "goreleaser wrote no $zip."
	got=$(unzip -Z1 "$zip" | paste -sd' ')
	[ "$got" = "$want" ] || fail "$zip holds \"$got\" instead of the binary $want alone."
done

echo "==> Release $version built into dist/ (not published):"
ls -l -- "$prefix"_*
