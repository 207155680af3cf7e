#!/bin/sh
# Go binaries under crossrt's engines: Go 1.19 static builds of a few of the
# scenarios' Go twins (tests/scenarios/NAME.go) and of tests/gobin/NAME.go,
# on every ISA, run under Unicorn and qemu.  Each run must end as NAME.exit, NAME.out and NAME.err
# say (crossrt expect, the matrix's check); under Unicorn the trace must
# name no system call the engine left unserved, the guest's stderr must hold
# nothing of crossrt's, and a rerun must give a byte-identical trace.
# What does not work yet is listed below as an expected failure with its
# reason: if it starts to work the phase fails too, until the list says so.
# Then the traces name Go's runtime: runtime.* probe hits on every ISA under
# both engines, g named by the goid Go's own traceback prints, and the
# panic's hit EQUAL across ISAs under Unicorn.
# Builds are cached in build/go/ARCH/ (the Go build cache in build/go/cache).
set -u
. tests/lib.sh
OUT=$B/go
export GOCACHE="$PWD/$OUT/cache" GO111MODULE=off CGO_ENABLED=0 GOFLAGS=-trimpath

# cheap and deterministic: a panic, recover, goroutines and channels, timers
# through the network poller, Goexit in main, Go's stack limit, preemption;
# then a pipe read through the poller, and defers in a loop
PROGS="gopanic recoverhelper pingpong sleepselect goexit stackoverflow spin pipe deferloop"
dir_of() {
	[ -f "tests/gobin/$1.go" ] && echo tests/gobin || echo tests/scenarios
}

# ENGINE ARCH NAME KIND: the reason tests/gobin/xfail gives that run, if it lists it as KIND
listed() {
	awk -v e="$1" -v a="$2" -v n="$3" -v k="$4" '!/^#/ && $1 == n && ($2 == a || $2 == "*") && $3 == e && $4 == k {
		$1 = $2 = $3 = $4 = ""; sub(/^ +/, ""); print; exit }' tests/gobin/xfail
}
# why that run does not end as expected yet, if it does not
xfail() { listed "$1" "$2" "$3" xfail; }
# why that run is not made, if it is not
skip() { listed "$1" "$2" "$3" skip; }

# Go's runtime as probes, checked in the runs' traces.  gopanic: a
# goroutine's panic, fatal; recoverhelper: recover in a deferred call.
# Go 1.19 open-codes both programs' defers; deferloop's defer in a loop
# goes through runtime.deferproc.
PROBES_gopanic="runtime.newproc runtime.gopanic runtime.fatalpanic runtime.gogo runtime.mcall runtime.schedule"
PROBES_recoverhelper="runtime.gopanic runtime.gorecover runtime.recovery runtime.deferreturn"
PROBES_deferloop="runtime.deferproc runtime.deferreturn"

# name: the probes its traces must hit, "" if none are checked
probes_of() {
	eval "echo \"\${PROBES_$1:-}\""
}

# Go's name for an ISA
goarch() {
	arch_info "$1" goarch
}

build() {	# arch name: build/go/ARCH/NAME, rebuilt when its source is newer
	bin=$OUT/$1/$2
	src=$(dir_of "$2")/$2.go
	[ "$bin" -nt "$src" ] && return 0
	mkdir -p "$OUT/$1"
	GOARCH=$(goarch "$1") nice go build -o "$bin" "$src"
}

# One P: Unicorn shows the guest one CPU (sched_getaffinity), qemu the
# host's, where Go would run goexit's worker beside main.  The budget is
# ten times what the longest of them takes, the timeout ten times its time.
run() {	# engine arch name tag
	f=$OUT/$2/$3.$1.$4
	procs=
	[ "$1" = qemu ] && procs=GOMAXPROCS=1
	# under qemu only the probe checks read a trace, and qemu logs each hit
	# slowly (pingpong's 140,000 hits take 20 s)
	trace=$f.trace
	rm -f "$trace"
	[ "$1" = qemu ] && [ -z "$(probes_of "$3")" ] && trace=
	"$CROSSRT" run --engine "$1" --arch "$2" --timeout 10 --budget 250000000 ${procs:+--env $procs} \
		${trace:+--trace "$trace"} "$OUT/$2/$3" >"$f.stdout" 2>"$f.stderr"
	echo $? >"$f.exit"
}

