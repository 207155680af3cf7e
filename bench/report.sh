#!/bin/sh
# report.sh ROWS.tsv RESULTS.json RUNS: print the benchmark table and
# write it as JSON.  A row: id, figure, unit, crossrt, peer, peer value,
# ratio, goal, met, note (tab-separated; nan for a missing value).
rows=$1 json=$2 runs=$3

awk -F '\t' '
function num(v) { return v == "nan" || v == "-" ? "-" : sprintf("%.4g", v) }
BEGIN {
	printf "%-50s %-16s %12s  %-28s %12s %9s  %-26s %s\n", "figure", "unit", "crossrt", "peer", "peer value", "ratio", "goal", "met"
	line = sprintf("%175s", ""); gsub(/ /, "-", line); print line
}
{
	printf "%-50s %-16s %12s  %-28s %12s %9s  %-26s %s\n", $2, $3, num($4), $5, num($6), num($7), $8, $9
	if ($10 != "") notes[++n] = "  " $1 ": " $10
}
END { if (n) { print ""; print "notes:"; for (i = 1; i <= n; i++) print notes[i] } }
' "$rows"

uname_m=$(uname -m)
cpu=$(awk -F ': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
awk -F '\t' -v runs="$runs" -v date="$(date -u +%Y-%m-%dT%H:%M:%SZ)" -v machine="$uname_m, $(nproc) CPUs, $cpu" '
function str(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
function val(v) { return v == "nan" || v == "-" || v == "" ? "null" : v + 0 }
BEGIN { printf "{\n  \"date\": %s,\n  \"machine\": %s,\n  \"runs\": %d,\n  \"rows\": [", str(date), str(machine), runs }
{
	printf "%s\n    {\"id\": %s, \"figure\": %s, \"unit\": %s, \"crossrt\": %s, \"peer\": %s, \"peer_value\": %s, \"ratio\": %s, \"goal\": %s, \"met\": %s, \"note\": %s}",
		(NR > 1 ? "," : ""), str($1), str($2), str($3), val($4), str($5), val($6), val($7), str($8),
		$9 == "met" ? "true" : $9 == "not met" ? "false" : "null", str($10)
}
END { print "\n  ]\n}" }
' "$rows" >"$json"
echo
echo "machine: $uname_m, $(nproc) CPUs, $cpu; median of $runs runs; written to $json"
