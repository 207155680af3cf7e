# What the test and bench scripts share.  Source it from the top of the tree:
#	. tests/lib.sh
# ARCHES	the ISAs, from arches.mk (the Makefile's list)
# B, CROSSRT	the build folder and the crossrt command (environment overrides)
# JOBS		how many jobs `parallel` runs at a time (default: one per CPU)
# No script names an ISA: what differs between them is asked of crossrt.
ARCHES=$(sed -n 's/^ARCHES *:= *//p' arches.mk)
B=${B:-build}
CROSSRT=${CROSSRT:-$B/host/crossrt}
JOBS=${JOBS:-$(nproc)}

# arch_info ARCH KEY: a line of `crossrt arch ARCH` (qemu, cc, engines) without its key
arch_info() {
	"$CROSSRT" arch "$1" | sed -n "s/^$2 //p"
}

# engines ARCH: the engines that run ARCH on this host
engines() {
	arch_info "$1" engines
}

# pick ARCH ENGINE...: the first of the engines that runs ARCH here
pick() {
	a=$1
	shift
	for e in "$@"; do
		case " $(engines "$a") " in *" $e "*) echo "$e"; return ;; esac
	done
}

# native_arch: the ISA the native engine runs (the host's), if any
native_arch() {
	for a in $ARCHES; do
		[ "$(pick "$a" native)" = native ] && echo "$a" && return
	done
}

# gobuild ARCH SRC: Go 1.19's static build of SRC (NAME.go) for ARCH,
# $B/go/ARCH/NAME, rebuilt when SRC is newer, its path printed; the Go
# build cache is $B/go/cache, as in tests/gobin.sh (cold: ~50 s for the
# standard library on four ISAs; warm: ~1 s a program).
gobuild() {
	bin=$B/go/$1/$(basename "$2" .go)
	if ! [ "$bin" -nt "$2" ]; then
		mkdir -p "$B/go/$1"
		GOCACHE="$PWD/$B/go/cache" GO111MODULE=off CGO_ENABLED=0 GOFLAGS=-trimpath \
			GOARCH=$(arch_info "$1" goarch) nice go build -o "$bin" "$2" || return 1
	fi
	echo "$bin"
}

# trace_states TRACE: "probe  state" for each of its records with a state, runtime. dropped
trace_states() {
	sed -n 's/^{"seq":[0-9]*,"probe":"\([^"]*\)".*"state":"\(\([^"\\]\|\\.\)*\)".*/\1  \2/p' "$1" |
		sed 's/\\"/"/g; s/^runtime\.//' | awk '{ p = $1; $1 = ""; printf "%-12s%s\n", p, $0 }'
}

# expect NAME STATUS STDOUT STDERR: is a run of tests/scenarios/NAME as its
# .exit, .out and .err (or .fatal) say?  crossrt expect, the matrix's own
# check: the exit status says; why not is printed.
expect() {
	"$CROSSRT" expect "$@"
}

# parallel [FUNC]: for each line of standard input, FUNC with the line's
# tab-separated fields as its arguments (without FUNC, the first field names
# the function), $JOBS at a time, output as the jobs end.  Each job is the
# script run again with --job: it calls `jobentry "$@"` once its functions are
# defined and before it does anything else.
parallel() {
	xargs -d '\n' -n 1 -P "$JOBS" sh "$0" --job "$@"
}

jobentry() {
	[ "${1:-}" = --job ] || return 0
	shift
	fn=
	[ $# = 2 ] && fn=$1 && shift
	IFS=$(printf '\t')
	set -f
	# shellcheck disable=SC2086
	set -- $1
	unset IFS
	set +f
	${fn:+"$fn"} "$@"
	exit
}

# dir: compress the traces over 1 MB under dir (every crossrt command reads
# NAME.trace.zst as it reads NAME.trace; zstdcat shows it), to keep build/ small
pack_traces() {
	find "$1" -name '*.trace' -size +1M -exec zstd -q --rm -f {} +
}
