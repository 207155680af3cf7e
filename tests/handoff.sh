#!/bin/sh
# Beyond the matrix: a traced hit opened in gdb, and a matrix split in shards.
# debug: on every ISA, `crossrt debug --at SEQ` stops gdb at a hit deep in a
# qemu trace (alternate's 6th gogo_resume, gopanic's deferproc on goroutine
# 2's stack); gdb's own `info registers` must give the pc, sp and the role
# registers (fp, or the first two arguments) the trace holds for that hit
# (and so for a Unicorn trace of the last ISA, rerun under qemu);
# `--first-divergence` must stop where a trace and an altered copy differ.
# shards: shards 1/2 and 2/2 of a three-scenario matrix on two ISAs (with a
# skipped diff and an unexpected pass among its verdicts), merged by
# `crossrt report --merge`, hold the same cells with the same verdicts, in
# the same order, as the matrix run whole, in results.tsv and in JUnit; a
# merge with a shard missing is refused.
set -u
. tests/lib.sh
OUT=$B/handoff
rm -rf "$OUT"
mkdir -p "$OUT"
pass=0 fail=0

ok() { echo "PASS  $*"; pass=$((pass + 1)); }
bad() { echo "FAIL  $*"; fail=$((fail + 1)); }

# role TRACE SEQ NAME: the trace's value of role NAME at record SEQ, as crossrt
# show gives it (a record may leave a role's value to its register)
role() {
	"$CROSSRT" show "$1" | awk -v s="#$2" -v r="$3" '
		$1 ~ /^#[0-9]/ { on = $1 == s }
		on && $1 == r && $2 ~ /^[0-9a-f]+$/ { print "0x" $2; exit }'
}

# seq_of TRACE PROBE N: the seq of the Nth hit of PROBE
seq_of() {
	grep "\"probe\":\"$2\"" "$1" | sed -n "$3{s/^{\"seq\":\([0-9]*\),.*/\1/p;q}"
}

# debug_hit ENGINE ARCH SCENARIO PROBE N ROLE=GDBREG...: the Nth hit of PROBE in a trace by ENGINE in gdb, role by role
debug_hit() {
	e=$1 a=$2 s=$3 p=$4 n=$5
	shift 5
	t=$OUT/$s.$a.$e.trace log=$OUT/$s.$a.$e.$p.gdb
	"$CROSSRT" run --arch "$a" --engine "$e" --env CROSSRT_PREEMPTOFF=1 --trace "$t" \
		"$B/$a/tests/$s" >/dev/null 2>&1
	seq=$(seq_of "$t" "$p" "$n")
	regs="$(reg "$a" pc) $(reg "$a" sp)"
	for rr in "$@"; do regs="$regs ${rr#*=}"; done
	if [ -z "$seq" ]; then
		bad "debug $a $e $s: no hit $n of $p in $t"
		return
	fi
	"$CROSSRT" debug "$t" --at "$seq" --timeout 60 --exec "info registers $regs" >"$log" 2>&1
	code=$?
	why=
	for rr in "pc=$(reg "$a" pc)" "sp=$(reg "$a" sp)" "$@"; do
		want=$(role "$t" "$seq" "${rr%=*}")
		got=$(awk -v r="${rr#*=}" '$1 == r && $2 ~ /^0x/ { v = $2 } END { print v }' "$log")
		[ -n "$want" ] && [ "$got" = "$want" ] || why="$why ${rr%=*} (${rr#*=}) gdb ${got:-none}, trace ${want:-none};"
	done
	if [ $code = 0 ] && [ -z "$why" ]; then
		ok "debug $a $e $s #$seq ($p hit $n): gdb's $regs equal the trace's"
	else
		bad "debug $a $e $s #$seq ($p hit $n): exit $code;$why see $log"
	fi
}

# reg ARCH ROLE: the register that holds ROLE, by the name the traces and gdb give it
reg() {
	arch_info "$1" roles | tr ' ' '\n' | sed -n "s/^$2=//p"
}

for a in $ARCHES; do
	debug_hit qemu "$a" alternate gogo_resume 6 "fp=$(reg "$a" fp)"
	debug_hit qemu "$a" gopanic deferproc 1 "a0=$(reg "$a" a0)" "a1=$(reg "$a" a1)"
