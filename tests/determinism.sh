#!/bin/sh
# Unicorn is deterministic: the same program, arch, seed and budget give
# byte-identical traces, output and exit status.  Every scenario runs three
# times per ISA with two Ps and sysmon's preemption on (virtual time), and
# the three runs must agree byte for byte.  Then different seeds must give
# different interleavings of the multi-P scenarios and still the same output.
set -u
B=${B:-build}
OUT=$B/determinism
CROSSRT=${CROSSRT:-$B/host/crossrt}
pass=0 fail=0

run() {	# arch scenario seed tag
	"$CROSSRT" run --arch $1 --engine unicorn --procs 2 --seed $3 --budget 2000000000 \
		--trace "$OUT/$2.$1.$4.trace" "$B/$1/tests/$2" >"$OUT/$2.$1.$4.stdout" 2>"$OUT/$2.$1.$4.stderr"
	echo $? >"$OUT/$2.$1.$4.exit"
}

# Over a million probe hits (tests/scenarios/stress.nodiff): three traced runs
# would cost minutes, so its determinism is left to the steal/pingpong/fanout traces.
scenarios=$(ls tests/scenarios/*.c | sed 's|.*/||; s|\.c$||' | grep -vx stress)
jobs() {
	for a in x86_64 arm64 riscv64; do
		for s in $scenarios; do for r in 1 2 3; do echo $a $s 7 r$r; done; done
		for s in steal pingpong fanout; do for seed in 1 2 3; do echo $a $s $seed s$seed; done; done
	done
}
if [ "${1:-}" = --run ]; then
	shift
	run "$@"
	exit 0
fi
rm -rf "$OUT"
mkdir -p "$OUT"
jobs | xargs -P "${JOBS:-2}" -n 4 sh "$0" --run

same() {	# arch scenario tagA tagB
	for k in trace stdout stderr exit; do
		cmp -s "$OUT/$2.$1.$3.$k" "$OUT/$2.$1.$4.$k" || { echo "$k"; return 1; }
	done
}

verdict() {	# ok message
	if [ $1 = 0 ]; then
		echo "PASS  $2"
		pass=$((pass + 1))
	else
		echo "FAIL  $2"
		fail=$((fail + 1))
	fi
}

for a in x86_64 arm64 riscv64; do
	for s in $scenarios; do
		what=$(same $a $s r1 r2 && same $a $s r1 r3)
		verdict $? "$s $a unicorn procs=2 seed=7: 3 runs ${what:+differ in $what}${what:-byte-identical}"
	done
done

# A seed picks the quantum after which the engine switches threads: with two
# Ps and several Ms it must change who runs when, never what the program prints.
for a in x86_64 arm64 riscv64; do
	for s in steal pingpong fanout; do
		bad=0
		for seed in 1 2 3; do
			cmp -s "$OUT/$s.$a.s$seed.stdout" "tests/scenarios/$s.out" || bad=1
			[ "$(cat "$OUT/$s.$a.s$seed.exit")" = 0 ] || bad=1
		done
		distinct=$(md5sum "$OUT/$s.$a.s"[123].trace |
			awk '{ print $1 }' | sort -u | wc -l)
		ok=0
		[ $bad = 0 ] && [ $distinct -gt 1 ] || ok=1
		verdict $ok "$s $a unicorn procs=2 seeds 1-3: $distinct distinct traces of 3, output $([ $bad = 0 ] && echo "equal to $s.out" || echo WRONG)"
	done
done
echo "determinism: $pass passed, $fail failed"
[ $fail = 0 ]
