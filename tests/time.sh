#!/bin/sh
# Time and the defaults of traced runs, end to end (the diffs' rules for
# time values are unit-tested in tests/unit/test_timename.c):
# - a traced run gets CROSSRT_PREEMPTOFF=1 unless --env sets it: preemptcall,
#   which needs sysmon's preemption, runs out of its budget when traced and
#   ends when traced with CROSSRT_PREEMPTOFF=0 or not traced;
# - matrix applies a scenario's NAME.ignore to its engine and ISA diffs, which
#   still run and pass (the clock scenario, from a folder of its own);
# - a bad word in NAME.ignore is one clear error.
set -u
. tests/lib.sh
OUT=$B/time
rm -rf "$OUT"
mkdir -p "$OUT/scen"
fail=0
check() {	# status message
	if [ "$1" = 0 ]; then echo "PASS  $2"; else echo "FAIL  $2"; fail=1; fi
}
set -- $ARCHES
a=$1 b=$2

run_preempt() {	# expected-status message options...
	want=$1 msg=$2
	shift 2
	"$CROSSRT" run --arch $a --engine unicorn --budget 100000000 "$@" "$B/$a/tests/preemptcall" \
		>"$OUT/run.out" 2>"$OUT/run.err"
	code=$?
	[ $code = "$want" ]
	check $? "preemptcall $a unicorn $msg: exit $code, want $want"
}
run_preempt 124 "traced (CROSSRT_PREEMPTOFF=1 by default)" --trace "$OUT/p.trace" --env CROSSRT_ASYNCPREEMPTOFF=1
run_preempt 0 "traced with --env CROSSRT_PREEMPTOFF=0" --trace "$OUT/p.trace" --env CROSSRT_ASYNCPREEMPTOFF=1 \
	--env CROSSRT_PREEMPTOFF=0
run_preempt 0 "untraced (preemption on)" --env CROSSRT_ASYNCPREEMPTOFF=1

cp tests/scenarios/clock.c tests/scenarios/clock.out "$OUT/scen/"
printf '# a role on every ISA, at one probe; the same on one ISA\na5@gopark\n%s:a4@newproc, a3\n' $a \
	>"$OUT/scen/clock.ignore"
"$CROSSRT" matrix --scenarios "$OUT/scen" --bin "$a=$B/$a/tests" --bin "$b=$B/$b/tests" --arch $a,$b \
	--engine qemu,unicorn --out "$OUT/mx" clock >"$OUT/matrix.log" 2>&1
code=$?
n=$(cat "$OUT"/mx/diffs/*.txt 2>/dev/null | grep -c "^compared: .* except a5@gopark,$a:a4@newproc,a3$")
arch=$(cat "$OUT"/mx/diffs/*.txt 2>/dev/null | grep -c '^crossrt diff --across arch')
[ $code = 0 ] && [ "$n" = 4 ] && [ "$arch" = 2 ]
check $? "matrix clock on $a,$b x qemu,unicorn with clock.ignore: exit $code, $n of 4 diffs ignore its words, $arch ISA diffs"

echo "x0@gopark $a:nosuchreg" >"$OUT/scen/clock.ignore"
"$CROSSRT" matrix --scenarios "$OUT/scen" --bin "$a=$B/$a/tests" --arch $a --engine unicorn \
	--out "$OUT/mx2" clock >"$OUT/bad.log" 2>&1
code=$?
[ $code = 2 ] && grep -q "clock.ignore: not a register or role: '$a:nosuchreg'" "$OUT/bad.log" &&
	[ "$(wc -l <"$OUT/bad.log")" = 1 ]
check $? "a bad word in clock.ignore: exit $code, $(head -n 1 "$OUT/bad.log")"
[ $fail = 0 ] && rm -rf "$OUT/mx" "$OUT"/*.trace
exit $fail
