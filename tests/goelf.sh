#!/bin/sh
# Go executables as ELF files: natively, stripped, and by their DWARF.
# 1. Natively (the host's ISA under ptrace): the Go programs of
#    tests/gobin.sh and the scenario nilderef, traced, with one P as under
#    qemu there, end as NAME.exit, NAME.out and NAME.err say (crossrt
#    expect), none of crossrt's in their stderr, with runtime.* hits: g
#    named by the goid Go's traceback prints, SIGURG's asynchronous
#    preemption (spin), SIGSEGV become sigpanic (nilderef), pingpong's
#    20,000 parks.  tests/goelf/xfail lists what cannot pass natively.
# 2. Stripped (go build -ldflags='-s -w': no .symtab, no DWARF) on every
#    ISA under Unicorn: probes resolved from .gopclntab, the release from
#    .go.buildinfo, the same probe hits, probe by probe, as the unstripped
#    build's.
# 3. The g/m layout: read from the unstripped build's DWARF, the same
#    offsets as the go1.19 table the stripped build takes, on every ISA; a
#    release crossrt has no table for, without DWARF, is refused naming it.
set -u
. tests/lib.sh
OUT=$B/go
export GOCACHE="$PWD/$OUT/cache" GO111MODULE=off CGO_ENABLED=0 GOFLAGS=-trimpath

PROGS="gopanic recoverhelper pingpong sleepselect goexit stackoverflow spin pipe deferloop nilderef"
dir_of() {
	for d in tests/goelf tests/gobin; do
		[ -f "$d/$1.go" ] && echo "$d" && return
	done
	echo tests/scenarios
}

build() {	# arch name out [ldflags]: build/go/ARCH/OUT, rebuilt when its source is newer
	bin=$OUT/$1/$3
	src=$(dir_of "$2")/$2.go
	[ "$bin" -nt "$src" ] && return 0
	mkdir -p "$OUT/$1"
	GOARCH=$(arch_info "$1" goarch) nice go build ${4:+-ldflags="$4"} -o "$bin" "$src"
}

# name: why tests/goelf/xfail says it cannot pass natively, "" if it does not
xfail() {
	awk -v n="$1" '!/^#/ && $1 == n { $1 = ""; sub(/^ +/, ""); print; exit }' tests/goelf/xfail
}

# name: the probe hits its native trace must have, as "PROBE[=COUNT]" (at least COUNT)
probes_of() {
	case $1 in
	gopanic) echo "runtime.newproc runtime.gopanic runtime.fatalpanic" ;;
	recoverhelper) echo "runtime.gopanic runtime.gorecover runtime.recovery" ;;
	deferloop) echo "runtime.deferproc runtime.deferreturn" ;;
	pingpong) echo "runtime.gopark=20000 runtime.goready=20000" ;;
	spin) echo "runtime.asyncPreempt" ;;
	nilderef) echo "runtime.sigpanic runtime.gorecover" ;;
	*) echo "runtime.schedule" ;;
	esac
}

# name trace stderr: what is wrong with the native trace's runtime.* hits, "" if nothing
native_probes() {
	for pc in $(probes_of "$1"); do
		p=${pc%=*} want=1
		[ "$p" != "$pc" ] && want=${pc#*=}
		got=$(grep -c "\"probe\":\"$p\"" "$2")
		[ "$got" -ge "$want" ] || { echo "$got hits of $p, $want wanted"; return; }
	done
	case $1 in
	gopanic)	# the goroutine Go's traceback names is g of gopanic's hit, on its own stack
		id=$(sed -n 's/^goroutine \([0-9]*\) \[running\]:$/\1/p' "$3")
		case $(grep '"probe":"runtime.gopanic"' "$2") in
		*"\"g\":$id,"*'"sp":"g#'"$id"':top-0x'*'"g":"g#'"$id"'"'*) ;;
		*) echo "runtime.gopanic's hit does not name g#$id (Go's traceback)" ;;
		esac ;;
	nilderef)	# sigpanic returns to the faulting instruction, in main.load (inlined or not)
		grep '"probe":"runtime.sigpanic"' "$2" | grep -q '"lr":"main\.\(try\)\{0,1\}load+0x[0-9a-f]*","tls":[^,]*,"g":"g#1"' ||
			echo "runtime.sigpanic's hit is not g#1's, from main.load" ;;
	esac
}

fail=0 n=0
result() {	# what why [expected-failure reason]
	n=$((n + 1))
	if [ -n "${3:-}" ] && [ -n "$2" ]; then
		echo "XFAIL $1: $3"
	elif [ -n "${3:-}" ]; then
		echo "XPASS $1: expected to fail ($3)"
		fail=$((fail + 1))
	elif [ -n "$2" ]; then
		echo "FAIL  $1: $2"
		fail=$((fail + 1))
	else
		echo "PASS  $1"
	fi
}

