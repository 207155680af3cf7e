#!/bin/sh
# make demo: scenarios on every ISA under QEMU and Unicorn (and natively on
# the host's own), their output checked, the traces diffed across engines and
# ISAs, and the registers at one probe side by side.
set -u
. tests/lib.sh
OUT=$B/demo
mkdir -p "$OUT"
status=0
# the ISAs as a phrase: "a, b and c"
listed=$(echo $ARCHES | sed 's/ /, /g; s/, \([^,]*\)$/ and \1/')
first=${ARCHES%% *}

demo() {	# scenario probe
	S=$1 P=$2
	echo "== tests/scenarios/$S.c: the same C on $listed"
	for a in $ARCHES; do
		for e in $(engines $a); do
			t=$OUT/$S.$a.$e.trace
			$CROSSRT run --arch $a --engine $e --trace "$t" "$B/$a/tests/$S" \
				>"$OUT/$S.$a.$e.out" 2>"$OUT/$S.$a.$e.err"
			code=$?
			n=$(($(wc -l <"$t") - 2))
			if expect "$S" $code "$OUT/$S.$a.$e.out" "$OUT/$S.$a.$e.err" >/dev/null; then
				v="output as expected"
			else
				v="WRONG (exit $code)"
				status=1
			fi
			printf '  %-8s %-8s exit %-3s %5d probe hits   %s\n' $a $e $code $n "$v"
		done
	done
	echo "  its output:"
	sed 's/^/  | /' "$OUT/$S.$first.qemu.out"
	for a in $ARCHES; do
		set --
		for e in $(engines $a); do set -- "$@" "$OUT/$S.$a.$e.trace"; done
		$CROSSRT diff --across engine "$@" >"$OUT/$S.engine-diff.$a.txt" || status=1
		printf '  diff --across engine %-8s %s\n' $a "$(grep -E '^(EQUAL|DIFFERENT)' "$OUT/$S.engine-diff.$a.txt")"
	done
	echo
	echo "== crossrt diff --across arch --probe $P (unicorn traces of $S)"
	set --
	for a in $ARCHES; do set -- "$@" "$OUT/$S.$a.unicorn.trace"; done
	$CROSSRT diff --across arch --probe "$P" "$@" | sed -n '1,/^raw registers/p' | sed '$d'
	$CROSSRT diff --across arch "$@" >/dev/null || status=1
	echo
}

demo gosched3 gogo
demo ex1 gopanic
[ $status = 0 ] && echo "demo: every run as expected; traces agree across engines and across ISAs" ||
	echo "demo: differences found (see above and $OUT/)"
exit $status
