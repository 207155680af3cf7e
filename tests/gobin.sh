#!/bin/sh
# Go binaries under crossrt's engines: Go 1.19 static builds of every
# scenario's Go twin (tests/scenarios/NAME.go) and of tests/gobin/NAME.go, on
# every ISA, run under Unicorn and qemu with as many Ps as the scenario's
# NAME.procs lists at most (tests/gobin/procs says where not).  Each run must
# end as NAME.exit, NAME.out and NAME.err say (crossrt expect, the matrix's
# check), with nothing of crossrt's in the guest's stderr.  Under Unicorn the
# trace must hit a runtime.* probe, name no system call the engine left
# unserved, and be byte-identical on a rerun.  What does not work yet is
# listed in tests/gobin/xfail with its reason: if it starts to work the phase
# fails too, until the list says so.
# Then the traces name Go's runtime: the runtime.* probes tests/gobin/probes
# lists are hit on every ISA under the engines it names, g named by the goid
# Go's own traceback prints, and the runtime.gopanic hits of every program
# tests/gobin/panics lists are EQUAL across ISAs under Unicorn.
# Builds are cached in build/go/ARCH/ (the Go build cache in build/go/cache).
set -u
. tests/lib.sh
OUT=$B/go
mkdir -p "$OUT"
GOCACHE=$(cd "$OUT" && pwd)/cache
export GOCACHE GO111MODULE=off CGO_ENABLED=0 GOFLAGS=-trimpath
[ "$JOBS" -gt 2 ] && JOBS=2

dir_of() {
	[ -f "tests/gobin/$1.go" ] && echo tests/gobin || echo tests/scenarios
}

# the lines of a data file under tests/gobin, without comments
data() {
	grep -v '^#' "tests/gobin/$1"
}

# ENGINE ARCH NAME KIND: the reason tests/gobin/xfail gives that run, if it lists it as KIND
listed() {
	awk -v e="$1" -v a="$2" -v n="$3" -v k="$4" '!/^#/ && $1 == n && ($2 == a || $2 == "*") && $3 == e && $4 == k {
		$1 = $2 = $3 = $4 = ""; sub(/^ +/, ""); print; exit }' tests/gobin/xfail
}

# engine name: the probes its trace must hit there, "" if none are checked
probes_of() {
	data probes | awk -v e="$1" -v n="$2" '$1 == n && ($2 == "both" || $2 == e) { $1 = $2 = ""; sub(/^ +/, ""); print }'
}

# name: how many Ps its run gets
procs_of() {
	p=$(data procs | awk -v n="$1" '$1 == n { print $2 }')
	[ -z "$p" ] && [ -f "tests/scenarios/$1.procs" ] && p=$(tr ' ' '\n' <"tests/scenarios/$1.procs" | sort -n | tail -1)
	echo "${p:-1}"
}

build() {	# arch name: build/go/ARCH/NAME, rebuilt when its source is newer
	bin=$OUT/$1/$2
	src=$(dir_of "$2")/$2.go
	[ "$bin" -nt "$src" ] && return 0
	GOARCH=$(arch_info "$1" goarch) nice go build -o "$bin" "$src" || echo "FAIL  build $2 for $1"
}

# The budget is ten times what the longest of them takes (pingpong on two
# Ps, 27 million instructions); the timeout, three times its time on a
# loaded machine, only ends a run qemu leaves hanging.  Under qemu only the probe checks read
# a trace, and qemu logs each hit slowly (pingpong's 160,000 hits take 20 s).
run() {	# engine arch name tag
	f=$OUT/$2/$3.$1.$4
	p=$(procs_of "$3")
	trace=$f.trace env=
	rm -f "$trace"
	# qemu shows the guest the host's CPUs
	[ "$1" = qemu ] && env=GOMAXPROCS=$p && [ -z "$(probes_of qemu "$3")" ] && trace=
	"$CROSSRT" run --engine "$1" --arch "$2" --timeout 30 --budget 250000000 --procs "$p" \
		${env:+--env "$env"} ${trace:+--trace "$trace"} "$OUT/$2/$3" >"$f.stdout" 2>"$f.stderr"
	echo $? >"$f.exit"
}

