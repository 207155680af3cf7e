#!/bin/sh
# make bench: each figure of the benchmark table beside its peer, both
# measured in the same iteration, median of $BENCH_RUNS (default 5)
# iterations; the ratio is the median of the per-iteration ratios.
# Prints the table and writes build/bench/results.json.  Never fails.
set -u
cd "$(dirname "$0")/.."
. tests/lib.sh
CR=$CROSSRT
H=$B/bench/host
OUT=$B/bench
RUNS=${BENCH_RUNS:-5}
DIFF_RUNS=${BENCH_DIFF_RUNS:-$RUNS}
DIFF_PROBES=${BENCH_DIFF_PROBES:-1000000}
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
ROWS=$OUT/rows.tsv
: >"$ROWS"
# a private copy: the whole table is measured with one build of crossrt
cp "$CR" "$TMP/crossrt" && CR=$TMP/crossrt

# perop CMD...: the benchmark's "NAME TOTAL OPS" line as TOTAL/OPS, or nan
perop() {
	"$@" 2>/dev/null | awk 'NF == 3 && $3 > 0 { v = $2 / $3 } END { if (v == "") print "nan"; else printf "%.6g\n", v }'
}

# total CMD...: the benchmark's TOTAL, or nan
total() {
	"$@" 2>/dev/null | awk 'NF == 3 && $3 > 0 { v = $2 } END { if (v == "") print "nan"; else print v }'
}

# cpu CMD...: CPU nanoseconds CMD used (user + system), or nan
cpu() {
	"$H/cputime" "$@" 2>&1 >/dev/null | awk '$1 == "cputime" && $4 == 0 { v = $3 } END { if (v == "") print "nan"; else print v }'
}

# wall CMD...: wall-clock nanoseconds of CMD, or nan
wall() {
	"$H/cputime" "$@" 2>&1 >/dev/null | awk '$1 == "cputime" && $4 == 0 { v = $2 } END { if (v == "") print "nan"; else print v }'
}

# div A B: A/B, nan when either is nan or B is 0
div() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a == "nan" || b == "nan" || b + 0 == 0) print "nan"; else printf "%.6g\n", a / b }'
}

# median FILE: median of the numbers in FILE, nan lines ignored
median() {
	grep -v nan "$1" 2>/dev/null | sort -g |
		awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.6g\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# insns ARCH PROG N: Unicorn's exact guest instruction count with BENCH_N=N
insns() {
	"$CR" run --arch "$1" --engine unicorn --env BENCH_N="$3" --trace "$TMP/insns.trace" "$2" >/dev/null 2>&1
	tail -n 1 "$TMP/insns.trace" 2>/dev/null | sed -n 's/.*"insns":\([0-9]*\).*/\1/p' | grep . || echo nan
	rm -f "$TMP/insns.trace"
}

# parked 100k|1m CMD...: RSS per goroutine that bench/parked (or its Go
# peer) reports for that many, and the run's wall-clock seconds; "nan nan"
# when it does not complete
parked() {
	case $1 in 100k) pn=100000 ;; *) pn=1000000 ;; esac
	shift
	"$H/cputime" env BENCH_N=$pn "$@" >"$TMP/pk.out" 2>"$TMP/pk.err"
	pr=$(awk 'NF == 3 && $1 == "parked" && $3 > 0 { v = $2 / $3 } END { if (v == "") print "nan"; else printf "%.6g\n", v }' "$TMP/pk.out")
	pw=$(awk '$1 == "cputime" && $4 == 0 { v = $2 / 1e9 } END { if (v == "") print "nan"; else printf "%.6g\n", v }' "$TMP/pk.err")
	[ "$pr" = nan ] && pw=nan
	echo "$pr $pw"
}