# 1. natively
a=$(native_arch)
if [ -z "$a" ]; then
	echo "SKIP  native runs: no ISA runs natively on this host"
fi
for p in ${a:+$PROGS}; do
	build "$a" "$p" "$p" || { result "build $p for $a" "go build failed"; continue; }
	f=$OUT/$a/$p.goelf.native
	"$CROSSRT" run --engine native --arch "$a" --timeout 60 --env GOMAXPROCS=1 --trace "$f.trace" \
		"$OUT/$a/$p" >"$f.stdout" 2>"$f.stderr"
	rc=$?
	why=$(expect --scenarios "$(dir_of "$p")" "$p" "$rc" "$f.stdout" "$f.stderr")
	[ -z "$why" ] && grep -q crossrt "$f.stderr" && why="crossrt in the guest's stderr: $(grep -m1 crossrt "$f.stderr")"
	[ -z "$why" ] && why=$(native_probes "$p" "$f.trace" "$f.stderr")
	result "$p $a native" "$why" "$(xfail "$p")"
done

# 2 and 3. stripped and unstripped on every ISA under Unicorn
hits() {	# trace: its probe hits, counted by probe
	grep -o '"probe":"[^"]*"' "$1" | sort | uniq -c
}
layout() {	# trace: the g/m layout its header names, and where it came from
	head -n 1 "$1" | sed -n 's/.*; layout from \([^:]*\): \([^"]*\)".*/\1|\2/p'
}
for a in $ARCHES; do
	for p in gopanic deferloop; do
		build "$a" "$p" "$p" && build "$a" "$p" "$p-stripped" "-s -w" ||
			{ result "build $p for $a" "go build failed"; continue; }
		for v in "$p" "$p-stripped"; do
			"$CROSSRT" run --engine unicorn --arch "$a" --timeout 10 --trace "$OUT/$a/$v.goelf.trace" \
				"$OUT/$a/$v" >/dev/null 2>&1
		done
		u=$OUT/$a/$p.goelf.trace s=$OUT/$a/$p-stripped.goelf.trace
		why=
		readelf -S "$OUT/$a/$p-stripped" | grep -qE '\.symtab|\.debug_info' && why="the stripped build has .symtab or DWARF"
		[ -z "$why" ] && ! grep -q '"probe":"runtime.gopark"' "$s" && why="no runtime.gopark hit"
		[ -z "$why" ] && [ "$(hits "$u")" != "$(hits "$s")" ] &&
			why="probe hits differ: $(hits "$u" | tr -s ' \n' ' ') / $(hits "$s" | tr -s ' \n' ' ')"
		result "stripped $p $a unicorn: $(grep -c '"probe"' "$s") hits as unstripped" "$why"
	done
	u=$OUT/$a/gopanic.goelf.trace s=$OUT/$a/gopanic-stripped.goelf.trace
	lu=$(layout "$u") ls=$(layout "$s")
	why=
	case $lu in "DWARF|"?*) ;; *) why="unstripped: not from DWARF ($lu)" ;; esac
	case $ls in "the go1.19 table|"?*) ;; *) why="stripped: not from the go1.19 table ($ls)" ;; esac
	[ -z "$why" ] && [ "${lu#*|}" != "${ls#*|}" ] && why="DWARF's ${lu#*|} is not the table's ${ls#*|}"
	result "layout gopanic $a: DWARF's equals the go1.19 table's" "$why"
done

# a release crossrt has no table for, stripped of DWARF: one line naming it
a=${ARCHES%% *}
sed 's/go1\.19\./go1.99./' "$OUT/$a/gopanic-stripped" >"$OUT/$a/gopanic-go199"
chmod +x "$OUT/$a/gopanic-go199"
"$CROSSRT" run --engine unicorn --arch "$a" --trace "$OUT/$a/gopanic-go199.trace" "$OUT/$a/gopanic-go199" \
	>/dev/null 2>"$OUT/$a/gopanic-go199.stderr"
rc=$? why=
[ "$rc" = 0 ] && why="exit 0"
[ "$(wc -l <"$OUT/$a/gopanic-go199.stderr")" = 1 ] &&
	grep -q 'built by Go go1.99.[0-9]* without DWARF: crossrt knows the runtime layout of go1.19 only' \
		"$OUT/$a/gopanic-go199.stderr" || why="$why; stderr: $(head -c 200 "$OUT/$a/gopanic-go199.stderr")"
result "an unknown release without DWARF refused: exit $rc" "$why"

pack_traces "$OUT"
echo "goelf: $((n - fail)) of $n checks as expected"
[ "$fail" = 0 ]
