#!/bin/sh
# make faults: a fault injection campaign.  Each panic scenario runs under
# Unicorn on every ISA with one memory access turned into a SIGSEGV
# (crossrt run --inject-fault N), at points drawn from a seed over the part
# of the run where the runtime's handlers are installed (and a few before
# it), half of them with the fault's address as accessed, half as a nil
# dereference.  Every run must end in one of:
#   completed  the expected output and exit status
#   recovered  the expected exit status and stderr, the fault reported
#              nowhere; stdout differs only by lines naming the nil
#              dereference a defer recovered, or lines the panic skipped
#   fatal      exit 2 with Go's fatal message for this very fault: a
#              `panic: ...' or `fatal error: ...' line and
#              `[signal SIGSEGV: segmentation violation code=0x1 addr=A pc=P]'
#              with the injected address and pc, then a `goroutine N
#              [running]:' traceback, or a fault in the runtime itself
#              (`fatal error: unexpected signal during runtime execution')
#   nohandler  before the runtime installs its signal handlers: killed by
#              the signal with no message, as Linux does to any process
# and its trace must read back (crossrt show) with the injection in its end
# line.  Anything else is BAD: a hang, a host crash, a guest dying some
# other way, output the fault does not explain, a trace that does not parse.
# The classifier itself is checked on a fatal run's files, broken on purpose.
#
# usage: tests/faults.sh [--smoke] [SCENARIO...]
# environment: CROSSRT, B, FAULT_POINTS (per scenario and ISA), FAULT_SEED,
# FAULT_JOBS, FAULT_ARCHES, FAULT_OUT
set -u
. tests/lib.sh
FAULT_SEED=${FAULT_SEED:-1}
JOBS=${FAULT_JOBS:-2}
ARCHES=${FAULT_ARCHES:-$ARCHES}
OUT=${FAULT_OUT:-$B/faults}
SCEN=tests/scenarios

# One injected run, classified: prints "ARCH SCENARIO N KIND CLASS [why]".
one() {
	a=$1 s=$2 n=$3 kind=$4 total=$5
	base=$OUT/$a/$s.$n.$kind
	want=0
	[ -f $SCEN/$s.exit ] && want=$(cat $SCEN/$s.exit)
	timeout 120 "$CROSSRT" run --arch $a --engine unicorn --inject-fault $n --fault-addr $kind \
		--budget $((total * 20 + 1000000)) --timeout 60 --trace $base.trace \
		$OUT/$a/bin/$s >$base.out 2>$base.err
	code=$?
	verdict=$(classify "$code" "$want")
	echo "$a $s $n $kind $verdict"
}

classify() {
	code=$1 want=$2
	if [ "$code" = 124 ]; then
		echo "BAD hang: $(tail -n 1 $base.err)"
		return
	fi
	if ! "$CROSSRT" show --limit 0 $base.trace >/dev/null 2>$base.show; then
		echo "BAD trace does not parse: exit $code, $(head -n 1 $base.show)"
		return
	fi
	end=$(tail -n 1 $base.trace)
	case $end in
	*'"end":true,"exit":'$code,*) ;;
	*) echo "BAD trace end line disagrees with exit $code: $end"; return ;;
	esac
	inj=$(echo "$end" | sed -n 's/.*; injected [a-z]* insn [0-9]* pc \(0x[0-9a-f]*\) addr \(0x[0-9a-f]*\).*/\1 \2/p')
	if [ -z "$inj" ]; then
		echo "BAD no fault injected: $end"
		return
	fi
	pc=${inj% *} addr=${inj#* }
	if [ "$code" = 123 ] && grep -q '^crossrt run: fault: SIGSEGV at pc '$pc' addr '$addr' (no handler)' $base.err &&
	   [ ! -s $base.out ]; then
		echo nohandler
	elif [ "$code" = 2 ] && go_fatal "$pc" "$addr"; then
		echo "fatal $(fatal_message "$pc" "$addr")"
	elif expect "$s" "$code" $base.out $base.err >/dev/null; then
		echo completed
	elif exit_and_err_expected "$code" && ! reported "$pc" "$addr" && only_recovered; then
		echo recovered
	else
		echo "BAD exit $code (want $want or Go's fatal exit 2): $(grep -m 1 . $base.err | cut -c 1-100)"
	fi
}