# mostparked FILE CMD...: 1000000 when no 1M run in FILE failed, else the
# most goroutines a run of CMD parks, halving from 500k; nan if not 1000
mostparked() {
	if ! grep -q nan "$1"; then
		echo 1000000
		return
	fi
	shift
	mn=500000
	while [ $mn -ge 1000 ]; do
		BENCH_N=$mn "$@" 2>/dev/null | grep -q "^parked " && { echo $mn; return; }
		mn=$((mn / 2))
	done
	echo nan
}

# row ID FIGURE UNIT CROSSRT PEER PEERVAL RATIO GOAL OP LIMIT NOTE
# OP is <= or >= (met when RATIO OP LIMIT), or - when there is no goal.
row() {
	met=$(awk -v r="$7" -v f="$4" -v op="$9" -v l="${10}" 'BEGIN {
		if (op == "fig<") { r = f; op = "<" }	# the goal is on the figure, not the ratio
		if (op == "-") print "-"
		else if (r == "nan") print "n/a"
		else if ((op == "<=" && r <= l) || (op == ">=" && r >= l) || (op == "<" && r < l)) print "met"
		else print "not met" }')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" "$met" "${11}" >>"$ROWS"
}

# pair ID FIGURE UNIT PEER GOAL OP LIMIT NOTE CROSSRT-CMD PEER-CMD:
# both commands (perop's argument lists, as strings) in every iteration
pair() {
	rm -f "$TMP/a" "$TMP/b" "$TMP/r"
	i=0
	while [ $i -lt "$RUNS" ]; do
		va=$(eval "perop $9")
		vb=$(eval "perop ${10}")
		echo "$va" >>"$TMP/a"
		echo "$vb" >>"$TMP/b"
		div "$va" "$vb" >>"$TMP/r"
		i=$((i + 1))
	done
	row "$1" "$2" "$3" "$(median "$TMP/a")" "$4" "$(median "$TMP/b")" "$(median "$TMP/r")" "$5" "$6" "$7" "$8"
}

step() {
	printf 'bench: %s\n' "$1" >&2
}

# The host's own ISA runs natively: the figures that need no emulator are its.
HA=$(native_arch)
if [ -z "$HA" ]; then
	echo "bench: crossrt runs no ISA natively on this host" >&2
	exit 0
fi
HQ=$(arch_info "$HA" qemu)
X=$B/$HA/bench
GX=$B/bench/go/$HA
P1="env CROSSRT_PROCS=1"

step "goroutine switch"
pair gosched "goroutine switch (Gosched, procs=1)" ns/switch "Go Gosched" "<= 0.25x Go" "<=" 0.25 \
	"bound by the scheduler path, not the register switch (gosave+gogo is under fcontext): perf shows mcall, sched.lock lock/unlock, casgstatus, findrunnable, globrunqget; Gosched goes through the global run queue under the lock; a lock-free handoff through the P's own queue would close it" \
	"$P1 $X/gosched" "$GX/gosched"

step "raw context switch, panic+recover vs setjmp"
rm -f "$TMP"/sw.*
i=0
while [ $i -lt "$RUNS" ]; do
	r=$(perop $P1 $X/rawswitch)
	p=$(perop $P1 $X/panicrecover)
	"$H/ctxswitch" >"$TMP/ctx" 2>/dev/null
	for k in fcontext swapcontext setjmp; do
		v=$(awk -v k=$k '$1 == k && $3 > 0 { printf "%.6g\n", $2 / $3 }' "$TMP/ctx" | grep . || echo nan)
		echo "$v" >>"$TMP/sw.$k"
		div "$r" "$v" >>"$TMP/sw.r.$k"
	done
	echo "$r" >>"$TMP/sw.raw"
	echo "$p" >>"$TMP/sw.panic"
	div "$p" "$(tail -n 1 "$TMP/sw.setjmp")" >>"$TMP/sw.r.panic"
	i=$((i + 1))
done
row rawswitch.fcontext "raw context switch (gosave+gogo)" ns/switch "$(median "$TMP/sw.raw")" \
	"Boost.Context jump_fcontext" "$(median "$TMP/sw.fcontext")" "$(median "$TMP/sw.r.fcontext")" \
	"<= 1.2x fcontext" "<=" 1.2 ""
