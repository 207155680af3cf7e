#!/bin/sh
# Usage: run.sh SECONDS FUZZER...   (build/fuzz/fuzz_NAME)
# With SECONDS > 0, fuzz each target for that long from tests/fuzz/corpus/NAME,
# new inputs going to build/fuzz/work/NAME and crashers to build/fuzz/crash/NAME;
# then (and with SECONDS = 0, only) run every corpus and regression input once.
# Exit status 1 if any run crashed, leaked or timed out.
set -u
secs=$1
shift
status=0
opts="-timeout=5 -rss_limit_mb=2048"

fuzz() {
	bin=$1 name=$2
	work=build/fuzz/work/$name crash=build/fuzz/crash/$name
	log=build/fuzz/$name.log
	mkdir -p "$work" "$crash"
	start=$(date +%s)
	"$bin" $opts -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$crash/" \
		"$work" "tests/fuzz/corpus/$name" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	echo "fuzz $name: ${execs:-?} executions in $(($(date +%s) - start)) s, corpus $(ls "$work" | wc -l) inputs"
	if [ $rc != 0 ]; then
		grep -m3 -E '^==[0-9]+==ERROR|SUMMARY|runtime error|ALARM|out-of-memory' "$log"
		echo "fuzz $name: FAILED (exit $rc), log $log, inputs in $crash/:"
		ls "$crash"
		status=1
	fi
}

replay() {
	bin=$1 name=$2
	log=build/fuzz/$name.replay.log
	set -- $(find "tests/fuzz/corpus/$name" "tests/fuzz/regress/$name" -type f 2>/dev/null | sort)
	if [ $# = 0 ]; then
		echo "replay $name: no inputs in tests/fuzz/corpus/$name"
		status=1
		return
	fi
	if "$bin" $opts "$@" >"$log" 2>&1; then
		echo "replay $name: $# inputs ok"
	else
		grep -m3 -E '^==[0-9]+==ERROR|SUMMARY|runtime error|ALARM|out-of-memory' "$log"
		echo "replay $name: FAILED on $(sed -n 's/^Running: //p' "$log" | tail -1), log $log"
		status=1
	fi
}

for bin in "$@"; do
	name=${bin##*/fuzz_}
	[ "$secs" -gt 0 ] && fuzz "$bin" "$name"
	replay "$bin" "$name"
done
exit $status
