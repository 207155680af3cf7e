#!/bin/sh
# make demo: one scenario on three ISAs under QEMU and Unicorn (and natively
# on x86_64), its output checked, the traces diffed across engines and ISAs.
set -u
B=${B:-build}
CROSSRT=$B/host/crossrt
S=${SCENARIO:-gosched3}
OUT=$B/demo
mkdir -p "$OUT"
status=0

echo "crossrt demo: tests/scenarios/$S.c, the same C on x86_64, arm64 and riscv64"
echo
for a in x86_64 arm64 riscv64; do
	for e in qemu unicorn native; do
		[ $e = native ] && { [ $a = x86_64 ] && [ "$(uname -m)" = x86_64 ] || continue; }
		t=$OUT/$S.$a.$e.trace
		$CROSSRT run --arch $a --engine $e --trace "$t" "$B/$a/tests/$S" >"$OUT/$S.$a.$e.out" 2>"$OUT/$S.$a.$e.err"
		code=$?
		n=$(($(wc -l <"$t") - 2))
		if [ $code = 0 ] && cmp -s "$OUT/$S.$a.$e.out" "tests/scenarios/$S.out"; then v="output as expected"; else v="WRONG (exit $code)"; status=1; fi
		printf '  %-8s %-8s exit %-3s %5d probe hits   %s\n' $a $e $code $n "$v"
	done
done
echo
echo "its output (the same on every ISA and engine):"
sed 's/^/  | /' "$OUT/$S.x86_64.qemu.out"
for a in x86_64 arm64 riscv64; do
	echo
	echo "== crossrt diff --across engine ($a: qemu vs unicorn): raw registers at every probe"
	set -- "$OUT/$S.$a.qemu.trace" "$OUT/$S.$a.unicorn.trace"
	[ -f "$OUT/$S.$a.native.trace" ] && set -- "$@" "$OUT/$S.$a.native.trace"
	$CROSSRT diff --across engine "$@" | sed -n '/^EQUAL\|^DIFFERENT/p' || status=1
done
echo
echo "== crossrt diff --across arch (unicorn): normalized probe sequence, and the registers at the first gogo"
$CROSSRT diff --across arch "$OUT/$S.x86_64.unicorn.trace" "$OUT/$S.arm64.unicorn.trace" "$OUT/$S.riscv64.unicorn.trace" || status=1
echo
[ $status = 0 ] && echo "demo: all runs agree" || echo "demo: differences found (see above)"
exit $status
