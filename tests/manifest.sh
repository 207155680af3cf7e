#!/bin/sh
# tests/phases is well formed (three tab-separated fields, one-word names,
# each name once), and the list in README.md under "What `make test` runs"
# is exactly its phases, in order, as `name  what it proves`.
set -u
phases=tests/phases
status=0
bad=$(awk -F '\t' '!/^#/ && NF && (NF != 3 || $1 !~ /^[a-z][a-z0-9-]*$/ || $2 == "" || $3 == "" || seen[$1]++) {
	print "  line " NR ": " $0 }' $phases)
if [ -n "$bad" ]; then
	echo "manifest: $phases: lines not of the form name<TAB>command<TAB>what it proves, or a name twice:"
	echo "$bad"
	status=1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -F '\t' '!/^#/ && NF { printf "%-12s %s\n", $1, $3 }' $phases >"$tmp/want"
awk '/^## What `make test` runs/ { s = 1; next } s && /^## / { exit } s && /^```/ { if (++f == 2) exit; next } f == 1' \
	README.md >"$tmp/got"
if ! cmp -s "$tmp/want" "$tmp/got"; then
	echo "manifest: README.md's list of phases (under \"What \`make test\` runs\") is not $phases's:"
	diff "$tmp/want" "$tmp/got" | sed -n 's/^</  phases:/p; s/^>/  README:/p'
	status=1
fi
[ $status = 0 ] && echo "manifest: $(wc -l <"$tmp/want") phases, README.md lists them all"
exit $status
