#!/bin/sh
# The crossrt command given as $1 (a sanitizer build) runs, traces and diffs
# a few scenarios on every ISA and engine; any sanitizer report fails it.
set -u
CROSSRT=$1
B=${B:-build}
OUT=$B/smoke
mkdir -p "$OUT"
pass=0 fail=0
for s in gosched3 ex1 nilderef; do
	want=0
	[ -f "tests/scenarios/$s.exit" ] && want=$(cat "tests/scenarios/$s.exit")
	for a in x86_64 arm64 riscv64; do
		traces=""
		for e in qemu unicorn native; do
			[ $e = native ] && [ $a != x86_64 ] && continue
			t=$OUT/$s.$a.$e.trace
			"$CROSSRT" run --arch $a --engine $e --env CROSSRT_PREEMPTOFF=1 --trace "$t" "$B/$a/tests/$s" \
				>"$OUT/$s.$a.$e.out" 2>"$OUT/$s.$a.$e.err"
			code=$?
			if [ $code = "$want" ] && ! grep -Eq 'Sanitizer|\.c:[0-9]+:[0-9]+: runtime error' "$OUT/$s.$a.$e.err"; then
				pass=$((pass + 1))
			else
				echo "FAIL  $s $a $e: exit $code $(grep -Em1 'Sanitizer|\.c:[0-9]+:[0-9]+: runtime error' "$OUT/$s.$a.$e.err")"
				fail=$((fail + 1))
			fi
			traces="$traces $t"
		done
		"$CROSSRT" diff $traces >"$OUT/$s.$a.diff" 2>&1
		"$CROSSRT" show --limit 3 "$OUT/$s.$a.qemu.trace" >/dev/null 2>"$OUT/$s.$a.show.err"
		if grep -Eq 'Sanitizer|\.c:[0-9]+:[0-9]+: runtime error' "$OUT/$s.$a.diff" "$OUT/$s.$a.show.err"; then
			echo "FAIL  $s $a diff/show under the sanitizers"
			fail=$((fail + 1))
		else
			pass=$((pass + 1))
		fi
	done
done
echo "sanitized crossrt: $pass passed, $fail failed"
[ $fail = 0 ]
