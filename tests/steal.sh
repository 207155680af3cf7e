#!/bin/sh
# With two Ps the steal scenario's trace must show work stealing: an M that
# enters runqsteal and then, as its next probe, executes a goroutine took it
# from the other P (natively where the host can, else under qemu-user).
# Which goroutines move depends on timing; that some do must not.
set -u
. tests/lib.sh
OUT=$B/steal
mkdir -p "$OUT"
pass=0 fail=0
for a in $ARCHES; do
	engine=$(pick "$a" native qemu)
	t=$OUT/steal.$a.trace
	for try in 1 2 3; do	# a run in which the other P never ran dry steals nothing
		"$CROSSRT" run --arch "$a" --engine "$engine" --procs 2 --env CROSSRT_PREEMPTOFF=0 --trace "$t" --timeout 120 \
			"$B/$a/tests/steal" >"$OUT/$a.out" 2>"$OUT/$a.err"
		code=$?
		n=$(sed -n 's/.*"probe":"\([a-zA-Z]*\)","m":\([0-9-]*\).*/\1 \2/p' "$t" 2>/dev/null |
			awk '{ if (last[$2] == "runqsteal" && $1 == "execute") n++; last[$2] = $1 } END { print n + 0 }')
		[ $code != 0 ] || [ "${n:-0}" -gt 0 ] && break
	done
	if why=$(expect steal "$code" "$OUT/$a.out" "$OUT/$a.err") && [ "${n:-0}" -gt 0 ]; then
		echo "PASS  steal $a $engine procs=2: $n goroutines stolen"
		pass=$((pass + 1))
		rm -f "$t"
	else
		echo "FAIL  steal $a $engine procs=2: ${why:-as expected}, ${n:-0} goroutines stolen (see $OUT)"
		fail=$((fail + 1))
	fi
done
echo "steal: $pass passed, $fail failed"
[ $fail = 0 ]