# The exit status and stderr are as expected (stdout: only_recovered).
exit_and_err_expected() {
	expect "$s" "$1" $SCEN/$s.out $base.err >/dev/null
}

go_fatal() {
	grep -q -E '^(panic|fatal error): ' $base.err &&
	grep -q -F "[signal SIGSEGV: segmentation violation code=0x1 addr=$2 pc=$1]" $base.err &&
	grep -q -E '^goroutine [0-9]+ \[running\]:$|fatal error: unexpected signal during runtime execution$' $base.err
}

# The last `panic:' or `fatal error:' message before the fault's [signal] line
# (a fault while a message is printed starts its own mid-line).
fatal_message() {
	awk -v sig="[signal SIGSEGV: segmentation violation code=0x1 addr=$2 pc=$1]" '
		/^panic: / { m = $0 }
		/fatal error: / { m = substr($0, index($0, "fatal error: ")) }
		index($0, sig) { print substr(m, 1, 60); exit }' $base.err
}

# The fault, or any fatal error the scenario does not expect, reached stderr.
reported() {
	grep -q -F "addr=$2 pc=$1]" $base.err ||
	[ "$(grep -c 'fatal error: ' $base.err)" -gt "$(cat $SCEN/$s.err 2>/dev/null | grep -c 'fatal error: ')" ]
}

# Lines the run printed and the expected output lacks name the recovered nil dereference.
only_recovered() {
	! grep -v -x -F -f $SCEN/$s.out $base.out | grep -q -v -F 'invalid memory address or nil pointer dereference'
}

# Instructions in the uninjected run.
insns_of() {
	"$CROSSRT" run --arch $1 --engine unicorn --trace $OUT/$1/$2.base.trace $OUT/$1/bin/$2 \
		>/dev/null 2>&1
	tail -n 1 $OUT/$1/$2.base.trace | sed -n 's/.*"insns":\([0-9]*\).*/\1/p'
}

# The first point (to within total/256) where the runtime's SIGSEGV handler is installed.
handled_from() {
	lo=1 hi=$3
	while [ $((hi - lo)) -gt $(($3 / 256 + 1)) ]; do
		mid=$(((lo + hi) / 2))
		"$CROSSRT" run --arch $1 --engine unicorn --inject-fault $mid $OUT/$1/bin/$2 >/dev/null 2>$OUT/$1/$2.probe
		if [ $? = 123 ] && grep -q '(no handler)' $OUT/$1/$2.probe; then lo=$mid; else hi=$mid; fi
	done
	echo $hi
}

# POINTS points for (arch, scenario): one in 20 in [1, from), the rest in
# [from, end), end short of the exit system calls, which touch no memory.
points() {
	awk -v seed="$FAULT_SEED" -v key="$1 $2" -v n="$POINTS" -v from="$3" -v end="$(($4 * 99 / 100))" 'BEGIN {
		h = seed % 2147483647
		for (i = 1; i <= length(key); i++)
			h = (h * 31 + index("abcdefghijklmnopqrstuvwxyz0123456789_ ", substr(key, i, 1))) % 2147483647
		for (i = 0; i < n; i++) {
			h = (h * 48271) % 2147483647
			if (i % 20 == 19)
				p = 1 + h % from
			else
				p = from + h % (end > from ? end - from : 1)
			print p, (i % 2 ? "nil" : "accessed")
		}
	}'
}

# The classifier can fail: a fatal run's files pass as they are, and are
# BAD with the trace cut short or without the fault's [signal] line.
selfcheck() {
	set -- $(grep -m 1 ' fatal ' $OUT/results)
	[ $# -ge 4 ] || return 0
	src=$OUT/$1/$2.$3.$4 base=$OUT/selfcheck s=$2 want=0
	[ -f $SCEN/$s.exit ] && want=$(cat $SCEN/$s.exit)
	cp $src.out $base.out && cp $src.err $base.err && cp $src.trace $base.trace || return 1
	case $(classify 2 $want) in fatal*) ;; *) echo "selfcheck: as run: $(classify 2 $want)"; return 1 ;; esac
	head -n 2 $src.trace >$base.trace
	case $(classify 2 $want) in BAD*) ;; *) echo "selfcheck: cut trace: $(classify 2 $want)"; return 1 ;; esac
	cp $src.trace $base.trace
	grep -v 'signal SIGSEGV' $src.err >$base.err
	case $(classify 2 $want) in BAD*) ;; *) echo "selfcheck: no [signal]: $(classify 2 $want)"; return 1 ;; esac
}

