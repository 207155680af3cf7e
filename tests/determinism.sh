#!/bin/sh
# Unicorn is deterministic: the same program, arch, seed and budget give
# byte-identical traces, output and exit status.  Every scenario runs three
# times per ISA with two Ps and sysmon's preemption on (virtual time), and
# the three runs must agree byte for byte; the second and third write their
# traces compressed (NAME.trace.zst), which must be byte-identical too and
# hold the first one's trace.  Then different seeds must give
# different interleavings of the multi-P scenarios and still the output
# tests/scenarios expects.  Prints what failed and a count; every verdict is
# in build/determinism/log, and the traces of the checks that failed beside it.
set -u
. tests/lib.sh
OUT=$B/determinism

run() {	# arch scenario seed tag [.zst]
	"$CROSSRT" run --arch "$1" --engine unicorn --procs 2 --seed "$3" --budget 2000000000 \
		--env CROSSRT_PREEMPTOFF=0 --trace "$OUT/$2.$1.$4.trace${5:-}" "$B/$1/tests/$2" >"$OUT/$2.$1.$4.stdout" 2>"$OUT/$2.$1.$4.stderr"
	echo $? >"$OUT/$2.$1.$4.exit"
}

same() {	# arch scenario tagA tagB: prints what differs
	for k in trace stdout stderr exit; do
		cmp -s "$OUT/$2.$1.$3.$k" "$OUT/$2.$1.$4.$k" || { echo "$k"; return 1; }
	done
}

verdict() {	# status message traces...: a passed check's traces are not kept
	if [ "$1" = 0 ]; then
		echo "PASS  $2"
		shift 2
		rm -f "$@"
	else
		echo "FAIL  $2"
	fi
}

reruns() {	# arch scenario
	f=$OUT/$2.$1
	run "$1" "$2" 7 r1
	run "$1" "$2" 7 r2 .zst
	run "$1" "$2" 7 r3 .zst
	zstd -q -d -f "$f.r2.trace.zst" -o "$f.r2.trace" 2>/dev/null
	zstd -q -d -f "$f.r3.trace.zst" -o "$f.r3.trace" 2>/dev/null
	what=$(same "$1" "$2" r1 r2 && same "$1" "$2" r1 r3 && { cmp -s "$f.r2.trace.zst" "$f.r3.trace.zst" || { echo trace.zst; false; }; })
	verdict $? "$2 $1 unicorn procs=2 seed=7: 3 runs (2 compressed) ${what:+differ in $what}${what:-byte-identical}" \
		"$f".r[123].trace "$f".r[23].trace.zst
}

# A seed picks the quantum after which the engine switches threads: with two
# Ps and several Ms it must change who runs when, never what the program prints.
seeds() {	# arch scenario
	bad=0
	for seed in 1 2 3; do
		run "$1" "$2" $seed "s$seed"
		f=$OUT/$2.$1.s$seed
		expect "$2" "$(cat "$f.exit")" "$f.stdout" "$f.stderr" >/dev/null || bad=1
	done
	distinct=$(md5sum "$OUT/$2.$1".s[123].trace | awk '{ print $1 }' | sort -u | wc -l)
	ok=0
	[ $bad = 0 ] && [ "$distinct" -gt 1 ] || ok=1
	verdict $ok "$2 $1 unicorn procs=2 seeds 1-3: $distinct distinct traces of 3, output $([ $bad = 0 ] &&
		echo "as $2.out/.err/.exit say" || echo WRONG)" "$OUT/$2.$1".s[123].trace
}

jobentry "$@"

# Over a million probe hits (tests/scenarios/stress.nodiff): three traced runs
# would cost minutes, so its determinism is left to the steal/pingpong/fanout traces.
scenarios=$(ls tests/scenarios/*.c | sed 's|.*/||; s|\.c$||' | grep -vx stress)
rm -rf "$OUT"
mkdir -p "$OUT"
tab=$(printf '\t')
for a in $ARCHES; do
	for s in $scenarios; do echo "reruns$tab$a$tab$s"; done
	for s in steal pingpong fanout; do echo "seeds$tab$a$tab$s"; done
done >"$OUT/jobs"
parallel <"$OUT/jobs" >"$OUT/log"
pass=$(grep -c '^PASS' "$OUT/log")
fail=$(grep -c '^FAIL' "$OUT/log")
missing=$(($(wc -l <"$OUT/jobs") - pass - fail))
grep '^FAIL' "$OUT/log"
[ $missing = 0 ] || echo "FAIL  $missing checks gave no verdict"
echo "determinism: $pass passed, $fail failed"
[ $fail = 0 ] && [ $missing = 0 ]