done
# A Unicorn trace reruns under qemu: raw registers agree across engines.
a=${ARCHES##* }
debug_hit unicorn "$a" alternate gogo_resume 6 "fp=$(reg "$a" fp)"

# --first-divergence: a copy of a trace with one record's goroutine changed
# diverges there, and debug stops there (not its M: a record's registers are
# read against its M's previous record).
a=${ARCHES%% *}
t=$OUT/alternate.$a.qemu.trace
seq=$(seq_of "$t" gogo_resume 6)
sed "/^{\"seq\":$seq,/s/\"g\":[-0-9][0-9]*/\"g\":77/" "$t" >"$OUT/altered.trace"
"$CROSSRT" debug "$t" --first-divergence "$OUT/altered.trace" --timeout 60 --exec "info registers" \
	>"$OUT/diverge.gdb" 2>&1
code=$?
if [ $code = 0 ] && [ -n "$seq" ] && grep -q "^stopped at #$seq gogo_resume: hit 6 " "$OUT/diverge.gdb"; then
	ok "debug $a --first-divergence: stopped at #$seq, where the traces first differ"
else
	bad "debug $a --first-divergence: exit $code, not stopped at #${seq:-?}: see $OUT/diverge.gdb"
fi

# cells DIR: each job of a matrix's results.tsv and JUnit file as "name verdict", in order
cells() {
	awk -F '\t' '$1 == "job" { print $15 "\t" $9 }' "$1/results.tsv"
	sed -n 's/.*<testcase classname="[^"]*" name="\([^"]*\)">\(<failure\|<skipped\|<system-out\)\{0,1\}.*/\1 \2/p' \
		"$1/junit.xml"
}

# Three deterministic scenarios, one not diffed (a .nodiff of our own) and one
# run listed as an expected failure: its pass is an XPASS, a failure.
SC=$OUT/scenarios
mkdir -p "$SC"
for s in gopanic deferlifo ex3; do cp tests/scenarios/$s.* "$SC/"; done
echo "not diffed here, to have skipped cells" >"$SC/deferlifo.nodiff"
a=${ARCHES%% *}
echo "ex3 $a unicorn listed so that the merged report must keep an unexpected pass" >"$OUT/xfail"
two=$(echo $ARCHES | awk '{ print $1 "," $2 }')
M="--jobs 2 --arch $two --engine qemu,unicorn --scenarios $SC --xfail $OUT/xfail"
SCEN="gopanic deferlifo ex3"
"$CROSSRT" matrix $M --out "$OUT/whole" $SCEN >"$OUT/whole.txt" 2>&1
"$CROSSRT" matrix $M --out "$OUT/shard1" --shard 1/2 $SCEN >"$OUT/shard1.txt" 2>&1
"$CROSSRT" matrix $M --out "$OUT/shard2" --shard 2/2 $SCEN >"$OUT/shard2.txt" 2>&1
"$CROSSRT" report --merge "$OUT/shard1" "$OUT/shard2" --out "$OUT/merged" >"$OUT/merged.txt" 2>&1
code=$?
cells "$OUT/whole" >"$OUT/whole.cells"
cells "$OUT/merged" >"$OUT/merged.cells"
n1=$(grep -c '^job' "$OUT/shard1/results.tsv")
n2=$(grep -c '^job' "$OUT/shard2/results.tsv")
if [ $code = 1 ] && [ "$n1" -gt 0 ] && [ "$n2" -gt 0 ] && [ -s "$OUT/merged/index.html" ] &&
	grep -q 'skipped$' "$OUT/whole.cells" && grep -q 'xpass$' "$OUT/whole.cells" &&
	cmp -s "$OUT/whole.cells" "$OUT/merged.cells"; then
	ok "shards: 1/2 ($n1 jobs) and 2/2 ($n2 jobs) merged give the whole matrix's $(wc -l <"$OUT/whole.cells") cells and verdicts"
else
	bad "shards: merged (exit $code; $n1 + $n2 jobs) differ from the whole matrix: diff $OUT/whole.cells $OUT/merged.cells"
fi
if "$CROSSRT" report --merge "$OUT/shard2" --out "$OUT/half" >"$OUT/half.txt" 2>&1; then
	bad "shards: report --merge of shard 2/2 alone passed"
elif grep -q "shard 1/2 is missing" "$OUT/half.txt"; then
	ok "shards: report --merge of shard 2/2 alone says shard 1/2 is missing"
else
	bad "shards: report --merge of shard 2/2 alone: $(head -1 "$OUT/half.txt")"
fi

echo "handoff: $pass passed, $fail failed"
[ $fail = 0 ]