# engine arch name: what is wrong with the run, "" if nothing
check() {
	f=$OUT/$2/$3.$1.r1
	why=$(expect --scenarios "$(dir_of "$3")" "$3" "$(cat "$f.exit")" "$f.stdout" "$f.stderr")
	[ -z "$why" ] && grep -q crossrt "$f.stderr" && why="crossrt in the guest's stderr: $(grep crossrt "$f.stderr" | head -1)"
	[ -z "$why" ] && why=$(probes_check "$@")
	[ "$1" != unicorn ] || [ -n "$why" ] && { echo "$why"; return; }
	grep -q '"event":"unknown-syscall"' "$f.trace" &&
		why="unserved: $(grep -o 'syscall [0-9]* ([a-z0-9_]*)' "$f.trace" | sort -u | tr '\n' ' ')"
	if [ -z "$why" ]; then
		run "$1" "$2" "$3" r2
		cmp -s "$f.trace" "$OUT/$2/$3.$1.r2.trace" || why="a rerun's trace differs"
		rm -f "$OUT/$2/$3.$1.r2.trace"
	fi
	echo "$why"
}

# engine arch name: what is wrong with the run's runtime.* probes, "" if nothing
probes_check() {
	f=$OUT/$2/$3.$1.r1
	[ -f "$f.trace" ] || return 0
	grep -q '"probe":"runtime\.' "$f.trace" || { echo "no runtime.* probe hit"; return; }
	for p in $(probes_of "$1" "$3"); do
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

# engine arch name: run it, check it, print its verdict
one() {
	s=$(listed "$1" "$2" "$3" skip)
	[ -n "$s" ] && { echo "SKIP  $3 $2 $1: $s"; return; }
	[ -x "$OUT/$2/$3" ] || { echo "FAIL  $3 $2 $1: not built"; return; }
	run "$1" "$2" "$3" r1
	why=$(check "$1" "$2" "$3")
	x=$(listed "$1" "$2" "$3" xfail)
	if [ -n "$x" ] && [ -n "$why" ]; then
		echo "XFAIL $3 $2 $1: $x"
	elif [ -n "$x" ]; then
		echo "XPASS $3 $2 $1: expected to fail ($x)"
	elif [ -n "$why" ]; then
		echo "FAIL  $3 $2 $1: $why"
	else
		echo "PASS  $3 $2 $1"
	fi
}

jobentry "$@"

PROGS=$(ls tests/scenarios/*.go tests/gobin/*.go | sed 's|.*/||; s|\.go$||')
log=$OUT/gobin.log
for a in $ARCHES; do
	mkdir -p "$OUT/$a"
	for p in $PROGS; do
		printf 'build\t%s\t%s\n' "$a" "$p"
	done
done | parallel >"$log"
for a in $ARCHES; do
	for e in unicorn qemu; do
		case " $(engines "$a") " in *" $e "*) ;; *) continue ;; esac
		for p in $PROGS; do
			printf 'one\t%s\t%s\t%s\n' "$e" "$a" "$p"
		done
	done
done | parallel >>"$log"

# The articles' table for Go: the panic's hit, across ISAs under Unicorn.
data panics | while read -r p ignore; do
	set -- ${ignore:+--ignore "$ignore"}
	for a in $ARCHES; do
		[ -f "$OUT/$a/$p.unicorn.r1.trace" ] && set -- "$@" "$OUT/$a/$p.unicorn.r1.trace"
	done
	d=$OUT/$p.across.txt
	if "$CROSSRT" diff --across arch --probe runtime.gopanic "$@" >"$d" 2>&1 &&
		grep -q '^EQUAL: all [1-9]' "$d" && [ "$(grep -c '^  [a-z0-9_]* *unicorn ' "$d")" = "$(echo $ARCHES | wc -w)" ]; then
		echo "PASS  diff --across arch --probe runtime.gopanic: $p"
	else
		echo "FAIL  diff --across arch --probe runtime.gopanic: $p: $(grep -m1 -E '^(EQUAL|DIFFERENT)|rror' "$d")"
	fi
done >>"$log"
pack_traces "$OUT"
sort -k2,2 -k3,3 -s "$log"
n=$(grep -c . "$log")
fail=$(grep -c -E '^(FAIL|XPASS)' "$log")
echo "gobin: $((n - fail)) of $n checks as expected"
[ "$fail" = 0 ]
