#!/bin/sh
# Run each scenario on every ISA under each engine, check its expected output,
# then diff the traces across engines (per ISA) and across ISAs (per engine).
# Prints one line per check and "N passed, N failed" at the end.
# An expected failure is listed in tests/xfail as "scenario arch engine reason"
# (diffs: "scenario arch diff-engine reason", "scenario engine diff-arch reason");
# one that passes is reported as XPASS and counts as a failure.
# NAME.env holds NAME=VALUE lines for the guest's environment.  NAME.nodiff
# says why the scenario's traces are not diffed (its probe sequence depends
# on thread or wall-clock timing, or it is too long); the report says so (SKIP).
# Traces are captured only where they are diffed: procs=1 without NAME.nodiff,
# and those runs have sysmon's preemption off (CROSSRT_PREEMPTOFF=1), so that
# their schedule does not depend on wall-clock time.
set -u
B=${B:-build}
CROSSRT=$B/host/crossrt
OUT=$B/scenarios
ARCHES=${ARCHES:-"x86_64 arm64 riscv64"}
ENGINES=${ENGINES:-"qemu unicorn native"}
mkdir -p "$OUT"
pass=0 fail=0 skip=0

xfail_reason() {
	[ -f tests/xfail ] || return 1
	awk -v s="$1" -v a="$2" -v e="$3" '$1==s && $2==a && $3==e { $1=$2=$3=""; sub(/^ +/, ""); print; found=1 } END { exit !found }' tests/xfail
}

verdict() {	# name ok(0/1) scenario arch engine detail
	name=$1 ok=$2 detail=$6
	if reason=$(xfail_reason "$3" "$4" "$5"); then
		if [ "$ok" = 0 ]; then
			echo "XPASS $name (listed as expected failure: $reason)"; fail=$((fail + 1))
		else
			echo "XFAIL $name: $reason"; pass=$((pass + 1))
		fi
	elif [ "$ok" = 0 ]; then
		echo "PASS  $name"; pass=$((pass + 1))
	else
		echo "FAIL  $name: $detail"; fail=$((fail + 1))
	fi
}

engines_for() {
	for e in $ENGINES; do
		[ "$e" = native ] && [ "$1" != x86_64 ] && continue
		[ "$e" = native ] && [ "$(uname -m)" != x86_64 ] && continue
		echo "$e"
	done
}

run_one() {	# scenario arch engine procs
	s=$1 a=$2 e=$3 p=$4
	base=$OUT/$s.p$p.$a.$e
	traceopt=""
	[ "$p" = 1 ] && [ ! -f "tests/scenarios/$s.nodiff" ] &&
		traceopt="--trace $base.trace --env CROSSRT_PREEMPTOFF=1"
	"$CROSSRT" run --arch "$a" --engine "$e" --procs "$p" $traceopt --timeout 300 \
		$envopts "$B/$a/tests/$s" >"$base.stdout" 2>"$base.stderr"
	code=$?
	detail=""
	if [ "$code" != "$want_exit" ]; then
		detail="exit status $code, want $want_exit: $(head -c 300 "$base.stderr" | tr '\n' ' ')"
	elif ! cmp -s "$base.stdout" "tests/scenarios/$s.out"; then
		detail="stdout differs from tests/scenarios/$s.out: $(diff "tests/scenarios/$s.out" "$base.stdout" | head -5 | tr '\n' ' ')"
	elif [ -f "tests/scenarios/$s.err" ] &&
		! head -n "$(wc -l <"tests/scenarios/$s.err")" "$base.stderr" | cmp -s - "tests/scenarios/$s.err"; then
		detail="stderr head differs from tests/scenarios/$s.err: $(head -n 3 "$base.stderr" | tr '\n' ' ')"
	fi
	[ -z "$detail" ]; verdict "run $s $a $e procs=$p" $? "$s" "$a" "$e" "$detail"
}

diff_check() {	# name scenario key mode traces...
	name=$1 s=$2 key=$3 mode=$4
	shift 4
	log=$OUT/$(echo "$name" | tr ' =' '__').txt
	"$CROSSRT" diff --across "$mode" "$@" >"$log" 2>&1
	code=$?
	[ $code = 0 ]; verdict "$name" $? "$s" "$key" "diff-$mode" \
		"exit $code: $(grep -m1 -E 'DIFFERENT|crossrt diff:' "$log") (see $log)"
}

for s in "$@"; do
	want_exit=0
	[ -f "tests/scenarios/$s.exit" ] && want_exit=$(cat "tests/scenarios/$s.exit")
	procs=1
	[ -f "tests/scenarios/$s.procs" ] && procs=$(cat "tests/scenarios/$s.procs")
	envopts=""
	[ -f "tests/scenarios/$s.env" ] && envopts=$(sed 's/^/--env /' "tests/scenarios/$s.env" | tr '\n' ' ')
	for p in $procs; do
		for a in $ARCHES; do
			for e in $(engines_for "$a"); do
				run_one "$s" "$a" "$e" "$p"
			done
		done
	done
	# Raw registers agree across engines, and normalized traces across ISAs,
	# only where the program is deterministic: one P.
	case " $procs " in *" 1 "*) ;; *) continue ;; esac
	if [ -f "tests/scenarios/$s.nodiff" ]; then
		echo "SKIP  trace diffs of $s: $(cat "tests/scenarios/$s.nodiff")"
		skip=$((skip + 1))
		continue
	fi
	for a in $ARCHES; do
		traces="" n=0
		for e in $(engines_for "$a"); do traces="$traces $OUT/$s.p1.$a.$e.trace" n=$((n + 1)); done
		[ $n -ge 2 ] && diff_check "diff --across engine $s $a" "$s" "$a" engine $traces
	done
	for e in qemu unicorn; do
		case " $ENGINES " in *" $e "*) ;; *) continue ;; esac
		traces=""
		for a in $ARCHES; do traces="$traces $OUT/$s.p1.$a.$e.trace"; done
		diff_check "diff --across arch $s $e" "$s" "$e" arch $traces
	done
done
echo "scenarios: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