row rawswitch.swapcontext "raw context switch (gosave+gogo)" ns/switch "$(median "$TMP/sw.raw")" \
	"glibc swapcontext" "$(median "$TMP/sw.swapcontext")" "$(median "$TMP/sw.r.swapcontext")" \
	">= 20x faster (<= 0.05x)" "<=" 0.05 ""
row rawswitch.setjmp "raw context switch (gosave+gogo)" ns/switch "$(median "$TMP/sw.raw")" \
	"setjmp+longjmp" "$(median "$TMP/sw.setjmp")" "$(median "$TMP/sw.r.setjmp")" "-" "-" 0 ""

step "channel ping-pong"
pair chanpingpong "unbuffered chan ping-pong round trip (procs=1)" ns/roundtrip "Go" "<= 0.5x Go" "<=" 0.5 \
	"spread over the park/ready path (perf: lock, chanblock, releaseSudog, chansend, mcall, casgstatus); the same scheduler cost as Gosched, twice per round trip" \
	"$P1 $X/chanpingpong" "$GX/chanpingpong"

step "spawn + exit"
pair spawn "goroutine spawn + exit (procs=1)" ns/goroutine "Go" "<= 0.5x Go" "<=" 0.5 \
	"spread over the path (perf: memset 14% clearing the g and its gobuf, newproc1 12%, gostartcall 9%, gfget 8%, WaitGroupAdd, casgstatus); Go allocates from a per-P free list with no clearing of a reused g" \
	"$P1 $X/spawn" "$GX/spawn"

step "panic + recover"
pair panicrecover.go "panic + recover round trip" ns/op "Go" "<= 0.5x Go" "<=" 0.5 \
	"met since memset clears word by word" \
	"$P1 $X/panicrecover" "$GX/panicrecover"
row panicrecover.setjmp "panic + recover round trip" ns/op "$(median "$TMP/sw.panic")" \
	"setjmp+longjmp" "$(median "$TMP/sw.setjmp")" "$(median "$TMP/sw.r.panic")" \
	"<= 3x setjmp/longjmp" "<=" 3 "gopanic runs the deferred call through newdefer/freedefer and recovery goes through mcall to g0 and back; setjmp/longjmp only saves and restores registers"

step "defer + deferreturn"
pair defer "defer + deferreturn" ns/op "Go" "<= 2x Go" "<=" 2 \
	"perf: memset 35% and newdefer 29% (clearing the whole heap defer record), deferproc 19%; Go 1.14+ open-codes such defers in the frame with no record at all; clearing only the fields deferproc does not set would halve it" \
	"$P1 $X/deferreturn" "$GX/deferreturn"

