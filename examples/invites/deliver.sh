#!/usr/bin/env bash
# Delivers one Teleform invite link by encrypting it to its user's public key, kept in the repository,
# and writing the result where a pipeline can publish it: only that user can read it.
#
#   deliver.sh OUT_DIR [KEYS_DIR]      (KEYS_DIR defaults to the keys/ directory beside this script)
#
# Teleform runs it once per new link (spec.invites.deliver or --invites-exec) with one JSON object on
# stdin: {"user": ..., "cluster": ..., "url": ..., "expires": ...}; cluster is "" for the parent. The
# public key is KEYS_DIR/USER.age (an age recipients file, used when age is installed) or
# KEYS_DIR/USER.asc (an armored OpenPGP public key, for gpg). The result is
# OUT_DIR/CLUSTER/USER.age or .gpg (CLUSTER is _parent for the parent), replaced if it is there.
#
# Exit 0 tells Teleform the link is delivered. Without a key for the user it exits 3, and Teleform
# keeps the invite pending: add the key, and the next apply issues a new link.
#
# The link stays in this process's memory and goes to the encrypting tool on a pipe: never to a file
# in clear, an argument, the environment or the log.
set -euo pipefail
umask 077

out=${1:?usage: deliver.sh OUT_DIR [KEYS_DIR]}
keys=${2:-"$(dirname "$0")/keys"}

input=$(cat)
field() { printf '%s' "$input" | jq -er --arg name "$1" '.[$name] | strings'; }
user=$(field user)
cluster=$(field cluster || true)

# The names become a path: refuse any that could leave OUT_DIR.
case "$user" in "" | . | .. | */* | -*) echo "deliver.sh: refusing user name '$user'" >&2; exit 2 ;; esac
case "$cluster" in */* | . | .. | -*) echo "deliver.sh: refusing cluster name '$cluster'" >&2; exit 2 ;; esac

message() {
    printf 'Teleform invite for %s%s\n\nOpen this link to set your password (it works once):\n%s\n\nValid until %s.\n' \
        "$user" "${cluster:+ in cluster $cluster}" "$(field url)" "$(field expires)"
}

dir="$out/${cluster:-_parent}"
if [ -f "$keys/$user.age" ] && command -v age > /dev/null; then
    mkdir -p "$dir"
    message | age --encrypt --armor --recipients-file "$keys/$user.age" --output "$dir/.$user.age.tmp"
    mv -f "$dir/.$user.age.tmp" "$dir/$user.age"
    echo "encrypted the link of $user to $keys/$user.age: $dir/$user.age"
elif [ -f "$keys/$user.asc" ]; then
    mkdir -p "$dir"
    # A keyring of its own for the run: the runner's keyring is neither read nor changed.
    home=$(mktemp -d)
    trap 'rm -rf "$home"' EXIT
    message | gpg --homedir "$home" --batch --quiet --yes --trust-model always --armor \
        --recipient-file "$keys/$user.asc" --output "$dir/.$user.gpg.tmp" --encrypt
    mv -f "$dir/.$user.gpg.tmp" "$dir/$user.gpg"
    echo "encrypted the link of $user to $keys/$user.asc: $dir/$user.gpg"
else
    echo "deliver.sh: no public key for $user: add $keys/$user.asc (gpg --armor --export) or $keys/$user.age" \
        "(with age installed)" >&2
    exit 3
fi
