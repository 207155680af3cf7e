#!/bin/sh
# The runtime's state in the traces, named the same on every ISA and under
# QEMU as under Unicorn: `crossrt show --table` over the traces of the
# four ISAs must print, at each probe, the rows worked out by hand from the
# programs' source (ex1: f defers catch, g defers m and panics, m panics,
# catch recovers the newer panic; recovery resumes at deferproc1, whose
# address nm gives; deadlock parks on its chan's lock, field 0x58 of the
# hchan, allocated after main's and runfinq's g), and the traces must agree across ISAs.  How a run ends is the
# scenarios phase's business (panicvalues and deadlock exit 2).
set -u
. tests/lib.sh
OUT=$B/state
mkdir -p "$OUT"
fail=0

# row FILE KEY VALUE: the table in FILE has row KEY with VALUE in every one of its columns
row() {
	awk -F ' [|] ' -v key="$2" -v want="$3" -v n="$(echo $ARCHES | wc -w)" '
		{ k = $1; sub(/ +$/, "", k) }
		k == key { found = 1; for (i = 2; i <= NF; i++) { v = $i; sub(/ +$/, "", v); if (v != want) bad = v }
			   if (NF - 1 != n) bad = "(" NF - 1 " columns)" }
		END { if (!found) print "no row " key; else if (bad != "") print key " is " bad ", not " want; exit !found || bad != "" }' "$1"
}

# check NAME ENGINE PROBE:HIT KEY=VALUE...
check() {
	name=$1 engine=$2 at=$3
	shift 3
	f=$OUT/$name.$engine.$(echo "$at" | tr : _).table
	# shellcheck disable=SC2046
	"$CROSSRT" show --table "$at" $(for a in $ARCHES; do echo "$OUT/$name.$a.$engine.trace"; done) >"$f" 2>&1 || {
		echo "FAIL  state $name $engine $at: crossrt show failed (see $f)"
		fail=1
		return
	}
	for kv in "$@"; do
		if ! why=$(row "$f" "${kv%%=*}" "${kv#*=}"); then
			echo "FAIL  state $name $engine $at: $why (see $f)"
			fail=1
			return
		fi
	done
	echo "PASS  state $name $engine $at: $*"
}

trace() {
	name=$1 engine=$2
	for a in $ARCHES; do
		"$CROSSRT" run --arch "$a" --engine "$engine" --env CROSSRT_PREEMPTOFF=1 --timeout 60 \
			--trace "$OUT/$name.$a.$engine.trace" "$B/$a/tests/$name" >"$OUT/$name.$a.$engine.out" 2>&1
	done
	# shellcheck disable=SC2046
	"$CROSSRT" diff --across arch $(for a in $ARCHES; do echo "$OUT/$name.$a.$engine.trace"; done) \
		>"$OUT/$name.$engine.diff" 2>&1 || { echo "FAIL  state $name $engine: traces differ across ISAs (see $OUT)"; fail=1; }
}

for engine in qemu unicorn; do
	trace ex1 "$engine"
	check ex1 "$engine" deferproc:1 defer=nil panic=nil
	check ex1 "$engine" deferproc:2 defer=defer#1 panic=nil
	check ex1 "$engine" gopanic defer=defer#2 panic=nil 'value="g panic"'
	check ex1 "$engine" gopanic:2 defer=defer#2 panic=panic#1 'value="m panic"'
	check ex1 "$engine" gorecover defer=defer#1 panic=panic#2
	check ex1 "$engine" recovery defer=nil panic=nil resume=deferproc1+0x0 a0='20000108b0     g#1'
	check ex1 "$engine" deferreturn defer=nil panic=nil
done
trace panicvalues unicorn
check panicvalues unicorn gopanic:2 value=42
check panicvalues unicorn gopanic:3 value=-7
check panicvalues unicorn gopanic:4 'value="an error"'
trace deadlock qemu
check deadlock qemu gopark 'wait="chan receive"' a1='2000010ef8     chan#1+0x58'