step "parked goroutines: 100k and 1M"
rm -f "$TMP"/pk.*
i=0
while [ $i -lt "$RUNS" ]; do
	for n in 100k 1m; do
		c=$(parked $n $P1 $X/parked)
		g=$(parked $n $GX/parked)
		for k in rss t; do
			case $k in
			rss) vc=${c% *} vg=${g% *} ;;
			*) vc=${c#* } vg=${g#* } ;;
			esac
			echo "$vc" >>"$TMP/pk.c.$k.$n"
			echo "$vg" >>"$TMP/pk.g.$k.$n"
			div "$vc" "$vg" >>"$TMP/pk.r.$k.$n"
		done
	done
	i=$((i + 1))
done
cm=$(mostparked "$TMP/pk.c.rss.1m" $P1 $X/parked)
gm=$(mostparked "$TMP/pk.g.rss.1m" $GX/parked)
row goroutines "parked goroutines on a chan that complete, of 1M" goroutines "$cm" "Go" "$gm" "$(div "$cm" "$gm")" \
	">= 1.0x Go" ">=" 1.0 \
	"procs=1, 64 KiB stacks: 68 KiB of address space each (stack and guard page) in a 112 GiB arena, mapped MAP_NORESERVE 64 MiB at a time as handed out; a guard page under the first 30000 stacks only (vm.max_map_count), the entry check alone past them"
for n in 100k 1m; do
	row goroutines.rss.$n "RSS per parked goroutine ($(echo $n | tr m M) on a chan)" bytes/goroutine "$(median "$TMP/pk.c.rss.$n")" \
		"Go" "$(median "$TMP/pk.g.rss.$n")" "$(median "$TMP/pk.r.rss.$n")" "<= 1.0x Go" "<=" 1.0 \
		"a parked goroutine holds the top 4 KiB page of its stack, its g (448 bytes) and its sudog (64); Go's stacks start at 2 KiB, several to a page"
done
row goroutines.time.1m "1M goroutines started and parked, then exit" s "$(median "$TMP/pk.c.t.1m")" \
	"Go" "$(median "$TMP/pk.g.t.1m")" "$(median "$TMP/pk.r.t.1m")" "-" "-" 0 \
	"wall clock of the whole process; perf: ~75% page faults (the first touch of each stack's top page and of the memory of gs and sudogs), ~6% mprotect for the guard pages, mmap under 1% (the arena is mapped 64 MiB at a time)"

step "work stealing"
rm -f "$TMP"/ws.*
i=0
while [ $i -lt "$RUNS" ]; do
	c1=$(total env CROSSRT_PROCS=1 BENCH_N=1000000 $X/fanout)
	c2=$(total env CROSSRT_PROCS=2 BENCH_N=1000000 $X/fanout)
	g1=$(total env GOMAXPROCS=1 BENCH_N=1000000 $GX/fanout)
	g2=$(total env GOMAXPROCS=2 BENCH_N=1000000 $GX/fanout)
	c=$(div "$c1" "$c2")
	g=$(div "$g1" "$g2")
	echo "$c" >>"$TMP/ws.c"
	echo "$g" >>"$TMP/ws.g"
	div "$c" "$g" >>"$TMP/ws.r"
	i=$((i + 1))
done
row steal "work stealing: fan-out speedup procs=2/procs=1" x "$(median "$TMP/ws.c")" "Go, same program" \
	"$(median "$TMP/ws.g")" "$(median "$TMP/ws.r")" ">= 0.95x Go's speedup" ">=" 0.95 \
	"$(nproc) CPUs, load average $(cut -d ' ' -f 1 /proc/loadavg): on a machine shared with other jobs neither runtime gets near 2x"

step "instructions per Gosched round trip and per panic+recover (Unicorn)"
for a in $ARCHES; do
	bound=$("$H/abibound" $a 2>/dev/null || echo nan)
	g1=$(insns $a $B/$a/bench/gosched 100)
	g2=$(insns $a $B/$a/bench/gosched 200)
	p1=$(insns $a $B/$a/bench/panicrecover 100)
	p2=$(insns $a $B/$a/bench/panicrecover 200)
	gs=$(awk -v a="$g1" -v b="$g2" 'BEGIN { if (a == "nan" || b == "nan") print "nan"; else print (b - a) / 100 }')
	pr=$(awk -v a="$p1" -v b="$p2" 'BEGIN { if (a == "nan" || b == "nan") print "nan"; else print (b - a) / 100 }')
	rt=$(awk -v b="$bound" 'BEGIN { if (b == "nan") print "nan"; else print 2 * b }')
	row insns.gosched.$a "instructions per Gosched round trip, $a" insns "$gs" "ABI bound (2 switches)" "$rt" \
		"$(div "$gs" "$rt")" "within 1.5x of the bound" "<=" 1.5 \
		"exact: (count(2N) - count(N)) / N under Unicorn; the bound saves and restores the integer callee-saved set, sp and pc twice; the rest is the scheduler path (see gosched)"
	row insns.panic.$a "instructions per panic+recover, $a" insns "$pr" "ABI bound (1 save+restore)" "$bound" \
		"$(div "$pr" "$bound")" "-" "-" 0 "exact: (count(2N) - count(N)) / N, Unicorn"
done

step "Unicorn vs qemu-user, instructions per second"
n=$(insns "$HA" $X/fib 28)
rm -f "$TMP"/ips.*
i=0
while [ $i -lt "$RUNS" ]; do
	u=$(cpu "$CR" run --arch "$HA" --engine unicorn --env BENCH_N=28 $X/fib)
	q=$(cpu "$HQ" -E BENCH_N=28 $X/fib)
	div "$n" "$(div "$u" 1000000000)" >>"$TMP/ips.u"
	div "$n" "$(div "$q" 1000000000)" >>"$TMP/ips.q"
	div "$q" "$u" >>"$TMP/ips.r"
	i=$((i + 1))
done
row ips "Unicorn guest insns per CPU second (fib, $HA)" insns/s "$(median "$TMP/ips.u")" "qemu-user" \
	"$(median "$TMP/ips.q")" "$(median "$TMP/ips.r")" ">= 0.5x qemu-user" ">=" 0.5 \
	"$n guest instructions (Unicorn's count) over each engine's CPU time; perf of a Unicorn run: ~20% in the counting hook, a C call at every instruction that a count per block cannot replace while Unicorn 2.0.1 leaves the pc of a data fault at the block's start (docs/engines.md), ~10% in the store slow path (store_helper, page_find, tb_invalidate_phys_page_fast), ~5% each in TB lookups and memory_mapping (cached by page)"

step "trace capture overhead"
# one Gosched (about 5 probe hits) per ~50k guest instructions
for e in native qemu unicorn; do
	rm -f "$TMP"/tc.*
	case $e in
	native) nn=1000; plain="$X/probed" ;;
	qemu) nn=1000; plain="$HQ $X/probed" ;;
	unicorn) nn=100; plain="$CR run --arch $HA --engine unicorn --env BENCH_N=$nn $X/probed" ;;
	esac
	i=0
	while [ $i -lt "$RUNS" ]; do
		w=$(cpu env BENCH_N=$nn CROSSRT_PROCS=1 "$CR" run --arch "$HA" --engine $e --env BENCH_N=$nn \
			--trace "$TMP/tc.trace" $X/probed)
		o=$(cpu env BENCH_N=$nn CROSSRT_PROCS=1 $plain)
		echo "$w" >>"$TMP/tc.w"
		echo "$o" >>"$TMP/tc.o"
		div "$w" "$o" >>"$TMP/tc.r"
		i=$((i + 1))
	done
	case $e in
	unicorn) note="peer: the same engine without --trace (its probe hooks stay installed)" ;;
	native) note="peer: the program run without crossrt; every probe hit is a ptrace stop and register read" ;;
	*) note="peer: $HQ without crossrt; capture runs qemu with -d cpu,nochain logging at the probe addresses" ;;
	esac
	row overhead.$e "trace capture, 1 probe/10k insns, $e" cpu-ns "$(median "$TMP/tc.w")" "without capture" \
		"$(median "$TMP/tc.o")" "$(median "$TMP/tc.r")" "< 10% (< 1.10x)" "<" 1.10 "$note"
