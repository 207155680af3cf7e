#!/bin/sh
# The runtime's invariant checks (make DEBUG=1, build/debug): every
# scenario under qemu on every ISA, at each of its procs counts, with
# stdout, exit status and the head of stderr as tests/scenarios expects;
# then each program of tests/debug, which breaks one invariant on purpose,
# must stop with exit status 2 and, as its first fatal line, the one in its
# .want file.  Two runs at a time.
#   sh tests/debug.sh            build (make DEBUG=1 targets), then run all
#   sh tests/debug.sh --nobuild  run what build/debug holds
set -u
B=build/debug
ARCHES="x86_64 arm64 riscv64"
TIMEOUT=60

qemu() {
	case $1 in
	arm64) echo qemu-aarch64 ;;
	*) echo "qemu-$1" ;;
	esac
}

# Do the first lines of $2 equal all of $1?
headmatch() {
	lines=$(awk 'END { print NR }' "$1")
	[ "$lines" = 0 ] && return 0
	awk -v n="$lines" 'NR == FNR { w[FNR] = $0; next }
		FNR <= n { if ($0 != w[FNR]) exit 1; m = FNR }
		END { if (m < n) exit 1 }' "$1" "$2"
}

# One run of scenario $2 on $1 at procs $3: sets why if it fails.
runscenario() {
	s=tests/scenarios/$2 o=$tmp/$1.$2.$3
	env CROSSRT_PROCS="$3" $(cat "$s.env" 2>/dev/null) timeout "$TIMEOUT" \
		"$(qemu "$1")" "$B/$1/tests/$2" >"$o.out" 2>"$o.err"
	rc=$? want=0 why=
	[ -f "$s.exit" ] && want=$(cat "$s.exit")
	if [ "$rc" != "$want" ]; then
		why="exit status $rc, want $want: $(head -c 200 "$o.err" | tr '\n' ' ')"
	elif ! cmp -s "$s.out" "$o.out"; then
		why="stdout differs from $s.out: $(diff "$s.out" "$o.out" | grep -m1 '^[<>]')"
	elif [ -f "$s.err" ] && ! headmatch "$s.err" "$o.err"; then
		why="stderr head differs from $s.err"
	fi
	[ -z "$why" ]
}

# A fatal error the scenario does not expect: an invariant check fired.
unexpectedfatal() {
	grep '^fatal error: ' "$tmp/$1.$2.$3.err" | while read -r line; do
		grep -qxF "$line" "tests/scenarios/$2.err" 2>/dev/null || { echo "$line"; break; }
	done | grep -q .
}

# A scenario: ARCH NAME PROCS; prints its verdict line.  On a loaded
# machine some scenarios' output order depends on timing (a preemption, a
# sleep): such a failure gets up to two more runs and is reported as
# flaky; a fatal error the scenario does not expect gets none.
scenario() {
	runscenario "$@" && { echo "ok    $1 $2 procs=$3"; return; }
	first=$why
	for try in 2 3; do
		unexpectedfatal "$@" && break
		if runscenario "$@"; then
			echo "ok    $1 $2 procs=$3 (flaky: passed on run $try; run 1: $first)"
			return
		fi
	done
	echo "FAIL  $1 $2 procs=$3: $why"
}

# One broken program: ARCH NAME; exit 2 and its fatal line.
broken() {
	a=$1 n=$2 o=$tmp/$1.debug.$2
	env CROSSRT_PROCS=1 CROSSRT_PREEMPTOFF=1 timeout "$TIMEOUT" "$(qemu "$a")" "$B/$a/debug/$n" >"$o.out" 2>"$o.err"
	rc=$?
	want=$(cat "tests/debug/$n.want")
	got=$(grep -m1 '^fatal error: ' "$o.err")
	if [ "$rc" = 2 ] && [ "$got" = "$want" ]; then
		echo "ok    $a debug/$n: $got"
	else
		echo "FAIL  $a debug/$n: exit status $rc, first fatal line \"$got\", want 2 and \"$want\""
	fi
}

if [ "${1:-}" = --job ]; then
	tmp=$2
	shift 2
	"$@"
	exit 0
fi

case ${1:-} in
--nobuild) ;;
"") MAKEFLAGS= MAKELEVEL= make --no-print-directory -s -j2 DEBUG=1 targets || exit 1 ;;
*) echo "usage: sh tests/debug.sh [--nobuild]" >&2; exit 2 ;;
esac
tmp=$(mktemp -d /tmp/crossrt-debug.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s)
{
	for f in tests/scenarios/*.c; do
		n=$(basename "$f" .c)
		procs=$(cat "tests/scenarios/$n.procs" 2>/dev/null || echo 1)
		for a in $ARCHES; do
			for p in $procs; do
				echo "scenario $a $n $p"
			done
		done
	done
	for f in tests/debug/*.c; do
		for a in $ARCHES; do
			echo "broken $a $(basename "$f" .c)"
		done
	done
} >"$tmp/jobs"
# Runs at several procs counts first: the long ones, better not last.
sort -k4,4nr "$tmp/jobs" | xargs -P 2 -L 1 sh "$0" --job "$tmp" >"$tmp/verdicts"
sort -k2 "$tmp/verdicts"
jobs=$(wc -l <"$tmp/jobs")
runs=$(wc -l <"$tmp/verdicts")
[ "$runs" = "$jobs" ] || echo "FAIL  $((jobs - runs)) of $jobs runs gave no verdict" | tee -a "$tmp/verdicts"
fails=$(grep -c '^FAIL' "$tmp/verdicts")
flaky=$(grep -c '(flaky' "$tmp/verdicts")
echo "debug: $jobs runs, $fails failed, $flaky flaky (passed on a later run), $(($(date +%s) - start)) s"
[ "$jobs" -gt 0 ] && [ "$fails" = 0 ]