# Go's own runtime, its twins under Unicorn: the state is read from Go's
# memory at each hit (trace/gostate.h).  ex1.go: Go 1.19 open-codes both
# defers, so the first gopanic sees no _defer; it adds one for g's frame
# (defer#1) and runs m, whose gopanic sees it and the first _panic (in the
# first gopanic's frame); that panic, aborted, goes on to f's frame
# (defer#2) and catch recovers the newer panic.  deferloop.go: a defer in
# a loop goes through deferproc, which pushes each record on g._defer.
gotrace() {	# name source: its runs on the ISAs at once (~0.4 s each)
	for a in $ARCHES; do
		bin=$(gobuild "$a" "$2") || { echo "FAIL  state go-$1: cannot build $2 for $a"; fail=1; return; }
		"$CROSSRT" run --arch "$a" --engine unicorn --timeout 60 \
			--trace "$OUT/go-$1.$a.unicorn.trace" "$bin" >"$OUT/go-$1.$a.unicorn.out" 2>&1 &
	done
	wait
}
gotrace ex1 tests/scenarios/ex1.go
check go-ex1 unicorn runtime.gopanic defer=nil panic=nil type=string 'value="g panic"'
check go-ex1 unicorn runtime.gopanic:2 defer=defer#1 panic=panic#1 type=string 'value="m panic"'
check go-ex1 unicorn runtime.gorecover defer=defer#2 panic=panic#2
check go-ex1 unicorn runtime.recovery defer=nil panic=nil
check go-ex1 unicorn runtime.deferreturn defer=nil panic=nil
# panicvalues.go: each value's runtime type by Go's name, and the value where
# the binary holds it (42 and -7 are static; the errors are on the heap);
# the five panics in try have their _panic in gopanic's frame at one
# address (panic#1), main's own is another (panic#2)
gotrace panicvalues tests/scenarios/panicvalues.go
check go-panicvalues unicorn runtime.gopanic type=string 'value="a string"'
check go-panicvalues unicorn runtime.gopanic:2 type=int value=42
check go-panicvalues unicorn runtime.gopanic:3 type=int value=-7
check go-panicvalues unicorn runtime.gopanic:4 'type=*errors.errorString'
check go-panicvalues unicorn runtime.gopanic:6 'type=*main.MyErr'
check go-panicvalues unicorn runtime.fatalpanic defer=nil panic=panic#2
gotrace deferloop tests/gobin/deferloop.go
check go-deferloop unicorn runtime.deferproc defer=nil panic=nil
check go-deferloop unicorn runtime.deferproc:2 defer=defer#1 panic=nil
check go-deferloop unicorn runtime.deferreturn defer=defer#2 panic=nil
# the articles' table for Go: its rows name the chains and the value's type on every ISA
f=$OUT/go-ex1.across.txt
# shellcheck disable=SC2046
if "$CROSSRT" diff --across arch --probe runtime.gopanic $(for a in $ARCHES; do echo "$OUT/go-ex1.$a.unicorn.trace"; done) >"$f" 2>&1 &&
	grep -q '^EQUAL' "$f" && why=$(row "$f" defer nil) && why=$(row "$f" panic nil) && why=$(row "$f" type string); then
	echo "PASS  state go-ex1 diff --across arch --probe runtime.gopanic: EQUAL, defer panic type rows"
else
	echo "FAIL  state go-ex1 diff --across arch --probe runtime.gopanic: ${why:-not EQUAL} (see $f)"
	fail=1
fi
# natively, where memory is read by ptrace, the same states as under Unicorn
# (as sets: natively Go's sysmon may preempt a thread stopped at a probe's
# entry, and the goroutine enters it again on another M, a second hit);
# under qemu, with no memory at a hit, no chain named and the header says so
na=$(native_arch)
if [ -n "$na" ]; then
	"$CROSSRT" run --arch "$na" --engine native --trace "$OUT/go-ex1.$na.native.trace" "$B/go/$na/ex1" >/dev/null 2>&1
	u=$(trace_states "$OUT/go-ex1.$na.unicorn.trace" | sort -u)
	if [ -n "$u" ] && [ "$(trace_states "$OUT/go-ex1.$na.native.trace" | sort -u)" = "$u" ]; then
		echo "PASS  state go-ex1 $na native: the states as under Unicorn"
	else
		echo "FAIL  state go-ex1 $na native: the states differ from Unicorn's"
		fail=1
	fi
fi
for a in ${ARCHES%% *}; do	# one ISA: qemu runs Go slowly
	t=$OUT/go-ex1.$a.qemu.trace
	"$CROSSRT" run --arch "$a" --engine qemu --trace "$t" "$B/go/$a/ex1" >/dev/null 2>&1
	if ! head -1 "$t" | grep -q '"go":"go1\.19[.0-9]*: [^"]*nor _defer and _panic (no guest memory' ||
		grep -q '"state":"[^"]*defer=' "$t" || ! grep -q '"probe":"runtime.gopanic"' "$t"; then
		echo "FAIL  state go-ex1 $a qemu: a chain named without guest memory, or the header does not say it is not"
		fail=1
	fi
done

# an M the engine could not tell is m?, never m#-1
for a in $ARCHES; do
	if "$CROSSRT" show "$OUT/ex1.$a.qemu.trace" | grep -q 'm#-'; then
		echo "FAIL  state ex1 $a qemu: an unknown M shown as m#-N"
		fail=1
	fi
done
[ $fail = 0 ] && rm -f "$OUT"/*.trace && echo "state: all passed"
[ $fail = 0 ]
