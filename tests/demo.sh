#!/bin/sh
# make demo: scenarios on three ISAs under QEMU and Unicorn (and natively on
# x86_64), their output checked, the traces diffed across engines and ISAs,
# and the registers at one probe side by side.
set -u
B=${B:-build}
CROSSRT=$B/host/crossrt
OUT=$B/demo
mkdir -p "$OUT"
status=0

engines() {
	echo qemu unicorn
	[ "$1" = x86_64 ] && [ "$(uname -m)" = x86_64 ] && echo native
}

demo() {	# scenario probe
	S=$1 P=$2
	echo "== tests/scenarios/$S.c: the same C on x86_64, arm64 and riscv64"
	for a in x86_64 arm64 riscv64; do
		for e in $(engines $a); do
			t=$OUT/$S.$a.$e.trace
			$CROSSRT run --arch $a --engine $e --env CROSSRT_PREEMPTOFF=1 --trace "$t" "$B/$a/tests/$S" \
				>"$OUT/$S.$a.$e.out" 2>"$OUT/$S.$a.$e.err"
			code=$?
			n=$(($(wc -l <"$t") - 2))
			want=0
			[ -f "tests/scenarios/$S.exit" ] && want=$(cat "tests/scenarios/$S.exit")
			if [ $code = "$want" ] && cmp -s "$OUT/$S.$a.$e.out" "tests/scenarios/$S.out"; then
				v="output as expected"
			else
				v="WRONG (exit $code)"
				status=1
			fi
			printf '  %-8s %-8s exit %-3s %5d probe hits   %s\n' $a $e $code $n "$v"
		done
	done
	echo "  its output:"
	sed 's/^/  | /' "$OUT/$S.x86_64.qemu.out"
	for a in x86_64 arm64 riscv64; do
		set --
		for e in $(engines $a); do set -- "$@" "$OUT/$S.$a.$e.trace"; done
		$CROSSRT diff --across engine "$@" >"$OUT/$S.engine-diff.$a.txt" || status=1
		printf '  diff --across engine %-8s %s\n' $a "$(grep -E '^(EQUAL|DIFFERENT)' "$OUT/$S.engine-diff.$a.txt")"
	done
	echo
	echo "== crossrt diff --across arch --probe $P (unicorn traces of $S)"
	$CROSSRT diff --across arch --probe "$P" \
		"$OUT/$S.x86_64.unicorn.trace" "$OUT/$S.arm64.unicorn.trace" "$OUT/$S.riscv64.unicorn.trace" |
		sed -n '1,/^raw registers/p' | sed '$d'
	$CROSSRT diff --across arch "$OUT/$S.x86_64.unicorn.trace" "$OUT/$S.arm64.unicorn.trace" \
		"$OUT/$S.riscv64.unicorn.trace" >/dev/null || status=1
	echo
}

demo gosched3 gogo
demo ex1 gopanic
[ $status = 0 ] && echo "demo: every run as expected; traces agree across engines and across ISAs" ||
	echo "demo: differences found (see above and $OUT/)"
exit $status
