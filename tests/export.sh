#!/bin/sh
# crossrt export --format chrome: traces of the panic scenario (ex1) under
# Unicorn and qemu on two ISAs, and of the steal scenario with two Ps, give
# valid JSON whose structure is the trace's, counted here with jq from the
# trace itself: a slice per goroutine run, a track per M, no two slices of
# a track overlapping, an instant per gopanic, the instruction clock under
# Unicorn.  A malformed trace is refused with one line and no output.
set -u
. tests/lib.sh
OUT=$B/export
rm -rf "$OUT"
mkdir -p "$OUT"
pass=0 fail=0
set -- $ARCHES
isas="$1 $2"

check() {	# what: ok when the rest of the arguments, run, succeed
	what=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
	else
		echo "FAIL  export: $what"
		fail=$((fail + 1))
	fi
}

recs() {	# trace: its records, one JSON array
	jq -s '[.[] | select(has("seq"))]' "$1"
}

# The runs of a trace: per M, the stretches of consecutive hits on one goroutine.
runs() {
	recs "$1" | jq 'group_by(.m) | map(reduce .[] as $r ({g: null, n: 0};
		if $r.g < 0 then .g = null elif .g == $r.g then . else .g = $r.g | .n += 1 end) | .n) | add // 0'
}

same() {	# what a b
	[ "$2" = "$3" ] || { echo "      $1: $2, the trace says $3"; return 1; }
}

structure() {	# trace json engine
	t=$1 j=$2
	valid=$(jq -e . "$j" >/dev/null 2>&1 && echo yes)
	same "valid JSON" "$valid" yes || return 1
	same "slices" "$(jq '[.traceEvents[] | select(.ph == "X")] | length' "$j")" "$(runs "$t")" || return 1
	same "tracks" "$(jq '[.traceEvents[] | select(.name == "thread_name")] | length' "$j")" \
		"$(recs "$t" | jq 'map(.m) | unique | length')" || return 1
	same "gopanic instants" "$(jq '[.traceEvents[] | select(.ph == "i" and .name == "gopanic")] | length' "$j")" \
		"$(recs "$t" | jq 'map(select(.probe == "gopanic")) | length')" || return 1
	same "overlapping slices" "$(jq '[.traceEvents[] | select(.ph == "X")] | group_by(.tid)
		| map(sort_by(.ts) | [range(1; length) as $i | select(.[$i].ts < .[$i - 1].ts + .[$i - 1].dur)] | length)
		| add' "$j")" 0 || return 1
	if [ "$3" = unicorn ]; then
		same "clock" "$(jq -r .otherData.clock "$j")" instructions || return 1
		same "first slice's start" "$(jq '[.traceEvents[] | select(.ph == "X") | .ts] | min' "$j")" \
			"$(recs "$t" | jq 'map(.insns) | min')" || return 1
	else
		same "clock" "$(jq -r .otherData.clock "$j")" sequence || return 1
	fi
}

export_one() {	# name arch engine procs
	t=$OUT/$1.$2.$3.trace j=$OUT/$1.$2.$3.json
	"$CROSSRT" run --arch "$2" --engine "$3" --procs "$4" --env CROSSRT_PREEMPTOFF=1 --trace "$t" \
		"$B/$2/tests/$1" >/dev/null 2>&1
	check "$1 $2 $3: export" "$CROSSRT" export --format chrome "$t" -o "$j"
	check "$1 $2 $3: structure" structure "$t" "$j" "$3"
}

for a in $isas; do
	for e in unicorn qemu; do
		case " $(engines "$a") " in *" $e "*) export_one ex1 "$a" "$e" 1 ;; esac
	done
done
export_one steal "$1" unicorn 2
check "ex1 has a panic instant" test "$(jq '[.traceEvents[] | select(.cat == "panic")] | length' \
	"$OUT/ex1.$1.unicorn.json")" -gt 0
t=$OUT/steal.$1.unicorn
stolen=$(recs "$t.trace" | jq 'group_by(.m) | map(. as $h | [range(1; length)
	| select($h[. - 1].probe == "runqsteal" and $h[.].probe == "execute")] | length) | add')
check "steal has two Ms and $stolen steals that took a goroutine" test "$(jq '.otherData.ms' "$t.json")" = 2 -a \
	"$stolen" -gt 0 -a "$(jq '[.traceEvents[] | select(.cat == "steal" and .args.stole)] | length' "$t.json")" = "$stolen"

# Names with a control character and bytes that are not UTF-8 still give valid JSON.
sed '1s/"prog":"ex1"/"prog":"ex1\\u0001\xff\xc3\xa9"/' "$OUT/ex1.$1.unicorn.trace" >"$OUT/odd.trace"
"$CROSSRT" export --format chrome "$OUT/odd.trace" -o "$OUT/odd.json"
check "odd bytes in a name: $(jq -c .otherData.prog "$OUT/odd.json" 2>&1)" \
	test "$(jq -c .otherData.prog "$OUT/odd.json" 2>&1)" = "$(printf '"ex1\\u0001\357\277\275\303\251"')"

# A compressed trace (run --trace NAME.zst) exports as the plain one does.
t=$OUT/ex1.$1.unicorn
"$CROSSRT" run --arch "$1" --engine unicorn --procs 1 --env CROSSRT_PREEMPTOFF=1 --trace "$t.trace.zst" "$B/$1/tests/ex1" >/dev/null 2>&1
"$CROSSRT" export --format chrome "$t.trace.zst" -o "$t.zst.json"
check "a compressed trace holds the plain one and exports the same" \
	sh -c 'zstd -q -d -c "$1.trace.zst" | cmp -s - "$1.trace" && cmp -s "$1.json" "$1.zst.json"' - "$t"

# A malformed trace: a clear one-line error, exit 2, no output left behind.
head -c 300 "$OUT/ex1.$1.unicorn.trace" >"$OUT/bad.trace"
"$CROSSRT" export --format chrome "$OUT/bad.trace" -o "$OUT/bad.json" 2>"$OUT/bad.err"
code=$?
check "a malformed trace: exit $code, $(cat "$OUT/bad.err")" \
	test $code = 2 -a "$(wc -l <"$OUT/bad.err")" = 1 -a ! -e "$OUT/bad.json"
check "a malformed trace names the line" grep -q "bad.trace:2:" "$OUT/bad.err"

echo "export: $pass passed, $fail failed"
[ $fail = 0 ]
