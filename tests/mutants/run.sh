#!/bin/sh
# Run each mutant built by build.sh through the matrix (the mutated ISA and
# an unmutated one to diff it against, under the engine the catalogue names) and check that it is caught as
# tests/mutants/catalogue expects.  Writes build/mutants/results.tsv for the
# report; prints one line per mutant; exits 1 if any mutant survived or was
# caught by something other than what the catalogue says.  A mutant that
# runs away (a lost loop counter) ends at the instruction budget; the traces
# of a mutant caught as expected are removed, its report stays.
# Usage: run.sh [NAME...]   (default: every mutant)
set -u
. tests/lib.sh
M=$B/mutants
cat=tests/mutants/catalogue
# 50 times the longest run of the scenarios the catalogue names (about 100k
# instructions), well before a runaway's trace outgrows the disk; twice what
# a NAME.vtime scenario needs for sysmon's 10 ms (virtual, 1 ns an
# instruction) where the mutant runs one
BUDGET=5000000
VTIME_BUDGET=25000000

budget_for() {	# comma-separated scenarios
	for s in $(echo "$1" | tr ',' ' '); do
		[ -f "tests/scenarios/$s.vtime" ] && { echo $VTIME_BUDGET; return; }
	done
	echo $BUDGET
}

check_one() {	# name arch file engine scenarios expect | what...
	name=$1 arch=$2 file=$3 engine=$4 scens=$5 expect=$6
	shift 6
	[ "${1:-}" = "|" ] && shift
	what=$*
	out=$M/$name/report
	# The mutated ISA, and another to diff it against (not natively: no ISA diff there).
	arches=$arch
	[ "$engine" = native ] || arches="$arch,$(ref_arch "$arch")"
	"$CROSSRT" matrix --arch "$arches" --engine "$engine" --jobs 1 --timeout 20 --budget "$(budget_for "$scens")" \
		--bin "$arch=$M/$name/$arch/tests" --out "$out" $(echo "$scens" | tr ',' ' ') >"$out.txt" 2>&1
	kind=${expect%%:*} arg=${expect#*:}
	case $kind in
	# the probe at the first divergence, in any of the traces ("[probe gosched/goexit]")
	diff) caught=$(grep -m1 -E "^FAIL  diff .*\[probe ([^]/]*/)*$arg(/[^]]*)?\]" "$out.txt") ;;
	run)
		case $arg in
		exit) pat="exit status" ;;
		stdout) pat="stdout differs" ;;
		*) pat="stderr head differs" ;;
		esac
		caught=$(grep -m1 "^FAIL  run [^ ]* $arch .*: $pat" "$out.txt") ;;
	*) caught= ;;
	esac
	first=$(grep -m1 '^FAIL' "$out.txt" | cut -c7- | cut -c1-200)
	if ! grep -q '^matrix: ' "$out.txt"; then
		result=error by="crossrt matrix did not finish: $(head -n 1 "$out.txt" | cut -c1-200)"
	elif [ -n "$caught" ]; then
		result=caught by=$(echo "$caught" | cut -c7- | cut -c1-400)
	elif [ -n "$first" ]; then
		result=misjudged by="$first"
	else
		result=survived by="passes every check"
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$arch" "$file" "$what" "$expect" "$result" "$by" >"$M/$name/result.tsv"
	[ $result = caught ] && rm -f "$out"/runs/*.trace
}

ref_arch() {	# the first other ISA
	for a in $ARCHES; do
		[ "$a" = "$1" ] || { echo "$a"; return; }
	done
}

list() {
	grep -v '^#' "$cat" | grep -v '^$' | while read -r name rest; do
		if [ $# -gt 0 ]; then
			case " $* " in *" $name "*) ;; *) continue ;; esac
		fi
		echo "$name $rest"
	done
}

jobentry "$@"
list "$@" | tr ' ' '\t' | parallel check_one
status=0
: >"$M/results.tsv"
for n in $(list "$@" | cut -d' ' -f1); do
	r=$M/$n/result.tsv
	[ -f "$r" ] || { echo "mutant $n: no result"; status=1; continue; }
	cat "$r" >>"$M/results.tsv"
	IFS='	' read -r name arch file what expect result by <"$r"
	case $result in
	caught) echo "mutant $name caught: $by" ;;
	survived) echo "mutant $name survived (expected $expect)"; status=1 ;;
	error) echo "mutant $name: $by"; status=1 ;;
	*) echo "mutant $name not caught as expected ($expect): $by"; status=1 ;;
	esac
done
exit $status
