#!/bin/sh
# The hostile guests (tests/hostile/cases) on every ISA under each engine
# listed: exit status, stdout, a line of stderr and of the trace as the
# table says, and the host tool never dying or reporting a sanitizer error.
# Known failures are in tests/hostile/xfail; one that passes is a failure.
#   sh tests/hostile.sh [CROSSRT]     (default build/host/crossrt; e.g. build/sanitize/host/crossrt)
set -u
. tests/lib.sh
dir=tests/hostile
# ASan's and UBSan's reports (a guest's "panic: runtime error" has no file:line: before it)
sanitizer='ERROR: (Address|Leak)Sanitizer|^[^ ]+:[0-9]+:[0-9]+: runtime error:'

xfail_reason() {	# name arch engine
	awk -v n="$1" -v a="$2" -v e="$3" '!/^#/ && $1 == n && ($2 == a || $2 == "*") && $3 == e {
		$1 = $2 = $3 = ""; sub(/^ +/, ""); print; exit }' $dir/xfail
}

# One case: prints "ok|FAIL|xfail|XPASS name arch engine seconds: why".
one() {
	name=$1 arch=$2 engine=$3 status=$4 errpat=$5 tracepat=$6 opts=$7
	base=$HOSTILE_TMP/$name.$arch.$engine
	bin=$B/$arch/hostile/$name
	expect=$dir/$name.$engine.out
	[ -f "$expect" ] || expect=$dir/$name.out
	[ "$opts" = - ] && opts=
	why=
	t0=$(date +%s.%N)
	if [ ! -x "$bin" ]; then
		why="$bin not built"
	else
		if [ "$tracepat" = - ]; then
			timeout 60 "$CROSSRT" run $opts --arch "$arch" --engine "$engine" "$bin" >"$base.out" 2>"$base.err"
		else
			timeout 60 "$CROSSRT" run $opts --trace "$base.jsonl" --arch "$arch" --engine "$engine" "$bin" \
				>"$base.out" 2>"$base.err"
		fi
		rc=$?
		if [ $rc -ge 128 ] && [ $rc != "$status" ]; then
			why="crossrt died (status $rc)"
		elif grep -Eq "$sanitizer" "$base.err"; then
			why="sanitizer: $(grep -Em1 "$sanitizer" "$base.err")"
		elif [ $rc != "$status" ]; then
			why="exit $rc, want $status: $(tail -n1 "$base.err")"
		elif ! cmp -s "$expect" "$base.out"; then
			why="stdout differs from $expect: $(diff "$expect" "$base.out" | grep '^[<>]' | head -n2 | tr '\n' ' ')"
		elif [ "$errpat" != - ] && ! grep -Eq -- "$errpat" "$base.err"; then
			why="no stderr line matching /$errpat/"
		elif [ "$tracepat" != - ] && ! "$CROSSRT" show "$base.jsonl" >"$base.show" 2>&1; then
			why="crossrt show failed: $(tail -n1 "$base.show")"
		elif [ "$tracepat" != - ] && ! grep -Eq -- "$tracepat" "$base.show"; then
			why="no trace line matching /$tracepat/"
		fi
	fi
	secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
	reason=$(xfail_reason "$name" "$arch" "$engine")
	if [ -z "$why" ] && [ -z "$reason" ]; then
		printf 'ok    %-11s %-7s %-7s %5.2fs\n' "$name" "$arch" "$engine" "$secs"
	elif [ -z "$why" ]; then
		printf 'XPASS %-11s %-7s %-7s %5.2fs: expected to fail: %s\n' "$name" "$arch" "$engine" "$secs" "$reason"
	elif [ -n "$reason" ]; then
		printf 'xfail %-11s %-7s %-7s %5.2fs: %s (%s)\n' "$name" "$arch" "$engine" "$secs" "$reason" "$why"
	else
		printf 'FAIL  %-11s %-7s %-7s %5.2fs: %s\n' "$name" "$arch" "$engine" "$secs" "$why"
	fi
}

jobentry "$@"

tmp=$(mktemp -d /tmp/hostile.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
# A copy, so that a rebuild while the cases run does not pull it away from under them.
CROSSRT=${1:-$CROSSRT}
[ -x "$CROSSRT" ] || { echo "hostile: no $CROSSRT (make host)"; exit 1; }
cp "$CROSSRT" "$tmp/crossrt" || exit 1
CROSSRT=$tmp/crossrt HOSTILE_TMP=$tmp
export CROSSRT HOSTILE_TMP

# Every case on every ISA under each of its engines that runs that ISA here.
tab=$(printf '\t')
grep -v '^#' $dir/cases | while IFS=$tab read -r name engs status errpat tracepat opts; do
	for arch in $ARCHES; do
		here=" $(engines "$arch") "
		for engine in $(echo "$engs" | tr , ' '); do
			case $here in *" $engine "*) ;; *) continue ;; esac
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$arch" "$engine" "$status" "$errpat" "$tracepat" "$opts"
		done
	done
done >"$tmp/cases"
parallel one <"$tmp/cases" >"$tmp/results"
sort -k2,2 -k3,3 -k4,4 "$tmp/results"
want=$(wc -l <"$tmp/cases")
pass=$(grep -c '^ok' "$tmp/results")
xf=$(grep -c '^xfail' "$tmp/results")
bad=$(grep -Ec '^(FAIL|XPASS)' "$tmp/results")
echo "hostile: $pass passed, $xf expected failures, $bad failed, of $want"
[ "$bad" = 0 ] && [ $((pass + xf)) = "$want" ]