done
rm -f "$TMP/tc.trace"

step "trace bytes per probe hit"
# bench/gosched under Unicorn: 12 probe hits a round, so ~TRACE_PROBES hits
TRACE_PROBES=${BENCH_TRACE_PROBES:-1000000}
rm -f "$TMP"/ts.*
CROSSRT_PROCS=1 "$CR" run --arch "$HA" --engine unicorn --env BENCH_N=$((TRACE_PROBES / 12 + 1)) \
	--trace "$TMP/ts.trace.zst" "$X/gosched" >/dev/null 2>&1
set -- $("$H/tracebytes" "$TMP/ts.trace.zst" 2>/dev/null) nan nan nan nan
tb=$(div "$2" "$1")
t1=$(div "$3" "$1")
tj=$(div "$4" "$1")
row tracesize "trace bytes per probe hit" B/hit "$tb" "the v1 format" "$t1" "$(div "$tb" "$t1")" \
	"<= 150 B" "fig<" 150 \
	"bytes on disk per record of a $1-probe Unicorn trace of bench/gosched, $HA, written as NAME.trace.zst (one zstd frame, level 1; zstdcat | jq reads it); the JSON Lines inside are version 2 (registers only where changed since the M's previous record), $tj B/hit uncompressed; the peer is the same records in version 1, uncompressed"

