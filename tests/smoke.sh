#!/bin/sh
# The crossrt command given as $1 (a sanitizer build) runs, traces and diffs
# a few scenarios on every ISA and engine (crossrt matrix, which fails a run
# or diff with a sanitizer's report in its output, and writes its report),
# then shows and exports each trace; any sanitizer report fails it.
set -u
CROSSRT=$1
. tests/lib.sh
OUT=$B/smoke
"$CROSSRT" matrix --out "$OUT" gosched3 ex1 nilderef >"$OUT.log" 2>&1
status=$?
grep -E '^(FAIL|XPASS|matrix:)' "$OUT.log" | sed 's/^matrix:/smoke: matrix:/'
if grep -Eq 'Sanitizer|\.c:[0-9]+:[0-9]+: runtime error' "$OUT.log"; then
	echo "FAIL  crossrt matrix: $(grep -Em1 'Sanitizer|\.c:[0-9]+:[0-9]+: runtime error' "$OUT.log")"
	status=1
fi
shown=0
for t in "$OUT"/runs/*.trace; do
	"$CROSSRT" show --limit 3 "$t" >/dev/null 2>"$t.show.err"
	"$CROSSRT" export --format chrome "$t" -o "$t.json" 2>>"$t.show.err" || status=1
	if grep -Eq 'Sanitizer|\.c:[0-9]+:[0-9]+: runtime error' "$t.show.err"; then
		echo "FAIL  crossrt show $t: $(grep -Em1 'Sanitizer|\.c:[0-9]+:[0-9]+: runtime error' "$t.show.err")"
		status=1
	fi
	shown=$((shown + 1))
done
echo "smoke: show, export: $shown traces"
exit $status
