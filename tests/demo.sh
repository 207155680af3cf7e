#!/bin/sh
# make demo: scenarios on every ISA under QEMU and Unicorn (and natively on
# the host's own), their output checked, the traces diffed across engines and
# ISAs, and the registers at one probe side by side; then one scenario's Go
# twin, with the same table at Go's own runtime.gopanic.
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

# The scenario's Go twin (tests/scenarios/NAME.go, Go 1.19) on every ISA
# under Unicorn, and the same table for Go's own runtime, read from its
# memory at each hit.  Built into build/go/ARCH/NAME with tests/gobin.sh's
# Go cache: ~50 s once for Go's standard library on four ISAs, then ~1 s.
godemo() {	# scenario probe
	S=$1 P=$2
	echo "== tests/scenarios/$S.go: its Go twin, built by Go $(go env GOVERSION | sed 's/^go//'), on $listed under Unicorn"
	set --
	for a in $ARCHES; do
		bin=$(gobuild "$a" "tests/scenarios/$S.go") || { echo "  cannot build $S.go for $a"; status=1; continue; }
		t=$OUT/go-$S.$a.unicorn.trace
		$CROSSRT run --arch $a --engine unicorn --trace "$t" "$bin" >"$OUT/go-$S.$a.out" 2>"$OUT/go-$S.$a.err"
		code=$?
		if expect "$S" $code "$OUT/go-$S.$a.out" "$OUT/go-$S.$a.err" >/dev/null; then
			v="output as expected"
		else
			v="WRONG (exit $code)"
			status=1
		fi
		printf '  %-8s %-8s exit %-3s %5d probe hits   %s\n' $a unicorn $code "$(grep -c '^{"seq"' "$t")" "$v"
		set -- "$@" "$t"
	done
	echo
	echo "== crossrt diff --across arch --probe $P (unicorn traces of $S.go)"
	$CROSSRT diff --across arch --probe "$P" "$@" | sed -n '1,/^raw registers/p' | sed '$d'
	$CROSSRT diff --across arch --probe "$P" "$@" >/dev/null || status=1
	echo "== the state at each hit that has one, $first under Unicorn: crossrt's $S.c | Go's $S.go"
	trace_states "$OUT/$S.$first.unicorn.trace" >"$OUT/$S.states"
	trace_states "$OUT/go-$S.$first.unicorn.trace" >"$OUT/go-$S.states"
	# a row for each of crossrt's hits, beside Go's next hit if it is of the same probe
	awk 'NR == FNR { c[FNR] = $0; n = FNR; next } { g[FNR] = $0; gp[FNR] = $1; m = FNR }
		END { j = 1
		      for (i = 1; i <= n; i++) {
			split(c[i], w, " ")
			if (j <= m && gp[j] == w[1]) printf "  %-60s | %s\n", c[i], g[j++]
			else printf "  %-60s | -\n", c[i]
		      }
		      for (; j <= m; j++) printf "  %-60s | %s\n", "-", g[j] }' "$OUT/$S.states" "$OUT/go-$S.states"
	echo
}


demo gosched3 gogo
demo ex1 gopanic
godemo ex1 runtime.gopanic
[ $status = 0 ] && echo "demo: every run as expected; traces agree across engines and across ISAs" ||
	echo "demo: differences found (see above and $OUT/)"
exit $status