step "crossrt diff of two $DIFF_PROBES-probe traces"
# two copies of the trace above, uncompressed; tracegen's when BENCH_DIFF_PROBES asks for another count
rm -f "$TMP"/df.*
if [ "$DIFF_PROBES" = "$TRACE_PROBES" ] && [ -s "$TMP/ts.trace.zst" ]; then
	zstd -q -d -c "$TMP/ts.trace.zst" >"$TMP/df.a.trace"
	what="the Unicorn trace of bench/gosched above, $tj B/hit (registers changed since the M's previous record)"
else
	"$H/tracegen" "$DIFF_PROBES" "$TMP/df.a.trace"
	what="tracegen's (every register of every record, all changed at each hit), ~0.9 KB/hit"
fi
if [ -s "$TMP/df.a.trace" ] && cp "$TMP/df.a.trace" "$TMP/df.b.trace"; then
	i=0
	while [ $i -lt "$DIFF_RUNS" ]; do
		da=$(wall "$CR" diff "$TMP/df.a.trace" "$TMP/df.b.trace")
		db=$(wall cmp "$TMP/df.a.trace" "$TMP/df.b.trace")
		echo "$da" >>"$TMP/df.w"
		echo "$db" >>"$TMP/df.c"
		div "$da" "$db" >>"$TMP/df.r"
		i=$((i + 1))
	done
fi
rm -f "$TMP"/df.*.trace "$TMP"/ts.*
d=$(div "$(median "$TMP/df.w")" 1000000000)
c=$(div "$(median "$TMP/df.c")" 1000000000)
row diff "crossrt diff, two identical $DIFF_PROBES-probe traces" s "$d" "cmp of the same files" "$c" \
	"$(median "$TMP/df.r")" "<= 3x cmp" "<=" 3 \
	"wall clock, median of $DIFF_RUNS; the traces: $what, uncompressed; the diff walks both record by record in memory that does not grow with them, a thread reading each; what bounds it: it parses every line's JSON (~7,500 instructions a record: member names matched in order, hex and strings scanned byte by byte) where the peer only compares bytes"

for a in $ARCHES; do
	[ "$a" = "$HA" ] && continue
	step "$a under qemu-user"
	Q=$(arch_info "$a" qemu)
	XA=$B/$a/bench
	GA=$B/bench/go/$a
	pair gosched.$a "goroutine switch, $a qemu-user" ns/switch "Go ($a, qemu-user)" "<= 0.25x Go" "<=" 0.25 "" \
		"$Q -E CROSSRT_PROCS=1 -E BENCH_N=200000 $XA/gosched" "$Q -E BENCH_N=200000 $GA/gosched"
	pair chanpingpong.$a "chan ping-pong round trip, $a qemu-user" ns/roundtrip "Go ($a, qemu-user)" "<= 0.5x Go" "<=" 0.5 "" \
		"$Q -E CROSSRT_PROCS=1 -E BENCH_N=100000 $XA/chanpingpong" "$Q -E BENCH_N=100000 $GA/chanpingpong"
	pair panicrecover.$a "panic + recover, $a qemu-user" ns/op "Go ($a, qemu-user)" "<= 0.5x Go" "<=" 0.5 "" \
		"$Q -E CROSSRT_PROCS=1 -E BENCH_N=50000 $XA/panicrecover" "$Q -E BENCH_N=50000 $GA/panicrecover"
done

sh bench/report.sh "$ROWS" "$OUT/results.json" "$RUNS"
exit 0