# engine arch name: what is wrong with the run, "" if nothing
check() {
	f=$OUT/$2/$3.$1.r1
	why=$(expect --scenarios "$(dir_of "$3")" "$3" "$(cat "$f.exit")" "$f.stdout" "$f.stderr")
	[ -z "$why" ] && grep -q crossrt "$f.stderr" && why="crossrt in the guest's stderr: $(grep crossrt "$f.stderr" | head -1)"
	[ "$1" != unicorn ] && { echo "$why"; return; }
	[ -z "$why" ] && grep -q '"event":"unknown-syscall"' "$f.trace" &&
		why="unserved: $(grep -o 'syscall [0-9]* ([a-z0-9_]*)' "$f.trace" | sort -u | tr '\n' ' ')"
	if [ -z "$why" ]; then
		run "$1" "$2" "$3" r2
		cmp -s "$f.trace" "$OUT/$2/$3.$1.r2.trace" || why="a rerun's trace differs"
	fi
	echo "$why"
}

fail=0 n=0
for a in $ARCHES; do
	for p in $PROGS; do
		build "$a" "$p" || { echo "FAIL  build $p for $a"; fail=$((fail + 1)); continue; }
	done
	for e in unicorn qemu; do
		case " $(engines "$a") " in *" $e "*) ;; *) continue ;; esac
		for p in $PROGS; do
			[ -x "$OUT/$a/$p" ] || continue
			s=$(skip "$e" "$a" "$p")
			[ -n "$s" ] && { echo "SKIP  $p $a $e: $s"; continue; }
			n=$((n + 1))
			run "$e" "$a" "$p" r1
			why=$(check "$e" "$a" "$p")
			x=$(xfail "$e" "$a" "$p")
			if [ -n "$x" ] && [ -n "$why" ]; then
				echo "XFAIL $p $a $e: $x"
			elif [ -n "$x" ]; then
				echo "XPASS $p $a $e: expected to fail ($x)"
				fail=$((fail + 1))
			elif [ -n "$why" ]; then
				echo "FAIL  $p $a $e: $why"
				fail=$((fail + 1))
			else
				echo "PASS  $p $a $e"
			fi
		done
	done
done

# engine arch name: what is wrong with the run's runtime.* probes, "" if nothing
probes_check() {
	f=$OUT/$2/$3.$1.r1
	for p in $(probes_of "$3"); do
		grep -q "\"probe\":\"$p\"" "$f.trace" || { echo "no hit of $p"; return; }
	done
	if [ "$1" = qemu ]; then
		grep -q '"go":"go1\.19[.0-9]*: code named by symbol; g, m and stacks not named' "$f.trace" ||
			echo "the header does not say what is named"
		return
	fi
	[ "$3" = gopanic ] || return 0
	# the goroutine Go's traceback names must be the g of runtime.gopanic's hit, on its own stack
	id=$(sed -n 's/^goroutine \([0-9]*\) \[running\]:$/\1/p' "$f.stderr")
	hit=$(grep '"probe":"runtime.gopanic"' "$f.trace")
	case $hit in
	*"\"g\":$id,"*'"sp":"g#'"$id"':top-0x'*'"g":"g#'"$id"'"'*) ;;
	*) echo "runtime.gopanic's hit does not name g#$id (Go's traceback): $(echo "$hit" | cut -c1-200)" ;;
	esac
}

for a in $ARCHES; do
	for e in unicorn qemu; do
		case " $(engines "$a") " in *" $e "*) ;; *) continue ;; esac
		for p in gopanic recoverhelper deferloop; do
			n=$((n + 1))
			if [ -f "$OUT/$a/$p.$e.r1.trace" ]; then
				why=$(probes_check "$e" "$a" "$p")
			else
				why="no trace"
			fi
			if [ -n "$why" ]; then
				echo "FAIL  probes $p $a $e: $why"
				fail=$((fail + 1))
			else
				echo "PASS  probes $p $a $e"
			fi
		done
	done
done

# The articles' table for Go: the panic's hit, across ISAs under Unicorn.
set --
for a in $ARCHES; do
	[ -f "$OUT/$a/gopanic.unicorn.r1.trace" ] && set -- "$@" "$OUT/$a/gopanic.unicorn.r1.trace"
done
n=$((n + 1))
if "$CROSSRT" diff --across arch --probe runtime.gopanic "$@" >"$OUT/gopanic.across.txt" 2>&1 &&
	grep -q '^EQUAL' "$OUT/gopanic.across.txt" && [ $# = "$(echo $ARCHES | wc -w)" ]; then
	echo "PASS  diff --across arch --probe runtime.gopanic: gopanic on $# ISAs"
else
	echo "FAIL  diff --across arch --probe runtime.gopanic: $(grep -m1 -E '^(EQUAL|DIFFERENT)' "$OUT/gopanic.across.txt")"
	fail=$((fail + 1))
fi
echo "gobin: $((n - fail)) of $n checks as expected"
[ "$fail" = 0 ]