jobentry "$@"

POINTS=${FAULT_POINTS:-100}
SCENARIOS="ex1 ex2 ex3 ex4 gopanic deferlifo recoverhelper nilderef"
if [ "${1:-}" = --smoke ]; then
	shift
	POINTS=${FAULT_POINTS:-4}
	SCENARIOS="ex3 recoverhelper nilderef"
	OUT=${FAULT_OUT:-$B/faults-smoke}
fi
[ $# -gt 0 ] && SCENARIOS="$*"
if [ ! -x "$CROSSRT" ]; then
	echo "faults: $CROSSRT not built (make all)" >&2
	exit 2
fi
start=$(date +%s)
mkdir -p $OUT
# copies of crossrt and the programs: a rebuild during the campaign changes neither
cp "$CROSSRT" $OUT/crossrt || exit 2
CROSSRT=$OUT/crossrt FAULT_OUT=$OUT
export CROSSRT B FAULT_OUT FAULT_SEED
jobs=$OUT/jobs
: >$jobs
for a in $ARCHES; do
	mkdir -p $OUT/$a/bin
	for s in $SCENARIOS; do
		if ! cp $B/$a/tests/$s $OUT/$a/bin/$s; then
			echo "faults: no $B/$a/tests/$s (make all)" >&2
			exit 2
		fi
		total=$(insns_of $a $s)
		if [ -z "$total" ] || [ "$total" -lt 1000 ]; then
			echo "faults: $s on $a: no instruction count from an uninjected run" >&2
			exit 2
		fi
		from=$(handled_from $a $s $total)
		echo "$a $s: $total instructions, handlers from about $from" >$OUT/$a/$s.points
		points $a $s $from $total | while read -r n kind; do
			printf '%s\t%s\t%s\t%s\t%s\n' $a $s $n $kind $total
		done >>$jobs
	done
done
parallel one <$jobs >$OUT/results
echo "fault injection: $(wc -l <$jobs) runs, seed $FAULT_SEED, $(($(date +%s) - start)) s"
awk '{ n[$1]++; c[$1 " " $5]++; a[$1] = 1 }
END {
	for (x in a) {
		line = sprintf("  %-8s %4d points:", x, n[x])
		split("completed recovered fatal nohandler BAD", order, " ")
		for (i = 1; i <= 5; i++)
			line = line sprintf(" %s %d", order[i], c[x " " order[i]] + 0)
		print line
	}
}' $OUT/results | sort
echo "  fatal messages:"
awk '$5 == "fatal" { $1 = $2 = $3 = $4 = $5 = ""; sub(/^ +/, ""); m[$0]++ } END { for (x in m) printf "    %5d  %s\n", m[x], x }' \
	$OUT/results | sort -rn
bad=$(grep -c ' BAD ' $OUT/results)
if ! selfcheck; then
	echo "BAD  the classifier passed a broken run ($OUT/selfcheck.*)"
	bad=$((bad + 1))
fi
missing=$(($(wc -l <$jobs) - $(wc -l <$OUT/results)))
if [ "$bad" -gt 0 ] || [ "$missing" != 0 ]; then
	grep ' BAD ' $OUT/results | head -n 20 | while read -r a s n kind rest; do
		echo "BAD  $a $s --inject-fault $n --fault-addr $kind: ${rest#BAD }"
	done
	[ "$missing" != 0 ] && echo "BAD  $missing runs gave no result"
	echo "faults: $bad BAD (details in $OUT/results, runs in $OUT/ARCH/)"
	exit 1
fi
echo "faults: no BAD runs"
