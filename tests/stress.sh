#!/bin/sh
# The stress scenario 20 times per ISA with two Ps (natively on x86_64,
# under qemu-user on arm64 and riscv64), two runs at a time: every run must
# finish within its limit and print the expected checksums.
set -u
B=${B:-build}
N=${STRESS_RUNS:-20}
OUT=$B/stress
mkdir -p "$OUT"

one() {	# arch index
	a=$1 i=$2
	case $a in
	x86_64) engine=native ;;
	*) engine=qemu ;;
	esac
	[ "$a" = x86_64 ] && [ "$(uname -m)" != x86_64 ] && engine=qemu
	if "$B/host/crossrt" run --arch "$a" --engine "$engine" --procs 2 --seed "$i" --timeout 120 \
		"$B/$a/tests/stress" >"$OUT/$a.$i.out" 2>"$OUT/$a.$i.err" &&
		cmp -s "$OUT/$a.$i.out" tests/scenarios/stress.out; then
		echo "PASS  stress $a procs=2 run $i"
	else
		echo "FAIL  stress $a procs=2 run $i: $(head -c 200 "$OUT/$a.$i.err" | tr '\n' ' ') (see $OUT/$a.$i.*)"
	fi
}

export B OUT
for a in x86_64 arm64 riscv64; do
	i=1
	while [ $i -le "$N" ]; do
		echo "$a $i"
		i=$((i + 1))
	done
done | xargs -P 2 -n 2 sh -c "$(sed -n '/^one()/,/^}/p' "$0"); one \"\$0\" \"\$1\"" >"$OUT/log"
pass=$(grep -c '^PASS' "$OUT/log")
fail=$(grep -c '^FAIL' "$OUT/log")
grep '^FAIL' "$OUT/log"
echo "stress: $pass passed, $fail failed"
[ "$fail" = 0 ]
